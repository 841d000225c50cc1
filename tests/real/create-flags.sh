#!/bin/sh
# Flag mode (--yes) creates on the real server, and what was made is what
# was asked: every field read back by name, the two secrets in the folder.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/real/lib.sh"

real_need K_URL K_TOKEN K_PROJECT K_CONNECTION K_OBJECT K_CLIENT K_APP K_OBJECT2 K_CLIENT2
real_setup || { done_testing; exit 1; }

# Every field given, into a folder made by the set-up.
NAME=rt-$RID-flags
W_OBJECT=$K_OBJECT W_CLIENT=$K_CLIENT W_APP=$K_APP W_DESC="flag mode, run $RID"
W_INTERVAL=14 W_HOURS=2 W_MINUTES=30 W_AUTO=true
W_MAP_ID=FL_${RID}_ID W_MAP_SECRET=FL_${RID}_SECRET
rw INFISICAL_TOKEN="$K_TOKEN" -- --yes --name "$NAME" --description "$W_DESC" \
	--project "$K_PROJECT" --environment dev --secret-path /rt-billing \
	--connection "$K_CONNECTION" --object-id "$W_OBJECT" --client-id "$W_CLIENT" \
	--app-name "$W_APP" --interval 14 --rotate-at 02:30 \
	--map-client-id "$W_MAP_ID" --map-client-secret "$W_MAP_SECRET"
is_rc 0 "flags: created (exit 0)"
shows "flags: the summary names it" "Created the Azure Client Secret rotation \"$NAME\"."
shows "flags: and its folder" "/rt-billing"
made_as_asked "flags" "$NAME" dev /rt-billing

# The fewest flags, Universal Auth, the root folder of prod, auto-rotation
# off, the server's answer as JSON on stdout.
NAME=rt-$RID-json
W_OBJECT=$K_OBJECT2 W_CLIENT=$K_CLIENT2 W_APP= W_DESC=
W_INTERVAL=30 W_HOURS=0 W_MINUTES=0 W_AUTO=false
W_MAP_ID=FJ_${RID}_ID W_MAP_SECRET=FJ_${RID}_SECRET
rw INFISICAL_UNIVERSAL_AUTH_CLIENT_ID="$K_UA_ID" INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET="$K_UA_SECRET" -- \
	--yes --json --name "$NAME" --project "$K_PROJECT" --environment prod --secret-path / \
	--connection "$K_CONNECTION" --object-id "$W_OBJECT" --client-id "$W_CLIENT" \
	--no-auto-rotation --map-client-id "$W_MAP_ID" --map-client-secret "$W_MAP_SECRET"
is_rc 0 "json: created (exit 0)"
_id=$("$JSON_GET" "$T/out" secretRotation.id 2>/dev/null || "$JSON_GET" "$T/out" id 2>/dev/null)
ok "$([ -n "$_id" ]; echo $?)" "json: stdout is the server's answer, with the rotation's id"
[ -n "$_id" ] || sed 's/^/#   /' "$T/out" | head -20
made_as_asked "json" "$NAME" prod /
holds "json: the id printed is the server's" id "$_id"

done_testing
