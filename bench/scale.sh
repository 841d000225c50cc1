#!/bin/sh
# Issue 14's benchmark (a measurement, not a test: it takes a few minutes).
# From a build tree (make check-TESTS not needed; it builds first-frame):
#   make tests/screen/first-frame && top_builddir=$PWD top_srcdir=/path/to/src \
#       sh $top_srcdir/bench/scale.sh
# or `make bench-scale`.  Prints, side by side in one run:
#  1. exec to the first complete frame and peak RSS of rotwiz (token given:
#     step 1, sign-in and the prefetch in the background) and of
#     `dialog --form`, on the same 100x30 pty (tests/screen/first-frame),
#     median of RUNS (15); the peak RSS both when the first frame was seen
#     and over the whole run (with a token, the prefetch has loaded libcurl
#     by the time the typed quit is read).
#  2. for SIZES (1000 10000 100000) Azure apps on the connection
#     (rotwiz-sandbox --seed-apps N): load-to-usable (rotwiz's start to the
#     first frame showing the loaded app list, the name and one PgDn a step
#     typed ahead), the per-keystroke filter latency (a filter key read to
#     its frame drawn: median and worst of FILTER typed then erased, each
#     key once its frame is on screen), the longest the loop went without
#     reading the keyboard (busy, not waiting on it: the list arriving and
#     parsing falls in this run) and rotwiz's peak RSS.  The figures
#     come from ROTWIZ_TUI_STATS (tui/tui.c: write_stats).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

RUNS=${RUNS:-15}
SIZES=${SIZES-1000 10000 100000}	# SIZES= (empty): the first part only
FILTER=${FILTER:-app 0042}
WAIT_STEPS=1200		# a 100,000-app list may take a while before the change

measure() {	# measure NAME MARKER KEYS COMMAND...
	_name=$1
	shift
	first_frame "$@"
	[ "$FRAME_KIB" = -1 ] && FRAME_KIB=exited	# gone before its status could be read
	printf '%-36s first frame %6s ms   peak RSS at it %6s KiB, whole run %6s KiB\n' \
		"$_name" "$FRAME_MS" "$FRAME_KIB" "$PEAK_KIB"
}

stat_of() { awk -v k="$1" '$1 == k { print $NF }' "$T/stats"; }

[ -x "$top_builddir/tests/screen/first-frame" ] ||
	{ echo "build tests/screen/first-frame first (make tests/screen/first-frame)"; exit 1; }

screen_sandbox
run_begin
mkdir -p "$RUN_HOME" "$RUN_STATE"
run_checked
echo "== exec to first complete frame, peak memory (pty 100x30, median of $RUNS)"
measure "rotwiz, token given (step 1)" "^C quit" '\x03y' \
	env INFISICAL_DOMAIN="$SANDBOX_URL" INFISICAL_TOKEN=$USER_TOKEN "$top_builddir/rotwiz"
measure "rotwiz, no token given" "^C quit" '\x03y' \
	env INFISICAL_DOMAIN="$SANDBOX_URL" "$top_builddir/rotwiz"
measure "rotwiz --version" "rotwiz" '' "$top_builddir/rotwiz" --version
if command -v dialog >/dev/null 2>&1; then
	measure "dialog --form" "ancel" '\e' dialog --form "New rotation" 20 70 10 \
		"Name:" 1 1 "" 1 20 40 64 "Description:" 2 1 "" 2 20 40 256
else
	echo "dialog: not installed (apt-get install dialog) -- no comparison"
fi
sandbox_stop

echo "== app lists (rotwiz-sandbox --seed-apps N, no latency; filter \"$FILTER\" typed and erased)"
for n in $SIZES; do
	screen_sandbox --seed-apps "$n"
	rm -f "$T/stats"
	screen_run INFISICAL_TOKEN=$USER_TOKEN ROTWIZ_TUI_STATS=$T/stats
	wait_for "1/7 Rotation" || { echo "rotwiz did not start"; show_screen; exit 1; }
	txt "bench-$n"
	keys NPage NPage NPage
	total=$((n + 7))	# the seeded Contoso apps (sandbox/seed.c)
	if ! wait_for "$total apps"; then
		printf '%7s apps: never usable; the screen says: %s\n' "$n" \
			"$(screen | grep -i -m1 -e 'larger\|could not\|failed\|error' | tr -s ' ')"
		keys C-c
		wait_for "Quit" >/dev/null
		keys y
		wait_exit
		run_checked
		tm kill-server >/dev/null 2>&1
		sandbox_stop
		continue
	fi
	f=$FILTER
	typed=
	while [ -n "$f" ]; do
		c=$(printf '%s' "$f" | cut -c1)
		f=$(printf '%s' "$f" | cut -c2-)
		typed="$typed$c"
		txt "$c"
		wait_for "match \"$typed\"" || { echo "filter \"$typed\" never drawn"; show_screen; exit 1; }
	done
	while [ -n "$typed" ]; do
		keys BSpace
		typed=${typed%?}
		if [ -n "$typed" ]; then
			wait_for "match \"$typed\"" || { echo "filter \"$typed\" never drawn"; exit 1; }
		else
			wait_for "$total apps" || { echo "cleared filter never drawn"; exit 1; }
		fi
	done
	keys C-c
	wait_for "Quit" >/dev/null
	keys y
	wait_exit
	run_checked
	[ -s "$T/stats" ] || { echo "no stats from rotwiz (exit $rc)"; show_screen; exit 1; }
	printf '%7s apps: load to usable %6s ms   longest key stall %6s ms   filter key median %5s ms, worst %5s ms (%s keys)   peak RSS %7s KiB\n' \
		"$n" "$(awk '$1 == "usable_ms" && $2 == "apps" { print $3 }' "$T/stats")" \
		"$(awk '$1 == "key_stall_us_max" { printf "%.1f", $2 / 1000 }' "$T/stats")" \
		"$(awk '$1 == "filter_us_median" { printf "%.2f", $2 / 1000 }' "$T/stats")" \
		"$(awk '$1 == "filter_us_max" { printf "%.2f", $2 / 1000 }' "$T/stats")" \
		"$(stat_of filter_keys)" "$(stat_of peak_rss_kib)"
	[ -n "${VERBOSE:-}" ] && grep '^filter_us ' "$T/stats"
	tm kill-server >/dev/null 2>&1
	sandbox_stop
done
