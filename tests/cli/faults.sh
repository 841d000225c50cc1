# What the user sees when the server or the network misbehaves: each
# rotwiz-sandbox --fault action on the routes a --yes run uses, with the
# exit status, the one line on stderr, and what the server holds afterwards.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/cli/lib.sh"

PAY=ec28d541-4984-455a-b145-c3b923b5c5b2
CONTOSO=9640d92c-838b-4c31-a495-6e6be4e58523
APP_OBJ=607e495a-aa5b-4896-9125-08d1a22c504c
APP_CLI=b2a0517a-42c2-4a1b-97cb-0472be8a5e0b
CREATE='POST /api/v2/secret-rotations/azure-client-secret'
PROJECTS='GET /api/v1/projects'
SECRETS='GET /api/v4/secrets'

INFISICAL_TOKEN=sandbox-user-token; export INFISICAL_TOKEN

snapshot() { curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats.$1"; }
stat() { "$JSON_GET" "$T/stats.$1" "$2"; }
on_server() {
	curl -s -o "$T/got" -w '%{http_code}' -H 'Authorization: Bearer sandbox-user-token' \
		"$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret/rotation-name/$1?projectId=$PAY&environment=dev&secretPath=/"
}
# with_fault SPEC NAME [ARGS...]: a fresh sandbox failing SPEC, then one
# --yes run creating NAME.  $made: rotations the run left on the server.
with_fault() {
	_spec=$1 _name=$2
	DAY=$(date -u +%m-%d-%Y)
	shift 2
	sandbox_stop
	cli_sandbox --fault "$_spec"
	snapshot a
	rw --yes --domain "$SANDBOX_URL" --project $PAY --environment dev --connection $CONTOSO \
		--object-id $APP_OBJ --client-id $APP_CLI --name "$_name" "$@"
	snapshot b
	made=$(( $(stat b rotations) - $(stat a rotations) ))
}

# A 500 on create is how the real server fails in its database, after Azure
# issued a client secret (doc/api.md s.13, items 1 and 2): say that nothing
# was created and how to find and remove that secret, never only "later".
with_fault "$CREATE=500@1" server-error
is_rc 1 create_answered_500_exits_1
one_line server_error_is_one_line
says server_error_shows_the_status "the server failed (500 Internal Server Error): "
says server_error_says_not_created 'the rotation "server-error" was not created'
DAY_AFTER=$(date -u +%m-%d-%Y)
if grep -qF "\"Infisical Rotated Secret ($DAY_AFTER)\"" "$T/err"; then ok 0 server_error_names_the_azure_secret_of_today_utc
else says server_error_names_the_azure_secret_of_today_utc "\"Infisical Rotated Secret ($DAY)\""; fi
says server_error_names_the_app_by_object_id "on the app with object ID $APP_OBJ"
says server_error_points_at_the_portal "App registrations > the app > Certificates & secrets"
says server_error_lists_with_az "az ad app credential list --id $APP_OBJ"
says server_error_deletes_with_az "az ad app credential delete --id $APP_OBJ --key-id <keyId>"
check server_error_does_not_only_say_later sh -c '! grep -q "try again later" "$1"' _ "$T/err"
check server_error_shows_the_request_id grep -qE '\(request id: req-[A-Za-z0-9]+\)$' "$T/err"
check server_error_created_nothing test "$made" -eq 0

with_fault "$CREATE=429" rate-limited
is_rc 1 create_answered_429_exits_1
says rate_limit_says_to_wait "wait"
check rate_limit_created_nothing test "$made" -eq 0

with_fault "$PROJECTS=429@1" limited-once
is_rc 0 lookup_answered_429_once_is_retried
check retried_lookup_created_the_rotation test "$made" -eq 1

with_fault "$SECRETS=503@2" unavailable-twice
is_rc 0 lookup_answered_503_twice_is_retried

# A server that keeps failing is said to fail, never to refuse (decision 15).
with_fault "$PROJECTS=503" unavailable-always
is_rc 1 lookup_answered_503_every_time_exits_1
one_line lookup_503_is_one_line
says lookup_503_says_the_server_failed "the server failed (503 Service Unavailable): "
check lookup_503_is_not_called_a_refusal sh -c '! grep -q "refused" "$1"' _ "$T/err"

# The real server answers the secrets pre-check of a missing folder with 404
# SecretPathNotFound: the folder does not exist, an invalid value (exit 2).
with_fault "$SECRETS=404" missing-folder-404
is_rc 2 secrets_404_is_a_missing_folder_exit_2
one_line secrets_404_is_one_line
says secrets_404_names_folder_environment_and_project "there is no folder / in environment dev of project $PAY"
check secrets_404_created_nothing test "$made" -eq 0

with_fault "$PROJECTS=drop@1" dropped-get
is_rc 0 dropped_get_is_retried
check dropped_get_run_created_once test "$made" -eq 1

# A create that was never processed: looked up, found missing, safe to retry.
with_fault "$CREATE=drop@1" dropped-create
is_rc 3 dropped_create_exits_3
one_line dropped_create_is_one_line
says dropped_create_says_not_created "was not created -- it is safe to try again"
check dropped_create_made_nothing test "$made" -eq 0
check dropped_create_is_not_on_the_server test "$(on_server dropped-create)" = 404

# A create that was processed but whose answer was lost: found, not doubled.
with_fault "$CREATE=drop-after@1" lost-answer
is_rc 0 create_with_a_lost_answer_exits_0
says lost_answer_says_it_was_found "created: the reply was lost, found on the server"
check lost_answer_prints_the_summary grep -q 'Name *lost-answer' "$T/out"
check lost_answer_made_exactly_one test "$made" -eq 1

# The unknown outcome: the server makes the rotation but answers after the
# client's timeout.  (--latency would delay the sign-in too, so the delay
# is put on the create alone with stall-after.)
ROTWIZ_TIMEOUT_MS=800; export ROTWIZ_TIMEOUT_MS
with_fault "$CREATE=stall-after@1" slow-create
is_rc 0 create_answered_after_the_timeout_exits_0
says slow_create_says_it_was_found "created: the reply was lost, found on the server"
check slow_create_made_exactly_one test "$made" -eq 1
check slow_create_is_on_the_server test "$(on_server slow-create)" = 200

with_fault "$CREATE=stall" stalled-create
is_rc 3 create_never_answered_nor_made_exits_3
says stalled_create_says_not_created "was not created -- it is safe to try again"
check stalled_create_made_nothing test "$made" -eq 0

with_fault "$PROJECTS=stall" stalled-sign-in
is_rc 3 stalled_sign_in_exits_3
one_line stalled_sign_in_is_one_line
says stalled_sign_in_says_no_answer "no answer from 127.0.0.1"
says stalled_sign_in_names_the_knob ROTWIZ_TIMEOUT_MS
unset ROTWIZ_TIMEOUT_MS

with_fault "$PROJECTS=garbage" garbage-sign-in
is_rc 1 garbage_answer_exits_1
one_line garbage_answer_is_one_line
says garbage_answer_says_so "could not be understood"

with_fault "$SECRETS=truncate" truncated-names
is_rc 1 truncated_answer_exits_1
check truncated_lookup_created_nothing test "$made" -eq 0

# A 200 cut in half: created for sure, so it is fetched rather than redone.
with_fault "$CREATE=truncate" truncated-create
is_rc 0 truncated_create_answer_is_recovered
check truncated_create_made_exactly_one test "$made" -eq 1

# A 200 that is not JSON claims success yet the lookup finds nothing:
# nothing is settled, so the user is told to look before retrying.
with_fault "$CREATE=garbage" garbage-create
is_rc 5 garbage_create_answer_is_an_unknown_outcome_exit_5
one_line garbage_create_is_one_line
says garbage_create_says_to_look_first "look for it in Infisical before trying again"
check garbage_create_made_nothing test "$made" -eq 0

# A slow server inside the limit is only slow.
sandbox_stop
cli_sandbox --latency 300
ROTWIZ_TIMEOUT_MS=2000; export ROTWIZ_TIMEOUT_MS
rw --yes --domain "$SANDBOX_URL" --project $PAY --environment dev --connection $CONTOSO \
	--object-id $APP_OBJ --client-id $APP_CLI --name slow-but-fine
is_rc 0 slow_server_within_the_limit_is_fine

done_testing
