#!/bin/sh
# The wizard's words (issue 10, faults 7, 13, 14 and 16): Azure's
# "Insufficient privileges" under the Azure app field, whole, naming the
# connection's Graph permissions and admin consent, with the request id; a
# 503 is the server failing, not refusing; --demo says it is a demo, with
# the sandbox's URL and token; F1 answers "where do I get this?" for the
# sign-in, the app list and the typed IDs; Ctrl-E is on the key line.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# The F1 box's text (between its borders), lines joined, blanks squeezed.
help_joined() { screen | sed -n 's/^[^│]*│\(.*\)│[^│]*$/\1/p' | tr '\n' ' ' | tr -s ' '; }
waits_help() { waits_in help_joined "$@"; }

LEGACY_OBJECT=f903695a-233e-405e-9480-34d9c384bd99	# Legacy Billing Sync: Azure refuses it
LEGACY_CLIENT=b50be191-ede9-4404-9c59-5d6b8438087e

# Every Azure app list fails with a 503 on this sandbox.
screen_sandbox --fault "GET /api/v1/app-connections/azure-client-secrets/$CONTOSO/clients=503"
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name words-azure --project $PAYMENTS \
	--environment dev --secret-path /workers --connection $CONTOSO \
	--object-id $LEGACY_OBJECT --client-id $LEGACY_CLIENT
waits "starts_at_step_1" "1/7 Rotation"
keys PgDn PgDn PgDn
waits "step_4" "4/7 Azure app"
waits_joined "a_503_of_the_app_list_says_the_server_failed" \
	"Could not load the apps: the server failed (503 Service Unavailable):"
lacks "and_not_that_it_refused" "refused"
keys C-e
waits "typed_by_hand" "Typed by hand"
keys PgDn PgDn PgDn
waits "review" "7/7 Review"
keys Enter
waits "azure_refusal_goes_back_to_the_app_step" "4/7 Azure app"
below "under_the_field_azure_words" "Object ID" "Insufficient privileges to complete the operation."
below "then_the_graph_permissions" "Object ID" \
	"Microsoft Graph application permission Application.ReadWrite.All (or Application.ReadWrite.OwnedBy"
below "where_they_are_granted" "Object ID" "API permissions, then clicks Grant admin consent"
below "the_message_is_whole_up_to_the_request_id" "Object ID" "(request id: req-"
lacks "the_object_id_is_not_blamed" "check the Object ID field"
waits "the_status_line_points_at_the_field" "the reason is under the Object ID field"
keys C-c
waits "quit_asked" "Quit?"
keys y
exits 130 "quit_exits_130"

# --demo says so on every screen, with what the audience needs for the curl.
sandbox_stop
SANDBOX_URL=http://127.0.0.1:9
screen_run -- --demo
waits "demo_starts" "1/7 Rotation"
waits "demo_is_said" "DEMO - sandbox at http://127.0.0.1:"
waits "with_the_sandbox_token" "token sandbox-user-token"
port=$(screen | sed -n 's/.*DEMO - sandbox at http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' | head -1)
txt "demo-words"
keys PgDn
waits "step_2" "2/7 Where"
waits "still_said_on_step_2" "DEMO - sandbox at http://127.0.0.1:$port, token sandbox-user-token"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer sandbox-user-token' \
	"http://127.0.0.1:$port/api/v1/projects")
ok "$([ "$code" = 200 ]; echo $?)" "the_shown_url_and_token_answer_a_curl"
keys C-c y
exits 130 "demo_quit_exits_130"

# Not a demo: nothing said.
screen_sandbox
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "plain_run_starts" "1/7 Rotation"
lacks "no_demo_banner_on_a_real_run" "DEMO"
keys C-c y
exits 130 "plain_run_quit_exits_130"

# F1, where the user gets each answer; Ctrl-E on the key line.
screen_run
waits "sign_in" "Sign in with"
keys Tab Tab Tab
waits "on_the_token" "Access token"
keys F1
waits_help "f1_on_the_token_says_how_to_get_one" "infisical user get token"
waits_help "and_where_in_the_web_app" "Universal Auth"
keys x
waits "any_key_closes_the_help" "Enter on the last field signs in"
keys BTab Right
waits "universal_auth" "Client secret"
keys Tab
keys F1
waits_help "f1_on_the_client_id_says_where_machine_identities_are" "Access Control > Machine Identities"
waits_help "and_the_docs" "https://infisical.com/docs/documentation/platform/identities/universal-auth"
keys x
keys C-c y
exits 130 "sign_in_quit_exits_130"

screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name words-help --project $PAYMENTS \
	--environment dev --secret-path /workers
waits "help_run_starts" "1/7 Rotation"
keys PgDn PgDn
waits "connection_step" "2 connections"
keys F1
waits_help "f1_on_the_connection_names_its_graph_permissions" "Application.ReadWrite.All"
waits_help "and_admin_consent" "Grant admin consent"
waits_help "and_the_connection_docs" "https://infisical.com/docs/integrations/app-connections/azure-client-secrets"
keys x
keys Enter
waits "app_list" "7 apps"
waits "ctrl_e_is_on_the_key_line" "^E manual entry"
keys F1
waits_help "f1_on_the_app_list_names_the_common_mistake" "Enterprise applications"
keys x
keys C-e
waits "manual_entry" "Typed by hand"
waits "ctrl_e_back_is_on_the_key_line" "^E app list"
keys F1
waits_help "f1_on_the_object_id_says_where_it_is" "App registrations > the app > Overview"
waits_help "and_the_az_command_that_prints_it" "az ad app show --id <clientId> --query id -o tsv"
waits_help "and_how_to_find_an_app_by_name" \
	'az ad app list --display-name NAME --query "[].{name:displayName,appId:appId,objectId:id}"'
keys x
keys C-c y
exits 130 "help_run_quit_exits_130"
asan_clean "no_sanitizer_report"
done_testing
