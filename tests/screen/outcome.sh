#!/bin/sh
# Decisions 17 and 20 on a terminal.  Plain mode: SIGTERM at the hidden
# token prompt and SIGHUP at a later prompt leave echo on, save the draft
# and exit 143/129; curses: SIGQUIT restores the terminal (exit 131).  A
# create whose reply is lost and whose lookup fails says "outcome unknown";
# Enter then looks it up first and shows it as created.  Quitting while a
# create is in flight says so, the draft records it, and the next start's
# offer says it and looks it up before creating.  The sandbox holds each
# rotation exactly once.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

CREATE='POST /api/v2/secret-rotations/azure-client-secret'
BY_NAME='GET /api/v2/secret-rotations/azure-client-secret/rotation-name'
# The first create's reply is lost and its lookup fails (a 500, not retried); the second is never answered.
screen_sandbox --fault "$CREATE=drop-after@1" --fault "$BY_NAME/curses-unknown=500@1" \
	--fault "$CREATE=stall-after@1"

# echo, icanon: the pane's terminal as the shell needs it.
tty_sane() {
	stty -a -F "$(tm display-message -p -t t '#{pane_tty}')" >"$T/stty" 2>&1
	if grep -qw -- -echo "$T/stty" || grep -qw -- -icanon "$T/stty"; then
		ok 1 "$1"
		sed 's/^/#   /' "$T/stty"
	else
		ok 0 "$1"
	fi
}
draft_has() { check "$1" grep -qF -- "$2" "$RUN_STATE/rotwiz/draft.json"; }
stderr_has() { check "$1" grep -qF -- "$2" "$T/stderr.$run_n"; }
count() {
	curl -s -H "Authorization: Bearer $USER_TOKEN" \
		"$SANDBOX_URL/api/v2/secret-rotations?projectId=$PAYMENTS" | grep -o "\"name\": *\"$1\"" | wc -l
}
posts() {
	curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats"
	"$JSON_GET" "$T/stats" "routes.POST /api/v2/secret-rotations/azure-client-secret" 2>/dev/null || echo 0
}
FLAGS="--project $PAYMENTS --environment dev --connection $CONTOSO --object-id $PAYMENTS_API_OBJECT --client-id $PAYMENTS_API_CLIENT"

# --- plain: SIGTERM at the hidden prompt ---
screen_run -- --plain --name sig-hidden
waits "plain_asks_the_server" "Server ["
keys 1 Enter
waits "plain_asks_how_to_sign_in" "Sign in with [1]"
keys Enter
waits "plain_asks_for_the_token_hidden" "Access token (input hidden)"
stty -a -F "$(tm display-message -p -t t '#{pane_tty}')" >"$T/stty" 2>&1
check "the_hidden_prompt_has_echo_off" grep -qw -- -echo "$T/stty"
kill -TERM "$(rotwiz_pid)"
exits 143 "sigterm_at_the_hidden_prompt_exits_143"
tty_sane "sigterm_at_the_hidden_prompt_leaves_echo_on"
draft_has "sigterm_saves_the_draft_with_the_answers" '"sig-hidden"'
stderr_has "sigterm_says_the_draft_is_saved" "stopped by signal 15 -- your answers are saved as a draft"

# --- plain: SIGHUP at a later prompt (readline's) ---
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --plain --name sig-later
waits "plain_asks_the_name" "Name [sig-later]"
keys Enter
waits "plain_asks_the_description" "Description"
txt "typed before the signal"
keys Enter
waits "plain_asks_on" "Step 2 of 8"
kill -HUP "$(rotwiz_pid)"
exits 129 "sighup_at_a_later_prompt_exits_129"
tty_sane "sighup_at_a_later_prompt_leaves_the_terminal_sane"
draft_has "sighup_saves_the_draft_with_the_name" '"sig-later"'
draft_has "sighup_saves_the_typed_answer" '"typed before the signal"'

# --- curses: SIGQUIT ---
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name sig-quit
waits "curses_starts" "1/7 Rotation"
kill -QUIT "$(rotwiz_pid)"
exits 131 "sigquit_in_curses_exits_131"
tty_sane "sigquit_in_curses_restores_the_terminal"
check "sigquit_leaves_the_alternate_screen" test "$(pane_flag alternate_on)" = 0
draft_has "sigquit_saves_the_draft" '"sig-quit"'

# --- curses: the reply lost, the lookup failing ---
posted=$(posts)
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name curses-unknown --secret-path /workers $FLAGS
waits "unknown_run_starts" "1/7 Rotation"
keys PgDn PgDn PgDn PgDn PgDn PgDn
waits "unknown_run_review" "7/7 Review"
keys Enter
waits_joined "an_unknown_outcome_is_said" "Outcome unknown: could not look it up:"
lacks "it_is_not_called_not_created" "Not created"
# The retry's note ("may already exist") shows only while the lookup runs: plain mode checks it.
keys Enter
waits_joined "the_lookup_finds_it_created" "Created: the reply was lost, found on the server."
waits "and_shows_the_result" 'Created the Azure Client Secret rotation "curses-unknown"'
keys q
exits 0 "the_found_rotation_exits_0"
check "the_unknown_create_was_posted_once" test $(( $(posts) - posted )) -eq 1
check "the_unknown_create_exists_once" test "$(count curses-unknown)" -eq 1

# --- curses: quitting while a create is in flight, then the next start ---
posted=$(posts)
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name curses-flight --secret-path /frontend $FLAGS
waits "flight_run_starts" "1/7 Rotation"
keys PgDn PgDn PgDn PgDn PgDn PgDn
waits "flight_run_review" "7/7 Review"
keys Enter
waits "the_create_is_on_its_way" "Creating"
keys C-c
waits "quit_asks" "Quit"
keys y
exits 130 "quit_in_flight_exits_130"
stderr_has "quit_in_flight_says_it_may_have_been_made" "a create was in flight: it may have been made"
draft_has "the_draft_records_it" '"createMayExist"'
keep_state
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "the_offer_says_a_create_was_in_flight" "A create of it was in flight"
keys y
waits "resumed_at_review" "7/7 Review"
keys Enter
waits_joined "the_resumed_create_finds_it" "Created: the reply was lost, found on the server."
keys q
exits 0 "the_resumed_run_exits_0"
check "the_in_flight_create_was_posted_once" test $(( $(posts) - posted )) -eq 1
check "the_in_flight_create_exists_once" test "$(count curses-flight)" -eq 1

done_testing
