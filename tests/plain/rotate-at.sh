#!/bin/sh
# The rotate-at prompt takes the hour alone (then the minute is asked),
# HH:MM in UTC, or HH:MM local (doc/contract.md 2.2, decision 8): a local
# time is turned into UTC by the zone's offset today, said in both zones
# with the summer-time shift, and UTC is what reaches the server.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

# Europe/Paris's offset now, in minutes east of UTC ("+0100" -> 60).
OFFSET=$(TZ=Europe/Paris date +%z | awk '{ s = substr($0, 1, 1) == "-" ? -1 : 1;
	print s * (substr($0, 2, 2) * 60 + substr($0, 4, 2)) }')
set -- $(awk -v d="$OFFSET" 'BEGIN { t = ((7 * 60 + 30 - d) % 1440 + 1440) % 1440;
	printf "%d %d\n", int(t / 60), t % 60 }')
UTC_H=$1 UTC_M=$2
UTC_0730=$(printf '%02d:%02d' "$1" "$2")
if [ "$(TZ=Europe/Paris date +%Z)" = CET ]; then NEXT_TIME="summer time"; else NEXT_TIME="standard time"; fi

plain_sandbox
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN TZ=Europe/Paris"

answers \
	plain-local '' \
	'Payments Platform' dev /workers \
	1 'Payments API' \
	'' 14 '07:30 local' \
	LOCAL_ID LOCAL_SECRET \
	c q
plain
is_rc 0 a_local_time_session_exits_0
shows the_prompt_says_what_it_takes 'HH:MM local'
shows the_local_time_is_shown_in_both_zones "$UTC_0730 UTC, 07:30 in Europe/Paris"
shows with_the_summer_time_shift "($NEXT_TIME) $UTC_0730 UTC is"
hides the_minute_is_not_asked_again 'Rotate at minute (UTC) ['
if server_get plain-local dev /workers; then ok 0 server_holds_it; else ok 1 server_holds_it; fi
held utc_hours_reach_the_server rotateAtUtc.hours "$UTC_H"
held utc_minutes_reach_the_server rotateAtUtc.minutes "$UTC_M"

# HH:MM alone is UTC; a bad local time is refused naming its rule and
# value, and the hour alone still asks for the minute.
answers \
	plain-utc '' \
	'Payments Platform' dev /frontend \
	1 'Payments API' \
	'' '' '25:00 local' '06:30' \
	UTC_ID UTC_SECRET \
	c q
plain
is_rc 0 a_utc_time_session_exits_0
shows a_bad_local_time_is_refused 'Rotate at (local time): the hour must be from 00 to 23, got "25:00"'
shows hh_mm_alone_is_utc "06:30 UTC,"
if server_get plain-utc dev /frontend; then ok 0 server_holds_the_utc_one; else ok 1 server_holds_the_utc_one; fi
held hh_mm_hours rotateAtUtc.hours 6
held hh_mm_minutes rotateAtUtc.minutes 30

done_testing
