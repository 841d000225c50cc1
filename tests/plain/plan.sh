# The plan restriction (rotwiz-sandbox --plan free, as a stock self-hosted
# server answers): plain mode says the instance's plan lacks secret
# rotation, keeps the answers as a draft and exits 1 instead of asking
# again (doc/contract.md s.6.1).  Skipped while the sandbox has no --plan.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

if ! "$top_builddir/rotwiz-sandbox" --help 2>&1 | grep -q -- '--plan'; then
	echo "1..0 # SKIP rotwiz-sandbox has no --plan switch yet"
	exit 0
fi

plain_sandbox --plan free
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"
answers \
	plain-plan '' \
	'Payments Platform' dev /workers \
	1 'Payments API' \
	'' '' '' '' \
	'' '' \
	c c q
plain
is_rc 1 plan_restriction_exits_1
shows plan_restriction_says_the_plan_lacks_rotation \
	"Create failed: this Infisical instance's plan does not include secret rotation"
shows plan_restriction_names_the_licence "a self-hosted Infisical needs a licence that includes secret rotation"
shows plan_restriction_keeps_the_answers "Your answers are saved as a draft."
check plan_restriction_asks_nothing_more sh -c '[ "$(grep -c "Create failed" "$1")" -eq 1 ]' _ "$T/out"
check the_draft_is_kept test -s "$DRAFT"

done_testing
