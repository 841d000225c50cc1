# --yes against a real rotwiz-sandbox: create by token and by Universal
# Auth, checked on the server afterwards; --json; every refusal with its
# exit status; one connection per run; no token where it could leak.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/cli/lib.sh"

cli_sandbox

# The sandbox's seeded world (sandbox/seed.c).
PAY=ec28d541-4984-455a-b145-c3b923b5c5b2	# Payments Platform: dev, staging, prod
CONTOSO=9640d92c-838b-4c31-a495-6e6be4e58523	# usable by the machine identity too
APP_OBJ=607e495a-aa5b-4896-9125-08d1a22c504c	# Payments API
APP_CLI=b2a0517a-42c2-4a1b-97cb-0472be8a5e0b
BAD_OBJ=f903695a-233e-405e-9480-34d9c384bd99	# Legacy Billing Sync: Azure refuses it
BAD_CLI=b50be191-ede9-4404-9c59-5d6b8438087e
W="--domain $SANDBOX_URL --project $PAY --environment dev --connection $CONTOSO --object-id $APP_OBJ --client-id $APP_CLI"

snapshot() { curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats.$1"; }
stat() { "$JSON_GET" "$T/stats.$1" "$2"; }
# on_server NAME [PATH [ENV]]: the HTTP status of GET by name; the body in $T/got.
on_server() {
	curl -s -o "$T/got" -w '%{http_code}' -H 'Authorization: Bearer sandbox-user-token' \
		"$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret/rotation-name/$1?projectId=$PAY&environment=${3:-dev}&secretPath=${2:-/}"
}
# The requests and connections one run cost: the second snapshot counts itself.
cost() {
	conns=$(( $(stat b connections) - $(stat a connections) - 1 ))
	reqs=$(( $(stat b requests) - $(stat a requests) - 1 ))
}

INFISICAL_TOKEN=sandbox-user-token; export INFISICAL_TOKEN

snapshot a
rw --yes $W --name by-token --map-client-id TOK_ID --map-client-secret TOK_SECRET \
	--rotate-at 07:05 --interval 45 --description "made by the cli test"
snapshot b
is_rc 0 create_by_token_exits_0
check create_by_token_is_silent_on_stderr test ! -s "$T/err"
check summary_names_the_rotation grep -q 'Name *by-token' "$T/out"
check summary_names_the_status grep -q 'Status *success' "$T/out"
check summary_names_the_connection grep -q 'Connection *azure-contoso-prod' "$T/out"
check summary_names_the_environment grep -q 'Environment *Development (dev)' "$T/out"
check summary_names_the_folder grep -q 'Folder */$' "$T/out"
check summary_names_the_mapped_secrets grep -q 'TOK_SECRET' "$T/out"
check summary_states_the_schedule grep -q 'every 45 days at 07:05 UTC' "$T/out"
check summary_states_next_rotation_utc_and_local grep -q 'Next rotation .* UTC (local time ' "$T/out"
check summary_states_created_at grep -q 'Created at .*UTC' "$T/out"
check server_holds_the_rotation test "$(on_server by-token)" = 200
check server_rotation_has_the_mapping test "$("$JSON_GET" "$T/got" secretRotation.secretsMapping.clientSecret)" = TOK_SECRET
check server_rotation_has_the_time test "$("$JSON_GET" "$T/got" secretRotation.rotateAtUtc)" = '{"hours":7,"minutes":5}'
check server_rotation_has_the_description test "$("$JSON_GET" "$T/got" secretRotation.description)" = "made by the cli test"
cost
diag "a --yes run by token: $reqs requests over $conns connection(s)"
check yes_run_uses_one_connection test "$conns" -eq 1
check yes_run_by_token_makes_three_requests test "$reqs" -eq 3

# --json: the server's answer instead of the summary.
rw --yes --json $W --name by-json --map-client-id JSON_ID --map-client-secret JSON_SECRET
is_rc 0 create_with_json_exits_0
check json_names_the_rotation test "$("$JSON_GET" "$T/out" secretRotation.name)" = by-json
check json_has_the_server_id test "$("$JSON_GET" "$T/out" secretRotation.id)" = "$(on_server by-json >/dev/null; "$JSON_GET" "$T/got" secretRotation.id)"
check json_has_the_folder test "$("$JSON_GET" "$T/out" secretRotation.folder.path)" = /
check json_has_the_next_rotation "$JSON_GET" "$T/out" secretRotation.nextRotationAt

# Universal Auth: the pair is exchanged for a token at sign-in.
unset INFISICAL_TOKEN
INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=sandbox-client-id
INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=sandbox-client-secret
export INFISICAL_UNIVERSAL_AUTH_CLIENT_ID INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET
snapshot a
rw --yes $W --name by-universal-auth --map-client-id UA_ID --map-client-secret UA_SECRET
snapshot b
is_rc 0 create_by_universal_auth_exits_0
check server_holds_the_universal_auth_rotation test "$(on_server by-universal-auth)" = 200
cost
diag "a --yes run by Universal Auth: $reqs requests over $conns connection(s)"
check universal_auth_run_uses_one_connection test "$conns" -eq 1
check universal_auth_run_makes_four_requests test "$reqs" -eq 4

INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=wrong-secret
rw --yes $W --name ua-refused
is_rc 4 wrong_client_secret_exits_4
one_line wrong_client_secret_is_one_line
says wrong_client_secret_names_the_pair INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET
unset INFISICAL_UNIVERSAL_AUTH_CLIENT_ID INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET

INFISICAL_TOKEN=not-a-token; export INFISICAL_TOKEN
rw --yes $W --name wrong-token
is_rc 4 wrong_token_exits_4
one_line wrong_token_is_one_line
says wrong_token_names_the_sources "INFISICAL_TOKEN or --token-file"

printf 'sandbox-user-token\n' >"$T/token"
chmod 600 "$T/token"
rw --yes $W --name by-token-file --token-file "$T/token" --map-client-id FILE_ID --map-client-secret FILE_SECRET
is_rc 0 token_file_wins_over_a_wrong_environment_token
INFISICAL_TOKEN=sandbox-user-token

# Refusals.
snapshot a
rw --yes $W --name by-token --map-client-id OTHER_ID --map-client-secret OTHER_SECRET
is_rc 1 name_taken_exits_1
one_line name_taken_is_one_line
says name_taken_shows_the_server_text 'A Secret Rotation with the name "by-token" already exists'
says name_taken_suggests_another_name "choose another --name"

rw --yes $W --name fresh-name --map-client-id TOK_ID --map-client-secret NEW_SECRET
is_rc 2 mapping_name_in_the_folder_exits_2
one_line mapping_clash_is_one_line
says mapping_clash_names_the_secret "TOK_ID"
says mapping_clash_names_the_flag "--map-client-id"
check mapping_clash_creates_nothing test "$(on_server fresh-name)" = 404

# A name given that the folder holds is refused, never changed (decided behaviour 11).
rw --yes --domain "$SANDBOX_URL" --project $PAY --environment dev --secret-path /api \
	--connection $CONTOSO --object-id $APP_OBJ --client-id $APP_CLI --name default-names \
	--map-client-id AZURE_CLIENT_ID
is_rc 2 seeded_azure_client_id_in_the_folder_exits_2
says seeded_clash_names_azure_client_id AZURE_CLIENT_ID
snapshot b
check refusals_left_the_rotation_count_alone test "$(stat a rotations)" = "$(stat b rotations)"

# Without --map-*, the names are free ones: dev:/api holds AZURE_CLIENT_ID, so
# the app's name makes them; stderr says so and the summary names them.
rw --yes --domain "$SANDBOX_URL" --project $PAY --environment dev --secret-path /api \
	--connection $CONTOSO --object-id $APP_OBJ --client-id $APP_CLI --name free-names \
	--app-name 'Payments API'
is_rc 0 free_names_are_chosen_without_map_flags
says free_names_are_said_on_stderr "the rotation's secrets are named PAYMENTS_API_CLIENT_ID and PAYMENTS_API_CLIENT_SECRET"
check the_summary_names_the_client_id_secret grep -q 'Secret for client ID *PAYMENTS_API_CLIENT_ID' "$T/out"
check the_summary_names_the_client_secret_secret grep -q 'Secret for client secret *PAYMENTS_API_CLIENT_SECRET' "$T/out"
check free_names_reach_the_server sh -c "[ \"\$(curl -s -H 'Authorization: Bearer sandbox-user-token' \
	'$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret/rotation-name/free-names?projectId=$PAY&environment=dev&secretPath=/api' \
	| '$JSON_GET' - secretRotation.secretsMapping.clientId)\" = PAYMENTS_API_CLIENT_ID ]"
# Again, without the app's name: that pair is taken now, the first one gets _2.
rw --yes --domain "$SANDBOX_URL" --project $PAY --environment dev --secret-path /api \
	--connection $CONTOSO --object-id $APP_OBJ --client-id $APP_CLI --name free-names-two
is_rc 0 free_names_without_an_app_name_exit_0
check the_first_pair_gets_a_suffix grep -q 'Secret for client ID *AZURE_CLIENT_ID_2' "$T/out"

# The folder must exist: checked before the create (decided for every mode),
# an invalid value like any other, naming the folder, environment and project.
snapshot a
rw --yes $W --name no-such-folder --secret-path /nope
snapshot b
is_rc 2 unknown_folder_exits_2
says unknown_folder_points_at_the_path -- --secret-path
says unknown_folder_names_folder_environment_and_project 'There is no folder "nope" in "/" of environment dev of project Payments Platform'
one_line unknown_folder_is_one_line
check unknown_folder_sends_no_create test "$(stat a rotations)" = "$(stat b rotations)"
rw --yes $W --name no-such-subfolder --secret-path /api/nope/deeper
is_rc 2 folder_under_a_missing_folder_exits_2
says folder_under_a_missing_folder_names_it 'There is no folder "deeper" in "/api/nope" of environment dev'
rw --yes $W --name existing-subfolder --secret-path /api/billing --map-client-id SUB_ID \
	--map-client-secret SUB_SECRET
is_rc 0 existing_subfolder_is_taken
check existing_subfolder_is_on_the_server test "$(on_server existing-subfolder /api/billing)" = 200

rw --yes $W --name wrong-project --project 00000000-0000-4000-8000-000000000000
is_rc 2 project_the_token_cannot_see_exits_2
says project_refusal_lists_the_visible_ones "Payments Platform"

# A project by slug: matched after the ids, the id is what is sent, and the
# run says which project the slug named.
rw --yes $W --name slug-project --project payments-platform --map-client-id SLUG_ID \
	--map-client-secret SLUG_SECRET
is_rc 0 project_slug_is_taken
says project_slug_names_the_project "project \"payments-platform\" is Payments Platform ($PAY)"
check project_slug_creates_in_that_project test "$(on_server slug-project)" = 200
check project_slug_sends_the_id test "$("$JSON_GET" "$T/got" secretRotation.projectId)" = "$PAY"
INFISICAL_PROJECT_ID=internal-tools rw --yes --domain "$SANDBOX_URL" --environment dev \
	--connection $CONTOSO --object-id $APP_OBJ --client-id $APP_CLI --name slug-from-env \
	--map-client-id ENV_SLUG_ID --map-client-secret ENV_SLUG_SECRET
is_rc 0 project_slug_from_the_environment_is_taken
says project_slug_from_the_environment_is_named 'project "internal-tools" is Internal Tools'
rw --yes $W --name unknown-slug --project no-such-project
is_rc 2 unknown_project_slug_exits_2
says unknown_project_slug_is_named '"no-such-project"'

rw --yes $W --name wrong-env --environment qa
is_rc 2 unknown_environment_exits_2
says unknown_environment_lists_the_real_ones "dev, staging, prod"

rw --yes $W --name azure-says-no --object-id $BAD_OBJ --client-id $BAD_CLI \
	--map-client-id NO_ID --map-client-secret NO_SECRET
is_rc 1 azure_refusal_exits_1
one_line azure_refusal_is_one_line
says azure_refusal_shows_the_reason "Insufficient privileges"
# The fix is the connection's Graph permissions, not the Object ID (issue 10, fault 7).
says azure_refusal_names_the_graph_permission "Microsoft Graph application permission Application.ReadWrite.All"
says azure_refusal_says_where_to_grant_it "API permissions, then clicks Grant admin consent"
check azure_refusal_does_not_blame_the_object_id sh -c '! grep -q -- "check --object-id" "$1"' _ "$T/err"

rw --yes $W --name nobody-home --domain http://127.0.0.1:9
is_rc 3 no_server_listening_exits_3
one_line no_server_is_one_line
says no_server_names_the_url "http://127.0.0.1:9/api"
says no_server_names_the_fix "--domain / INFISICAL_DOMAIN"

# One loopback rule (net/url.c): the IPv4-mapped loopback is loopback for the
# sign-in and for the HTTP layer alike, so it is used, not refused late.
PORT=${SANDBOX_URL##*:}
rw --yes $W --name mapped-loopback --domain "http://[::ffff:127.0.0.1]:$PORT" \
	--map-client-id MAPPED_ID --map-client-secret MAPPED_SECRET
is_rc 0 ipv4_mapped_loopback_is_loopback
check ipv4_mapped_loopback_never_says_bare_usage_error sh -c "! grep -q 'usage error' '$T/err'"
check ipv4_mapped_loopback_created test "$(on_server mapped-loopback)" = 200
rw --yes $W --name mapped-elsewhere --domain "http://[::ffff:10.0.0.1]:$PORT"
is_rc 2 ipv4_mapped_other_address_is_refused
says ipv4_mapped_refusal_names_the_cause "unencrypted"

rw --yes $W --name trailing-api --domain "$SANDBOX_URL/api/" --map-client-id API_ID --map-client-secret API_SECRET
is_rc 0 domain_with_trailing_api_works

# --demo brings its own sandbox, URL and token.
unset INFISICAL_TOKEN
rw --yes --demo --project $PAY --environment dev --connection $CONTOSO --object-id $APP_OBJ \
	--client-id $APP_CLI --name demo-run
is_rc 0 demo_yes_creates_in_its_own_sandbox
check demo_prints_the_summary grep -q 'Name *demo-run' "$T/out"
# It says it is a demo, with what a curl from another terminal needs (fault 14).
check demo_says_so_on_stderr grep -qE '^rotwiz: DEMO - sandbox at http://127\.0\.0\.1:[0-9]+, token sandbox-user-token$' "$T/err"
check demo_left_the_test_sandbox_alone test "$(on_server demo-run)" = 404
INFISICAL_TOKEN=sandbox-user-token; export INFISICAL_TOKEN

# No token in the process list, the environment the process shows, or any file.
sandbox_stop
cli_sandbox --latency 300
W="--domain $SANDBOX_URL --project $PAY --environment dev --connection $CONTOSO --object-id $APP_OBJ --client-id $APP_CLI"
INFISICAL_TOKEN=sandbox-user-token
(cd "$T" && exec "$ROTWIZ" --yes $W --name slow-run --map-client-id SLOW_ID --map-client-secret SLOW_SECRET \
	>"$T/out" 2>"$T/err" </dev/null) &
pid=$!
sleep 0.5
# rotwiz and any child of it (other tests may run curl with the same token).
ps -eww -o pid=,ppid=,args= | awk -v p="$pid" '$1 == p || $2 == p' >"$T/ps" 2>&1
ps eww -o args= -p "$pid" >"$T/ps-env" 2>&1
tr '\0' '\n' <"/proc/$pid/environ" >"$T/environ" 2>/dev/null
check process_was_running_when_looked_at grep -q 'slow-run' "$T/ps"
check token_not_in_the_process_list sh -c "! grep -q sandbox-user-token '$T/ps'"
check token_not_in_the_process_environment sh -c "! grep -q sandbox-user-token '$T/ps-env' '$T/environ'"
wait "$pid"
rc=$?
is_rc 0 slow_run_exits_0
check token_not_in_any_file_written sh -c "! grep -rq sandbox-user-token '$T/home' '$T/state' '$T/out' '$T/err'"
check no_file_written_in_home test -z "$(find "$T/home" "$T/state" -type f)"

# ROTWIZ_DEBUG_LOG: libcurl's headers go to that file, never the token.
ROTWIZ_DEBUG_LOG="$T/debug.log"; export ROTWIZ_DEBUG_LOG
rw --yes $W --name with-debug-log --map-client-id DBG_ID --map-client-secret DBG_SECRET
unset ROTWIZ_DEBUG_LOG
is_rc 0 create_with_debug_log_exits_0
check debug_log_records_the_create grep -q 'POST /api/v2/secret-rotations/azure-client-secret' "$T/debug.log"
check debug_log_redacts_the_token sh -c "! grep -q sandbox-user-token '$T/debug.log'"
check debug_log_is_private test "$(command stat -c %a "$T/debug.log")" = 600
check debug_log_keeps_stderr_quiet test ! -s "$T/err"

done_testing
