# TAP helpers for shell tests.  Source it: . "$top_srcdir/tests/lib/tap.sh"
tap_n=0
tap_failed=0

ok() {		# ok STATUS NAME  (STATUS 0 = pass)
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

check() {	# check NAME COMMAND...: passes when COMMAND exits 0
	_name=$1; shift
	if "$@" >/dev/null 2>&1; then ok 0 "$_name"; else ok 1 "$_name"; fi
}

diag() { printf '# %s\n' "$*"; }

# done_testing runs tap_at_end first when a harness defines it (tests/lib/runs.sh).
done_testing() {
	if command -v tap_at_end >/dev/null 2>&1; then tap_at_end; fi
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# Checks of the last run of ./rotwiz, for the harnesses that keep its exit
# status in $rc and its output in $T/out and $T/err (tests/cli, tests/plain
# and tests/real lib.sh).
#   is_rc WANT NAME   one TAP line: $rc is WANT; when not, stderr and the
#                     last lines of stdout.  Under tests/lib/runs.sh the run
#                     counts as checked.  A harness that caps its runs with
#                     timeout(1) names the cap in RUN_CAP_S, and 124 is said
#                     to be the cap.
#   shows NAME TEXT   one TAP line: stdout holds TEXT (a fixed string)
#   hides NAME TEXT   one TAP line: neither stdout nor stderr holds TEXT
is_rc() {
	if command -v run_checked >/dev/null 2>&1; then run_checked; fi
	if [ "$rc" -eq "$1" ]; then
		ok 0 "$2"
		return 0
	fi
	ok 1 "$2"
	if [ "$rc" -eq 124 ] && [ -n "${RUN_CAP_S:-}" ]; then
		diag "cut off after $RUN_CAP_S s: it sat on a prompt or hung"
	fi
	diag "exit status $rc, wanted $1; stderr:"
	sed 's/^/#   /' "$T/err"
	if [ -s "$T/out" ]; then
		diag "last lines of stdout:"
		tail -n 15 "$T/out" | sed 's/^/#   /'
	fi
	return 1
}

shows() {
	if grep -qF -- "$2" "$T/out"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "stdout lacks: $2"
		tail -n 15 "$T/out" | sed 's/^/#   /'
	fi
}

hides() {
	if grep -qF -- "$2" "$T/out" "$T/err"; then
		ok 1 "$1"
		diag "shown: $2"
	else
		ok 0 "$1"
	fi
}
