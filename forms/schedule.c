#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "forms/schedule.h"
#include "forms/validate.h"

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

static void change_words(time_t now, int hours, int minutes, const char *lead, char *buf,
			 size_t bufsz);

void
rw_schedule_text(time_t now, int auto_rotation, long interval_days, int hours,
		    int minutes, char *buf, size_t bufsz)
{
	char local_at[64], first_utc[64], first_local[64], zone[128], change[160];
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
	change_words(now, hours, minutes, "", change, sizeof(change));
	if (change[0])
		rw_schedule_zone_name(now, zone, sizeof(zone));
	snprintf(buf, bufsz, "Rotates every %ld day%s at %02d:%02d UTC (%s local time).\n"
		 "First automatic rotation: %s (local time %s).%s%s%s%s",
		 interval_days, interval_days == 1 ? "" : "s", hours, minutes, local_at,
		 first_utc, first_local, change[0] ? "\n" : "", change[0] ? zone : "",
		 change[0] ? " changes its clock: " : "", change);
	if (change[0] && strlen(buf) + 2 <= bufsz)
		strcat(buf, ".");
}

/* ---- a time of day given in local time (doc/contract.md 2.2, decision 8) ---- */

int
rw_schedule_parse_hhmm(const char *text, int *hours, int *minutes)
{
	const char *colon = strchr(text, ':');
	size_t hlen = colon ? (size_t) (colon - text) : strlen(text);
	int h, m, fault = 0;

	if (!colon) {
		if (hlen >= 1 && hlen <= 2 && strspn(text, "0123456789") == hlen)
			return RW_HHMM_HOUR_ONLY;
		return RW_HHMM_NOT_HHMM;
	}
	if (hlen < 1 || hlen > 2 || strspn(text, "0123456789") != hlen ||
	    strlen(colon + 1) != 2 || strspn(colon + 1, "0123456789") != 2)
		return RW_HHMM_NOT_HHMM;
	h = atoi(text);
	m = atoi(colon + 1);
	if (h > 23)
		fault |= RW_HHMM_BAD_HOURS;
	if (m > 59)
		fault |= RW_HHMM_BAD_MINUTES;
	if (!fault) {
		*hours = h;
		*minutes = m;
	}
	return fault;
}

/* The zone's offset east of UTC at t, in minutes (0 when it cannot be told). */
static long
offset_minutes(time_t t)
{
	struct tm tm;

	if (!localtime_r(&t, &tm))
		return 0;
	return tm.tm_gmtoff / 60;
}

static void
add_minutes(int hours, int minutes, long delta, int *out_hours, int *out_minutes)
{
	long t = ((hours * 60L + minutes + delta) % 1440 + 1440) % 1440;

	*out_hours = (int) (t / 60);
	*out_minutes = (int) (t % 60);
}

void
rw_schedule_local_to_utc(time_t now, int hours, int minutes, int *utc_hours, int *utc_minutes)
{
	add_minutes(hours, minutes, -offset_minutes(now), utc_hours, utc_minutes);
}

void
rw_schedule_utc_to_local(time_t now, int utc_hours, int utc_minutes, int *hours, int *minutes)
{
	add_minutes(utc_hours, utc_minutes, offset_minutes(now), hours, minutes);
}

/* "CET-1CEST,M3.5.0,M10.5.0/3", "EST5EDT", "<+0530>-5:30": a rule, not a zone's name. */
static int
is_posix_rule(const char *tz)
{
	size_t alpha = strspn(tz, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

	return *tz == '<' || strchr(tz, ',') ||
	       (alpha >= 3 && tz[alpha] && strchr("+-0123456789", tz[alpha]));
}

void
rw_schedule_zone_name(time_t now, char *buf, size_t bufsz)
{
	const char *tz = getenv("TZ"), *in;
	char link[512];
	ssize_t n;

	if (tz && *tz == ':')
		tz++;
	if (tz && !*tz)
		tz = "UTC";	/* POSIX: an empty TZ is UTC */
	if (!tz && (n = readlink("/etc/localtime", link, sizeof(link) - 1)) > 0) {
		link[n] = '\0';
		tz = link;
	}
	if (tz && (in = strstr(tz, "zoneinfo/")) && in[9]) {
		snprintf(buf, bufsz, "%s", in + 9);
		return;
	}
	/* A name ("Europe/Paris", "UTC") as written; a rule ("CET-1CEST,...") by its abbreviation. */
	if (tz && *tz != '/' && !is_posix_rule(tz))
		snprintf(buf, bufsz, "%s", tz);
	else
		format(now, 1, "%Z", buf, bufsz);
}

/*
 * The first day within a year on which the zone's offset at hours:minutes
 * UTC differs from today's: its local date, the local time it then is, and
 * whether that is summer time.  Returns 0 when there is none.
 */
static int
clock_change(time_t now, int hours, int minutes, char *date, size_t datesz, int *local_hours,
	     int *local_minutes, int *summer)
{
	time_t slot = slot_today(now, hours, minutes), t;
	long today = offset_minutes(now);
	struct tm tm;
	int k;

	if (slot == (time_t) -1)
		return 0;
	for (k = 0; k <= 366; k++) {
		t = slot + k * DAY_SECONDS;
		if (t <= now || offset_minutes(t) == today)
			continue;
		if (!localtime_r(&t, &tm))
			return 0;
		strftime(date, datesz, "%Y-%m-%d", &tm);
		*local_hours = tm.tm_hour;
		*local_minutes = tm.tm_min;
		*summer = tm.tm_isdst > 0;
		return 1;
	}
	return 0;
}

/* "; from 2027-03-28 (summer time) 06:30 UTC is 08:30 there", or "" without a change. */
static void
change_words(time_t now, int hours, int minutes, const char *lead, char *buf, size_t bufsz)
{
	char date[32];
	int lh, lm, summer;

	if (!clock_change(now, hours, minutes, date, sizeof(date), &lh, &lm, &summer)) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, bufsz, "%sfrom %s (%s) %02d:%02d UTC is %02d:%02d there", lead, date,
		 summer ? "summer time" : "standard time", hours, minutes, lh, lm);
}

void
rw_schedule_both_zones(time_t now, int utc_hours, int utc_minutes, int with_change, char *buf,
		       size_t bufsz)
{
	char zone[128], change[160];
	int lh, lm;

	rw_schedule_zone_name(now, zone, sizeof(zone));
	change_words(now, utc_hours, utc_minutes, "; ", change, sizeof(change));
	if (offset_minutes(now) == 0 && !change[0]) {
		snprintf(buf, bufsz, "%02d:%02d UTC (local time is UTC)", utc_hours, utc_minutes);
		return;
	}
	rw_schedule_utc_to_local(now, utc_hours, utc_minutes, &lh, &lm);
	snprintf(buf, bufsz, "%02d:%02d UTC, %02d:%02d in %s%s", utc_hours, utc_minutes, lh, lm,
		 zone, with_change ? change : "");
}

void
rw_schedule_hhmm_message(int fault, const char *text, const char *label, char *msg, size_t msgsz)
{
	char shown[RW_SHOWN_MAX] = "";

	/*
	 * Text that is not HH:MM may be anything: it is quoted as every refused
	 * value is (escaped, cut at a whole character).  The other faults come
	 * only from digits and a colon, shown as they are.
	 */
	if (fault & RW_HHMM_NOT_HHMM)
		rw_show_value(text, shown, sizeof(shown));
	if (fault == RW_HHMM_HOUR_ONLY)
		snprintf(msg, msgsz, "%s: expected HH:MM, hours and minutes, got \"%s\" -- for %s "
			 "o'clock write %02d:00", label, text, text, atoi(text));
	else if (fault & RW_HHMM_NOT_HHMM)
		snprintf(msg, msgsz, "%s: expected HH:MM on a 24-hour clock, such as 07:05, "
			 "got \"%s\"", label, shown);
	else if (fault & RW_HHMM_BAD_HOURS)
		snprintf(msg, msgsz, "%s: the hour must be from 00 to 23, got \"%s\"%s", label, text,
			 strcmp(text, "24:00") == 0 ? " -- midnight is 00:00" : "");
	else
		snprintf(msg, msgsz, "%s: the minute must be from 00 to 59, got \"%s\"", label, text);
}

int
rw_schedule_parse_local(time_t now, const char *text, const char *label, int *utc_hours,
			int *utc_minutes, char *msg, size_t msgsz)
{
	int h, m, fault = rw_schedule_parse_hhmm(text, &h, &m);

	if (fault) {
		rw_schedule_hhmm_message(fault, text, label, msg, msgsz);
		return -1;
	}
	rw_schedule_local_to_utc(now, h, m, utc_hours, utc_minutes);
	return 0;
}
