#!/bin/sh
# make check-real: the real Infisical server kit (../shared/infisical) is
# installed if needed, two instances are started (unlocked with fake Azure,
# and stock with the plan check on), $REAL_TESTS run through automake's TAP
# driver against them, and both are stopped on every way out (a failed start,
# a failed test, Ctrl-C).  A kit that cannot be installed or started is a
# failing test (tests/real/kit.sh, with the tail of the log), never a skip.
#
# Settings (environment), all optional:
#   INFISICAL_KIT        the kit (default: ../shared/infisical beside the source tree)
#   INFISICAL_HOME       the install, as the kit reads it (default ~/.cache/rotwiz-infisical)
#   REAL_UNLOCKED_PORT, REAL_UNLOCKED_RUN   the unlocked instance (58280, $INFISICAL_HOME/run-check-real)
#   REAL_STOCK_PORT, REAL_STOCK_RUN         the stock one (58290, $INFISICAL_HOME/run-check-real-stock)
#   KEEP=1               keep the instances running and the state folder afterwards
# Needs from make: MAKE, REAL_TESTS, top_srcdir.
set -u
: "${top_srcdir:?}" "${MAKE:?}"
KIT=${INFISICAL_KIT:-$top_srcdir/../shared/infisical}
INFISICAL_HOME=${INFISICAL_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/rotwiz-infisical}
U_PORT=${REAL_UNLOCKED_PORT:-58280}
S_PORT=${REAL_STOCK_PORT:-58290}
U_RUN=${REAL_UNLOCKED_RUN:-$INFISICAL_HOME/run-check-real}
S_RUN=${REAL_STOCK_RUN:-$INFISICAL_HOME/run-check-real-stock}
export INFISICAL_HOME

REAL_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rotwiz-real-tier.XXXXXX") || exit 1
export REAL_DIR
REAL_ENV=$REAL_DIR/env
export REAL_ENV
log() { echo "check-real: $*" >&2; }
now() { date +%s; }

# down.sh for both, at once, however this script ends; it stops exactly the
# PIDs that up.sh saved under each INFISICAL_RUN.
stopped=0
stop_all() {
	[ "$stopped" = 1 ] && return
	stopped=1
	if [ -n "${KEEP:-}" ]; then
		log "KEEP=1: instances left running; stop them with"
		log "  INFISICAL_RUN=$U_RUN bash $KIT/down.sh; INFISICAL_RUN=$S_RUN bash $KIT/down.sh"
		log "the env file and logs are in $REAL_DIR"
		return
	fi
	if [ -x "$KIT/down.sh" ]; then
		t=$(now)
		INFISICAL_RUN=$U_RUN bash "$KIT/down.sh" >"$REAL_DIR/down-unlocked.log" 2>&1 &
		INFISICAL_RUN=$S_RUN bash "$KIT/down.sh" >"$REAL_DIR/down-stock.log" 2>&1 &
		wait
		log "both instances stopped ($(( $(now) - t )) s)"
	fi
	rm -rf "$REAL_DIR"
}
trap 'stop_all' EXIT
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 129' HUP

# step NAME COMMAND...: runs it with its output in $REAL_DIR/NAME.log and
# records "NAME rc seconds log" in $REAL_DIR/status for tests/real/kit.sh.
step() {
	_name=$1
	shift
	_t=$(now)
	"$@" >"$REAL_DIR/$_name.out" 2>"$REAL_DIR/$_name.log"
	_rc=$?
	echo "$_name $_rc $(( $(now) - _t ))" >>"$REAL_DIR/status"
	log "$_name: exit $_rc after $(( $(now) - _t )) s"
	return $_rc
}

up_unlocked() {
	INFISICAL_RUN=$U_RUN INFISICAL_API_PORT=$U_PORT INFISICAL_UNLOCK_ROTATION=1 FAKE_AZURE=1 \
		bash "$KIT/up.sh"
}
up_stock() {
	INFISICAL_RUN=$S_RUN INFISICAL_API_PORT=$S_PORT bash "$KIT/up.sh"
}

: >"$REAL_DIR/status"
echo "kit $KIT" >"$REAL_DIR/settings"
if [ ! -f "$KIT/install.sh" ]; then
	echo "kit 1 0" >>"$REAL_DIR/status"
	echo "no Infisical kit at $KIT: set INFISICAL_KIT to the folder of install.sh" >"$REAL_DIR/kit.log"
elif step install bash "$KIT/install.sh"; then
	# One after the other: up.sh lets one backend of an install start at a
	# time, and its time limit (UP_TIMEOUT) would count the wait for the other.
	t=$(now)
	step unlocked up_unlocked
	step stock up_stock
	log "both starts done after $(( $(now) - t )) s"
	{
		cat "$REAL_DIR/unlocked.out"
		sed 's/^export /export STOCK_/' "$REAL_DIR/stock.out"
		echo "export REAL_UNLOCKED_LOG='$U_RUN/backend.log'"
		echo "export REAL_STOCK_LOG='$S_RUN/backend.log'"
	} >"$REAL_ENV"
	rm -f "$REAL_DIR/unlocked.out" "$REAL_DIR/stock.out"
fi
chmod 600 "$REAL_ENV" 2>/dev/null
# Also in the environment, for tests that read the variables themselves
# (tests/real/diff/run.sh); tests/real/lib.sh unsets those rotwiz would read.
if [ -s "$REAL_ENV" ]; then
	set -a
	# shellcheck disable=SC1090 # written above
	. "$REAL_ENV"
	set +a
fi

# The tests run from make, with the TAP driver and their own suite log.
t=$(now)
$MAKE check TESTS="$REAL_TESTS" TEST_SUITE_LOG=tests/real/test-suite.log
rc=$?
log "tests: exit $rc after $(( $(now) - t )) s"
exit $rc
