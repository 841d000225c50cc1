#!/bin/sh
# The commands for scripts (doc/contract.md s.4.2) against rotwiz-sandbox:
# list, show, rotate, edit, delete, status; names resolved in scope
# (decision 23), the second rotation's question (decision 18), a lost
# rotate reply looked up (decision 17), each delete switch checked on the
# server, status exit codes with the seeded failed rotation, and the
# scheduler (--speed) rotating by itself.  Each case checks what the user
# saw and what the server holds.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/cli/lib.sh"

PAY=ec28d541-4984-455a-b145-c3b923b5c5b2
CONTOSO=9640d92c-838b-4c31-a495-6e6be4e58523
ROT=/api/v2/secret-rotations/azure-client-secret
STAGING=9362c962-2e0f-40a9-9e92-f8fadf7f37cf
FAILED=c0d7b6a1-5f3e-4c8a-9b21-7e4f0a6d2c91
BULK1=5eed0000-0000-4000-8000-000000000001
BULK2=5eed0000-0000-4000-8000-000000000002
BULK3=5eed0000-0000-4000-8000-000000000003
BULK4=5eed0000-0000-4000-8000-000000000004
BULK5=5eed0000-0000-4000-8000-000000000005
BULK6=5eed0000-0000-4000-8000-000000000006

INFISICAL_TOKEN=sandbox-user-token; export INFISICAL_TOKEN

# One sandbox for most cases: the rotate replies of three seeded rotations are
# lost in three ways (after the rotation, before it, unreadable); an edit's
# reply is lost after it was made; and a rotate's and a delete's replies are
# lost where the lookup fails too (decision 24: exit 5).
cli_sandbox --seed-rotations 6 \
	--fault "POST $ROT/$BULK1/rotate-secrets=drop-after@1" \
	--fault "POST $ROT/$BULK2/rotate-secrets=drop@1" \
	--fault "POST $ROT/$BULK3/rotate-secrets=truncate@1" \
	--fault "PATCH $ROT/$BULK4=drop-after@1" \
	--fault "POST $ROT/$BULK5/rotate-secrets=drop-after@1" \
	--fault "DELETE $ROT/$BULK5=drop-after@1" \
	--fault "GET $ROT/$BULK5=500" \
	--fault "DELETE $ROT/$BULK6=drop-after@1"
D="--domain $SANDBOX_URL --project $PAY"

get() {	# get ID: the rotation as the server holds it, in $T/got; $code
	code=$(curl -s -o "$T/got" -w '%{http_code}' -H "Authorization: Bearer $INFISICAL_TOKEN" \
		"$SANDBOX_URL$ROT/$1")
}
field() { "$JSON_GET" "$T/got" "secretRotation.$1"; }
requests() { curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats"; "$JSON_GET" "$T/stats" requests; }
secret_there() {	# secret_there ENV PATH KEY
	curl -s -H "Authorization: Bearer $INFISICAL_TOKEN" \
		"$SANDBOX_URL/api/v4/secrets?projectId=$PAY&environment=$1&secretPath=$2&viewSecretValue=false" |
		grep -q "\"secretKey\":\"$3\""
}
says_out() { if grep -qF -- "$2" "$T/out"; then ok 0 "$1"; else ok 1 "$1"; sed 's/^/#   /' "$T/out"; fi; }
azure_secrets() { curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats"; "$JSON_GET" "$T/stats" azureClientSecrets; }
# make NAME ENV PATH OBJ CLI: a rotation made on the server (curl), its id in $made
make_rotation() {
	curl -s -o "$T/made" -H "Authorization: Bearer $INFISICAL_TOKEN" -H 'Content-Type: application/json' \
		-X POST "$SANDBOX_URL$ROT" -d "{\"name\":\"$1\",\"projectId\":\"$PAY\",
		\"connectionId\":\"$CONTOSO\",\"environment\":\"$2\",\"secretPath\":\"$3\",
		\"rotationInterval\":30,\"rotateAtUtc\":{\"hours\":0,\"minutes\":0},
		\"parameters\":{\"objectId\":\"$4\",\"clientId\":\"$5\"},
		\"secretsMapping\":{\"clientId\":\"${6:-AZURE_CLIENT_ID}\",\"clientSecret\":\"${7:-AZURE_CLIENT_SECRET}\"}}"
	made=$("$JSON_GET" "$T/made" secretRotation.id)
}

# ---- list and show
rw list $D
is_rc 0 list_exits_0
check list_names_every_rotation grep -q 'staging-api-azure' "$T/out"
check list_shows_the_seeded_failure_in_words \
	grep -q 'prod-legacy-sync .*rotation failed: .*Insufficient privileges' "$T/out"
check list_shows_when_the_next_one_is grep -q 'staging-api-azure .*2[0-9-]*T00:00 .*rotates in [0-9]* days' "$T/out"
rw list $D --environment prod --secret-path /legacy --json
is_rc 0 list_json_exits_0
check list_json_is_the_scope_only test "$("$JSON_GET" "$T/out" 'secretRotations.#')" = 1
check list_json_keeps_the_server_fields_and_adds_health \
	test "$("$JSON_GET" "$T/out" secretRotations.0.rotwiz.health)" = failed
rw show staging-api-azure $D
is_rc 0 show_by_name_exits_0
check show_gives_id_active_slot_and_health sh -c "grep -q '$STAGING' '$T/out' &&
	grep -q 'Active credential *1' '$T/out' && grep -q 'Health *rotates in' '$T/out'"
rw show $FAILED --domain "$SANDBOX_URL" --project $PAY --json
is_rc 0 show_by_id_exits_0
check show_json_has_the_last_message \
	sh -c "'$JSON_GET' '$T/out' secretRotation.lastRotationMessage | grep -q 'Insufficient privileges'"
rw show no-such-rotation $D
is_rc 1 show_unknown_name_exits_1
says show_unknown_name_says_where_it_looked 'no rotation named "no-such-rotation" in project'

# ---- names: one name in two environments is refused, with the candidates
make_rotation twin dev /workers 74a3f82e-531e-45c2-b7d5-d81151298038 9c743c18-95ce-4fbe-8f48-3723a676b96e
twin_dev=$made
make_rotation twin staging /workers a206ff5c-5924-4b0f-9c70-2575907a80ff 9d43905a-edc1-4513-a8d3-d5c23c3140ad
twin_staging=$made
before=$(requests)
rw show twin $D
is_rc 2 ambiguous_name_exits_2
says ambiguous_name_lists_each_candidate "dev /workers ($twin_dev)"
says ambiguous_name_lists_the_other "staging /workers ($twin_staging)"
check ambiguous_name_cost_two_requests test $(( $(requests) - before - 1 )) = 2
rw show twin $D --environment staging
is_rc 0 environment_settles_the_name
check the_one_in_staging_is_shown grep -q "$twin_staging" "$T/out"

# ---- rotate: right after a create nothing is revoked, so it does not ask
before=$(requests)
rw rotate twin $D --environment dev
is_rc 0 rotate_after_create_exits_0
check rotate_says_the_new_index grep -q 'rotated: the active credential is now index 1 (it was 0)' "$T/out"
check rotate_costs_three_requests test $(( $(requests) - before - 1 )) = 3
get "$twin_dev"
check server_shows_the_rotation test "$(field activeIndex)" = 1
rw rotate twin $D --environment dev
is_rc 2 second_rotation_from_a_pipe_is_refused
says second_rotation_names_what_it_revokes 'revokes the client secret in slot 0'
get "$twin_dev"
check refused_rotation_left_the_server_alone test "$(field activeIndex)" = 1
rw rotate twin $D --environment dev --yes --json
is_rc 0 second_rotation_with_yes_rotates
check rotate_json_is_the_servers_shape test "$("$JSON_GET" "$T/out" secretRotation.activeIndex)" = 0

# ---- rotate: lost replies are looked up before anything is said
rw rotate "$BULK1" $D
is_rc 0 lost_reply_after_the_rotation_is_found
says lost_reply_says_it_was_found 'rotated: the reply was lost, found on the server'
get "$BULK1"
check found_rotation_is_the_servers test "$(field activeIndex)" = 0
rw rotate "$BULK2" $D
is_rc 3 lost_reply_before_the_rotation_exits_3
says lost_reply_says_not_rotated 'not rotated: the reply was lost'
says not_rotated_says_it_is_safe 'it is safe to rotate again'
get "$BULK2"
check unrotated_one_is_unchanged test "$(field activeIndex)" = 1
rw rotate "$BULK3" $D
is_rc 0 unreadable_reply_is_looked_up
says unreadable_reply_found 'found on the server'

# ---- decision 24: a change whose reply is lost and whose lookup fails exits 5
rw rotate bulk-0005 $D
is_rc 5 rotate_of_unknown_outcome_exits_5
says rotate_unknown_says_so 'outcome unknown: the rotate request may have reached the server'
rw edit bulk-0004 $D --interval 45
is_rc 0 edit_whose_reply_was_lost_is_found_applied
says edit_lost_reply_says_it_was_found 'edited: the reply was lost, and the server shows the new values'
get "$BULK4"
check lost_edit_is_on_the_server test "$(field rotationInterval)" = 45
rw delete bulk-0005 $D --yes
is_rc 5 delete_of_unknown_outcome_exits_5
says delete_unknown_says_so 'outcome unknown: could not look it up: '
rw list $D
is_rc 0 list_after_the_lost_delete_exits_0
if grep -q 'bulk-0005' "$T/out"; then ok 1 lost_delete_happened_on_the_server; else ok 0 lost_delete_happened_on_the_server; fi

# A lost delete reply is looked up, and never sent again (libcurl resent a bodiless
# DELETE on a reused connection by itself: the second answered 404 for one made).
rw delete bulk-0006 $D --yes
is_rc 0 delete_whose_reply_was_lost_is_found_done
says_out lost_delete_says_it_was_found 'Deleted: the reply was lost, and the server has the rotation no more: the secrets BULK_0006'
get "$BULK6"
check lost_delete_is_gone test "$code" = 404

# ---- rotate: Azure's refusal (the sandbox's fail-next control)
curl -s -X POST "$SANDBOX_URL/sandbox/rotations/$BULK4/fail-next" >/dev/null
rw rotate "$BULK4" $D
is_rc 1 refused_rotation_exits_1
says refused_rotation_gives_azures_reason 'Insufficient privileges to complete the operation'
get "$BULK4"
check refused_rotation_is_failed_on_the_server test "$(field rotationStatus)" = failed
says refused_rotation_says_the_fix "Fix: in the Azure portal, give the connection's app the Microsoft Graph application permission Application.ReadWrite.All"

# ---- rotate: the server's own lock (the sandbox's busy-next control)
before=$(field activeIndex)
curl -s -X POST "$SANDBOX_URL/sandbox/rotations/$BULK4/busy-next" >/dev/null
rw rotate "$BULK4" $D --yes
is_rc 1 rotation_already_running_exits_1
says rotation_already_running_is_explained 'A rotation is already in progress. Please try again shortly. (HTTP 400) (request id: '
says rotation_already_running_says_what_to_do '-- Another rotation of it is running now (the schedule'"'"'s, or one started elsewhere), so the server changed nothing.'
get "$BULK4"
check rotation_already_running_changed_nothing test "$(field activeIndex)" = "$before"

# ---- status
rw status $D --environment dev
is_rc 0 healthy_scope_exits_0
rw status $D
is_rc 7 failed_rotations_make_status_exit_7
check status_names_each_failed_one sh -c "grep -q 'prod-legacy-sync (prod /legacy' '$T/out' &&
	grep -q 'bulk-0004' '$T/out' && grep -q '2 need attention' '$T/out'"
rw status $D --json
is_rc 7 status_json_exits_7_too

# ---- edit
rw edit twin $D --environment dev --interval 0
is_rc 2 edit_checks_values_as_the_wizard
says edit_names_the_rule 'must be a whole number of days from 1 to 909'
rw edit twin $D --environment dev
is_rc 2 edit_with_nothing_to_change_exits_2
rw edit twin $D --environment dev --interval 7 --rotate-at 05:30 --no-auto-rotation \
	--map-client-secret TWIN_SECRET --description 'edited by tests'
is_rc 0 edit_exits_0
check edit_shows_auto_rotation_off grep -q 'Health *auto-rotation off' "$T/out"
check edit_shows_the_description grep -q '^  Description  *edited by tests$' "$T/out"
get "$twin_dev"
check edit_reached_the_server sh -c "test \"\$('$JSON_GET' '$T/got' secretRotation.rotationInterval)\" = 7 &&
	test \"\$('$JSON_GET' '$T/got' secretRotation.rotateAtUtc.hours)\" = 5 &&
	test \"\$('$JSON_GET' '$T/got' secretRotation.isAutoRotationEnabled)\" = false &&
	test \"\$('$JSON_GET' '$T/got' secretRotation.secretsMapping.clientSecret)\" = TWIN_SECRET &&
	test \"\$('$JSON_GET' '$T/got' secretRotation.secretsMapping.clientId)\" = AZURE_CLIENT_ID"
check edit_renamed_the_mapped_secret secret_there dev /workers TWIN_SECRET
rw edit twin $D --environment dev --connection $CONTOSO
is_rc 2 edit_refuses_the_connection

# ---- delete: each switch, checked on the server
rw delete twin $D --environment dev
is_rc 2 delete_from_a_pipe_without_yes_is_refused
says refusal_says_what_stays 'stays valid in Azure until it expires: revoke it there'
get "$twin_dev"
check refused_delete_left_it test "$code" = 200
live=$(azure_secrets)
rw delete twin $D --environment dev --yes
is_rc 0 delete_with_yes_exits_0
says_out delete_says_the_secrets_stay 'stay in dev /workers'
get "$twin_dev"
check deleted_one_is_gone test "$code" = 404
check plain_delete_keeps_the_mapped_secrets secret_there dev /workers TWIN_SECRET
check plain_delete_keeps_azures_secrets test "$(azure_secrets)" = "$live"
live=$(azure_secrets)
rw delete twin $D --yes --delete-secrets --revoke-credentials --json
is_rc 0 delete_with_both_switches_exits_0
get "$twin_staging"
check second_twin_is_gone test "$code" = 404
if secret_there staging /workers AZURE_CLIENT_SECRET; then ok 1 delete_secrets_removes_the_mapped_secrets
else ok 0 delete_secrets_removes_the_mapped_secrets; fi
check revoke_removes_its_client_secret_from_azure test "$(azure_secrets)" = $(( live - 1 ))

# ---- the scheduler: at ten days a second the seeded rotation (due in 20 days) rotates by itself
sandbox_stop
cli_sandbox --speed 864000
i=0
while [ $i -lt 300 ]; do
	get "$STAGING"
	[ "$(field activeIndex)" = 0 ] && break
	i=$((i + 1))
	sleep 0.1
done
check scheduler_rotated_the_seeded_one test "$(field activeIndex)" = 0
check scheduled_rotation_is_not_manual test "$(field isLastRotationManual)" = false
get "$FAILED"
check failed_one_is_retried_and_fails_again test "$(field rotationStatus)" = failed

# ---- overdue: with the clock of a year ago and no scheduler, the seeded rotation's
# next rotation (20 days after that) has long passed by this machine's clock
sandbox_stop
cli_sandbox --now 2025-01-15T10:30:00.000Z --no-scheduler
rw status --domain "$SANDBOX_URL" --project $PAY --environment staging
is_rc 7 overdue_rotation_makes_status_exit_7
check status_says_overdue grep -q 'staging-api-azure .*overdue: due [0-9]* days ago' "$T/out"

done_testing
