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
