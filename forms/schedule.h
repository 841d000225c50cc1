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

#endif
