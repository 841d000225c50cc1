#!/bin/sh
# What the server taught the client, as the curses wizard shows it: a
# description over 255 characters is refused under its field with the
# validator's words (its length, not the value); a 500 on create is shown
# whole, wrapped, with the Azure clean-up and the request id
# (doc/contract.md s.2.1 and s.6.1).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

screen_sandbox --fault 'POST /api/v2/secret-rotations/azure-client-secret=500@1'
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name words-test --project $PAYMENTS \
	--environment dev --secret-path /workers --connection $CONTOSO \
	--object-id $PAYMENTS_API_OBJECT --client-id $PAYMENTS_API_CLIENT

waits "starts_at_step_1" "1/7 Rotation"
keys Tab
txt "$(printf '%0256d' 0)"
keys Enter
waits_joined "a_256_character_description_is_refused_with_the_rule_reason_and_length" \
	"Description: at most 255 characters (the server stores 255), got 256"
waits "the_step_stays" "1/7 Rotation"
keys BSpace
keys Enter
lacks "255_characters_clear_the_message" "got 256"

keys PgDn PgDn PgDn PgDn PgDn PgDn
waits "review" "7/7 Review"
keys Enter
waits "a_500_stays_on_review" "Not created"
waits_joined "the_500_says_the_rotation_was_not_created" \
	'the rotation "words-test" was not created'
waits_joined "the_500_names_the_azure_secret" \
	"Azure may now hold an extra client secret named \"Infisical Rotated Secret ("
waits_joined "the_500_names_the_app" "on the app with object ID $PAYMENTS_API_OBJECT"
waits_joined "the_500_points_at_the_portal" "App registrations > the app > Certificates & secrets"
waits_joined "the_500_shows_the_az_delete_command_whole" \
	"az ad app credential delete --id $PAYMENTS_API_OBJECT --key-id <keyId>"
if joined | grep -E -q '\(request id: req-[A-Za-z0-9]+\)'; then
	ok 0 "the_500_ends_with_the_request_id"
else
	ok 1 "the_500_ends_with_the_request_id"
	show_screen
fi
waits "still_on_review" "7/7 Review"
keys Enter
waits "the_retry_creates" 'Created the Azure Client Secret rotation "words-test"'
keys q
exits 0 exit_0
asan_clean "no_sanitizer_report"

done_testing
