#!/bin/sh
# --demo from start to result on a machine with nothing configured: it
# starts its own sandbox beside the binary, signs in, and stops it on exit.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/screen/lib.sh"

SANDBOX_URL=http://127.0.0.1:9	# nothing there: --demo must not need it
screen_run -- --demo
waits "demo_starts_signed_in" "1/7 Rotation"
pid=$(rotwiz_pid)
child=$(pgrep -P "$pid" 2>/dev/null | head -1)
ok "$(ps -o comm= -p "$child" 2>/dev/null | grep -q rotwiz-sandbox; echo $?)" \
	"the_sandbox_runs_as_a_child"
txt "demo-rot"
keys Enter Enter
waits "the_demo_lists_projects" "2 projects"
keys Enter Enter Enter
waits "step_3" "3/7 Connection"
keys Enter
waits "the_demo_lists_apps" "7 apps"
keys Enter
waits "step_5" "5/7 Schedule"
keys PgDn PgDn
waits "review" "7/7 Review"
keys Enter
waits "demo_reaches_the_result" 'Created the Azure Client Secret rotation "demo-rot"'
keys q
exits 0 "exit_0"
ok "$(kill -0 "$child" 2>/dev/null; [ $? -ne 0 ]; echo $?)" "the_sandbox_is_stopped_on_exit"

screen_run -- --demo
waits "second_demo_starts" "1/7 Rotation"
pid=$(rotwiz_pid)
child=$(pgrep -P "$pid" 2>/dev/null | head -1)
kill -TERM "$pid"
exits 143 "sigterm_exits_143"
ok "$(kill -0 "$child" 2>/dev/null; [ $? -ne 0 ]; echo $?)" "the_sandbox_is_stopped_on_sigterm_too"
asan_clean "no_sanitizer_report"
done_testing
