# Many rotations from one --from-file (issue 13) against a real rotwiz-sandbox:
# the three formats, every row's problems listed before anything is sent, the
# parallel creates (bounded, one connection a slot, reused), one failure not
# stopping the others, 429 waited out, a lost answer found by name (never a
# duplicate), Ctrl-C waiting for those in flight, --json one object a row in row
# order, the exit codes of decision 29, and --print-terraform through a real
# HCL parser (HashiCorp's hcl/v2).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/cli/lib.sh"

# One sandbox for the whole file: each part uses its own folder or names.
# The first create is carried out but its answer is lost; the two after it
# are refused with 429 (Retry-After: 1).
cli_sandbox --seed-apps 12 --latency 100 \
	--fault 'POST /api/v2/secret-rotations/azure-client-secret=drop-after@1' \
	--fault 'POST /api/v2/secret-rotations/azure-client-secret=429@2'

PAY=ec28d541-4984-455a-b145-c3b923b5c5b2
CONTOSO=9640d92c-838b-4c31-a495-6e6be4e58523
BAD_OBJ=f903695a-233e-405e-9480-34d9c384bd99	# Legacy Billing Sync: Graph refuses it
BAD_CLI=b50be191-ede9-4404-9c59-5d6b8438087e
obj() { printf '5eedaa00-0000-4000-8000-%012x' "$1"; }	# --seed-apps N (sandbox/seed.c)
cli() { printf '5eedcc00-0000-4000-8000-%012x' "$1"; }
INFISICAL_TOKEN=sandbox-user-token; export INFISICAL_TOKEN
D="--domain $SANDBOX_URL"

snapshot() { curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats.$1"; }
stat() { "$JSON_GET" "$T/stats.$1" "$2"; }
# How many rotations of NAME the project holds in environment dev (any folder).
count_named() {
	curl -s -H 'Authorization: Bearer sandbox-user-token' \
		"$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret?projectId=$PAY" >"$T/list"
	grep -o "\"name\":\"$1\"" "$T/list" | wc -l | tr -d ' '
}

# ---- the formats, offline (--dry-run sends nothing) ----
# The same three rotations as a JSON array, NDJSON and CSV (quotes, a comma
# inside one, CRLF): the bodies printed must be the same.
cat >"$T/rows.json" <<EOF
[ {"name": "fmt-one", "projectId": "$PAY", "environment": "dev", "connectionId": "$CONTOSO",
   "parameters": {"objectId": "$(obj 1)", "clientId": "$(cli 1)", "appName": "App, One"},
   "rotateAtUtc": {"hours": 7, "minutes": 30}},
  {"name": "fmt-two", "projectId": "$PAY", "environment": "dev", "connectionId": "$CONTOSO",
   "parameters": {"objectId": "$(obj 2)", "clientId": "$(cli 2)"}, "isAutoRotationEnabled": false,
   "rotationInterval": 45},
  {"name": "fmt-three", "projectId": "$PAY", "environment": "dev", "connectionId": "$CONTOSO",
   "parameters": {"objectId": "$(obj 3)", "clientId": "$(cli 3)"},
   "description": "say \"hi\" \${var.x}"} ]
EOF
{
	printf '{"name":"fmt-one","projectId":"%s","environment":"dev","connectionId":"%s","parameters":{"objectId":"%s","clientId":"%s","appName":"App, One"},"rotateAtUtc":{"hours":7,"minutes":30}}\n' "$PAY" "$CONTOSO" "$(obj 1)" "$(cli 1)"
	printf '\n{"name":"fmt-two","projectId":"%s","environment":"dev","connectionId":"%s","parameters":{"objectId":"%s","clientId":"%s"},"isAutoRotationEnabled":false,"rotationInterval":45}\n' "$PAY" "$CONTOSO" "$(obj 2)" "$(cli 2)"
	printf '{"name":"fmt-three","projectId":"%s","environment":"dev","connectionId":"%s","parameters":{"objectId":"%s","clientId":"%s"},"description":"say \\"hi\\" ${var.x}"}\n' "$PAY" "$CONTOSO" "$(obj 3)" "$(cli 3)"
} >"$T/rows.ndjson"
{
	printf 'name,project,environment,connection,object-id,client-id,app-name,rotate-at,auto-rotation,interval,description\r\n'
	printf 'fmt-one,%s,dev,%s,%s,%s,"App, One",07:30,,,\r\n' "$PAY" "$CONTOSO" "$(obj 1)" "$(cli 1)"
	printf 'fmt-two,%s,dev,%s,%s,%s,,,no,45,\r\n' "$PAY" "$CONTOSO" "$(obj 2)" "$(cli 2)"
	printf 'fmt-three,%s,dev,%s,%s,%s,,,,,"say ""hi"" ${var.x}"\r\n' "$PAY" "$CONTOSO" "$(obj 3)" "$(cli 3)"
} >"$T/rows.csv"
snapshot a
for f in json ndjson csv; do
	rw $D --from-file "$T/rows.$f" --dry-run
	is_rc 0 "dry_run_of_a_${f}_file_exits_0"
	cp "$T/out" "$T/bodies.$f"
done
snapshot b
check dry_runs_send_nothing test "$(stat b requests)" -eq "$(( $(stat a requests) + 1 ))"
check json_array_and_ndjson_give_the_same_bodies "$JSON_EQUAL" "$T/bodies.json" "$T/bodies.ndjson"
check json_array_and_csv_give_the_same_bodies "$JSON_EQUAL" "$T/bodies.json" "$T/bodies.csv"
check dry_run_keeps_row_order test "$("$JSON_GET" "$T/bodies.csv" 2.name)" = fmt-three
check csv_quotes_keep_a_comma test "$("$JSON_GET" "$T/bodies.csv" 0.parameters.appName)" = "App, One"
check csv_rotate_at_is_hours_and_minutes test "$("$JSON_GET" "$T/bodies.csv" 0.rotateAtUtc)" = '{"hours":7,"minutes":30}'
check csv_auto_rotation_no_is_false test "$("$JSON_GET" "$T/bodies.csv" 1.isAutoRotationEnabled)" = false
check csv_doubled_quotes_are_one test "$("$JSON_GET" "$T/bodies.csv" 2.description)" = 'say "hi" ${var.x}'
# Decision 29: {APP}_CLIENT_ID from the app's name; without one the AZURE pair, then _2.
check secret_names_come_from_the_app_template test "$("$JSON_GET" "$T/bodies.csv" 0.secretsMapping.clientId)" = APP_ONE_CLIENT_ID
check secret_names_without_an_app_start_at_azure test "$("$JSON_GET" "$T/bodies.csv" 1.secretsMapping.clientSecret)" = AZURE_CLIENT_SECRET
check a_second_row_without_an_app_gets_2 test "$("$JSON_GET" "$T/bodies.csv" 2.secretsMapping.clientId)" = AZURE_CLIENT_ID_2
# A flag is laid over every row.
rw $D --from-file "$T/rows.csv" --dry-run --interval 60
check a_flag_overrides_every_row test "$("$JSON_GET" "$T/out" 2.rotationInterval)" = 60

# ---- every problem of every row, before anything is sent ----
{
	printf 'name,project,environment,connection,object-id,client-id,rotate-at\n'
	printf 'ok-row,%s,dev,%s,%s,%s,01:00\n' "$PAY" "$CONTOSO" "$(obj 4)" "$(cli 4)"
	printf 'Bad Name,%s,dev,%s,not-a-guid,%s,25:00\n' "$PAY" "$CONTOSO" "$(cli 5)"
	printf ',%s,dev,%s,%s,%s,\n' "$PAY" "$CONTOSO" "$(obj 6)" "$(cli 6)"
	printf 'ok-row,%s,dev,%s,%s,%s,\n' "$PAY" "$CONTOSO" "$(obj 7)" "$(cli 7)"
	printf 'short,%s\n' "$PAY"
} >"$T/bad.csv"
snapshot a
rw $D --yes --from-file "$T/bad.csv"
snapshot b
is_rc 2 a_file_with_bad_rows_exits_2
says row_2_names_the_bad_name "row 2 (line 3): Name"
says row_2_names_the_bad_object_id "row 2 (line 3): Object ID"
says row_2_names_the_bad_hour "(column rotate-at)"
says row_3_names_the_missing_name "row 3 (line 4): Name"
says row_4_names_the_name_of_row_1 "row 4 (line 5): Name: \"ok-row\" is row 1's name too"
says row_5_names_its_cell_count "row 5 (line 6): has 2 cells, the header has 7 columns"
says the_count_of_bad_rows_is_said "4 of 5 rows have problems: nothing was sent"
check a_bad_file_sends_nothing test "$(stat b requests)" -eq "$(( $(stat a requests) + 1 ))"
printf 'name,project,frobnicate\nx,%s,1\n' "$PAY" >"$T/col.csv"
rw $D --yes --from-file "$T/col.csv"
is_rc 2 an_unknown_column_exits_2
says an_unknown_column_is_named 'column "frobnicate" is not a flag name'
printf '[{"name":"a"},{"nmae":"b"}]' >"$T/key.json"
rw $D --dry-run --from-file "$T/key.json"
is_rc 2 an_unknown_key_in_an_array_exits_2
says an_unknown_key_names_its_row 'row 2: nmae: is not a field of the create body'
printf '{"name":"a"}\n{"name":\n' >"$T/broken.ndjson"
rw $D --dry-run --from-file "$T/broken.ndjson"
is_rc 2 a_broken_ndjson_line_exits_2
says a_broken_ndjson_line_names_its_line 'row 2 (line 2): the body is not valid JSON'
rw $D --from-file "$T/rows.csv"
is_rc 2 a_file_of_many_without_yes_exits_2
says a_file_of_many_asks_for_yes "holds CSV of 3 rotations: those are made in flag mode -- add --yes"

# ---- --yes: ten creates, four at a time: one lost answer, two 429s, one refused ----
# Row 1's answer is lost (the sandbox's drop-after): it is looked up by name
# and found.  Rows 2 and 3 are refused with 429 and sent again after a second.
# Row 6 is an app Graph refuses: it fails alone.
{
	printf 'name,project,environment,secret-path,connection,object-id,client-id,app-name\n'
	i=1
	while [ $i -le 10 ]; do
		if [ $i -eq 6 ]; then
			printf 'batch-%02d,%s,dev,/workers,%s,%s,%s,Legacy\n' $i "$PAY" "$CONTOSO" "$BAD_OBJ" "$BAD_CLI"
		else
			printf 'batch-%02d,%s,dev,/workers,%s,%s,%s,app %d\n' $i "$PAY" "$CONTOSO" "$(obj $i)" "$(cli $i)" $i
		fi
		i=$((i + 1))
	done
} >"$T/ten.csv"
snapshot a
start=$(date +%s%N)
rw $D --yes --json --from-file "$T/ten.csv"
took=$(( ($(date +%s%N) - start) / 1000000 ))	# said, not judged: the machine may be loaded
snapshot b
is_rc 1 one_refused_row_makes_the_run_exit_1
check json_prints_one_line_a_row test "$(wc -l <"$T/out" | tr -d ' ')" -eq 10
sed -n 1p "$T/out" >"$T/row1"; sed -n 6p "$T/out" >"$T/row6"; sed -n 10p "$T/out" >"$T/row10"
check json_rows_are_in_row_order test "$("$JSON_GET" "$T/row10" name)" = batch-10
check json_row_says_created test "$("$JSON_GET" "$T/row10" status)" = created
check json_row_has_the_server_rotation test "$("$JSON_GET" "$T/row10" rotation.secretRotation.name)" = batch-10
check json_lost_answer_row_is_created test "$("$JSON_GET" "$T/row1" status)" = created
check json_refused_row_says_failed test "$("$JSON_GET" "$T/row6" status)" = failed
check json_refused_row_has_exit_code_1 test "$("$JSON_GET" "$T/row6" exitCode)" = 1
check json_refused_row_has_the_server_words grep -q 'Insufficient privileges' "$T/row6"
says the_totals_are_said "9 of 10 created, 1 failed, 0 unknown, 0 not sent"
says the_refused_row_is_named_on_stderr "row 6: "
check the_lost_answer_made_no_duplicate test "$(count_named batch-01)" = 1
check every_other_row_is_on_the_server test "$(grep -o '"name":"batch-[0-9]*"' "$T/list" | sort -u | wc -l | tr -d ' ')" = 9
conns=$(( $(stat b connections) - $(stat a connections) - 1 ))
posts=$(( $("$JSON_GET" "$T/stats.b" "routes.POST /api/v2/secret-rotations/azure-client-secret") - \
	$("$JSON_GET" "$T/stats.a" "routes.POST /api/v2/secret-rotations/azure-client-secret" 2>/dev/null || echo 0) ))
diag "10 rows, --parallel 4, 100 ms latency, one answer dropped, two 429s: $took ms, $conns connections, $posts POSTs"
check four_in_flight_use_more_than_one_connection test "$conns" -ge 2
check every_row_was_posted_once_and_the_429s_twice test "$posts" -eq 12

# --parallel 1: a single connection, reused for every create.
sed 's/batch-/one-/' "$T/ten.csv" >"$T/one.csv"
snapshot a
rw $D --yes --parallel 1 --from-file "$T/one.csv"
snapshot b
is_rc 1 parallel_1_exits_1_for_the_refused_row
conns=$(( $(stat b connections) - $(stat a connections) - 1 ))
check parallel_1_uses_one_connection test "$conns" -eq 1
shows the_refused_row_is_listed_failed "failed   one-06"
# The same file again: every name is taken, so nothing at all is sent.
snapshot a
rw $D --yes --from-file "$T/one.csv"
snapshot b
is_rc 2 a_file_whose_names_are_taken_exits_2
says a_taken_name_is_named_with_its_row 'row 2 (line 3): Name: a rotation named "one-02" already exists in dev /workers'
says the_refused_app_row_has_no_name_problem "9 of 10 rows have problems"
check a_taken_file_posts_nothing test "$("$JSON_GET" "$T/stats.b" "routes.POST /api/v2/secret-rotations/azure-client-secret")" = \
	"$("$JSON_GET" "$T/stats.a" "routes.POST /api/v2/secret-rotations/azure-client-secret")"
check the_second_run_made_no_duplicate test "$(count_named one-02)" = 1
rw $D --yes --parallel 17 --from-file "$T/ten.csv"
is_rc 2 parallel_above_16_exits_2
says parallel_above_16_names_the_range "--parallel must be a whole number from 1 to 16"

# ---- Ctrl-C: nothing new starts, those in flight finish ----
# Eighty rows, two at a time: far more than can finish before the interrupt.
{
	printf 'name,project,environment,secret-path,connection,object-id,client-id\n'
	i=1
	while [ $i -le 80 ]; do
		printf 'int-%02d,%s,dev,/api,%s,%s,%s\n' $i "$PAY" "$CONTOSO" "$(obj $((i % 12 + 1)))" "$(cli $((i % 12 + 1)))"
		i=$((i + 1))
	done
} >"$T/int.csv"
snapshot a
"$ROTWIZ" $D --yes --parallel 2 --from-file "$T/int.csv" >"$T/out" 2>"$T/err" </dev/null &
pid=$!
# Poll until the first two creates are on the wire, then interrupt.
i=0
polls=0
while [ $i -lt 200 ]; do
	snapshot c
	polls=$((polls + 1))
	n=$("$JSON_GET" "$T/stats.c" "routes.POST /api/v2/secret-rotations/azure-client-secret" 2>/dev/null || echo 0)
	[ "$n" -ge $(( $("$JSON_GET" "$T/stats.a" "routes.POST /api/v2/secret-rotations/azure-client-secret") + 2 )) ] && break
	sleep 0.02
	i=$((i + 1))
done
kill -INT $pid
wait $pid
rc=$?
snapshot b
is_rc 130 ctrl_c_exits_130
says ctrl_c_is_said "(stopped by Ctrl-C)"
made=$(grep -c '^created' "$T/out")
diag "Ctrl-C after two creates went out: $made created"
check ctrl_c_waits_for_those_in_flight test "$made" -ge 2
check ctrl_c_starts_no_more test "$made" -lt 80
conns=$(( $(stat b connections) - $(stat a connections) - polls - 1 ))
diag "--parallel 2: $conns connections"
check two_in_flight_use_two_connections_reused test "$conns" -eq 2
shows ctrl_c_lists_what_was_not_sent "not sent int-80"
check what_was_said_created_is_on_the_server test "$(grep -o '"name":"int-[0-9]*"' "$(count_named x >/dev/null; echo "$T/list")" | wc -l | tr -d ' ')" -eq "$made"

# ---- --print-terraform through HashiCorp's HCL parser ----
TOOLS=${ROTWIZ_TOOLS:-/var/tmp/rotwiz-tools}
if [ ! -e "$TOOLS/node_modules/@cdktf/hcl2json/package.json" ]; then
	mkdir -p "$TOOLS" && (cd "$TOOLS" && npm install --no-audit --no-fund --silent @cdktf/hcl2json@0.21.0) >/dev/null 2>&1
fi
rw $D --print-terraform --from-file "$T/rows.csv"
is_rc 0 print_terraform_exits_0
cp "$T/out" "$T/rows.tf"
rw $D --print-terraform --name one-tf --project $PAY --environment dev --connection $CONTOSO \
	--object-id "$(obj 1)" --client-id "$(cli 1)"
is_rc 0 print_terraform_of_flags_exits_0
cp "$T/out" "$T/one.tf"
# rotwiz show --print-terraform: a rotation on the server, as the resource.
rw show int-01 $D --project $PAY --environment dev --secret-path /api --print-terraform
is_rc 0 show_print_terraform_exits_0
cp "$T/out" "$T/show.tf"
node "$top_srcdir/tests/cli/hcl2json.js" "$TOOLS" "$T/rows.tf" "$T/one.tf" "$T/show.tf" 2>"$T/err"
rc=$?
is_rc 0 the_hcl_parser_reads_every_output
R=resource.infisical_secret_rotation_azure_client_secret
check terraform_has_a_resource_a_row test "$("$JSON_GET" "$T/rows.tf.json" $R.fmt_three.0.name)" = fmt-three
check terraform_uses_the_provider_attribute_names test "$("$JSON_GET" "$T/rows.tf.json" $R.fmt_one.0.parameters.object_id)" = "$(obj 1)"
check terraform_has_the_schedule test "$("$JSON_GET" "$T/rows.tf.json" $R.fmt_one.0.rotate_at_utc)" = '{"hours":7,"minutes":30}'
check terraform_has_auto_rotation_as_a_bool test "$("$JSON_GET" "$T/rows.tf.json" $R.fmt_two.0.auto_rotation_enabled)" = false
check terraform_has_the_interval test "$("$JSON_GET" "$T/rows.tf.json" $R.fmt_two.0.rotation_interval)" = 45
check terraform_has_the_mapping test "$("$JSON_GET" "$T/rows.tf.json" $R.fmt_one.0.secrets_mapping.client_id)" = APP_ONE_CLIENT_ID
# A quote and "${" in a value stay characters: no template, nothing cut.
check terraform_keeps_quotes_and_dollar_brace grep -qF 'description   = "say \"hi\" $${var.x}"' "$T/rows.tf"
check terraform_leaves_the_app_name_out sh -c "! grep -q 'App, One' '$T/rows.tf'"
check terraform_says_machine_identity_only grep -q 'machine' "$T/rows.tf"
check terraform_says_there_is_no_import grep -q 'no import' "$T/rows.tf"
check terraform_says_destroy_leaves_the_azure_secret grep -q 'destroy' "$T/rows.tf"
check terraform_of_an_id_has_no_slug_warning sh -c "! grep -q 'not a project ID' '$T/one.tf'"
rw $D --print-terraform --name slug-tf --project payments-platform --environment dev \
	--connection $CONTOSO --object-id "$(obj 1)" --client-id "$(cli 1)"
check terraform_of_a_slug_says_the_provider_needs_the_id grep -q 'not a project ID (a slug?), and the provider needs the ID' "$T/out"
check one_resource_holds_the_default_mapping test "$("$JSON_GET" "$T/one.tf.json" $R.one_tf.0.secrets_mapping.client_secret)" = AZURE_CLIENT_SECRET
check show_terraform_has_the_server_values test "$("$JSON_GET" "$T/show.tf.json" $R.int_01.0.parameters.object_id)" = "$(obj 2)"
check show_terraform_has_the_folder test "$("$JSON_GET" "$T/show.tf.json" $R.int_01.0.secret_path)" = /api
rw list $D --project $PAY --print-terraform
is_rc 2 print_terraform_is_only_for_show

done_testing
