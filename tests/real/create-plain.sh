#!/bin/sh
# Plain mode from a pipe creates on the real server, signed in by Universal
# Auth from the environment (a machine identity: the app IDs are typed),
# with non-first picks (environment 2, the second folder), then rotates now;
# what was made, and the rotation, are read back from the server.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/real/lib.sh"

real_need K_URL K_TOKEN K_PROJECT K_UA_ID K_UA_SECRET K_CONNECTION K_OBJECT2 K_CLIENT2 K_APP2
real_setup || { done_testing; exit 1; }

NAME=rt-$RID-plain
W_OBJECT=$K_OBJECT2 W_CLIENT=$K_CLIENT2 W_APP=$K_APP2 W_DESC="plain mode, run $RID"
W_INTERVAL=7 W_HOURS=3 W_MINUTES=15 W_AUTO=true
W_MAP_ID=PL_${RID}_ID W_MAP_SECRET=PL_${RID}_SECRET
printf '%s\n' "$NAME" "$W_DESC" \
	rotwiz-test 2 /rt-workers \
	1 \
	"$W_OBJECT" "$W_CLIENT" "$W_APP" \
	'' 7 3 15 \
	"$W_MAP_ID" "$W_MAP_SECRET" \
	c \
	r q >"$T/in"
rw_stdin "$T/in" INFISICAL_UNIVERSAL_AUTH_CLIENT_ID="$K_UA_ID" \
	INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET="$K_UA_SECRET" -- --plain
is_rc 0 "plain: created and quit (exit 0)"
shows "plain: signed in by Universal Auth" "Signed in."
shows "plain: environment 2 is staging" "Environment                Staging (staging)"
shows "plain: the typed IDs are asked for (403 on the app list)" "Object ID: $W_OBJECT"
shows "plain: the result names the rotation" "Created the Azure Client Secret rotation \"$NAME\"."
shows "plain: rotate now moves the active credential" "Rotated. The active credential is now index 1 (it was 0)."
hides "plain: the client secret is never printed" "$K_UA_SECRET"
check "plain: no draft is left after the create" test ! -e "$XDG_STATE_HOME/rotwiz/draft.json"
made_as_asked "plain" "$NAME" staging /rt-workers
holds "plain: the server rotated it (active index 1)" activeIndex 1
holds "plain: by hand" isLastRotationManual true

done_testing
