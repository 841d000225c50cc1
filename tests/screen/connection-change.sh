#!/bin/sh
# Decision 1 for the connection (issue 10, fault 2): an Azure app picked
# under one connection is kept under another only when the other lists it;
# otherwise it is cleared and asked again -- whichever way the connection
# changed, and also when the change reached a draft and the draft is
# resumed before the sign-in is done.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

FABRIKAM=0d2add2d-92b6-4566-9081-070bf7c9b5ca
FABRIKAM_PORTAL_OBJECT=45dd2a03-224e-4bd4-beb5-5ec5453076b1
BILLING_WORKER_OBJECT=74a3f82e-531e-45c2-b7d5-d81151298038

# Fabrikam's first app list never answers.
screen_sandbox --fault "GET /api/v1/app-connections/azure-client-secrets/$FABRIKAM/clients=stall@1"

# Contoso's Billing Worker, then back to Connection (not from Review) and
# Fabrikam, whose list hangs: the user quits while the app is checked.
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "starts" "1/7 Rotation"
txt "conn-change"
keys Enter Enter
waits "where" "2/7 Where"
waits "projects" "2 projects"
keys Enter Enter Enter
waits "connections" "2 connections"
keys Enter
waits "apps" "7 apps"
keys Down Enter
waits "schedule" "5/7 Schedule"
keys PgUp PgUp
waits "back_at_connection" "3/7 Connection"
keys Down Enter
waits "the_app_waits_for_the_new_connections_list" "Checking the apps of the connection"
keys C-c y
exits 130 "quit_while_it_is_checked"
ok "$("$JSON_GET" "$DRAFT" answers.connection | grep -qx "$FABRIKAM"; echo $?)" "the_draft_holds_the_new_connection"
ok "$("$JSON_GET" "$DRAFT" answers.object-id | grep -qx "$BILLING_WORKER_OBJECT"; echo $?)" "and_the_app_not_checked_yet"

# Resumed before signing in (no credentials with the run): once signed in,
# the app is checked against Fabrikam's list and cleared.
keep_state
screen_run
waits "the_draft_is_offered" "A draft from an earlier run is saved"
keys y
waits "sign_in_first" "Sign in"
keys Enter Enter Enter
txt "$USER_TOKEN"
keys Enter
waits "resumed_at_connection" "3/7 Connection"
waits "the_drafts_app_is_dropped" "The draft's Azure app is not one of its connection's apps any more"
keys PgDn
waits "app_step" "4/7 Azure app"
waits "fabrikams_apps" "2 apps"
lacks "the_other_tenants_app_is_not_the_answer" "Billing Worker"
# PgDn takes the highlighted entry (doc/contract.md section 3): Fabrikam's first app.
keys PgDn
waits "pgdn_takes_the_highlighted_app" "5/7 Schedule"
waits "fabrikams_first_app_in_the_summary" "azure-fabrikam-legacy  |  Fabrikam Portal"
keys PgDn
waits "secrets" "6/7 Secret names"
keys PgDn
waits "review" "7/7 Review"
keys Enter
waits "created" "Created the Azure Client Secret rotation"
keys q
exits 0 "created_exit_0"
server_get conn-change dev /
held "created_under_fabrikam" connection.id "$FABRIKAM"
held "with_fabrikams_app" parameters.objectId "$FABRIKAM_PORTAL_OBJECT"

asan_clean "no_sanitizer_report"
done_testing
