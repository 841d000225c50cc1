#!/bin/sh
# Decision 26 in plain mode on a real terminal (tmux): rotwiz manage --plain
# shows a client secret only after v and a yes, without a newline, and on
# Enter overwrites it with spaces, so that it is neither on the screen nor in
# the terminal's scrollback afterwards; a no shows nothing.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

FAILED=c0d7b6a1-5f3e-4c8a-9b21-7e4f0a6d2c91
screen_sandbox
curl -s -H "Authorization: Bearer $USER_TOKEN" \
	"$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret/$FAILED/generated-credentials" >"$T/creds"
active=$("$JSON_GET" "$T/creds" activeIndex)
secret=$("$JSON_GET" "$T/creds" "generatedCredentials.$active.clientSecret")
check set_up_the_sandbox_has_the_secret test -n "$secret"
scrollback() { tm capture-pane -p -S - -E - -t t; }

screen_run INFISICAL_TOKEN=$USER_TOKEN -- manage --plain --project "$PAYMENTS"
waits list_is_shown 'Rotation (number or name)'
txt prod-legacy-sync; keys Enter
waits detail_is_shown 'r) rotate now, c) credentials'
txt c; keys Enter
waits credentials_are_masked 'client secret ******** (hidden)'
lacks secret_not_shown_before_asking "$secret"
txt v; keys Enter
waits reveal_asks_first 'Show the client secret of "prod-legacy-sync" on screen? [y/N]'
keys Enter
waits no_is_the_default 'r) rotate now, c) credentials'
lacks a_no_shows_nothing "$secret"
txt c; keys Enter
wait_for 'v) show the active client secret' >/dev/null
txt v; keys Enter
wait_for 'on screen? [y/N]' >/dev/null
txt y; keys Enter
waits yes_shows_the_secret "$secret"
keys Enter
waits enter_hides_it '(hidden again)'
lacks secret_gone_from_the_screen "$secret"
if scrollback | grep -qF -- "$secret"; then ok 1 secret_gone_from_the_scrollback
else ok 0 secret_gone_from_the_scrollback; fi
waits back_at_the_detail 'b) back to the list, q) quit [b]'
txt q; keys Enter
exits 0 quit_exits_0

done_testing
