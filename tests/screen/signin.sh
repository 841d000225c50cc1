#!/bin/sh
# Step 0 when no credentials came with the run: the server choice, a
# refused token kept on the step with the server's reason, then signed in.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

screen_sandbox
screen_run
waits "without_credentials_it_starts_at_sign_in" "Sign in"
on_line "a_given_url_is_the_self_hosted_choice" "Server" "Self-hosted"
on_line "with_the_url" "Server URL" "$SANDBOX_URL"
keys Right
on_line "the_server_choice_cycles" "Server" "US cloud (https://us.infisical.com)"
lacks "the_cloud_needs_no_url_field" "Server URL"
keys Left
on_line "and_back" "Server" "Self-hosted"
keys Enter Enter Enter
txt "not-a-token"
lacks "the_token_is_not_shown" "not-a-token"
keys Enter
below "a_refused_token_stays_with_the_reason" "Access token" "refused the credentials"
waits "the_step_stays" "Sign in"
txt "$USER_TOKEN"
keys Enter
waits "the_right_token_signs_in" "1/7 Rotation"
waits "and_says_so" "Signed in."
keys C-c y
exits 130 "quit_130"
ok "$([ -e "$DRAFT" ]; [ $? -ne 0 ]; echo $?)" "nothing_answered_leaves_no_draft"

screen_run
waits "second_run_at_sign_in" "Sign in"
keys Down Down Space
on_line "universal_auth_can_be_chosen" "Sign in with" "Universal Auth"
keys Down
txt "sandbox-client-id"
keys Enter
txt "sandbox-client-secret"
keys Enter
waits "universal_auth_signs_in" "1/7 Rotation"
keys C-c y
exits 130 "universal_auth_run_quits_130"
asan_clean "no_sanitizer_report"
done_testing
