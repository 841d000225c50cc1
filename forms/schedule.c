#include "config.h"

#include <stdio.h>
#include <string.h>

#include "forms/schedule.h"

#define DAY_SECONDS 86400L

time_t
rw_schedule_first_rotation(time_t now, long interval_days, int hours, int minutes)
{
	struct tm day;
	time_t at;

	if (!gmtime_r(&now, &day))
		return (time_t) -1;
	day.tm_hour = hours;
	day.tm_min = minutes;
	day.tm_sec = 0;
	at = timegm(&day);
	if (at == (time_t) -1)
		return at;
	/* Created (a manual rotation) at or after today's slot: a full interval must still pass. */
	if (now >= at)
		at += DAY_SECONDS;
	/* POSIX time has no leap seconds, so UTC days are exactly 86400 s. */
	return at + interval_days * DAY_SECONDS;
}

static void
format(time_t t, int local, const char *fmt, char *buf, size_t bufsz)
{
	struct tm tm;

	if (!(local ? localtime_r(&t, &tm) : gmtime_r(&t, &tm)) || !strftime(buf, bufsz, fmt, &tm))
		snprintf(buf, bufsz, "?");
}

void
rw_schedule_text(time_t now, int auto_rotation, long interval_days, int hours,
		    int minutes, char *buf, size_t bufsz)
{
	char local_at[64], first_utc[64], first_local[64];
	struct tm day;
	time_t at, first;

	if (!auto_rotation) {
		snprintf(buf, bufsz, "Auto-rotation is off: Infisical rotates the secret only "
			 "when asked (the interval still sets how long each secret lives).");
		return;
	}
	/* Today's slot in local time: the same clock time every day, short of a DST change. */
	if (gmtime_r(&now, &day)) {
		day.tm_hour = hours;
		day.tm_min = minutes;
		day.tm_sec = 0;
		at = timegm(&day);
		format(at, 1, "%H:%M %Z", local_at, sizeof(local_at));
	} else {
		snprintf(local_at, sizeof(local_at), "?");
	}
	first = rw_schedule_first_rotation(now, interval_days, hours, minutes);
	format(first, 0, "%Y-%m-%d %H:%M UTC", first_utc, sizeof(first_utc));
	format(first, 1, "%Y-%m-%d %H:%M %Z", first_local, sizeof(first_local));
	snprintf(buf, bufsz, "Rotates every %ld day%s at %02d:%02d UTC (%s local time).\n"
		 "First automatic rotation: %s (local time %s).",
		 interval_days, interval_days == 1 ? "" : "s", hours, minutes, local_at,
		 first_utc, first_local);
}
