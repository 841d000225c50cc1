#include "config.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sandbox/clock.h"

#define DAY_MS ((int64_t) 86400 * 1000)

/* 0: real time.  Written before any thread starts, read by all. */
static _Atomic int64_t frozen_ms;
static atomic_int frozen;
/* --speed: sandbox time = run_start + (monotonic now - mono_start) * speed. */
static _Atomic long run_speed;
static _Atomic int64_t run_start_ms, mono_start_ms;

static int64_t
clock_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
sb_now_ms(void)
{
	if (atomic_load(&run_speed) > 0)
		return atomic_load(&run_start_ms) +
		       (clock_ms(CLOCK_MONOTONIC) - atomic_load(&mono_start_ms)) * atomic_load(&run_speed);
	if (atomic_load(&frozen))
		return atomic_load(&frozen_ms);
	return clock_ms(CLOCK_REALTIME);
}

void
sb_clock_run(int64_t start_ms, long speed)
{
	atomic_store(&run_start_ms, start_ms);
	atomic_store(&mono_start_ms, clock_ms(CLOCK_MONOTONIC));
	atomic_store(&run_speed, speed);
}

void
sb_clock_freeze(int64_t ms)
{
	atomic_store(&frozen_ms, ms);
	atomic_store(&frozen, 1);
}

/* Floor division, so that times before 1970 split into day and rest correctly. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

void
sb_time_format(int64_t ms, char out[SB_TIME_LEN])
{
	time_t secs = (time_t) floor_div(ms, 1000);
	int milli = (int) (ms - (int64_t) secs * 1000);
	/* Wide enough for any int the compiler imagines in the fields. */
	char text[128];
	struct tm tm;
	long year;
	size_t len;

	if (!gmtime_r(&secs, &tm)) {
		snprintf(out, SB_TIME_LEN, "1970-01-01T00:00:00.000Z");
		return;
	}
	year = (long) tm.tm_year + 1900;
	/* toISOString() writes years past 9999 in the six-digit extended form. */
	if (year >= 0 && year <= 9999)
		snprintf(text, sizeof(text), "%04ld-%02d-%02dT%02d:%02d:%02d.%03dZ", year,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, milli);
	else
		snprintf(text, sizeof(text), "%c%06ld-%02d-%02dT%02d:%02d:%02d.%03dZ",
			 year < 0 ? '-' : '+', year < 0 ? -year : year,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, milli);
	len = strlen(text);
	if (len >= SB_TIME_LEN)
		len = SB_TIME_LEN - 1;
	memcpy(out, text, len);
	out[len] = '\0';
}

int
sb_time_parse(const char *text, int64_t *ms)
{
	struct tm tm;
	int y, mo, d, h, mi, s, milli = 0, n = 0;
	time_t secs;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 || n != 19)
		return -1;
	text += n;
	if (*text == '.') {
		int digits = 0;

		for (text++; *text >= '0' && *text <= '9'; text++, digits++)
			if (digits < 3)
				milli = milli * 10 + (*text - '0');
		if (digits == 0)
			return -1;
		for (; digits < 3; digits++)
			milli *= 10;
	}
	if (strcmp(text, "Z") != 0)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	secs = timegm(&tm);
	/* timegm normalises 31 February into March: refuse what moved. */
	if (tm.tm_mday != d || tm.tm_mon != mo - 1)
		return -1;
	*ms = (int64_t) secs * 1000 + milli;
	return 0;
}

int64_t
sb_day_start(int64_t ms)
{
	return floor_div(ms, DAY_MS) * DAY_MS;
}

int64_t
sb_next_rotation_at(int64_t last_rotated_ms, double hours, double minutes,
		    long interval_days, int manual)
{
	int64_t day = sb_day_start(last_rotated_ms);
	int64_t in_day = last_rotated_ms - day;
	double last_hour = (double) (in_day / (3600 * 1000));
	double last_minute = (double) ((in_day / (60 * 1000)) % 60);
	int64_t at = day + (int64_t) trunc(hours) * 3600 * 1000 + (int64_t) trunc(minutes) * 60 * 1000;
	long days = interval_days;

	if (manual && (last_hour > hours || (last_hour == hours && last_minute >= minutes)))
		days++;
	return at + (int64_t) days * DAY_MS;
}

int64_t
sb_next_day_at(int64_t now_ms, double hours, double minutes)
{
	return sb_day_start(now_ms) + DAY_MS + (int64_t) trunc(hours) * 3600 * 1000 +
	       (int64_t) trunc(minutes) * 60 * 1000;
}
