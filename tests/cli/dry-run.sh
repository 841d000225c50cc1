# --dry-run and --print-curl: every value checked, the body printed, nothing
# sent, no credentials needed.  Bodies are compared as parsed JSON.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/cli/lib.sh"

FIELDS="--name azure-app-secret --project p1 --environment prod --connection $CONN --object-id $OBJ --client-id $CLI"

cat >"$T/want.json" <<JSON
{
  "name": "azure-app-secret",
  "description": "Rotates the app's secret",
  "projectId": "p1",
  "connectionId": "$CONN",
  "environment": "prod",
  "secretPath": "/azure/app",
  "isAutoRotationEnabled": false,
  "rotationInterval": 45,
  "rotateAtUtc": { "hours": 7, "minutes": 5 },
  "parameters": { "objectId": "$OBJ", "clientId": "$CLI", "appName": "Billing API" },
  "secretsMapping": { "clientId": "BILLING_ID", "clientSecret": "BILLING_SECRET" }
}
JSON

OBJ_UPPER=$(printf '%s' "$OBJ" | tr a-f A-F)
rw --dry-run --name azure-app-secret --description "Rotates the app's secret" \
	--project p1 --environment prod --secret-path azure/app/ --connection "$CONN" \
	--object-id "$OBJ_UPPER" --client-id "$CLI" --app-name "Billing API" \
	--interval 45 --rotate-at 7:05 --no-auto-rotation \
	--map-client-id BILLING_ID --map-client-secret BILLING_SECRET
is_rc 0 dry_run_with_every_field_flag_exits_0
check dry_run_prints_exactly_the_create_body "$JSON_EQUAL" "$T/out" "$T/want.json"
check dry_run_is_silent_on_stderr test ! -s "$T/err"

# Defaults fill what is not given.
rw --dry-run $FIELDS
is_rc 0 dry_run_with_required_flags_only_exits_0
check defaults_fill_the_secret_path test "$("$JSON_GET" "$T/out" secretPath)" = /
check defaults_fill_the_interval test "$("$JSON_GET" "$T/out" rotationInterval)" = 30
check defaults_fill_the_time test "$("$JSON_GET" "$T/out" rotateAtUtc)" = '{"hours":0,"minutes":0}'
check defaults_turn_auto_rotation_on test "$("$JSON_GET" "$T/out" isAutoRotationEnabled)" = true
check defaults_fill_the_mapping test "$("$JSON_GET" "$T/out" secretsMapping.clientSecret)" = AZURE_CLIENT_SECRET

# Each bad value alone: exit 2, one line, naming its flag.
while read -r flag value; do
	[ "$value" = EMPTY ] && value=
	rw --dry-run $FIELDS "$flag" "$value"
	is_rc 2 "bad_${flag#--}_${value:-empty}_exits_2"
	one_line "bad_${flag#--}_${value:-empty}_is_one_line"
	says "bad_${flag#--}_${value:-empty}_names_its_flag" "$flag"
done <<'CASES'
--interval 0
--interval 910
--interval 7.5
--interval 1e2
--rotate-at 24:00
--rotate-at 07:60
--rotate-at 7
--name Bad_Name
--name EMPTY
--name aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
--connection not-a-uuid
--object-id 1234
--client-id 0b8c2f4e-1d3a-4c5b-8e7f
--map-client-id A:B
--map-client-secret a/b
--environment Prod
--secret-path /a%20b
CASES

# The server stores 255 characters (its check allows 256, then the database
# fails after Azure issued a secret): 255 passes, 256 is refused before sending.
rw --dry-run $FIELDS --description "$(printf '%0255d' 0)"
is_rc 0 description_of_255_characters_passes
rw --dry-run $FIELDS --description "$(printf '%0256d' 0)"
is_rc 2 description_of_256_characters_exits_2
says description_of_256_names_rule_reason_and_length \
	"Description: at most 255 characters (the server stores 255), got 256"
one_line description_of_256_is_one_line
check description_of_256_sends_nothing_to_stdout test ! -s "$T/out"
rw --dry-run $FIELDS --description "$(printf '%0257d' 0)"
is_rc 2 description_of_257_characters_exits_2
says description_of_257_characters_names_its_flag --description

rw --dry-run $FIELDS --map-client-id SAME --map-client-secret SAME
is_rc 2 equal_mapping_names_exit_2
says equal_mapping_names_are_named SAME

rw --dry-run $FIELDS --interval 0 --rotate-at 25:61 --name Bad --connection x
is_rc 2 several_bad_values_exit_2
check several_bad_values_one_line_each test "$(wc -l <"$T/err")" -eq 5
says several_bad_values_name_interval -- --interval
says several_bad_values_name_hours "Rotate at hour"
says several_bad_values_name_minutes "Rotate at minute"
says several_bad_values_name_name -- --name
says several_bad_values_name_connection -- --connection

rw --dry-run $FIELDS --object-id "$CLI" --client-id "$CLI"
is_rc 0 same_object_and_client_id_is_only_a_warning
says same_object_and_client_id_warns "warning:"

# --from-file: the API's own shape; flags override it.
cp "$T/want.json" "$T/body.json"
rw --dry-run --from-file "$T/body.json"
is_rc 0 from_file_exits_0
check from_file_round_trips_the_body "$JSON_EQUAL" "$T/out" "$T/body.json"

rw --dry-run --from-file "$T/body.json" --name from-flag --interval 12
is_rc 0 flags_over_file_exit_0
check flag_overrides_file_name test "$("$JSON_GET" "$T/out" name)" = from-flag
check flag_overrides_file_interval test "$("$JSON_GET" "$T/out" rotationInterval)" = 12
check file_keeps_what_flags_do_not_give test "$("$JSON_GET" "$T/out" parameters.appName)" = "Billing API"

sed 's/"rotationInterval": 45/"rotationInterval": 0/' "$T/want.json" >"$T/bad-interval.json"
rw --dry-run --from-file "$T/bad-interval.json" --interval 10
is_rc 0 bad_file_value_replaced_by_a_flag_is_fine

rw --dry-run --from-file "$T/bad-interval.json"
is_rc 2 bad_file_value_exits_2
says bad_file_value_names_the_file "bad-interval.json"

cat >"$T/seed.json" <<'JSON'
{
  "name": "<string>",
  "projectId": "<string>",
  "description": "<string>",
  "connectionId": "3c90c3cc-0d44-4b50-8888-8dd25736052a",
  "environment": "<string>",
  "secretPath": "<string>",
  "isAutoRotationEnabled": true,
  "rotationInterval": 2,
  "rotateAtUtc": { "hours": 11.5, "minutes": 29.5 },
  "parameters": { "objectId": "<string>", "appName": "<string>", "clientId": "<string>" },
  "secretsMapping": { "clientId": "<string>", "clientSecret": "<string>" }
}
JSON
rw --dry-run --from-file "$T/seed.json"
is_rc 2 seed_body_is_refused
check seed_body_gives_a_reason_per_bad_value test "$(wc -l <"$T/err")" -ge 6
says seed_body_reason_names_the_name "Name"
says seed_body_reason_names_the_hours "hour"
says seed_body_reason_names_the_object_id "Object ID"
check seed_body_prints_no_body test ! -s "$T/out"

printf '{"name": "x", "nmae": "y"' >"$T/broken.json"
rw --dry-run --from-file "$T/broken.json"
is_rc 2 broken_json_exits_2
says broken_json_names_the_file "broken.json"

printf '{"name": "typo-key", "rotationIntreval": 3}' >"$T/typo.json"
rw --dry-run $FIELDS --from-file "$T/typo.json"
is_rc 2 unknown_key_exits_2
says unknown_key_is_named "rotationIntreval"

# --print-curl: the command, with $INFISICAL_TOKEN and never the token.
INFISICAL_TOKEN=tok-never-shown; export INFISICAL_TOKEN
rw --print-curl $FIELDS --domain https://eu.infisical.com/
is_rc 0 print_curl_exits_0
check print_curl_prints_curl grep -q '^curl' "$T/out"
check print_curl_targets_the_create_route grep -qF 'https://eu.infisical.com/api/v2/secret-rotations/azure-client-secret' "$T/out"
check print_curl_writes_the_token_as_a_variable grep -qF '$INFISICAL_TOKEN' "$T/out"
check print_curl_never_prints_the_token sh -c "! grep -q tok-never-shown '$T/out' '$T/err'"

rw --dry-run --print-curl $FIELDS
is_rc 0 dry_run_with_print_curl_exits_0
sed '/^$/,$d' "$T/out" >"$T/part1"
sed '1,/^$/d' "$T/out" >"$T/part2"
"$ROTWIZ" --dry-run $FIELDS >"$T/body-only" 2>/dev/null </dev/null
check dry_run_with_print_curl_prints_the_body_first "$JSON_EQUAL" "$T/part1" "$T/body-only"
check dry_run_with_print_curl_prints_curl_after_a_blank_line grep -q '^curl' "$T/part2"
check default_server_is_us_cloud grep -qF 'https://us.infisical.com/api/' "$T/part2"
unset INFISICAL_TOKEN

# The "Where" defaults: .infisical.json in the working directory, the
# environment over it, flags over both.
mkdir "$T/proj"
printf '{"workspaceId": "ws-from-file", "defaultEnvironment": "staging"}' >"$T/proj/.infisical.json"
REST="--name prefill --connection $CONN --object-id $OBJ --client-id $CLI"
(cd "$T/proj" && rw --dry-run $REST; echo "$rc" >"$T/rc")
rc=$(cat "$T/rc")
is_rc 0 infisical_json_fills_the_where_step
check infisical_json_gives_the_project test "$("$JSON_GET" "$T/out" projectId)" = ws-from-file
check infisical_json_gives_the_environment test "$("$JSON_GET" "$T/out" environment)" = staging

INFISICAL_ENVIRONMENT=dev INFISICAL_SECRET_PATH=/azure; export INFISICAL_ENVIRONMENT INFISICAL_SECRET_PATH
(cd "$T/proj" && rw --dry-run $REST --project flag-project; echo "$rc" >"$T/rc")
rc=$(cat "$T/rc")
is_rc 0 environment_and_flags_over_infisical_json
check flag_wins_for_the_project test "$("$JSON_GET" "$T/out" projectId)" = flag-project
check environment_wins_over_the_file test "$("$JSON_GET" "$T/out" environment)" = dev
check environment_gives_the_path test "$("$JSON_GET" "$T/out" secretPath)" = /azure
unset INFISICAL_ENVIRONMENT INFISICAL_SECRET_PATH

done_testing
