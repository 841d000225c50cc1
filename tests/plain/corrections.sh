# Answers that are refused and asked again with the validator's own words;
# going back from the review; names taken in the folder and on the server;
# a pick-list that fails to load once.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

plain_sandbox --fault 'GET /api/v1/app-connections/azure-client-secrets/available=500@1'
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"

# dev:/api already holds AZURE_CLIENT_ID (sandbox seed): the names offered
# are the app's (decided behaviour 11); AZURE_CLIENT_ID typed is refused.
# Then from the review back to step 5 to change the hour, and create.
answers \
	'Plain Fix' plain-fix '' \
	'Payments Platform' dev /nowhere /api \
	r 1 \
	'Billing Worker' \
	maybe '' 0 910 14 24 5 60 30 \
	AZURE_CLIENT_ID PAY_API_CLIENT_ID '' \
	7 5 \
	'' '' 6 '' \
	c q
plain
is_rc 0 corrected_session_exits_0
shows bad_name_message 'Must be lowercase letters and digits, with single hyphens between them (a slug like my-rotation), got "Plain Fix"'
shows missing_folder_is_refused 'There is no folder "nowhere" in "/" of environment dev'
shows failed_list_says_why 'Could not load the connection list: '
shows failed_list_offers_a_retry 'r) try again, m) type the connection ID by hand, q) quit [r]: r'
shows toggle_message 'Must be yes or no, got "maybe"'
shows interval_0_message 'Must be a whole number of days from 1 to 909 (909 days is Azure'"'"'s limit for a client secret), got "0"'
shows interval_910_message 'got "910"'
shows hours_24_message 'Must be a whole number from 0 to 23, got "24"'
shows minutes_60_message 'Must be a whole number from 0 to 59, got "60"'
shows free_names_are_offered 'Client ID secret [BILLING_WORKER_CLIENT_ID]: AZURE_CLIENT_ID'
shows taken_secret_name_is_refused 'The folder "/api" of environment dev already holds a secret named AZURE_CLIENT_ID'
shows bad_review_choice_is_explained 'Type c to create the rotation, a step number from 1 to 6 to change that step, w to write the body and the curl command to files, or q to quit.'
shows back_to_schedule_keeps_the_answers 'Rotate at hour (UTC) [5]: 6'
if server_get plain-fix dev /api; then ok 0 server_holds_the_corrected_rotation; else ok 1 server_holds_the_corrected_rotation; fi
held corrected_interval_reached_the_server rotationInterval 14
held changed_hour_reached_the_server rotateAtUtc.hours 6
held corrected_minutes_reached_the_server rotateAtUtc.minutes 30
held renamed_secret_reached_the_server secretsMapping.clientId PAY_API_CLIENT_ID
held offered_secret_name_reached_the_server secretsMapping.clientSecret BILLING_WORKER_CLIENT_SECRET

# A name the server already has in that folder (the seeded staging-api-azure
# in staging:/api): the create fails, the wizard goes back to the name with
# every other answer kept, and the second create succeeds.
answers \
	staging-api-azure '' \
	'Payments Platform' staging /api \
	1 'Payments API' \
	'' '' '' '' \
	STAGING_PLAIN_ID STAGING_PLAIN_SECRET \
	c \
	staging-api-plain '' \
	c q
plain
is_rc 0 retried_create_exits_0
shows name_conflict_says_the_server_message 'A Secret Rotation with the name "staging-api-azure" already exists'
shows name_conflict_goes_back_to_the_name 'Back to step 1 (Rotation); every answer is kept.'
shows name_is_asked_with_the_old_value 'Name [staging-api-azure]: staging-api-plain'
if server_get staging-api-plain staging /api; then ok 0 server_holds_the_renamed_rotation; else ok 1 server_holds_the_renamed_rotation; fi
held renamed_rotation_kept_the_secret_names secretsMapping.clientSecret STAGING_PLAIN_SECRET

# prod:/api holds both default names.  The review sends a change of folder
# that makes the names typed clash back to the secret names, before anything
# is sent.  (Names left as offered would follow the folder: decided behaviour 11.)
answers \
	'' '' \
	'Payments Platform' prod /workers \
	1 'Payments API' \
	'' '' '' '' \
	AZURE_CLIENT_ID AZURE_CLIENT_SECRET \
	2 '' '' /api \
	PROD_PLAIN_ID PROD_PLAIN_SECRET \
	c q
plain --name prod-api-plain
is_rc 0 prod_session_exits_0
shows both_taken_names_are_named 'The folder "/api" of environment prod already holds secrets named AZURE_CLIENT_ID, AZURE_CLIENT_SECRET'
if server_get prod-api-plain prod /api; then ok 0 server_holds_the_prod_rotation; else ok 1 server_holds_the_prod_rotation; fi
held prod_rotation_uses_the_new_names secretsMapping.clientId PROD_PLAIN_ID

done_testing
