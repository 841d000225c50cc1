#!/bin/sh
# Never frozen: while a list hangs on the server the keyboard stays live, a
# spinner shows, Esc cancels the load, Ctrl-R loads it again.  F1 and
# Ctrl-L work over it.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# The first project list and the first connection list never answer.
screen_sandbox --fault 'GET /api/v1/projects=stall@1' \
	--fault 'GET /api/v1/app-connections/azure-client-secrets/available=stall@1'
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "starts_while_the_sign_in_check_hangs" "1/7 Rotation"
txt "live-keys"
on_line "typing_works_while_a_call_hangs" "Name" "live-keys"
keys Enter Enter
waits "the_hanging_list_shows_a_spinner" "Loading the projects...  Esc cancels."
waits "the_help_line_offers_cancel" "Esc cancel load"
keys F1
waits "f1_shows_the_fields_help" "The Infisical project that will hold the rotated secrets."
keys x
waits "any_key_closes_it" "Loading the projects"
keys C-l
waits "ctrl_l_redraws" "2/7 Where"
keys Escape
waits "esc_cancels_the_load" "Loading the projects was cancelled. Ctrl-R loads them again."
waits "still_on_the_step" "2/7 Where"
keys C-r
waits "ctrl_r_loads_again" "2 projects"
keys Enter Enter Enter
waits "step_3_hangs_on_the_connections" "Loading the connections"
keys Escape
waits "esc_cancels_it_too" "Loading the connections was cancelled"
keys Escape
waits "a_second_esc_goes_back_a_step" "2/7 Where"
keys PgDn
waits "coming_back_does_not_reload_a_cancelled_list_unasked" "was cancelled"
keys C-r
waits "ctrl_r_loads_the_connections" "2 connections"
keys C-c y
exits 130 "quit_130"
asan_clean "no_sanitizer_report"
done_testing
