#!/bin/sh
# Issue 11 item 2, decisions 17 and 18 on the result screen: a rotate now
# whose reply is lost after the server rotated is looked up and told as
# rotated (not "failed", which invited a second r that revoked the secret
# in use); a second r soon after asks first, saying what it revokes, and
# only r again rotates.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# The first rotate now of any rotation: made on the server, its answer lost.
screen_sandbox --fault 'POST /api/v2/secret-rotations/azure-client-secret/*/rotate-secrets=drop-after@1'
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name again-one --project $PAYMENTS \
	--environment dev --secret-path /workers --connection $CONTOSO \
	--object-id $PAYMENTS_API_OBJECT --client-id $PAYMENTS_API_CLIENT
waits "starts" "1/7 Rotation"
keys PgDn PgDn PgDn PgDn PgDn PgDn
waits "review" "7/7 Review"
keys Enter
waits "created" 'Created the Azure Client Secret rotation "again-one"'

keys r
waits_joined "lost_reply_is_found_on_the_server" "Rotated: the reply was lost, found on the server"
lacks "it_is_not_called_failed" "Rotate now failed"
server_get again-one dev /workers
held "the_server_did_rotate" activeIndex 1
waits "the_result_shows_the_new_index" "the active credential is index 1"

keys r
waits_joined "a_second_r_asks_first" "Rotating again revokes the client secret in slot 0"
waits_joined "saying_apps_may_still_use_it" "which apps may still be using"
keys n
lacks "any_other_key_keeps_it" "Rotate anyway?"
server_get again-one dev /workers
held "no_second_rotation_was_sent" activeIndex 1

keys r
waits_joined "asked_again" "Rotate anyway?"
keys r
waits_joined "r_again_rotates" "Rotated: the active credential is now index 0 (it was 1)"
server_get again-one dev /workers
held "the_server_rotated_back" activeIndex 0
keys q
exits 0 "q_exits_0"
asan_clean "no_sanitizer_report"
done_testing
