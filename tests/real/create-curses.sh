#!/bin/sh
# The curses wizard in a real terminal (tmux) creates on the real server:
# the machine identity's token from --token-file (so that no credential is
# in the command line tmux runs), non-first picks (the environment
# staging, the second folder by completion), the app IDs typed after the
# server's 403 on the app list, then rotate now from the result screen;
# what was made is read back from the server.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/screen/lib.sh"
. "$top_srcdir/tests/real/lib.sh"

real_need K_URL K_TOKEN K_PROJECT K_CONNECTION K_OBJECT K_CLIENT K_APP
real_setup || { done_testing; exit 1; }

NAME=rt-$RID-curses
W_OBJECT=$K_OBJECT W_CLIENT=$K_CLIENT W_APP=$K_APP W_DESC="curses, run $RID"
W_INTERVAL=21 W_HOURS=6 W_MINUTES=45 W_AUTO=true
W_MAP_ID=CU_${RID}_ID W_MAP_SECRET=CU_${RID}_SECRET

(umask 077 && printf '%s\n' "$K_TOKEN" >"$T/token")
screen_run INFISICAL_DOMAIN="$K_URL" -- --token-file "$T/token"
rwait "a token file skips sign-in" "1/7 Rotation"
txt "$NAME"
keys Enter
txt "$W_DESC"
keys Enter

rwait "the server's project is listed" "rotwiz-test"
keys Enter
rwait "its three environments are listed" "3 environments"
keys Down
keys Enter
rwait "the folders of staging are offered" "Folders in /: rt-billing, rt-workers"
txt "rt-w"
keys Tab
rwait "tab completes the second folder" "/rt-workers/"
keys Enter

rwait "step 3: the connections" "3/7 Connection"
rwait "the rail shows the picks" "rotwiz-test / staging / /rt-workers"
rwait "the usable connection is listed" "azure-contoso-prod"
keys Enter

rwait "step 4: the Azure app" "4/7 Azure app"
rwait "the server's 403 switches to typing the IDs" "Typed by hand"
rwait "saying why" "not for machine identities"
paste "$W_OBJECT"
keys Enter
paste "$W_CLIENT"
keys Enter
txt "$W_APP"
keys Enter

rwait "step 5: the schedule" "5/7 Schedule"
keys Enter C-u
txt 21
keys Enter C-u
txt 6
keys Enter C-u
txt 45
# The Local time field follows the UTC fields: Enter keeps it.
keys Enter Enter

rwait "step 6: the secret names" "6/7 Secret names"
keys C-u
txt "$W_MAP_ID"
keys Enter C-u
txt "$W_MAP_SECRET"
keys Enter

rwait "step 7: the review" "7/7 Review"
rwait "the review shows the folder picked" "/rt-workers"
keys Enter
rwait "enter on review creates" "Created the Azure Client Secret rotation \"$NAME\"" 60
made_as_asked "curses" "$NAME" staging /rt-workers
holds "curses: not rotated yet (active index 0)" activeIndex 0

keys r
rwait "the result screen's r rotates now" "the active credential is index 1" 60
rotation_get "$NAME" staging /rt-workers
holds "the server rotated it (active index 1)" activeIndex 1
holds "by hand" isLastRotationManual true
if screen | grep -qF -- "$K_TOKEN"; then
	ok 1 "the token is not on the screen"
else
	ok 0 "the token is not on the screen"
fi
keys q
exits 0 "q on the result screen exits 0"
asan_clean "no sanitizer report"

done_testing
