#include "config.h"

/*
 * The first automatic rotation date the Schedule step shows, by the
 * server's nextRotationAt rule (doc/api.md section 2): the creation
 * counts as a manual rotation, so a full interval always passes.
 */

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/tap.h"
#include "forms/schedule.h"

static time_t
at(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return timegm(&tm);
}

static void
is_time(time_t got, time_t want, const char *name)
{
	char g[32], w[32];
	struct tm tm;

	if (ok(got == want, "%s", name))
		return;
	gmtime_r(&got, &tm);
	strftime(g, sizeof(g), "%Y-%m-%d %H:%M:%S", &tm);
	gmtime_r(&want, &tm);
	strftime(w, sizeof(w), "%Y-%m-%d %H:%M:%S", &tm);
	diag("got %s UTC, want %s UTC", g, w);
}

static int
has(const char *text, const char *part, const char *name)
{
	if (!ok(strstr(text, part) != NULL, "%s", name)) {
		diag("text: %s", text);
		diag("lacks: %s", part);
		return 0;
	}
	return 1;
}

int
main(void)
{
	char text[512];

	/* Nasty edges first: the exact second of the rotate time, and one before it. */
	is_time(rw_schedule_first_rotation(at(2026, 1, 10, 0, 0, 0), 30, 0, 0),
		at(2026, 2, 10, 0, 0, 0), "created_exactly_at_the_rotate_time_waits_an_extra_day");
	is_time(rw_schedule_first_rotation(at(2026, 1, 10, 4, 59, 59), 30, 5, 0),
		at(2026, 2, 9, 5, 0, 0), "created_a_second_before_the_rotate_time_takes_that_day");
	is_time(rw_schedule_first_rotation(at(2026, 1, 10, 23, 30, 0), 30, 0, 0),
		at(2026, 2, 10, 0, 0, 0), "created_after_the_rotate_time_counts_from_the_next_day");
	is_time(rw_schedule_first_rotation(at(2026, 1, 31, 12, 0, 0), 1, 6, 0),
		at(2026, 2, 2, 6, 0, 0), "interval_of_one_day_crosses_the_month_end");
	is_time(rw_schedule_first_rotation(at(2028, 2, 28, 10, 0, 0), 1, 9, 0),
		at(2028, 3, 1, 9, 0, 0), "a_leap_day_is_a_day");
	is_time(rw_schedule_first_rotation(at(2026, 6, 1, 0, 0, 1), 909, 23, 59),
		at(2028, 11, 26, 23, 59, 0), "interval_909_days_at_23_59");

	setenv("TZ", "UTC", 1);
	tzset();
	rw_schedule_text(at(2026, 1, 10, 12, 0, 0), 0, 30, 0, 0, text, sizeof(text));
	has(text, "Auto-rotation is off", "auto_rotation_off_says_so");
	ok(strstr(text, "First automatic") == NULL, "auto_rotation_off_shows_no_first_date");

	rw_schedule_text(at(2026, 1, 10, 12, 0, 0), 1, 1, 7, 5, text, sizeof(text));
	has(text, "every 1 day at 07:05 UTC", "one_day_is_singular");
	has(text, "2026-01-12 07:05 UTC", "first_date_in_utc");

	/* A zone without tzdata files: CET is one hour east of UTC. */
	setenv("TZ", "CET-1", 1);
	tzset();
	rw_schedule_text(at(2026, 1, 10, 12, 0, 0), 1, 30, 23, 30, text, sizeof(text));
	has(text, "every 30 days at 23:30 UTC (00:30 CET local time)",
	    "local_time_equivalent_of_the_rotate_time");
	has(text, "2026-02-09 23:30 UTC (local time 2026-02-10 00:30 CET)",
	    "first_date_in_local_time_crosses_midnight");

	/* The words the result summary shows its times in, too (libcore/report.c). */
	rw_schedule_format_time(at(2026, 11, 28, 0, 0, 0), 1, text, sizeof(text));
	is_str(text, "2026-11-28 01:00 CET", "local_format_uses_tz");
	rw_schedule_format_time(at(2026, 11, 28, 0, 0, 0), 0, text, sizeof(text));
	is_str(text, "2026-11-28 00:00 UTC", "utc_format_ignores_tz");
	return done_testing();
}
