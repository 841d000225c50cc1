#!/bin/sh
# The measurement of issue 12 (not part of make check; about ten seconds):
# rotwiz manage against rotwiz-sandbox --seed-rotations 498 (500 rotations
# with the two it always seeds), LATENCY ms a request (default 0):
#   - seconds from the start of rotwiz to the full list on screen (its
#     count line and the first rows drawn), median of RUNS runs;
#   - the keys to rotate one rotation and to delete one, from the list;
#   - the requests each action made (the sandbox's own count, less the
#     stats requests themselves).
# Run from a build tree:
#   top_builddir=$PWD top_srcdir=/path/to/src sh $top_srcdir/tests/screen/measure-manage.sh
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

RUNS=${RUNS:-5}
LATENCY=${LATENCY:-0}
WAIT_STEPS=1000		# polled every 10 ms: 10 s
WAIT_SLEEP=0.01
if [ "$LATENCY" -gt 0 ]; then
	screen_sandbox --seed-rotations 498 --latency "$LATENCY"
else
	screen_sandbox --seed-rotations 498
fi

now_ms() { echo $(($(date +%s%N) / 1000000)); }
requests() {
	curl -sS "$SANDBOX_URL/sandbox/stats" >"$T/sbstats"
	"$JSON_GET" "$T/sbstats" requests
}
# Requests since the last mark into $got, less the one stats request that reads them.
mark=0
since() {
	_now=$(requests)
	got=$((_now - mark - 1))
	mark=$_now
}

times=
i=0
while [ $i -lt "$RUNS" ]; do
	mark=$(requests)
	t0=$(now_ms)
	screen_run INFISICAL_TOKEN=$USER_TOKEN -- manage --project $PAYMENTS
	wait_for "Rotations"
	tf=$(now_ms)
	wait_for "500 rotations in every environment" && wait_for "bulk-0005"
	ok $? "full_list_of_500_run_$i"
	t1=$(now_ms)
	times="$times $((t1 - t0))"
	firsts="$firsts $((tf - t0))"
	since
	n_open=$got
	keys C-c
	exits 0 "quits_$i"
	i=$((i + 1))
done
median=$(echo $times | tr ' ' '\n' | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
echo "== rotwiz manage to a full list of 500 rotations (sandbox latency ${LATENCY} ms)"
fmedian=$(echo $firsts | tr ' ' '\n' | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
echo "runs (ms):$times; median $median ms (the first frame, tmux's start included: median $fmedian ms)"
echo "requests to open it: $n_open (sign-in's projects check and the list)"

screen_run INFISICAL_TOKEN=$USER_TOKEN -- manage --project $PAYMENTS
wait_for "500 rotations in every environment"
mark=$(requests)
# Rotate the third: Down Down, Enter opens it, r asks, y rotates.
keys Down Down Enter r y
wait_for "Rotated: the active credential"
ok $? "rotated_one"
since
echo "rotate one: 5 keys from the list (Down Down Enter r y; 3 for the first row), $got request(s)"
keys Escape
wait_for "500 rotations in every environment"
name=bulk-0002
# Delete the fourth: Down, Enter, d, its name, Enter.
keys Down Enter d
wait_for "Type the rotation's name ($name)"
txt "$name"
keys Enter
wait_for "499 rotations in every environment"
ok $? "deleted_one"
since
echo "delete one: $((3 + ${#name} + 1)) keys from the list (Down Enter d, the name's ${#name}, Enter), $got request(s) (the delete and the list again)"
keys Up Enter c
wait_for "client secret  ********"
since
echo "credentials: 3 keys (Up Enter c), $got request(s)"
keys C-c
exits 0 "quits"
done_testing
