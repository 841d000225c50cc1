#ifndef ROTWIZ_FORMS_SCHEDULE_H
#define ROTWIZ_FORMS_SCHEDULE_H

/*
 * When a new rotation first rotates by itself, by the server's rule
 * (doc/api.md section 2, nextRotationAt): the creation counts as a
 * manual rotation at `now`, so the first automatic one is `now`'s UTC date
 * at hours:minutes plus interval days, plus one more day when `now` is at
 * or after that day's rotate time (a full interval always passes).
 * No curses, no readline: the Schedule step of every front-end can use it.
 */

#include <stddef.h>
#include <time.h>

time_t rw_schedule_first_rotation(time_t now, long interval_days, int hours, int minutes);

/*
 * The Schedule step's summary, two lines without a trailing newline:
 *   Rotates every 30 days at 00:00 UTC (01:00 CET local time).
 *   First automatic rotation: 2026-12-27 00:00 UTC (local time 2026-12-27 01:00 CET).
 * and where the zone changes its clock within a year a third:
 *   Clock change: from 2027-03-28 (summer time) 00:00 UTC is 02:00 there.
 * or, with auto-rotation off, one line saying it rotates only when asked.
 */
void rw_schedule_text(time_t now, int auto_rotation, long interval_days, int hours,
			 int minutes, char *buf, size_t bufsz);

/*
 * A moment as "2026-11-28 00:00 UTC" (local 0) or "2026-11-28 01:00 CET"
 * (local 1: the TZ zone), the words every rotation time is shown in;
 * "?" when it cannot be shown.
 */
void rw_schedule_format_time(time_t t, int local, char *buf, size_t bufsz);

/*
 * A time of day as HH:MM on a 24-hour clock ("07:05", "7:05"; the minutes
 * always two digits).  Returns 0 with *hours and *minutes set, or what is
 * wrong: RW_HHMM_NOT_HHMM or RW_HHMM_HOUR_ONLY ("7"), else one or both of
 * RW_HHMM_BAD_HOURS (over 23) and RW_HHMM_BAD_MINUTES (over 59).  No
 * spaces are skipped: the caller trims what it may.
 */
enum {
	RW_HHMM_NOT_HHMM = 1,
	RW_HHMM_HOUR_ONLY = 2,
	RW_HHMM_BAD_HOURS = 4,
	RW_HHMM_BAD_MINUTES = 8,
};
int rw_schedule_parse_hhmm(const char *text, int *hours, int *minutes);

/*
 * A time of day in local time (TZ) as UTC, and back, by the zone's offset
 * at `now` (today's offset: the server keeps the UTC time, so a clock
 * change later moves the local time, which rw_schedule_both_zones says).
 */
void rw_schedule_local_to_utc(time_t now, int hours, int minutes, int *utc_hours,
			      int *utc_minutes);
void rw_schedule_utc_to_local(time_t now, int utc_hours, int utc_minutes, int *hours,
			      int *minutes);

/*
 * The local zone's name as the user knows it: TZ as written ("Europe/Paris",
 * without a leading ":" or a zoneinfo folder), /etc/localtime's zoneinfo
 * name when TZ is not set, and the abbreviation ("CET") for a POSIX rule
 * such as "CET-1CEST,M3.5.0,M10.5.0/3".
 */
void rw_schedule_zone_name(time_t now, char *buf, size_t bufsz);

/*
 * A UTC time of day in both zones, one sentence without a full stop:
 *   06:30 UTC, 07:30 in Europe/Paris; from 2027-03-28 (summer time) 06:30 UTC is 08:30 there
 * The part after ";" with with_change, and only where the zone's clock
 * changes within a year; "06:30 UTC (local time is UTC)" where the two are
 * the same all year.
 */
void rw_schedule_both_zones(time_t now, int utc_hours, int utc_minutes, int with_change,
			    char *buf, size_t bufsz);

/*
 * What is wrong with text, by the fault rw_schedule_parse_hhmm found, as
 * one message naming label, the rule and the value:
 *   Local time: the hour must be from 00 to 23, got "25:00"
 *   Rotate at (UTC): expected HH:MM, hours and minutes, got "7" -- for 7 o'clock write 07:00
 */
void rw_schedule_hhmm_message(int fault, const char *text, const char *label, char *msg,
			      size_t msgsz);

/*
 * A local "HH:MM" as typed, turned into UTC.  Returns 0, or -1 with a
 * message in msg (rw_schedule_hhmm_message).
 */
int rw_schedule_parse_local(time_t now, const char *text, const char *label, int *utc_hours,
			    int *utc_minutes, char *msg, size_t msgsz);

#endif
