#!/bin/sh
# Decided behaviour 11: the secret names offered are free in the folder --
# AZURE_CLIENT_ID / AZURE_CLIENT_SECRET when both are, else from the app's
# name, else with _2, _3...; "create another" offers free ones again (the
# rotation just created took its names); a name typed is never changed.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

screen_sandbox
# dev:/api already holds AZURE_CLIENT_ID (sandbox/seed.c).
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name free-one --project $PAYMENTS \
	--environment dev --secret-path /api --connection $CONTOSO
waits "starts" "1/7 Rotation"
keys PgDn PgDn PgDn
waits "step_4" "4/7 Azure app"
waits "the_apps_are_listed" "7 apps"
keys Enter
waits "step_5" "5/7 Schedule"
keys PgDn
waits "step_6" "6/7 Secret names"
on_line "the_client_id_name_is_the_apps" "Client ID secret" "PAYMENTS_API_CLIENT_ID"
on_line "and_the_client_secret_name" "Client secret secret" "PAYMENTS_API_CLIENT_SECRET"
lacks "no_taken_name_is_offered" "already exists"
keys PgDn
waits "review" "7/7 Review"
keys Enter
waits "created" 'Created the Azure Client Secret rotation "free-one"'
server_get free-one dev /api
held "the_server_has_the_offered_client_id_name" secretsMapping.clientId PAYMENTS_API_CLIENT_ID
held "and_the_client_secret_name" secretsMapping.clientSecret PAYMENTS_API_CLIENT_SECRET

# Create another in the same folder, the same app: its names were just taken.
keys n
waits "another" "1/7 Rotation"
txt "free-two"
keys PgDn PgDn PgDn
waits "another_at_the_app_step" "4/7 Azure app"
waits "another_lists_the_apps" "7 apps"
keys Enter
waits "another_at_step_5" "5/7 Schedule"
keys PgDn
waits "another_at_step_6" "6/7 Secret names"
on_line "create_another_offers_free_names" "Client ID secret" "PAYMENTS_API_CLIENT_ID_2"
on_line "for_both" "Client secret secret" "PAYMENTS_API_CLIENT_SECRET_2"
# A typed name stays, the other still the offer.
keys C-u
txt "MY_OWN_ID"
keys PgUp
waits "back_to_step_5" "5/7 Schedule"
keys PgDn
waits "step_6_again" "6/7 Secret names"
on_line "the_typed_name_is_kept" "Client ID secret" "MY_OWN_ID"
on_line "the_other_is_still_offered" "Client secret secret" "PAYMENTS_API_CLIENT_SECRET_2"
keys PgDn
waits "another_review" "7/7 Review"
keys Enter
waits "another_created" 'Created the Azure Client Secret rotation "free-two"'
server_get free-two dev /api
held "the_typed_name_reached_the_server" secretsMapping.clientId MY_OWN_ID
held "with_the_offered_one" secretsMapping.clientSecret PAYMENTS_API_CLIENT_SECRET_2
keys q
exits 0 "q_exits_0"
asan_clean "no_sanitizer_report"
done_testing
