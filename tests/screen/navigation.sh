#!/bin/sh
# Back and forth: every step keeps its answers (PgUp, Esc, PgDn, Review's
# digits), Esc clears a filter before it goes back, and Ctrl-E switches the
# app step to manual entry and back to the list.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

screen_sandbox
screen_run INFISICAL_TOKEN=$USER_TOKEN

waits "starts_at_step_1" "1/7 Rotation"
txt "nav-test"
keys Enter
txt "first words"
keys Enter
waits "step_2" "2 projects"
txt "tools"
keys Enter
waits "environments_listed" "3 environments"
keys Down Down Enter
waits "folders_listed" "Folders in /: ops"
txt "ops"
keys Enter
waits "step_3" "3/7 Connection"
keys PgUp
waits "pgup_goes_back_to_step_2" "2/7 Where"
on_line "the_project_is_kept" "Project" "Internal Tools"
on_line "the_environment_is_kept" "Environment" "Production (prod)"
on_line "the_path_is_kept_as_it_will_be_sent" "Secret path" "/ops"
keys Escape
waits "esc_goes_back_a_step" "1/7 Rotation"
on_line "the_name_is_kept" "Name" "nav-test"
on_line "the_description_is_kept" "Description" "first words"
keys PgDn
waits "pgdn_goes_forward_again" "2/7 Where"
keys PgDn
waits "and_on_to_step_3" "3/7 Connection"
txt "zzz"
waits "a_filter_that_matches_nothing_says_so" "Nothing matches"
keys Escape
waits "esc_first_clears_the_filter" "2 connections - type to filter"
waits "without_leaving_the_step" "3/7 Connection"
keys Enter
waits "step_4_lists_apps" "7 apps"
keys C-e
waits "ctrl_e_switches_to_manual_entry" "Typed by hand"
on_line "the_manual_fields_are_labelled_object_id" "Object ID" ""
waits "the_client_id_label_is_the_azure_one" "Application (client) ID"
keys C-e
waits "ctrl_e_goes_back_to_the_list" "7 apps"
keys Down Enter
waits "choosing_an_app_goes_on" "5/7 Schedule"
keys PgDn PgDn
waits "to_review" "7/7 Review"
waits "the_review_shows_the_app" "Billing Worker"
txt "1"
waits "a_digit_reopens_that_step" "1/7 Rotation"
on_line "with_its_answers" "Name" "nav-test"
keys C-u
txt "nav-renamed"
keys Enter Enter
waits "after_the_reopened_step_it_returns_to_review" "7/7 Review"
waits "the_review_shows_the_new_name" "nav-renamed"
waits "the_other_answers_are_kept" "Internal Tools"
txt "5"
waits "digit_5_opens_the_schedule" "5/7 Schedule"
keys Down C-u
txt "12"
keys Enter Enter Enter Enter
waits "and_returns_to_review_again" "7/7 Review"
waits "showing_the_new_interval" "Rotates every 12 days"
keys Enter
waits "it_creates_from_the_kept_answers" 'Created the Azure Client Secret rotation "nav-renamed"'
keys q
exits 0 "exit_0"
asan_clean "no_sanitizer_report"
done_testing
