#!/bin/sh
# The measurements of issue 5 (not part of make check: it paces keys like a
# person and takes about half a minute).  Run from a build tree:
#   top_builddir=$PWD top_srcdir=/path/to/src sh $top_srcdir/tests/screen/measure.sh
#
# 1. A default run against rotwiz-sandbox --latency 300, typed at 5 keys a
#    second with a one-second look at each new screen: how many calls the
#    user had to wait for (goal: the create alone), how many connections
#    the sandbox saw (goal: 1), how many keys the run took.
# 2. (issue 10) The same default run typed blind at BLIND_S (0.25 s) a key
#    against --latency 300: after the first frame nobody looks at the screen
#    until the result should be there.  Two ways: Enter on every field, and
#    the name plus one key a step (PgDn, Enter to create).  For each: the
#    keys typed, the loads the screen made the user wait for (goal: the
#    create alone), whether the rotation was created (on the server, with
#    the typed name) and the seconds from the first key to the result.
# 3. Time from exec to the first complete frame, and peak memory, for
#    rotwiz and for `dialog --form` on the same pty harness (first-frame),
#    median of RUNS runs.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

RUNS=${RUNS:-9}
KEY_S=${KEY_S:-0.2}	# between keys: 5 keys a second, an average typist
LOOK_S=${LOOK_S:-1}	# a look at each new screen before acting

press() {	# press KEY...: one key at a time, at typing speed
	for _k in "$@"; do
		keys "$_k"
		sleep "$KEY_S"
	done
}

typed() {	# typed TEXT: one character at a time
	_s=$1
	while [ -n "$_s" ]; do
		_c=$(printf '%s' "$_s" | cut -c1)
		txt "$_c"
		_s=$(printf '%s' "$_s" | cut -c2-)
		sleep "$KEY_S"
	done
}

look() { wait_for "$1" && sleep "$LOOK_S"; }

screen_sandbox --latency 300
screen_run INFISICAL_TOKEN=$USER_TOKEN ROTWIZ_TUI_STATS=$T/stats
look "1/7 Rotation"
typed "payments-azure"
press Enter Enter
look "2/7 Where"
press Enter Enter Enter
look "3/7 Connection"
press Enter
look "4/7 Azure app"
press Enter
look "5/7 Schedule"
press Enter Enter Enter Enter Enter
look "6/7 Secret names"
press Enter Enter
look "7/7 Review"
press Enter
wait_for "Created the Azure Client Secret rotation"
press q
wait_exit
run_checked
echo "== default run, sandbox --latency 300, ${KEY_S}s a key, ${LOOK_S}s a look per screen"
echo "exit: $rc"
cat "$T/stats"
curl -sS "$SANDBOX_URL/sandbox/stats" >"$T/sbstats"
# The stats request is a connection and a request of its own: not rotwiz's.
echo "rotwiz's connections: $(($("$JSON_GET" "$T/sbstats" connections) - 1))"
echo "rotwiz's requests: $(($("$JSON_GET" "$T/sbstats" requests) - 1))"

BLIND_S=${BLIND_S:-0.25}
now_s() { date +%s.%N; }
# blind NAME KEY...: a fresh sandbox (--latency 300) and run; each KEY (a
# tmux key name, or t:TEXT typed a character at a time) BLIND_S apart.
blind() {
	_what=$1
	shift
	sandbox_stop
	screen_sandbox --latency 300
	screen_run INFISICAL_TOKEN=$USER_TOKEN ROTWIZ_TUI_STATS=$T/stats.blind
	wait_for "1/7 Rotation"
	_t0=$(now_s)
	_typed=0
	for _k in "$@"; do
		case $_k in
		t:*) _s=${_k#t:}
			while [ -n "$_s" ]; do
				_rest=${_s#?}
				txt "${_s%"$_rest"}"
				_typed=$((_typed + 1))
				sleep "$BLIND_S"
				_s=$_rest
			done ;;
		*) keys "$_k"; _typed=$((_typed + 1)); sleep "$BLIND_S" ;;
		esac
	done
	_result=no
	wait_for "Created the Azure Client Secret rotation" && _result=yes
	_t1=$(now_s)
	screen >"$T/blind.screen"
	if [ $_result = yes ]; then keys q; else keys C-c; wait_for "Quit?"; keys y; fi
	wait_exit
	run_checked
	_held=$(curl -sS -H "Authorization: Bearer $USER_TOKEN" \
		"$SANDBOX_URL/api/v2/secret-rotations?projectId=$PAYMENTS" | grep -c '"name":"payments-azure"')
	echo "== $_what: ${BLIND_S}s a key, blind, sandbox --latency 300"
	echo "keys typed: $_typed; reached the result: $_result;" \
		"on the server: $_held; exit: $rc"
	[ $_result = yes ] && echo "first key to result: $(echo "$_t1 $_t0" | awk '{ printf "%.1f", $1 - $2 }') s"
	tr '\n' ' ' <"$T/stats.blind"
	echo
	[ $_result = yes ] || { echo "where it stopped:"; grep -v '^ *$' "$T/blind.screen" | head -12; }
}
# Enter on every field: Rotation 2, Where 3, Connection 1, Azure app 1,
# Schedule 5 (with Local time), Secret names 2, and the create.
blind "Enter on every field" t:payments-azure Enter Enter  Enter Enter Enter  Enter  Enter \
	Enter Enter Enter Enter Enter  Enter Enter  Enter
blind "name and one key a step" t:payments-azure NPage NPage NPage NPage NPage NPage Enter

measure() {	# measure NAME MARKER KEYS COMMAND...
	_name=$1
	shift
	first_frame "$@"
	echo "$_name: first frame $FRAME_MS ms, peak RSS $PEAK_KIB KiB (median of $RUNS)"
}

echo "== exec to first complete frame, peak memory (pty 100x30)"
measure "rotwiz, no credentials (sign-in step)" "^C quit" '\x03y' "$ROTWIZ"
measure "rotwiz, token given (step 1, sign-in in the background)" "^C quit" '\x03y' \
	env INFISICAL_DOMAIN="$SANDBOX_URL" INFISICAL_TOKEN=$USER_TOKEN "$ROTWIZ"
if command -v dialog >/dev/null 2>&1; then
	measure "dialog --form" "ancel" '\e' dialog --form "New rotation" 20 70 10 \
		"Name:" 1 1 "" 1 20 40 64 "Description:" 2 1 "" 2 20 40 256
else
	echo "dialog: not installed (apt-get install dialog) -- no comparison"
fi
