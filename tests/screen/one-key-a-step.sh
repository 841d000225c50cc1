#!/bin/sh
# Issue 10's goal, "the name plus one key a step": PgDn finishes a step with
# what it shows (doc/contract.md section 3) -- a form with its values, a
# pick-list with its highlighted entry -- so a default run is the name, one
# PgDn for each of steps 1 to 6 and Enter on Review.  Against a server that
# takes 300 ms an answer (the sign-in runs in the background meanwhile):
#   1. typed looking at each screen: every PgDn goes exactly one step on,
#      and the server then holds what Review showed;
#   2. typed blind as one burst: Enter chooses the first project, then the
#      highlight moved (Down) in Where's environment, Connection and Azure
#      app: PgDn takes those entries, also when it was typed before the
#      list was there.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

FABRIKAM=0d2add2d-92b6-4566-9081-070bf7c9b5ca
FABRIKAM_SYNC_OBJECT=b6b5137a-b801-4c71-84d8-7589263d87d6

screen_sandbox --latency 300

screen_run INFISICAL_TOKEN=$USER_TOKEN ROTWIZ_TUI_STATS=$T/stats
waits "default_starts" "1/7 Rotation"
txt "pgdn-defaults"
for _next in "2/7 Where" "3/7 Connection" "4/7 Azure app" "5/7 Schedule" \
	"6/7 Secret names" "7/7 Review"; do
	keys NPage
	waits "one_pgdn_to_${_next#*/7 }" "$_next"
done
# What Review shows is what the server must hold.
for _shown in "Payments Platform" "Development (dev)" "azure-contoso-prod" "$PAYMENTS_API_OBJECT" \
	"Interval (days)          30" "AZURE_CLIENT_ID" "AZURE_CLIENT_SECRET"; do
	waits "review_shows_$_shown" "$_shown"
done
keys Enter
waits "default_creates" "Created the Azure Client Secret rotation"
keys q
exits 0 "default_exits_0"
# The name, six PgDn, Enter, q: nothing else was needed.
ok "$([ "$(sed -n 's/^keys //p' "$T/stats")" = $((13 + 6 + 1 + 1)) ]; echo $?)" \
	"default_run_is_name_plus_one_key_a_step"
server_get pgdn-defaults dev /
held "default_environment" environment.slug dev
held "default_folder" folder.path /
held "default_connection" connection.id "$CONTOSO"
held "default_app" parameters.objectId "$PAYMENTS_API_OBJECT"
held "default_client_id" parameters.clientId "$PAYMENTS_API_CLIENT"
held "default_interval" rotationInterval 30
held "default_auto" isAutoRotationEnabled true
held "default_id_name" secretsMapping.clientId AZURE_CLIENT_ID
held "default_secret_name" secretsMapping.clientSecret AZURE_CLIENT_SECRET

# Blind, all at once: the keys wait for the sign-in and each list, in order.
# On Schedule the burst goes to its last field, Local time, first (a frame
# drawn there with the ROTWIZ_TUI_ANSWERS dump on crashed: the field has no
# answer of its own), and PgDn goes on from there.
screen_run INFISICAL_TOKEN=$USER_TOKEN ROTWIZ_TUI_ANSWERS=$T/answers
waits "burst_starts" "1/7 Rotation"
txt "pgdn-highlighted"
keys NPage  Enter Down NPage  Down NPage  Down NPage  Tab Tab Tab Tab NPage  NPage  Enter
waits "burst_creates" "Created the Azure Client Secret rotation"
keys q
exits 0 "burst_exits_0"
server_get pgdn-highlighted staging /
held "highlighted_environment" environment.slug staging
held "highlighted_connection" connection.id "$FABRIKAM"
held "highlighted_app" parameters.objectId "$FABRIKAM_SYNC_OBJECT"
asan_clean "pgdn_no_sanitizer_report"
done_testing
