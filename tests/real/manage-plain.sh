#!/bin/sh
# rotwiz manage in plain mode (issue 12 item 3) against the real server, in a
# folder of its own: the list, credentials masked (the secret the server holds
# never printed, a reveal refused into a pipe), rotate now, an edit, then a
# delete with both switches, each checked on the server.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/real/lib.sh"

real_need K_URL K_TOKEN K_PROJECT K_CONNECTION K_OBJECT K_CLIENT
real_made_rotation mp mplain-rt
api GET "/api/v2/secret-rotations/azure-client-secret/$ID/generated-credentials"
secret=$("$JSON_GET" "$T/api" generatedCredentials.0.clientSecret)
ok "$([ -n "$secret" ]; echo $?)" "set-up: the server gives the client secret to its API"

# Pick it, credentials, a reveal into a pipe, rotate now, edit the interval.
printf '%s\n' 1 c v r '' e '' '' '' 14 '' '' '' '' '' b q >"$T/in"
rw_stdin "$T/in" INFISICAL_TOKEN="$K_TOKEN" -- manage --plain $W
is_rc 0 "plain: the session exits 0"
shows "plain: the row names it with its folder" "$NAME  dev /mplain-rt -- "
shows "plain: credentials masked" "slot 0 (active): client ID $K_CLIENT"
shows "plain: a reveal into a pipe is refused" "Not shown: rotwiz shows a client secret only on a terminal"
if grep -qF -- "$secret" "$T/out" "$T/err"; then ok 1 "plain: the client secret is never printed"
else ok 0 "plain: the client secret is never printed"; fi
shows "plain: rotate says the new slot" "Rotated: the active credential is now index 1 (it was 0)"
shows "plain: and which secret changed" "The secret $MAP_SECRET in dev /mplain-rt now holds the new client secret of slot 1"
shows "plain: edit is done" "Edited the rotation \"$NAME\""
rotation_get "$NAME" dev /mplain-rt
holds "plain: the server rotated" activeIndex 1
holds "plain: the server has the interval" rotationInterval 14
holds "plain: and kept the rest" secretsMapping.clientSecret "$MAP_SECRET"

# Delete with both switches, the name typed.
printf '%s\n' "$NAME" d y y "$NAME" q >"$T/in"
rw_stdin "$T/in" INFISICAL_TOKEN="$K_TOKEN" -- manage --plain $W
is_rc 0 "plain: the delete session exits 0"
shows "plain: the confirmation repeats what happens" "are deleted; the client secrets it made are revoked in Azure"
shows "plain: delete is done" "Deleted the rotation \"$NAME\""
not_made "plain: gone from the server" "$NAME" dev /mplain-rt
no_secret "plain: the mapped secrets were deleted" dev /mplain-rt "$MAP_SECRET"

done_testing
