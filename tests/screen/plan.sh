#!/bin/sh
# The plan restriction (rotwiz-sandbox --plan free, as a stock self-hosted
# server answers) in the curses wizard: shown whole on Review, and leaving
# then exits 1 (doc/contract.md s.6.1).  Skipped while the sandbox has no --plan.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

if ! "$top_builddir/rotwiz-sandbox" --help 2>&1 | grep -q -- '--plan'; then
	echo "1..0 # SKIP rotwiz-sandbox has no --plan switch yet"
	exit 0
fi

screen_sandbox --plan free
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name plan-test --project $PAYMENTS \
	--environment dev --secret-path /workers --connection $CONTOSO \
	--object-id $PAYMENTS_API_OBJECT --client-id $PAYMENTS_API_CLIENT
waits "starts_at_step_1" "1/7 Rotation"
keys PgDn PgDn PgDn PgDn PgDn PgDn
waits "review" "7/7 Review"
keys Enter
waits "the_create_is_refused" "Not created"
_i=0
while [ $_i -lt 100 ] && ! joined | grep -F -q "https://infisical.com/pricing"; do
	sleep 0.05
	_i=$((_i + 1))
done
if joined | grep -F -q "this Infisical instance's plan does not include secret rotation" &&
   joined | grep -F -q "a self-hosted Infisical needs a licence that includes secret rotation" &&
   joined | grep -F -q "https://infisical.com/pricing"; then
	ok 0 "the_plan_restriction_is_shown_whole"
else
	ok 1 "the_plan_restriction_is_shown_whole"
	show_screen
fi
keys C-c
waits "quit_is_asked" "Quit?"
keys y
exits 1 leaving_after_the_plan_restriction_exits_1
asan_clean "no_sanitizer_report"

done_testing
