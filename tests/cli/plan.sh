# The plan restriction of a stock self-hosted server (doc/api.md s.13,
# item 4), as rotwiz-sandbox --plan free reproduces it: flag mode says the
# instance's plan lacks secret rotation, in one line with the request id,
# and exits 1.  Skipped while the sandbox has no --plan switch.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/cli/lib.sh"

if ! "$top_builddir/rotwiz-sandbox" --help 2>&1 | grep -q -- '--plan'; then
	echo "1..0 # SKIP rotwiz-sandbox has no --plan switch yet"
	exit 0
fi

PAY=ec28d541-4984-455a-b145-c3b923b5c5b2
CONTOSO=9640d92c-838b-4c31-a495-6e6be4e58523
INFISICAL_TOKEN=sandbox-user-token; export INFISICAL_TOKEN

cli_sandbox --plan free
rw --yes --domain "$SANDBOX_URL" --name plan-test --project $PAY --environment dev \
	--secret-path /workers --connection $CONTOSO \
	--object-id 607e495a-aa5b-4896-9125-08d1a22c504c --client-id b2a0517a-42c2-4a1b-97cb-0472be8a5e0b
is_rc 1 plan_restriction_exits_1
one_line plan_restriction_is_one_line
says plan_restriction_says_the_plan_lacks_rotation \
	"this Infisical instance's plan does not include secret rotation"
says plan_restriction_quotes_the_server "Failed to create secret rotation due to plan restriction."
says plan_restriction_names_the_licence "a self-hosted Infisical needs a licence that includes secret rotation"
says plan_restriction_names_the_pricing_page "https://infisical.com/pricing"
check plan_restriction_shows_the_request_id grep -qE '\(request id: req-[A-Za-z0-9]+\)$' "$T/err"

done_testing
