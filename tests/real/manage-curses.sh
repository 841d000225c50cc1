#!/bin/sh
# rotwiz manage in curses (issue 12 items 1 and 2) against the real server,
# in a folder of its own, the token from --token-file: the row found by the
# filter, the detail, rotate now asked and done, the credentials masked and
# the current one revealed and hidden, an edit of the interval, then a
# delete by the typed name with both switches on; each read back from the
# server.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/screen/lib.sh"
. "$top_srcdir/tests/real/lib.sh"

real_need K_URL K_TOKEN K_PROJECT K_CONNECTION K_OBJECT K_CLIENT
real_made_rotation mc mcurses-rt
# real_made_rotation's W (the scope flags) is tests/screen/lib.sh's width too.
W=100

(umask 077 && printf '%s\n' "$K_TOKEN" >"$T/token")
screen_run INFISICAL_DOMAIN="$K_URL" -- manage --token-file "$T/token" --project "$K_PROJECT"
rwait "curses: manage lists the project's rotations" "rotations in every environment"
txt "$NAME"
rwait "curses: the filter finds the one made" "1 of "
rwait "curses: its row says where it is" "$NAME  dev /mcurses-rt"
keys Enter
rwait "curses: the detail opens" "Rotation $NAME"
rwait "curses: with its mapped secret" "$MAP_SECRET"

keys r
rwait "curses: rotate asks first" "now?"
keys y
rwait "curses: rotated, the new slot said" "Rotated: the active credential is now index 1" 60
rotation_get "$NAME" dev /mcurses-rt
holds "curses: the server rotated it" activeIndex 1

api GET "/api/v2/secret-rotations/azure-client-secret/$ID/generated-credentials"
secret=$("$JSON_GET" "$T/api" generatedCredentials.1.clientSecret)
ok "$([ -n "$secret" ]; echo $?)" "set-up: the server gives slot 1's client secret to its API"
keys c
rwait "curses: credentials show both slots" "Slot 1 ("
rwait "curses: the client secret masked" "client secret  ********"
lacks "curses: the secret is not on screen" "$secret"
keys v
rwait "curses: the reveal asks first" "on screen?"
keys y
rwait "curses: y shows the current client secret" "$secret"
keys x
rwait "curses: any key hides it again" "client secret  ********"
lacks "curses: it is gone from the screen" "$secret"
keys Escape

keys e
rwait "curses: the edit opens" "Edit $NAME"
keys Tab Tab Tab C-u
txt 14
keys Enter
rwait "curses: the edit is saved" "every 14 days" 60
rotation_get "$NAME" dev /mcurses-rt
holds "curses: the server has the interval" rotationInterval 14
holds "curses: and kept the mapping" secretsMapping.clientSecret "$MAP_SECRET"

keys d
rwait "curses: delete asks for the name" "Type the rotation's name ($NAME) to delete it:"
txt "$NAME"
keys Tab Space
rwait "curses: the secrets switch turns on" "[x] Delete the mapped secrets"
keys Tab Space
rwait "curses: the revoke switch turns on" "[x] Revoke"
keys Enter
rwait "curses: deleted and said" "Deleted the rotation \"$NAME\"" 60
not_made "curses: gone from the server" "$NAME" dev /mcurses-rt
no_secret "curses: the mapped secrets were deleted" dev /mcurses-rt "$MAP_SECRET"
keys C-c
exits 0 "curses: ctrl-c leaves manage with 0"
if grep -rF -q -- "$secret" "$T/stderr.$run_n" "$RUN_DIR" 2>/dev/null; then
	ok 1 "curses: the client secret is in no file rotwiz wrote"
else
	ok 0 "curses: the client secret is in no file rotwiz wrote"
fi
asan_clean "curses: no sanitizer report"

done_testing
