#include "config.h"

#include <stdio.h>
#include <string.h>

#include "forms/schedule.h"

#define DAY_SECONDS 86400L

/* hours:minutes on now's UTC date; (time_t) -1 when there is no such time. */
static time_t
slot_today(time_t now, int hours, int minutes)
{
	struct tm day;

	if (!gmtime_r(&now, &day))
		return (time_t) -1;
	day.tm_hour = hours;
	day.tm_min = minutes;
	day.tm_sec = 0;
	return timegm(&day);
}

time_t
rw_schedule_first_rotation(time_t now, long interval_days, int hours, int minutes)
{
	time_t at = slot_today(now, hours, minutes);

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
rw_schedule_format_time(time_t t, int local, char *buf, size_t bufsz)
{
	format(t, local, local ? "%Y-%m-%d %H:%M %Z" : "%Y-%m-%d %H:%M UTC", buf, bufsz);
}

void
rw_schedule_text(time_t now, int auto_rotation, long interval_days, int hours,
		    int minutes, char *buf, size_t bufsz)
{
	char local_at[64], first_utc[64], first_local[64];
	time_t at, first;

	if (!auto_rotation) {
		snprintf(buf, bufsz, "Auto-rotation is off: Infisical rotates the secret only "
			 "when asked (the interval still sets how long each secret lives).");
		return;
	}
	/* Today's slot in local time: the same clock time every day, short of a DST change. */
	at = slot_today(now, hours, minutes);
	if (at == (time_t) -1)
		snprintf(local_at, sizeof(local_at), "?");
	else
		format(at, 1, "%H:%M %Z", local_at, sizeof(local_at));
	first = rw_schedule_first_rotation(now, interval_days, hours, minutes);
	rw_schedule_format_time(first, 0, first_utc, sizeof(first_utc));
	rw_schedule_format_time(first, 1, first_local, sizeof(first_local));
	snprintf(buf, bufsz, "Rotates every %ld day%s at %02d:%02d UTC (%s local time).\n"
		 "First automatic rotation: %s (local time %s).",
		 interval_days, interval_days == 1 ? "" : "s", hours, minutes, local_at,
		 first_utc, first_local);
}
