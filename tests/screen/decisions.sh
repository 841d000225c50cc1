#!/bin/sh
# The behaviours decided for every front-end (doc/contract.md), in curses:
# a project given by slug is matched and named; the folder must exist at
# Where; changing the project from Review re-checks the answers that depend
# on it and opens the first one that no longer holds (else Review); "create
# another" keeps the place, connection and schedule and asks the rest again.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

TOOLS=f8992e83-e950-4cf5-868e-479de251590d

screen_sandbox
# The project by slug, from the environment, as .infisical.json or a CI would give it.
screen_run INFISICAL_TOKEN=$USER_TOKEN INFISICAL_PROJECT_ID=payments-platform

waits "starts" "1/7 Rotation"
waits "the_slug_is_named_once_signed_in" 'project "payments-platform" is Payments Platform'
txt "screen-decided"
keys Enter Enter
waits "where" "2/7 Where"
waits "the_slug_picked_its_project" "Payments Platform"
keys Enter
waits "environments" "3 environments"
keys Enter
txt "/nope"
keys Enter
waits "a_missing_folder_is_refused_at_where" 'There is no folder "nope" in "/" of environment dev of project Payments Platform'
lacks "and_it_does_not_go_on_to_connection" "3/7 Connection"
keys C-u
txt "/api"
keys Enter
waits "an_existing_folder_goes_on" "3/7 Connection"
waits "connections" "azure-contoso-prod"
keys Enter
waits "apps" "4/7 Azure app"
waits "app_list" "7 apps"
keys Down Enter
waits "schedule" "5/7 Schedule"
keys PgDn
waits "secrets" "6/7 Secret names"
keys C-u
txt "DECIDED_ID"
keys Tab C-u
txt "DECIDED_SECRET"
keys Enter
waits "review" "7/7 Review"

# From Review, the project changes to one where /api does not exist: the
# Where step itself says so, instead of going back with the old folder.
txt "2"
waits "digit_2_opens_where" "2/7 Where"
keys Down
keys Enter
waits "the_second_project_is_chosen" "Internal Tools"
waits "its_environments" "3 environments"
keys Enter
keys Enter
waits "the_old_folder_is_checked_in_the_new_project" 'There is no folder "api" in "/" of environment dev of project Internal Tools'
lacks "not_back_at_review_with_a_stale_folder" "7/7 Review"
keys C-u
txt "/ci"
keys Enter
# The connection and the app still hold (the same /available list): back to Review.
waits "all_the_rest_holds_so_back_to_review" "7/7 Review"
waits "the_review_shows_the_new_project" "Internal Tools"
keys Enter
waits "created" 'Created the Azure Client Secret rotation "screen-decided"'
# Looked up in the new project: found there, so it was made there.
curl -sS -o "$T/got" -H "Authorization: Bearer $USER_TOKEN" \
	"$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret/rotation-name/screen-decided?projectId=$TOOLS&environment=dev&secretPath=/ci"
held "the_server_holds_it_in_the_new_project" name screen-decided
held "in_the_new_folder" folder.path /ci

# Create another: the place, connection and schedule are kept; the name,
# description and app are asked again; the secret names are the defaults.
keys n
waits "another_opens_rotation" "1/7 Rotation"
on_line "with_no_name" "Name" ""
waits "the_place_and_connection_are_kept" "Internal Tools / dev / /ci  |  azure-contoso-prod"
txt "screen-decided-2"
keys Enter Enter
waits "where_again" "2/7 Where"
keys PgDn
waits "connection_again" "3/7 Connection"
keys PgDn
waits "the_app_is_asked_again" "4/7 Azure app"
# PgDn takes the highlighted app, the list's first (doc/contract.md section 3).
keys PgDn
waits "pgdn_takes_the_highlighted_app" "5/7 Schedule"
keys PgDn
waits "secrets_again" "6/7 Secret names"
on_line "the_client_id_name_is_the_default_again" "Client ID secret" "AZURE_CLIENT_ID"
keys C-c y
exits 130 "quit_exits_130"
asan_clean "no_sanitizer_report"
done_testing
