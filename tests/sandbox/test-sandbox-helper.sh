# tests/lib/sandbox.sh keeps working with rotwiz-sandbox's first line:
# shell tests can start it, reach it at $SANDBOX_URL and stop it.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"

sandbox_start
case $SANDBOX_URL in
http://127.0.0.1:[0-9]*) ok 0 "sandbox_start_sets_a_loopback_url" ;;
*) ok 1 "sandbox_start_sets_a_loopback_url"; diag "SANDBOX_URL=$SANDBOX_URL" ;;
esac
[ "$SANDBOX_PORT" -gt 0 ] 2>/dev/null
ok $? "sandbox_start_sets_the_port"
kill -0 "$SANDBOX_PID" 2>/dev/null
ok $? "sandbox_start_sets_the_pid_of_a_running_sandbox"
if command -v curl >/dev/null 2>&1; then
	body=$(curl -s --noproxy '*' "$SANDBOX_URL/sandbox/stats")
	case $body in
	*'"requests":1'*) ok 0 "the_sandbox_answers_at_the_url" ;;
	*) ok 1 "the_sandbox_answers_at_the_url"; diag "body: $body" ;;
	esac
fi
pid=$SANDBOX_PID
sandbox_stop
kill -0 "$pid" 2>/dev/null
[ $? -ne 0 ]
ok $? "sandbox_stop_ends_it"
done_testing
