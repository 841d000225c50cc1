#!/bin/sh
# The commands for scripts (doc/contract.md s.4.2) against the real server,
# in a folder of their own: list, show, rotate (the second soon after asks),
# edit, a refused rotation and status, delete with both switches.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/real/lib.sh"

real_need K_URL K_TOKEN K_PROJECT K_CONNECTION K_OBJECT K_CLIENT K_DENIED_OBJECT K_DENIED_CLIENT
real_made_rotation mg manage-rt

rw INFISICAL_TOKEN="$K_TOKEN" -- list $W
is_rc 0 "list: exit 0"
shows "list: names it with its folder and status" "$NAME  dev  /manage-rt"
rw INFISICAL_TOKEN="$K_TOKEN" -- show "$NAME" $W --json
is_rc 0 "show: exit 0"
ok "$([ "$("$JSON_GET" "$T/out" secretRotation.id)" = "$ID" ]; echo $?)" "show: the server's id"

rw INFISICAL_TOKEN="$K_TOKEN" -- rotate "$NAME" $W
is_rc 0 "rotate: right after the create it does not ask"
shows "rotate: says the new slot" "rotated: the active credential is now index 1 (it was 0)"
rotation_get "$NAME" dev /manage-rt
holds "rotate: the server rotated" activeIndex 1
rw INFISICAL_TOKEN="$K_TOKEN" -- rotate "$ID" $W
is_rc 2 "rotate: a second one from a pipe is refused"
says "rotate: saying what it revokes" "revokes the client secret in slot 0"
rw INFISICAL_TOKEN="$K_TOKEN" -- rotate "$ID" $W --yes
is_rc 0 "rotate: --yes rotates again"
rotation_get "$NAME" dev /manage-rt
holds "rotate: back in slot 0" activeIndex 0

rw INFISICAL_TOKEN="$K_TOKEN" -- edit "$NAME" $W --interval 7 --rotate-at 04:15 --no-auto-rotation
is_rc 0 "edit: exit 0"
rotation_get "$NAME" dev /manage-rt
holds "edit: the interval" rotationInterval 7
holds "edit: the hour" rotateAtUtc.hours 4
holds "edit: auto-rotation off" isAutoRotationEnabled false

# An app the connection may not write (as after a lost Graph permission): the next rotation fails.
api PATCH "/api/v2/secret-rotations/azure-client-secret/$ID" \
	"{\"parameters\":{\"objectId\":\"$K_DENIED_OBJECT\",\"clientId\":\"$K_DENIED_CLIENT\"}}"
ok "$([ "$code" = 200 ]; echo $?)" "set-up: the app changed to one Graph refuses"
rw INFISICAL_TOKEN="$K_TOKEN" -- rotate "$NAME" $W --yes
is_rc 1 "rotate: Azure's refusal exits 1"
says "rotate: with Azure's words" "Insufficient privileges to complete the operation"
rw INFISICAL_TOKEN="$K_TOKEN" -- status $W
is_rc 7 "status: a failed rotation exits 7"
shows "status: names it, failed" "$NAME (dev /manage-rt, $ID): rotation failed:"
api PATCH "/api/v2/secret-rotations/azure-client-secret/$ID" \
	"{\"parameters\":{\"objectId\":\"$K_OBJECT\",\"clientId\":\"$K_CLIENT\"}}"

rw INFISICAL_TOKEN="$K_TOKEN" -- delete "$NAME" $W
is_rc 2 "delete: from a pipe without --yes it refuses"
made "delete: the refusal left it" "$NAME" dev /manage-rt
rw INFISICAL_TOKEN="$K_TOKEN" -- delete "$NAME" $W --yes --delete-secrets --revoke-credentials
is_rc 0 "delete: exit 0"
not_made "delete: gone from the server" "$NAME" dev /manage-rt
no_secret "delete: --delete-secrets removed the mapped secrets" dev /manage-rt "$MAP_SECRET"

done_testing
