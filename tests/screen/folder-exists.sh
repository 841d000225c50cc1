#!/bin/sh
# Decision 2 (issue 10, fault 5): a folder that does not exist never passes
# Where -- also when Enter is typed ahead while the folder list or the
# sign-in is still loading (the server takes 300 ms for every answer); the
# Enter typed after it is answered as if typed then, on Where.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

screen_sandbox --latency 300

screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "burst_starts" "1/7 Rotation"
txt "nf-one"
keys Enter Enter  Enter Enter  C-u
txt "/nowhere"
keys Enter Enter
below "refused_at_where_once_the_list_came" "Secret path" 'There is no folder "nowhere" in "/" of environment dev'
lacks "the_enter_typed_after_it_stays_on_where" "3/7 Connection"
lacks "never_an_empty_folder" "holds no secrets yet"
keys C-u
txt "/workers"
keys Enter
waits "an_existing_folder_goes_on" "3/7 Connection"
keys C-c y
exits 130 "burst_quit_130"

# The whole place given with the run, the folder a missing one: leaving
# Where before the sign-in is done (a second for every answer, the keys in
# one write) waits for it, and is refused.
sandbox_stop
screen_sandbox --latency 1000
screen_run INFISICAL_TOKEN=$USER_TOKEN INFISICAL_PROJECT_ID=$PAYMENTS INFISICAL_ENVIRONMENT=staging \
	INFISICAL_SECRET_PATH=/frontend
waits "given_starts" "1/7 Rotation"
keys n f t w o Enter Enter PgDn
below "refused_after_the_sign_in" "Secret path" 'There is no folder "frontend" in "/" of environment staging'
lacks "not_on_to_connection" "3/7 Connection"
keys C-c y
exits 130 "given_quit_130"

# The folder list cannot be read (the server fails it), so Where lets the
# server judge; the secrets list then says the folder is missing: Secret
# names says so, never that the folder holds no secrets yet.
sandbox_stop
screen_sandbox --fault 'GET /api/v2/folders=500'
screen_run INFISICAL_TOKEN=$USER_TOKEN INFISICAL_PROJECT_ID=$PAYMENTS INFISICAL_ENVIRONMENT=staging \
	INFISICAL_SECRET_PATH=/frontend
waits "unlisted_starts" "1/7 Rotation"
txt "nf-three"
keys Enter Enter
waits "unlisted_where" "2/7 Where"
keys PgDn
waits "passes_where_unjudged" "3/7 Connection"
waits "unlisted_connections" "2 connections"
keys Enter
waits "unlisted_apps" "7 apps"
keys Enter
waits "unlisted_schedule" "5/7 Schedule"
keys PgDn
waits "secret_names_say_the_folder_is_missing" "There is no folder /frontend in this environment"
lacks "not_that_it_holds_no_secrets" "holds no secrets yet"
keys C-c y
exits 130 "unlisted_quit_130"

asan_clean "no_sanitizer_report"
done_testing
