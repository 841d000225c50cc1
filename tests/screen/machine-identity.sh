#!/bin/sh
# A machine identity (Universal Auth from the environment) may not list
# Azure apps: the 403 switches the app step to manual entry by itself and
# says why; a pasted GUID loses its quotes and spaces; the rotation is made.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

screen_sandbox
screen_run INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=sandbox-client-id \
	INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=sandbox-client-secret

waits "ua_credentials_skip_sign_in" "1/7 Rotation"
txt "machine-rot"
keys Enter Enter
waits "the_login_and_projects_came_in_the_background" "2 projects"
keys Enter Enter
waits "folders_listed" "Folders in /:"
txt "workers"
keys Enter
waits "step_3" "3/7 Connection"
waits "the_identity_sees_only_its_connection" "1 connection"
keys Enter
waits "step_4" "4/7 Azure app"
waits "a_403_switches_to_manual_entry_by_itself" "Typed by hand"
waits "and_says_why" "HTTP 403"
waits "naming_machine_identities" "not for machine identities"
lacks "there_is_no_list_to_go_back_to" "^E app list"
paste "  \"607E495A-AA5B-4896-9125-08D1A22C504C\"  "
on_line "a_pasted_guid_loses_quotes_and_spaces" "Object ID" "607E495A-AA5B-4896-9125-08D1A22C504C"
lacks "no_quote_was_typed" '"607E495A'
keys Enter
on_line "the_guid_is_stored_lowercase_on_leaving" "Object ID" "$PAYMENTS_API_OBJECT"
paste "$PAYMENTS_API_OBJECT"
keys Enter
below "the_same_guid_twice_is_warned_about" "Object ID" "same GUID as the Application (client) ID"
keys BTab C-u
paste "'$PAYMENTS_API_CLIENT'
"
waits "a_pasted_line_break_does_not_act_as_enter" "4/7 Azure app"
keys Enter
txt "Payments API"
keys Enter
waits "manual_entry_goes_on_to_the_schedule" "5/7 Schedule"
keys PgDn PgDn
waits "to_review" "7/7 Review"
keys Enter
waits "created" 'Created the Azure Client Secret rotation "machine-rot"'
server_get machine-rot dev /workers
held "the_server_has_the_typed_object_id" parameters.objectId "$PAYMENTS_API_OBJECT"
held "and_client_id" parameters.clientId "$PAYMENTS_API_CLIENT"
held "and_app_name" parameters.appName "Payments API"
keys q
exits 0 "exit_0"
asan_clean "no_sanitizer_report"
done_testing
