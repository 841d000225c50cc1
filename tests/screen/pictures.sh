#!/bin/sh
# The main screens compared whole with the expected pictures in
# tests/screen/pictures/*.txt: sign-in, each step, Review, Result and the
# quit question, at 100x30, colours off, a time zone without summer time and
# the sandbox's clock frozen.  What differs from run to run is replaced
# before the comparison: the sandbox's port, the spinner, the created
# rotation's id, and the first rotation date that rotwiz works out from its
# own clock (today + 1 + 30 days, computed here the same way).
#
# After a deliberate change to a screen, write the pictures again and read
# the diff before committing it:
#   ROTWIZ_UPDATE_PICTURES=1 make check TESTS=tests/screen/pictures.sh
#   git diff tests/screen/pictures/
W=100
H=30
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# The default schedule: 00:00 UTC, every 30 days; the first slot today has
# passed, so the first automatic rotation is 31 days after today (UTC).
# Worked out when the screen is (re)drawn, so that midnight cannot fall between.
first_rotation_is_a_placeholder() {
	_now=$(date -u +%s)
	picture_subst "$(date -u -d "@$((_now - _now % 86400 + 31 * 86400))" +%F)" "<today+31d>"
}

screen_sandbox --now 2025-01-15T10:30:00.000Z
screen_run TZ=IST-5:30 NO_COLOR=1
picture "the_sign_in_screen" sign-in "Sign in with"
keys Enter Enter Enter
txt "$USER_TOKEN"
keys Enter
picture "the_rotation_step" rotation "Signed in."
txt "picture-rot"
keys Enter
txt "the whole screen"
keys Enter
picture "the_where_step_with_the_projects" where "2 projects"
keys Enter Enter
waits "the_folders_are_listed" "Folders in /: api"
txt "/api/billing"
keys Enter
picture "the_connection_step" connection "2 connections"
keys Enter
picture "the_azure_app_step" azure-app "7 apps"
keys Enter
first_rotation_is_a_placeholder
picture "the_schedule_step" schedule "First automatic rotation"
keys PgDn
picture "the_secret_names_step" secret-names "Already in /api/billing"
keys C-c
picture "the_quit_question" quit "Quit?"
keys n
waits "n_goes_back" "6/7 Secret names"
keys PgDn
first_rotation_is_a_placeholder
picture "the_review_step" review "y copies the curl command"
keys Enter
waits "created" 'Created the Azure Client Secret rotation "picture-rot"'
server_get picture-rot dev /api/billing
id=$("$JSON_GET" "$T/got" secretRotation.id)
check "the_server_gave_an_id" test -n "$id"
picture_subst "${id:-no-id}" "<rotation-id>"
picture "the_result" result "Created at"
keys q
exits 0 "q_exits_0"
asan_clean "no_sanitizer_report"
done_testing
