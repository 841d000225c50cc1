#!/bin/sh
# Ctrl-C asks, n returns, y exits 130 with the answers in a 0600 draft (no
# token in it); the next start offers it and resumes at its step.  SIGTERM
# and SIGHUP also save the draft and give the terminal back.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

screen_sandbox
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "starts" "1/7 Rotation"
txt "draft-rot"
keys Enter
txt "saved for later"
keys Enter
waits "step_2" "2 projects"
keys Enter Enter
waits "folders" "Folders in /"
txt "/api"
keys Enter
waits "step_3" "3/7 Connection"
keys C-c
waits "ctrl_c_asks" "Quit? Your answers are saved as a draft."
keys n
waits "n_returns_to_the_step" "3/7 Connection"
lacks "the_question_is_gone" "Quit?"
keys C-c
waits "asked_again" "Quit?"
keys y
exits 130 "y_exits_130"
ok "$([ -f "$DRAFT" ]; echo $?)" "the_draft_is_written"
ok "$([ "$(stat -c %a "$DRAFT" 2>/dev/null)" = 600 ]; echo $?)" "the_draft_is_mode_0600"
ok "$(grep -q "$USER_TOKEN" "$DRAFT"; [ $? -ne 0 ]; echo $?)" "the_draft_holds_no_token"
ok "$("$JSON_GET" "$DRAFT" answers.name | grep -qx draft-rot; echo $?)" "the_draft_holds_the_name"
ok "$("$JSON_GET" "$DRAFT" answers.secret-path | grep -qx /api; echo $?)" "and_the_path"
ok "$(grep -q "saved as a draft" "$T/stderr.1"; echo $?)" "stderr_says_the_draft_was_saved"
ok "$([ "$(pane_flag alternate_on)" = 0 ]; echo $?)" "the_terminal_is_restored_after_quit"

keep_state
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "the_next_start_offers_the_draft" "A draft from an earlier run is saved"
waits "naming_it" 'rotation "draft-rot"'
waits "and_its_step" "step 3, Connection"
keys y
waits "y_resumes_at_its_step" "3/7 Connection"
waits "with_the_earlier_steps_summarised" "draft-rot  |  Payments Platform / dev / /api"
keys PgUp PgUp
on_line "the_description_came_back" "Description" "saved for later"
# A terminal that goes away, or a kill: the draft is saved, the terminal restored.
keys PgDn
waits "step_2_again" "2/7 Where"
pid=$(rotwiz_pid)
ok "$([ "$(pane_flag mouse_any_flag)" = 0 ]; echo $?)" "the_mouse_is_left_alone"
kill -TERM "$pid"
exits 143 "sigterm_exits_143"
ok "$([ "$(pane_flag alternate_on)" = 0 ]; echo $?)" "sigterm_restores_the_terminal"
ok "$("$JSON_GET" "$DRAFT" step | grep -qx 2; echo $?)" "sigterm_saves_the_draft_at_the_step"

keep_state
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "offered_again" "A draft from an earlier run is saved"
keys n
waits "n_starts_afresh" "1/7 Rotation"
lacks "with_empty_fields" "draft-rot"
txt "hup-rot"
keys Enter
pid=$(rotwiz_pid)
kill -HUP "$pid"
exits 129 "sighup_exits_129"
ok "$("$JSON_GET" "$DRAFT" answers.name | grep -qx hup-rot; echo $?)" "sighup_saves_the_draft"
asan_clean "no_sanitizer_report"
done_testing
