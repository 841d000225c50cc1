# What the server taught the client, as plain mode says it: a description
# over 255 characters is refused with the validator's words and asked
# again; a 500 on create is one whole line with the Azure clean-up and the
# request id, and the review is offered again (doc/contract.md s.2.1, s.6.1).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

plain_sandbox --fault 'POST /api/v2/secret-rotations/azure-client-secret=500@1'
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"

answers \
	plain-words "$(printf '%0256d' 0)" 'short enough' \
	'Payments Platform' dev /workers \
	1 'Payments API' \
	'' '' '' '' \
	'' '' \
	c c q
plain
is_rc 0 session_after_a_500_and_a_retry_exits_0
shows description_of_256_is_refused_with_rule_reason_and_length \
	'At most 255 characters (the server stores 255), got 256'
shows the_500_is_one_line_saying_not_created \
	'Create failed: the server failed (500 Internal Server Error): Something went wrong; the rotation "plain-words" was not created -- Azure may now hold an extra client secret named "Infisical Rotated Secret ('
shows the_500_names_the_app "on the app with object ID $PAYMENTS_API_OBJECT: find and remove it in the Azure portal (App registrations > the app > Certificates & secrets)"
shows the_500_gives_the_az_commands "\`az ad app credential list --id $PAYMENTS_API_OBJECT\` and \`az ad app credential delete --id $PAYMENTS_API_OBJECT --key-id <keyId>\`"
check the_500_line_ends_with_the_request_id \
	grep -qE '^Create failed: .*<keyId>`? \(request id: req-[A-Za-z0-9]+\)$' "$T/out"
if server_get plain-words dev /workers; then ok 0 the_retry_created_it; else ok 1 the_retry_created_it; fi
held the_shorter_description_reached_the_server description 'short enough'

done_testing
