#!/bin/sh
# Many rotations at once in curses (issue 13, decision 29): Space / Ins mark
# apps on the Azure app step (not the first), * marks all the filter shows,
# Enter goes on with every mark; Review is a table of every rotation with
# names from the templates, made unique against the folder and each other,
# one row edited by hand; the creates run several at a time with a progress
# line while the keyboard stays live; one that fails stays selected and a
# second Enter sends only it; the server then holds each exactly once.  A
# typed-ahead burst does the same and flags the app that has a rotation
# already; Ctrl-C during a run starts nothing new and says what was made.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# The first create the server sees fails with a 500 (nothing is made).
screen_sandbox --seed-apps 30 --latency 100 \
	--fault 'POST /api/v2/secret-rotations/azure-client-secret=500@1'

# How many rotations named $1 the project holds (any environment or folder).
count_named() {
	curl -s -H "Authorization: Bearer $USER_TOKEN" \
		"$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret?projectId=$PAYMENTS" >"$T/list"
	grep -o "\"name\": *\"$1\"" "$T/list" | wc -l | tr -d ' '
}
total() {
	curl -s -H "Authorization: Bearer $USER_TOKEN" \
		"$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret?projectId=$PAYMENTS" >"$T/list"
	grep -o '"rotationInterval":' "$T/list" | wc -l | tr -d ' '
}
posts() {
	curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats"
	"$JSON_GET" "$T/stats" "routes.POST /api/v2/secret-rotations/azure-client-secret" 2>/dev/null || echo 0
}
before=$(total)

# ---- at human speed, 100x30 ----
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "starts" "1/7 Rotation"
txt "client-secret"
keys PgDn
waits "where" "2/7 Where"
keys PgDn
waits "connection" "3/7 Connection"
keys PgDn
waits "the_app_list" "Payments API"
waits "the_key_line_offers_marking" "Space mark"
lacks "no_mark_column_before_a_mark_one_app_as_before" "[ ] Payments API"
# The 2nd and 4th apps, not the first.
keys Down; sleep 0.25; keys Space; sleep 0.25; keys Down; sleep 0.25; keys Down; sleep 0.25
keys Space
waits "the_mark_column_comes_with_a_mark" "[ ] Payments API"
waits "two_marked_in_the_count" "37 apps - type to filter, 2 marked"
waits "the_2nd_is_marked" "[x] Billing Worker"
lacks "the_first_is_not" "[x] Payments API"
# A filter with a space in it: Space types there; * marks all it shows.
txt "app 0000"
waits "the_filter_keeps_its_space" '9 of 37 apps match "app 0000"'
txt "*"
waits "mark_all_marks_what_the_filter_shows" "11 marked"
keys Down Down
keys IC
waits "ins_unmarks_one_in_a_filter" "10 marked"
waits "the_third_is_unmarked" "[ ] azure-contoso-prod app 00003"
keys Enter
waits "enter_goes_on_with_the_marks" "5/7 Schedule"
waits "the_answers_bar_counts_the_marked_apps" "azure-contoso-prod  |  10 apps m"
keys PgDn
waits "secrets_step" "6/7 Secret names"
keys PgDn
waits "review_is_a_table" "10 rotations to create (10 on the table)"
waits "names_from_the_template" "billing-worker-client-secret"
waits "secret_names_from_the_template" "BILLING_WORKER_CLIENT_ID  BILLING_WORKER_CLIENT_SECRET"
waits "the_table_says_it_has_more_rows" "rows 1-9 of 10"
lacks "the_unmarked_app_has_none" "azure-contoso-prod-app-00003-client-secret"
waits "the_table_keys" "t terraform"
# Go back to the app step from Review and change the answer: Billing Worker out.
keys 4
waits "back_on_the_app_step" "4/7 Azure app"
waits "the_marks_are_kept" "10 marked"
waits "the_highlight_is_on_the_answer" "›✓ [x] Billing Worker"
keys Space
waits "unmarked" "9 marked"
keys Enter
waits "back_to_review_with_the_change" "9 rotations to create (9 on the table)"
lacks "the_unmarked_row_is_gone" "billing-worker-client-secret"
# Row 2 edited by hand: a bad name is refused naming the rule and the value, then a good one.
keys Down; sleep 0.25; txt "e"
waits "the_row_editor_opens" "Row 2, Rotation name: azure-contoso-prod-app-00001-client-secret_"
keys C-u; txt "Bad_Name"; keys Enter
waits "a_bad_edit_is_refused_by_the_rule" 'Row 2: Name: must be lowercase letters'
waits "naming_the_value" '"Bad_Name"'
txt "e"; keys C-u; txt "hand-made"; keys Tab C-u; txt "HAND_ID"; keys Tab C-u; txt "HAND_SECRET"; keys Enter
waits "the_edited_row_holds" "Row 2: hand-made, HAND_ID, HAND_SECRET."
waits "and_shows_in_the_table" "hand-made  azure-contoso-prod app 00001"
txt "t"
waits "t_writes_the_terraform" "Wrote ./rotwiz-rotations.tf: 9 resources"
check "the_hcl_has_every_row" test "$(grep -c '^resource ' "$RUN_DIR/rotwiz-rotations.tf")" = 9
check "the_hcl_has_the_edited_row" grep -q '"hand-made"' "$RUN_DIR/rotwiz-rotations.tf"
# Create: one fails (the server's 500), the others are made.
keys Enter
waits "a_progress_line" "remaining"
waits "the_run_ends_with_one_failure" "8 created, 1 failed, 0 unknown, 0 not sent"
waits_joined "the_failed_row_says_why_whole_under_the_table" "failed: the server failed (500 Internal Server Error)"
waits "it_stays_selected" "The rest stay selected: Enter tries only them."
check "eight_on_the_server" test "$(($(total) - before))" = 8
check "nine_posts" test "$(posts)" = 9
keys Enter
waits "the_retry_sends_only_the_failed_one" "All 1 created."
check "ten_posts_not_eighteen" test "$(posts)" = 10
check "nine_on_the_server" test "$(($(total) - before))" = 9
check "hand_made_once" test "$(count_named hand-made)" = 1
check "reporting_service_once" test "$(count_named reporting-service-client-secret)" = 1
check "app_00009_once" test "$(count_named azure-contoso-prod-app-00009-client-secret)" = 1
check "app_00003_not_made" test "$(count_named azure-contoso-prod-app-00003-client-secret)" = 0
check "billing_worker_not_made" test "$(count_named billing-worker-client-secret)" = 0
check "the_edited_secret_names_were_sent" grep -q '"clientSecret": *"HAND_SECRET"' "$T/list"
txt "q"
exits 0 "q_after_all_were_made_exits_0"
waits "the_made_ones_stay_on_the_terminal" "created hand-made "

# ---- one burst, typed ahead, 80x24: the folder now has them ----
W=80 H=24 screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "second_run" "1/7 Rotation"
txt "client-secret"
keys PgDn PgDn PgDn Down Space Down Down Space Enter PgDn PgDn
waits "the_burst_reaches_review" "2 rotations to create (2 on the table)"
waits "the_flag_column" "[x]!  2 reporting-service-client-secret-2"
waits "the_unmade_app_keeps_its_name" "billing-worker-client-secret "
keys Down
waits_joined "the_app_with_a_rotation_is_flagged_whole" "Row 2 (Reporting Service): has a rotation here already: reporting-service-client-secret"
keys Enter
waits "the_burst_run_ends" "All 2 created."
keys C-c
check "billing_worker_made_once" test "$(count_named billing-worker-client-secret)" = 1
check "the_flagged_app_got_a_second_name" test "$(count_named reporting-service-client-secret-2)" = 1
check "the_first_stays_one" test "$(count_named reporting-service-client-secret)" = 1
check "twelve_posts" test "$(posts)" = 12
exits 0 "ctrl_c_after_all_were_made_exits_0"

# ---- Ctrl-C during a run: nothing new starts, what was made is said ----
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "third_run" "1/7 Rotation"
txt "client-secret"
keys PgDn PgDn PgDn
waits "app_list_again" "Legacy Billing Sync"
txt "app 000"
waits "filtered" '30 of 37 apps match "app 000"'
txt "*"
waits "thirty_marked" "30 marked"
keys Enter PgDn PgDn
waits "thirty_rows" "30 rotations to create (30 on the table)"
p0=$(posts)
keys Enter; keys C-c
waits "ctrl_c_stops_the_run" "not sent (stopped)"
sent=$(($(posts) - p0))
diag "sent before the stop: $sent of 30"
check "only_those_on_the_wire_went" test "$sent" -ge 1 -a "$sent" -le 4
waits_joined "the_status_counts_them" "created, 0 failed, 0 unknown, $((30 - sent)) not sent (stopped)"
check "the_server_holds_what_was_sent" test "$(($(total) - before))" = $((11 + sent))
txt "q"
exits 130 "rows_not_sent_exit_130"

# ---- SIGTERM during a run: as Ctrl-C, those on the wire are waited for ----
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "sigterm_run" "1/7 Rotation"
txt "client-secret"
keys PgDn PgDn PgDn
waits "app_list_for_sigterm" "Legacy Billing Sync"
txt "app 0001"
waits "filtered_for_sigterm" '10 of 37 apps match "app 0001"'
txt "*"
keys Enter PgDn PgDn
waits "ten_rows" "10 rotations to create (10 on the table)"
p0=$(posts); t0=$(total); pid=$(rotwiz_pid)
keys Enter
waits "the_run_is_on" "remaining"
kill -TERM "$pid"
exits 143 "sigterm_exits_143"
sent=$(($(posts) - p0))
diag "sent before SIGTERM: $sent of 10"
check "sigterm_started_nothing_new" test "$sent" -ge 1 -a "$sent" -le 8
check "every_one_sent_was_made" test "$(($(total) - t0))" = "$sent"
screen >"$T/after-term"
check "and_each_is_said_with_its_id" test "$(grep -c '^created azure-contoso-prod-app-0001[0-9]-client-secret' "$T/after-term")" = "$sent"

# ---- step 6 with marks: the templates, with every marked app's names under them ----
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "fourth_run" "1/7 Rotation"
txt "client-secret"
keys PgDn PgDn PgDn
waits "app_list_once_more" "Legacy Billing Sync"
txt "app 0002"
waits "filtered_to_ten" '10 of 37 apps match "app 0002"'
txt "*"
waits "ten_marked" "10 marked"
keys Enter PgDn
waits "step_6_is_the_templates" "Rotation name template     {app}-client-secret_"
waits "step_1s_name_is_the_templates_tail" "2 azure-contoso-prod-app-00021-client-secret  AZURE_CONTOSO_PROD_APP_00021_CLIENT_ID"
waits "the_preview_says_how_many" "What the 10 marked apps get"
waits "the_bar_says_step_1s_name_went_to_the_template" "names from {app}-client-secret (step 6)  |  Payments"
# Key by key at human speed: the 2nd app's row follows each one.
keys C-u; sleep 0.25; txt "r"
waits "one_letter_every_row_the_same_made_unique" "2 r-2  AZURE_CONTOSO_PROD_APP_00021_CLIENT_ID"
sleep 0.25; txt "o"; sleep 0.25; txt "t"
waits "the_next_keys" "2 rot-2  AZURE"
sleep 0.25; txt "-"; sleep 0.25; txt "{"; sleep 0.25; txt "a"; sleep 0.25; txt "p"; sleep 0.25; txt "p"
sleep 0.25; txt "}"
waits "the_template_fills_in_the_app" "2 rot-azure-contoso-prod-app-00021  AZURE_CONTOSO_PROD_APP_00021_CLIENT_ID"
# A secret-name template the rule refuses: named with its value, and Enter stays.
keys Tab C-u; txt "ID/{APP}"
waits_joined "a_bad_template_is_refused_naming_the_value" 'Client ID secret template "ID/{APP}" makes "ID/APP"'
waits_joined "and_the_rule" 'must not contain ":" or "/"'
keys Enter
waits "enter_stays_on_the_templates" "6/7 Secret names"
lacks "not_on_review" "rotations to create"
keys C-u; txt "ID_{APP}"
waits "the_fixed_template_previews" "2 rot-azure-contoso-prod-app-00021  ID_AZURE_CONTOSO_PROD_APP_00021  AZURE_CONTOSO"
# Enter walks the fields as on every form: the secret's template, then on.
keys Enter
waits "enter_goes_to_the_next_template" "Client secret template     {APP}_CLIENT_SECRET_"
lacks "not_yet_on_review" "rotations to create"
keys Enter
waits "review_has_the_templated_names" "10 rotations to create (10 on the table)"
waits "step_6_is_done_on_the_rail" "✓ Secret names"
waits "the_bar_shows_the_edited_templates" "names from rot-{app} (step 6)"
waits_joined "and_says_where_they_come_from" "Names from rot-{app}, ID_{APP} / {APP}_CLIENT_SECRET (step 6)"
waits "the_templated_row" "rot-azure-contoso-prod-app-00021"
keys Enter
waits "the_templated_run_ends" "All 10 created."
check "the_server_holds_the_templated_name" test "$(count_named rot-azure-contoso-prod-app-00021)" = 1
check "ten_rot_names_on_the_server" test "$(grep -o '"name": *"rot-azure-contoso-prod-app-0002[0-9]"' "$T/list" | wc -l)" = 10
check "the_templated_secret_name_was_sent" grep -q '"clientId": *"ID_AZURE_CONTOSO_PROD_APP_00021"' "$T/list"
check "no_default_name_for_them" test "$(count_named azure-contoso-prod-app-00021-client-secret)" = 0
txt "q"
exits 0 "q_after_the_templated_run_exits_0"

asan_clean "no_sanitizer_reports"
done_testing
