#!/bin/sh
# --rotate-at-local HH:MM (doc/contract.md 2.2, decision 8): the time in the
# zone of TZ, turned into UTC by the zone's offset today; the body carries
# UTC; stderr says it in both zones.  Refusals name the flag.  No server.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/cli/lib.sh"

FIELDS="--name local-test --project p1 --environment dev --connection $CONN --object-id $OBJ --client-id $CLI"

# TZ's offset now, in minutes east of UTC ("+0100" -> 60); HH MM in UTC.
utc_of() {	# ZONE HH MM
	TZ=$1 date +%z | awk -v h="$2" -v m="$3" '{
		s = substr($0, 1, 1) == "-" ? -1 : 1; d = s * (substr($0, 2, 2) * 60 + substr($0, 4, 2))
		t = ((h * 60 + m - d) % 1440 + 1440) % 1440
		printf "{\"hours\":%d,\"minutes\":%d}\n", int(t / 60), t % 60 }'
}

TZ=Europe/Paris rw --dry-run $FIELDS --rotate-at-local 07:30
is_rc 0 a_local_time_is_accepted
check the_body_carries_the_time_in_utc test "$("$JSON_GET" "$T/out" rotateAtUtc)" = "$(utc_of Europe/Paris 7 30)"
says stderr_says_both_zones "07:30 in Europe/Paris"
says stderr_names_the_flag "--rotate-at-local 07:30"
says stderr_says_the_summer_time_shift "time) "

TZ=IST-5:30 rw --dry-run $FIELDS --rotate-at-local 00:15
is_rc 0 a_half_hour_zone_is_accepted
check a_half_hour_zone_crosses_midnight test "$("$JSON_GET" "$T/out" rotateAtUtc)" = '{"hours":18,"minutes":45}'

TZ=UTC rw --dry-run $FIELDS --rotate-at-local 6:05
is_rc 0 a_utc_zone_is_accepted
check in_utc_the_time_is_the_same test "$("$JSON_GET" "$T/out" rotateAtUtc)" = '{"hours":6,"minutes":5}'

rw --dry-run $FIELDS --rotate-at-local 25:00
is_rc 2 hour_25_exits_2
one_line hour_25_is_one_line
says hour_25_names_the_rule_and_value 'from 00 to 23, got "25:00" (--rotate-at-local)'

rw --dry-run $FIELDS --rotate-at-local 7
is_rc 2 an_hour_alone_exits_2
says an_hour_alone_shows_how "write 07:00 (--rotate-at-local)"

rw --dry-run $FIELDS --rotate-at 06:00 --rotate-at-local 07:00
is_rc 2 both_flags_exit_2
one_line both_flags_is_one_line
says both_flags_are_named "--rotate-at or --rotate-at-local, not both"

rw --help
check help_names_the_flag grep -q -- '--rotate-at-local HH:MM' "$T/out"
done_testing
