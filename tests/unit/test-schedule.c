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

/* ---- the time of day given in local time (doc/contract.md 2.2, decision 8) ---- */

static void
hhmm_is(const char *text, int want_rc, int want_h, int want_m, const char *name)
{
	int h = -1, m = -1, rc = rw_schedule_parse_hhmm(text, &h, &m);

	if (!ok(rc == want_rc && (rc != 0 || (h == want_h && m == want_m)), "%s", name))
		diag("\"%s\": got %d (%d:%d), want %d (%d:%d)", text, rc, h, m, want_rc, want_h,
		     want_m);
}

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* Europe/Paris's rule written out, so that no tzdata file is needed. */
#define PARIS_RULE "CET-1CEST,M3.5.0,M10.5.0/3"

static void
local_time(void)
{
	time_t winter = at(2026, 12, 1, 12, 0, 0), summer = at(2026, 7, 1, 12, 0, 0);
	char text[512], msg[256];
	int h = -1, m = -1, lh = -1, lm = -1;

	hhmm_is("", RW_HHMM_NOT_HHMM, 0, 0, "an_empty_time_is_not_hh_mm");
	hhmm_is("7", RW_HHMM_HOUR_ONLY, 0, 0, "an_hour_alone_is_told_apart");
	hhmm_is("7:5", RW_HHMM_NOT_HHMM, 0, 0, "one_minute_digit_is_not_hh_mm");
	hhmm_is("07:05 ", RW_HHMM_NOT_HHMM, 0, 0, "a_trailing_space_is_not_hh_mm");
	hhmm_is("ab:cd", RW_HHMM_NOT_HHMM, 0, 0, "letters_are_not_hh_mm");
	hhmm_is("24:00", RW_HHMM_BAD_HOURS, 0, 0, "hour_24_is_out_of_range");
	hhmm_is("07:60", RW_HHMM_BAD_MINUTES, 0, 0, "minute_60_is_out_of_range");
	hhmm_is("25:61", RW_HHMM_BAD_HOURS | RW_HHMM_BAD_MINUTES, 0, 0, "both_out_of_range_together");
	hhmm_is("7:05", 0, 7, 5, "a_one_digit_hour_is_read");
	hhmm_is("23:59", 0, 23, 59, "the_last_minute_of_the_day_is_read");

	zone(PARIS_RULE);
	rw_schedule_local_to_utc(winter, 7, 30, &h, &m);
	ok(h == 6 && m == 30, "winter_local_07_30_is_06_30_utc");
	rw_schedule_local_to_utc(summer, 7, 30, &h, &m);
	ok(h == 5 && m == 30, "summer_local_07_30_is_05_30_utc");
	rw_schedule_local_to_utc(winter, 0, 30, &h, &m);
	ok(h == 23 && m == 30, "local_00_30_is_the_utc_day_before");
	rw_schedule_utc_to_local(winter, 23, 30, &lh, &lm);
	ok(lh == 0 && lm == 30, "utc_23_30_is_local_00_30");
	zone("IST-5:30");
	rw_schedule_local_to_utc(winter, 0, 15, &h, &m);
	ok(h == 18 && m == 45, "half_hour_offsets_carry_the_minutes");

	zone(PARIS_RULE);
	rw_schedule_both_zones(winter, 6, 30, 1, text, sizeof(text));
	has(text, "06:30 UTC, 07:30 in CET", "both_zones_name_utc_and_local");
	has(text, "from 2027-03-28 (summer time) 06:30 UTC is 08:30 there",
	    "a_zone_with_summer_time_says_when_the_local_time_shifts");
	rw_schedule_both_zones(summer, 6, 30, 1, text, sizeof(text));
	has(text, "06:30 UTC, 08:30 in CEST", "in_summer_the_summer_offset");
	has(text, "from 2026-10-25 (standard time) 06:30 UTC is 07:30 there",
	    "and_the_shift_back_in_autumn");
	rw_schedule_text(winter, 1, 30, 0, 0, text, sizeof(text));
	/* The clocks change at 01:00 UTC: 00:00 UTC on that day is still winter. */
	has(text, "CET changes its clock: from 2027-03-29 (summer time) 00:00 UTC is 02:00 there.",
	    "the_schedule_summary_says_it_too");
	zone("IST-5:30");
	rw_schedule_both_zones(winter, 6, 30, 1, text, sizeof(text));
	is_str(text, "06:30 UTC, 12:00 in IST", "a_zone_without_summer_time_says_nothing_more");
	zone(PARIS_RULE);
	rw_schedule_both_zones(winter, 6, 30, 0, text, sizeof(text));
	is_str(text, "06:30 UTC, 07:30 in CET", "without_the_change_when_not_asked");
	zone("UTC");
	rw_schedule_both_zones(winter, 6, 30, 1, text, sizeof(text));
	is_str(text, "06:30 UTC (local time is UTC)", "local_time_utc_is_said_once");

	zone(":Europe/Paris");
	rw_schedule_zone_name(winter, text, sizeof(text));
	is_str(text, "Europe/Paris", "a_tz_name_is_shown_as_written");
	zone("/usr/share/zoneinfo/Asia/Kolkata");
	rw_schedule_zone_name(winter, text, sizeof(text));
	is_str(text, "Asia/Kolkata", "a_zoneinfo_path_is_shown_by_its_name");
	zone(PARIS_RULE);
	rw_schedule_zone_name(winter, text, sizeof(text));
	is_str(text, "CET", "a_posix_rule_is_shown_by_its_abbreviation");

	ok(rw_schedule_parse_local(winter, "07:30", "Local time", &h, &m, msg, sizeof(msg)) == 0 &&
	   h == 6 && m == 30, "parse_local_turns_local_into_utc");
	ok(rw_schedule_parse_local(winter, "25:00", "Local time", &h, &m, msg, sizeof(msg)) < 0,
	   "parse_local_refuses_25_00");
	has(msg, "Local time: the hour must be from 00 to 23, got \"25:00\"",
	    "the_refusal_names_the_field_rule_and_value");
	rw_schedule_parse_local(winter, "7", "Local time", &h, &m, msg, sizeof(msg));
	has(msg, "for 7 o'clock write 07:00", "an_hour_alone_is_shown_how_to_write_it");
	rw_schedule_parse_local(winter, "7.30", "Local time", &h, &m, msg, sizeof(msg));
	has(msg, "expected HH:MM on a 24-hour clock, such as 07:05, got \"7.30\"",
	    "another_shape_is_named_with_an_example");
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

	local_time();
	return done_testing();
}
