#!/bin/sh
# tests/lib/timed-driver.sh DRIVER... : runs automake's TAP driver for one test
# and, when ROTWIZ_TEST_TIMES names a file, appends "SECONDS TEST" to it, so
# that a slow CI can say which tests its time went to (.ci/run prints the
# slowest of each pass).  The driver's exit status is kept.
name=
prev=
for arg; do
	[ "$prev" = --test-name ] && name=$arg
	prev=$arg
done
start=$(date +%s)
"$@"
rc=$?
if [ -n "${ROTWIZ_TEST_TIMES:-}" ]; then
	echo "$(( $(date +%s) - start )) $name" >>"$ROTWIZ_TEST_TIMES"
fi
exit $rc
