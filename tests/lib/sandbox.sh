# Start and stop a real rotwiz-sandbox on a free loopback port.
# Source it after tap.sh.  Needs $top_builddir.
#   sandbox_start [ARGS...]   sets SANDBOX_URL, SANDBOX_PID, SANDBOX_PORT
#   sandbox_stop
# The sandbox is always stopped when the test shell exits.

sandbox_start() {
	_sb_out=$(mktemp "${TMPDIR:-/tmp}/rotwiz-sb.XXXXXX")
	"$top_builddir/rotwiz-sandbox" --port 0 "$@" >"$_sb_out" 2>"$_sb_out.err" &
	SANDBOX_PID=$!
	_i=0
	while [ $_i -lt 100 ]; do
		SANDBOX_URL=$(sed -n '1s/^rotwiz-sandbox listening on //p' "$_sb_out")
		[ -n "$SANDBOX_URL" ] && break
		kill -0 "$SANDBOX_PID" 2>/dev/null || break
		sleep 0.05
		_i=$((_i + 1))
	done
	if [ -z "$SANDBOX_URL" ]; then
		echo "Bail out! rotwiz-sandbox did not start: $(cat "$_sb_out.err")"
		exit 1
	fi
	SANDBOX_PORT=${SANDBOX_URL##*:}
	export SANDBOX_URL SANDBOX_PID SANDBOX_PORT
	trap sandbox_stop EXIT
}

sandbox_stop() {
	if [ -n "${SANDBOX_PID:-}" ]; then
		kill "$SANDBOX_PID" 2>/dev/null
		wait "$SANDBOX_PID" 2>/dev/null
		SANDBOX_PID=
	fi
	rm -f "${_sb_out:-}" "${_sb_out:-}.err"
}
