#!/bin/sh
# A server refusal sends the user back to the step it belongs to, with the
# server's words under the field and every answer kept: a name already
# taken (step 1), mapped secrets already in the folder (step 6, when the
# names could not be checked beforehand); a 500 stays on Review and saying
# so; a retry then creates.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# The names in prod:/api cannot be listed, so only the create finds them;
# the first create of the run fails with a 500.
screen_sandbox --fault 'GET /api/v4/secrets=500' \
	--fault 'POST /api/v2/secret-rotations/azure-client-secret=500@1'

screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name fault-test --description "kept text" \
	--project $PAYMENTS --environment prod --secret-path /api --connection $CONTOSO \
	--object-id $PAYMENTS_API_OBJECT --client-id $PAYMENTS_API_CLIENT --interval 14

waits "starts" "1/7 Rotation"
keys PgDn PgDn PgDn PgDn PgDn
waits "step_6" "6/7 Secret names"
waits "the_names_could_not_be_checked_and_it_says_so" "could not be checked"
keys PgDn
waits "review" "7/7 Review"
keys Enter
waits "a_500_stays_on_review" "Not created"
waits "and_gives_the_status" "the server failed (500 Internal Server Error)"
waits "still_on_review" "7/7 Review"
keys Enter
waits "mapped_secrets_in_the_folder_go_back_to_step_6" "6/7 Secret names"
below "the_server_words_are_under_the_mapping_field" "Client ID secret" "already exist"
on_line "the_mapping_is_kept" "Client ID secret" "AZURE_CLIENT_ID"
keys C-u
txt "FAULT_CLIENT_ID"
keys Tab C-u
txt "FAULT_CLIENT_SECRET"
keys Enter
waits "fixed_names_go_on_to_review" "7/7 Review"
waits "the_other_answers_are_kept" "kept text"
waits "the_interval_is_kept" "Rotates every 14 days"
keys Enter
waits "created_after_the_fixes" 'Created the Azure Client Secret rotation "fault-test"'
keys q
exits 0 "exit_0"

# A name already used in the folder: back to step 1, the name marked.
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name fault-test --project $PAYMENTS \
	--environment prod --secret-path /api --connection $CONTOSO \
	--object-id $PAYMENTS_API_OBJECT --client-id $PAYMENTS_API_CLIENT \
	--map-client-id OTHER_ID --map-client-secret OTHER_SECRET
waits "second_run_starts" "1/7 Rotation"
keys PgDn PgDn PgDn PgDn PgDn PgDn
waits "second_review" "7/7 Review"
keys Enter
waits "a_taken_name_goes_back_to_step_1" "1/7 Rotation"
below "the_reason_is_under_the_name" "Name" "already exists"
on_line "the_name_is_kept_for_editing" "Name" "fault-test"
keys C-u
txt "fault-test-2"
keys PgDn PgDn PgDn PgDn PgDn PgDn
waits "back_at_review" "7/7 Review"
waits "with_the_mapping_kept" "OTHER_SECRET"
keys Enter
waits "created_with_the_new_name" 'Created the Azure Client Secret rotation "fault-test-2"'
server_get fault-test-2 prod /api
held "the_server_has_it" secretsMapping.clientSecret OTHER_SECRET
keys q
exits 0 "second_exit_0"
asan_clean "no_sanitizer_report"
done_testing
