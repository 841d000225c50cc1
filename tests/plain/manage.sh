#!/bin/sh
# rotwiz manage in plain mode against rotwiz-sandbox (issue 12 item 3,
# decisions 24-28): the list and its filter, a failed rotation's detail
# explained, the credentials masked and never revealed into a pipe, an edit
# with the wizard's checks, and decision 25's scenario -- rotate the second
# rotation, then delete it with its secrets -- run once through plain mode
# and once through the commands for scripts, each on a fresh sandbox, with
# the same words said and the same end state on the server.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

ROT=/api/v2/secret-rotations/azure-client-secret
FAILED=c0d7b6a1-5f3e-4c8a-9b21-7e4f0a6d2c91
BULK2=5eed0000-0000-4000-8000-000000000002
W="--project $PAYMENTS --secret-path /workers"

manage() {	# rotwiz manage --plain ARGS with $T/in on stdin: $rc, $T/out, $T/err
	run_begin
	(cd "$RUN_DIR" && exec timeout $RUN_CAP_S env HOME="$RUN_HOME" XDG_STATE_HOME="$RUN_STATE" \
		INFISICAL_DOMAIN="$SANDBOX_URL" INFISICAL_TOKEN=$USER_TOKEN \
		"$ROTWIZ" manage --plain "$@") <"$T/in" >"$T/out" 2>"$T/err"
	rc=$?
}
script() {	# rotwiz COMMAND ARGS (a command for scripts), stdin empty
	run_begin
	(cd "$RUN_DIR" && exec timeout $RUN_CAP_S env HOME="$RUN_HOME" XDG_STATE_HOME="$RUN_STATE" \
		INFISICAL_DOMAIN="$SANDBOX_URL" INFISICAL_TOKEN=$USER_TOKEN \
		"$ROTWIZ" "$@") </dev/null >"$T/out" 2>"$T/err"
	rc=$?
}
api() { curl -s -H "Authorization: Bearer $USER_TOKEN" "$SANDBOX_URL$1"; }
# What the scenario leaves on the server, as text to compare: every rotation
# (name, environment, folder, active slot, status), the secrets of the
# /workers folders, and how many client secrets Azure holds.
state() {
	api "$ROT?projectId=$PAYMENTS" >"$T/list.json"
	n=$("$JSON_GET" "$T/list.json" 'secretRotations.#')
	i=0
	while [ "$i" -lt "$n" ]; do
		for f in name environment.slug folder.path activeIndex rotationStatus; do
			printf '%s ' "$("$JSON_GET" "$T/list.json" "secretRotations.$i.$f")"
		done
		echo
		i=$((i + 1))
	done | sort
	for env in dev staging prod; do
		printf '%s: ' $env
		api "/api/v4/secrets?projectId=$PAYMENTS&environment=$env&secretPath=/workers&viewSecretValue=false" |
			tr ',' '\n' | sed -n 's/.*"secretKey":"\([^"]*\)".*/\1/p' | sort | tr '\n' ' '
		echo
	done
	curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats"
	echo "azure: $("$JSON_GET" "$T/stats" azureClientSecrets)"
}
said() {	# said FILE TEXT: the line of FILE holding TEXT, for comparing words
	grep -F -- "$2" "$1" | head -n 1 | sed 's/^Rotated/rotated/'
}

# ---- decision 25's scenario, plain mode first
plain_sandbox --seed-rotations 4
state >"$T/before"
answers 2 r '' d y '' bulk-0002 q
manage $W
is_rc 0 plain_scenario_exits_0
shows list_has_status_and_both_times 'rotates in'
check list_rows_name_the_app_and_secrets grep -q '2) bulk-0002 .*; app .*; secrets BULK_0002_CLIENT_ID, BULK_0002_CLIENT_SECRET' "$T/out"
shows rotate_asks_first 'Rotate "bulk-0002" now? A new client secret goes into slot'
shows rotate_says_the_new_slot 'Rotated: the active credential is now index'
shows rotate_says_the_secret_changed 'now holds the new client secret of slot'
shows delete_switch_says_what_stays_when_off 'If not, the secrets BULK_0002_CLIENT_ID and BULK_0002_CLIENT_SECRET stay in'
shows revoke_switch_says_what_stays_when_off 'the client secret stays valid in Azure until it expires: revoke it there'
shows delete_question_repeats_what_happens 'are deleted; the client secret stays valid in Azure'
shows delete_says_it_is_done 'Deleted the rotation "bulk-0002"'
shows list_after_the_delete_has_three 'Rotations in project Payments Platform: 3'
cp "$T/out" "$T/plain.out"
state >"$T/plain.state"
check plain_scenario_changed_the_server sh -c "! cmp -s '$T/before' '$T/plain.state'"
sandbox_stop

# ---- the same through the commands for scripts, on a fresh sandbox
plain_sandbox --seed-rotations 4
script list $W
is_rc 0 script_list_exits_0
second=$(sed -n '3s/ .*//p' "$T/out")
check second_row_is_the_same_rotation test "$second" = bulk-0002
script rotate "$second" $W
is_rc 0 script_rotate_exits_0
cp "$T/out" "$T/rotate.out"
script delete "$second" $W --delete-secrets --yes
is_rc 0 script_delete_exits_0
cp "$T/out" "$T/delete.out"
state >"$T/script.state"
if cmp -s "$T/plain.state" "$T/script.state"; then ok 0 same_end_state_on_the_server
else ok 1 same_end_state_on_the_server; diff "$T/plain.state" "$T/script.state" | sed 's/^/#   /'; fi
check same_rotate_words test "$(said "$T/plain.out" 'he active credential is now')" = \
	"$(said "$T/rotate.out" 'he active credential is now')"
check same_slot_words test "$(said "$T/plain.out" 'now holds the new client secret')" = \
	"$(said "$T/rotate.out" 'now holds the new client secret')"
check same_delete_words test "$(said "$T/plain.out" 'Deleted the rotation')" = \
	"$(said "$T/delete.out" 'Deleted the rotation')"

# ---- detail, credentials, filter, edit (on the same sandbox)
api "$ROT/$FAILED/generated-credentials" >"$T/creds.json"
secret=$("$JSON_GET" "$T/creds.json" 'generatedCredentials.0.clientSecret')
answers f legacy prod-legacy-sync c v e '' '' '' 1000 45 '' '' '' '' '' b q
manage --project $PAYMENTS
is_rc 0 detail_session_exits_0
shows filter_narrows_the_list 'Rotations in project Payments Platform: 1 matching "legacy" (of 5)'
shows detail_explains_the_failure 'What it means            The app connection'"'"'s Azure app may not change'
shows credentials_list_the_slots 'client secret ******** (hidden)'
shows reveal_is_refused_into_a_pipe 'Not shown: rotwiz shows a client secret only on a terminal'
check secret_was_read_for_the_test test -n "$secret"
hides client_secret_never_printed "$secret"
shows edit_shows_the_locked_fields 'fixed after create (the server does not change them): delete and create again'
shows edit_checks_as_the_wizard_does 'Interval'
shows edit_refused_1000_and_asked_again '909'
shows edit_says_it_is_done 'Edited the rotation "prod-legacy-sync"'
api "$ROT/$FAILED" >"$T/got"
held edit_reached_the_server rotationInterval 45

# ---- from a pipe without --plain nobody could answer: refused before signing in
script manage --project $PAYMENTS
is_rc 2 manage_from_a_pipe_without_plain_exits_2
check it_names_the_commands_for_scripts grep -q 'rotwiz manage needs a terminal -- for scripts use' "$T/err"

# ---- from the wizard: m after a create lists the project's rotations, every folder
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"
answers plain-then-manage '' 'Payments Platform' dev /workers azure-contoso-prod 'Payments API' \
	'' '' '' '' '' '' c m plain-then-manage q
plain
is_rc 0 manage_after_a_create_exits_0
shows what_next_offers_manage 'm) manage the project'"'"'s rotations'
check list_has_the_new_one_and_other_folders sh -c "grep -q ') plain-then-manage .*dev /workers -- ' '$T/out' &&
	grep -q ') prod-legacy-sync .*prod /legacy' '$T/out'"
shows its_detail_is_shown 'The Azure Client Secret rotation "plain-then-manage".'

done_testing
