#!/bin/sh
# The whole wizard by the keys of doc/contract.md section 3, from the first step
# to the result, then the rotation looked up on the server.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

BILLING_WORKER_CLIENT=9c743c18-95ce-4fbe-8f48-3723a676b96e
BILLING_WORKER_OBJECT=74a3f82e-531e-45c2-b7d5-d81151298038

# Today's 00:00 and 06:30 UTC in the test's time zone, as the schedule shows them.
local_at() { TZ=Europe/Paris date -d "$(date -u +%F) $1 UTC" "+%H:%M %Z"; }
MIDNIGHT_LOCAL=$(local_at 00:00)
HALF_SIX_LOCAL=$(local_at 06:30)

screen_sandbox
screen_run INFISICAL_TOKEN=$USER_TOKEN ROTWIZ_TUI_STATS=$T/stats

waits "a_token_from_the_environment_skips_sign_in" "1/7 Rotation"
waits "the_help_line_comes_from_the_key_table" "Enter next"
txt "screen-happy"
keys Enter
txt "made by the screen test"
keys Enter

waits "step_2_lists_the_projects_loaded_after_sign_in" "2 projects"
txt "pay"
waits "typing_filters_the_list_and_counts_the_matches" '1 of 2 projects match "pay"'
keys Enter
waits "the_environments_of_the_chosen_project_are_listed" "3 environments"
keys Enter
waits "the_folders_of_the_environment_are_offered" "Folders in /: api, workers, frontend"
txt "a"
keys Tab
on_line "tab_completes_a_folder_and_goes_a_level_down" "Secret path" "/api/"
waits "the_subfolders_are_offered" "Folders in /api: billing"
txt "b"
keys Tab
on_line "tab_completes_the_subfolder" "Secret path" "/api/billing/"
keys Enter

waits "enter_on_the_last_field_goes_to_step_3" "3/7 Connection"
waits "the_rail_summarises_the_finished_steps" "Payments Platform / dev / /api/billing"
waits "the_connections_are_listed" "azure-contoso-prod"
keys Enter

waits "step_4_lists_the_apps_of_the_connection" "4/7 Azure app"
waits "apps_show_client_id_and_object_id" "$BILLING_WORKER_OBJECT"
txt "9C743C18"
waits "the_app_list_filters_on_the_client_id_ignoring_case" '1 of 7 apps match "9C743C18"'
keys Enter

waits "step_5_schedule" "5/7 Schedule"
waits "the_schedule_shows_the_local_time" "$MIDNIGHT_LOCAL local time"
waits "the_schedule_shows_the_first_rotation_date" "First automatic rotation:"
keys Enter Enter
txt "6"
keys Enter
txt "30"
waits "the_local_time_follows_the_typed_time" "$HALF_SIX_LOCAL local time"
keys Enter
on_line "the_local_time_field_follows_too" "Local time" "${HALF_SIX_LOCAL% *}"
keys Enter

waits "step_6_secret_names" "6/7 Secret names"
waits "the_names_already_in_the_folder_are_shown" "Already in /api/billing: INVOICE_BUCKET"
keys Enter Enter

waits "step_7_review" "7/7 Review"
waits "the_review_shows_the_app_chosen" "$BILLING_WORKER_CLIENT"
keys PgUp
waits "pgup_goes_back_from_review" "6/7 Secret names"
keys PgDn
waits "pgdn_comes_back_to_review" "7/7 Review"
i=0
while [ $i -lt 40 ]; do keys Down; i=$((i + 1)); done
waits "the_review_shows_the_curl_line_with_the_variable" 'Bearer $INFISICAL_TOKEN'
waits "the_review_shows_the_json_body" '"name": "screen-happy",'
lacks "the_token_is_never_shown" "$USER_TOKEN"
keys Enter

waits "enter_on_review_creates" 'Created the Azure Client Secret rotation "screen-happy"'
waits "the_result_names_the_folder" "/api/billing"
waits "the_result_shows_the_next_rotation" "Next rotation"
server_get screen-happy dev /api/billing
held "the_server_holds_the_rotation" name screen-happy
held "with_the_app_chosen_in_the_list" parameters.objectId "$BILLING_WORKER_OBJECT"
held "and_its_client_id" parameters.clientId "$BILLING_WORKER_CLIENT"
held "with_the_typed_hour" rotateAtUtc.hours 6
held "and_minutes" rotateAtUtc.minutes 30
held "with_the_description" description "made by the screen test"
held "with_the_default_client_id_secret_name" secretsMapping.clientId AZURE_CLIENT_ID

keys r
waits "rotate_now_shows_the_new_active_index" "the active credential is index 1"
server_get screen-happy dev /api/billing
held "the_server_rotated_it" activeIndex 1
ok "$([ ! -e "$DRAFT" ]; echo $?)" "no_draft_is_left_after_a_create"
keys n
waits "n_creates_another_from_step_1" "1/7 Rotation"
on_line "with_a_new_name_to_give" "Name" ""
lacks "the_old_name_is_gone" "screen-happy"
waits "the_place_and_connection_are_kept" "Payments Platform / dev / /api/billing  |  azure-contoso-prod"
keys C-c y
exits 130 "quitting_the_second_one_is_a_quit"
ok "$([ "$(pane_flag alternate_on)" = 0 ]; echo $?)" "the_terminal_is_restored"
asan_clean "no_sanitizer_report"
if [ -f "$T/stats" ]; then
	diag "keys and calls of this run: $(tr '\n' ' ' <"$T/stats")"
fi
done_testing
