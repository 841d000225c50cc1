#!/bin/sh
# Issue 12 items 1 and 2 in curses (decisions 18, 24-28): rotwiz manage
# opens on the project's Rotations, whose list failed once and loads on ^R;
# a filter, a non-first row, its detail with the last message explained;
# rotate now asked first, its lost reply looked up, a second one soon
# after asks with what it revokes; the credentials masked until v and a
# yes, hidden on the next key; an edit checked as typed, its lost reply
# looked up; a delete refused for a wrong name, then done with one switch,
# its lost reply looked up; a resize;
# Ctrl-C.  Then from the wizard: F2 on a step and m on the result open
# it, Esc goes back where it was, and a quit mid-way asks as the wizard does.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

LIST='GET /api/v2/secret-rotations/azure-client-secret'
ROTATE='POST /api/v2/secret-rotations/azure-client-secret/*/rotate-secrets'
ONE='/api/v2/secret-rotations/azure-client-secret/*'
screen_sandbox --seed-rotations 30 --fault "$LIST=500@1" --fault "$ROTATE=drop-after@1" \
	--fault "PATCH $ONE=drop-after@1" --fault "DELETE $ONE=drop-after@1"

stats() { curl -sS "$SANDBOX_URL/sandbox/stats" >"$T/stats"; }
stat_is() {	# stat_is NAME KEY WANT: the sandbox's stats have WANT at KEY
	stats
	_got=$("$JSON_GET" "$T/stats" "$2" 2>/dev/null)
	if [ "$_got" = "$3" ]; then ok 0 "$1"; else ok 1 "$1"; diag "$2: want '$3', got '$_got'"; fi
}
generated() {	# the sandbox's generated credentials of rotation $1, into $T/gen
	curl -sS -o "$T/gen" -H "Authorization: Bearer $USER_TOKEN" \
		"$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret/$1/generated-credentials"
}

screen_run INFISICAL_TOKEN=$USER_TOKEN -- manage --project $PAYMENTS
waits_joined "a_failed_list_says_why" "The rotations could not be loaded"
waits_joined "and_how_to_try_again" "^R tries again"
keys C-r
waits "the_list_loads_on_ctrl_r" "32 rotations in every environment"
waits "its_title_is_rotations" "Rotations"
waits "a_failed_one_says_why_in_words" "rotation failed: Infisical encountered"
waits "the_next_rotation_local_and_utc" "CET ("
waits "with_the_app_and_mapped_names" "app Payments API  AZURE_CLIENT_ID, AZURE_CLIENT_SECRET"

keys Down Enter
waits "a_non_first_row_opens" "Rotation prod-legacy-sync"
waits_joined "its_last_message_is_explained" "Last rotation's message: The app connection's Azure app may not change this app's client secrets"
waits_joined "with_the_fix" "Application.ReadWrite.All"
waits "every_field_is_there" "LEGACY_AZURE_CLIENT_SECRET"
keys Escape
waits "esc_goes_back_to_the_list" "32 rotations in every environment"
txt "LEGACY"
waits "a_filter_counts_the_matches" "1 of 32 rotations match"
lacks "the_others_are_filtered_out" "staging-api-azure"
keys Escape
waits "esc_clears_the_filter" "32 rotations in every environment"
keys Escape

# Rotate now: asked first; n keeps it; the reply of the first one is lost and looked up.
txt "staging-api"
waits "filtered_to_one" "1 of 32 rotations match"
keys Enter
waits "the_detail_opens" "Rotation staging-api-azure"
server_get staging-api-azure staging /api
before=$("$JSON_GET" "$T/got" secretRotation.activeIndex)
keys r
waits_joined "rotate_asks_first" "Rotate \"staging-api-azure\" now?"
keys n
waits "n_keeps_it" "Not rotated."
server_get staging-api-azure staging /api
held "nothing_was_sent" activeIndex "$before"
keys r
waits_joined "asked_again" "y rotates, n keeps it"
keys y
waits_joined "a_lost_reply_is_looked_up" "Rotated: the reply was lost, found on the server"
waits_joined "the_slot_and_the_mapped_secret_are_said" "the secret AZURE_CLIENT_SECRET holds its new client secret"
server_get staging-api-azure staging /api
held "the_server_did_rotate" activeIndex $((1 - before))
keys r
waits_joined "a_second_one_soon_after_says_what_it_revokes" "Rotating again revokes the client secret in slot $before"
keys Escape
waits "esc_answers_no" "Not rotated."
server_get staging-api-azure staging /api
held "still_rotated_once" activeIndex $((1 - before))

# Credentials: masked; v and a yes show the current one; any key hides it.
id=$("$JSON_GET" "$T/got" secretRotation.id)
generated "$id"
secret=$("$JSON_GET" "$T/gen" "generatedCredentials.$((1 - before)).clientSecret")
keys c
waits "credentials_show_both_slots" "Slot 1 ("
waits "the_secret_is_masked" "client secret  ********"
lacks "the_secret_is_not_on_screen" "$secret"
keys v
waits_joined "reveal_asks_first" "Show the client secret of staging-api-azure on screen?"
keys n
waits "n_keeps_it_hidden" "The client secret stays hidden."
lacks "still_not_on_screen" "$secret"
keys v
waits_joined "asked_again_for_the_reveal" "on screen?"
keys y
waits "y_shows_the_current_secret" "$secret"
keys x
waits "any_key_hides_it" "client secret  ********"
lacks "it_is_gone" "$secret"
keys Escape

# Edit: checked as typed; the locked fields say why; saved with PATCH.
keys e
waits "the_edit_opens" "Edit staging-api-azure"
waits_joined "the_locked_fields_say_why" "fixed after create (the server does not change them): delete and create again"
keys Tab Tab Tab C-u
txt "0"
waits_joined "a_bad_interval_is_said_as_typed" "must be a whole number of days from 1 to 909"
keys Enter
waits "it_is_not_saved" "Not saved: fix the marked field first."
keys C-u
txt "7"
keys Tab C-u
txt "3:30"
keys Enter
waits_joined "a_lost_edit_reply_is_looked_up" "Saved?: the reply was lost; the server now holds what is shown"
waits "and_shows_what_the_server_holds" "every 7 days at 03:30 UTC"
server_get staging-api-azure staging /api
held "the_interval_was_changed" rotationInterval 7
held "and_the_time" rotateAtUtc.hours 3

# A resize redraws from state.
tm resize-window -t t -x 70 -y 20
waits "narrow_still_shows_it" "Rotation staging-api-azure"
tm resize-window -t t -x 100 -y 30
waits "wide_again" "every 7 days at 03:30 UTC"

# Delete: the name typed exactly; both switches off and what each leaves behind.
keys d
waits "delete_opens" "Type the rotation's name (staging-api-azure) to delete it:"
waits "both_switches_start_off" "[ ] Delete the mapped secrets AZURE_CLIENT_ID and AZURE_CLIENT_SECRET too"
waits_joined "off_says_the_secrets_stay" "AZURE_CLIENT_ID and AZURE_CLIENT_SECRET stay in staging /api"
waits_joined "and_the_client_secret_stays_valid" "stays valid in Azure until it expires: revoke it there"
txt "staging-api-azur"
keys Enter
waits_joined "a_wrong_name_is_refused" "Not deleted: the name typed is not the rotation's"
server_get staging-api-azure staging /api
held "nothing_deleted" name staging-api-azure
txt "e"
keys Tab Space
waits "the_switch_turns_on" "[x] Delete the mapped secrets"
keys Enter
waits_joined "deleted_and_said" "Deleted the rotation \"staging-api-azure\""
waits_joined "its_lost_reply_is_not_a_failure" "the reply was lost, and the server has the rotation no more"
lacks "not_called_not_deleted" "Not deleted"
waits "the_list_comes_back_without_it" "0 of 31 rotations match"
lacks "it_is_gone_from_the_list" "staging-api-azure  staging"
server_get staging-api-azure staging /api
held "the_server_has_it_no_more" name ""
keys C-c
exits 0 "ctrl_c_leaves_manage"
# Decision 26: not in what rotwiz wrote (its stderr, HOME, state folder, working folder).
if [ -n "$secret" ] && ! grep -rF -q -- "$secret" "$T/stderr.$run_n" "$RUN_DIR" 2>/dev/null; then
	ok 0 "the_secret_is_in_no_file"
else
	ok 1 "the_secret_is_in_no_file"
fi

# rotwiz manage with a project slug and no credentials: sign-in first, then the slug's rotations.
screen_run -- manage --project payments-platform
waits "no_credentials_signs_in_first" "Sign in"
keys Enter Enter Enter
txt "$USER_TOKEN"
keys Enter
waits "then_the_rotations_of_the_slugs_project" "31 rotations in every environment"
keys Escape
lacks "esc_on_manage_s_own_list_goes_nowhere" "1/7 Rotation"
keys C-c
exits 0 "ctrl_c_leaves"
# Without a project: the projects to pick from first.
screen_run INFISICAL_TOKEN=$USER_TOKEN -- manage
waits "no_project_asks_whose" "Whose rotations? Pick the project:"
keys Down Enter
waits "the_picked_projects_rotations" "This project has no Azure Client Secret rotation yet."
waits "named_above" "Project: Internal Tools"
keys C-c
exits 0 "ctrl_c_leaves_too"

# A wizard draft is the wizard's: rotwiz manage neither offers it nor writes over it.
mkdir -p "$RUN_STATE/rotwiz" && chmod 700 "$RUN_STATE/rotwiz"
printf '{"version": 1, "step": 4, "server": "%s", "saved": %s, "answers": {"name": "half-made", "project": "%s", "environment": "dev"}}\n' \
	"$SANDBOX_URL" "$(date +%s)" "$PAYMENTS" >"$RUN_STATE/rotwiz/draft.json"
chmod 600 "$RUN_STATE/rotwiz/draft.json"
cp "$RUN_STATE/rotwiz/draft.json" "$T/draft.before"
keep_state
screen_run INFISICAL_TOKEN=$USER_TOKEN -- manage --project $PAYMENTS
waits "with_a_draft_saved_manage_opens_on_the_rotations" "rotations in every environment"
lacks "the_wizard_draft_is_not_offered" "A draft from an earlier run"
keys Down Enter
waits "a_rotation_opens_as_usual" "Rotation "
keys C-c
exits 0 "ctrl_c_leaves_with_a_draft_there"
if cmp -s "$T/draft.before" "$DRAFT"; then
	ok 0 "the_draft_is_left_as_it_was"
else
	ok 1 "the_draft_is_left_as_it_was"
	diag "draft now: $(cat "$DRAFT" 2>/dev/null || echo gone)"
fi

# From the wizard: F2 on a step, m on the result; Esc goes back; a quit mid-way asks.
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name from-wizard --project $PAYMENTS \
	--environment dev --secret-path /workers --connection $CONTOSO \
	--object-id $PAYMENTS_API_OBJECT --client-id $PAYMENTS_API_CLIENT
waits "starts" "1/7 Rotation"
keys F2
waits "f2_opens_the_rotations" "31 rotations in every environment"
keys Escape
waits "esc_goes_back_to_the_step" "1/7 Rotation"
keys PgDn PgDn PgDn PgDn PgDn PgDn
waits "review" "7/7 Review"
keys Enter
waits "created" 'Created the Azure Client Secret rotation "from-wizard"'
keys m
waits "m_opens_them_with_the_new_one" "32 rotations in every environment"
txt "from-wiz"
waits "it_is_listed" "from-wizard  dev /workers"
keys Escape
waits "the_filter_goes_first" "32 rotations in every environment"
keys Escape
waits "esc_goes_back_to_the_result" 'Created the Azure Client Secret rotation "from-wizard"'
keys n
waits "another" "1/7 Rotation"
keys F2
waits "opened_again" "32 rotations in every environment"
keys C-c
waits "a_quit_mid_way_asks" "Quit?"
keys y
exits 130 "and_exits_as_the_wizard_does"

# Decision 24: a rotate whose reply is lost and whose lookup fails too is said so,
# and rotwiz manage then exits 5.
sandbox_stop
screen_sandbox --fault "$ROTATE=drop-after@1" --fault "GET $ONE=500@1"
screen_run INFISICAL_TOKEN=$USER_TOKEN -- manage --project $PAYMENTS
waits "listed" "2 rotations in every environment"
keys Enter r
waits_joined "asked" "y rotates, n keeps it"
keys y
waits_joined "a_lost_reply_whose_lookup_fails_is_unknown" "Outcome unknown: the rotate request may have reached the server"
keys q
exits 5 "then_rotwiz_manage_exits_5"
asan_clean "no_sanitizer_report"
done_testing
