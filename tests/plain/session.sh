# Whole plain-mode sessions from piped answers against a real sandbox: the
# rotation is then read back from the server, not only from what was shown.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

plain_sandbox
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"

# Names rather than numbers, a description, a folder two levels down, a
# schedule of its own, the default secret names; then rotate now and quit.
answers \
	plain-session 'Made by the plain-mode test' \
	'Payments Platform' dev /api/billing \
	azure-contoso-prod \
	'Payments API' \
	'' 7 3 15 \
	'' '' \
	c \
	r q
plain
is_rc 0 created_session_exits_0
shows projects_are_numbered '  1) Payments Platform'
shows project_list_shows_the_id "($PAYMENTS)"
shows environments_show_the_slug 'Development  (dev)'
shows app_list_shows_client_and_object_id "Application (client) ID $PAYMENTS_API_CLIENT, Object ID $PAYMENTS_API_OBJECT"
shows defaults_are_in_brackets 'Interval (days) [30]: 7'
shows schedule_shows_the_local_time 'Rotates every 7 days at 03:15 UTC (03:15 UTC local time).'
shows schedule_shows_the_first_rotation 'First automatic rotation: '
shows review_is_step_7 'Step 7 of 8: Review'
shows review_names_the_project "Payments Platform ($PAYMENTS)"
shows review_shows_the_curl_line "curl -sS -X POST '$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret'"
shows curl_line_reads_the_token_from_the_environment 'Authorization: Bearer $INFISICAL_TOKEN'
hides token_is_never_printed "$USER_TOKEN"
shows result_summary_is_shown 'Created the Azure Client Secret rotation "plain-session".'
shows rotate_now_shows_the_new_active_index 'The active credential is now index 1 (it was 0).'

shown_body
check review_body_is_json "$JSON_GET" "$T/body" name
check review_body_has_the_interval sh -c "[ \"\$('$JSON_GET' '$T/body' rotationInterval)\" = 7 ]"
check review_body_has_the_app sh -c "[ \"\$('$JSON_GET' '$T/body' parameters.objectId)\" = $PAYMENTS_API_OBJECT ]"

if server_get plain-session dev /api/billing; then ok 0 server_holds_the_rotation; else ok 1 server_holds_the_rotation; fi
held server_has_the_description description 'Made by the plain-mode test'
held server_has_the_folder folder.path /api/billing
held server_has_the_connection connectionId "$CONTOSO"
held server_has_the_object_id parameters.objectId "$PAYMENTS_API_OBJECT"
held server_has_the_client_id parameters.clientId "$PAYMENTS_API_CLIENT"
held server_has_the_app_name parameters.appName 'Payments API'
held server_has_the_interval rotationInterval 7
held server_has_the_hours rotateAtUtc.hours 3
held server_has_the_minutes rotateAtUtc.minutes 15
held server_has_the_default_client_id_name secretsMapping.clientId AZURE_CLIENT_ID
held server_has_the_default_client_secret_name secretsMapping.clientSecret AZURE_CLIENT_SECRET
held rotate_now_reached_the_server activeIndex 1
check draft_is_removed_after_create test ! -e "$DRAFT"

# Numbers, a fragment that lists what it matches, a display name two apps
# share (asked again by number), a value from a flag kept with Enter, and
# auto-rotation off.
answers \
	'' '' \
	1 3 '' \
	1 \
	Reporting 'Reporting Service' 5 \
	no '' '' '' \
	ROTATED_REPORTING_ID ROTATED_REPORTING_SECRET \
	c \
	''
plain --name plain-numbers
is_rc 0 session_by_numbers_exits_0
shows flag_value_is_the_default 'Name [plain-numbers]: '
shows fragment_lists_the_matching_apps 'Entries matching "Reporting":'
shows shared_display_name_asks_for_the_number '2 entries are called "Reporting Service": type the number of the one you mean.'
shows auto_rotation_off_is_explained 'Auto-rotation is off'
if server_get plain-numbers prod /; then ok 0 server_holds_the_numbered_rotation; else ok 1 server_holds_the_numbered_rotation; fi
held numbered_environment_is_the_third environment.slug prod
held number_5_is_the_second_reporting_service parameters.objectId "$REPORTING_2_OBJECT"
held auto_rotation_is_off isAutoRotationEnabled false
held typed_secret_name_is_kept secretsMapping.clientSecret ROTATED_REPORTING_SECRET

# "n) create another" after a create (decided for every mode): sign-in,
# project, environment, folder, connection and schedule are kept; the name,
# description and Azure app are asked afresh and the secret names are back
# at their defaults -- the names just created count as taken in that folder.
answers \
	plain-first 'first text' \
	'Payments Platform' staging /workers \
	1 'CI Deployer' \
	'' 45 '' '' \
	FIRST_ID FIRST_SECRET \
	c n \
	plain-second '' \
	'' '' '' \
	'' \
	'Billing Worker' \
	'' '' '' '' \
	FIRST_ID SECOND_ID '' \
	c q
plain
is_rc 0 two_creates_exit_0
shows another_asks_the_name_afresh 'Name: plain-second'
shows another_keeps_the_folder 'Secret path [/workers]: '
shows another_keeps_the_schedule 'Interval (days) [45]: '
shows another_asks_the_app_again 'Azure app (number or name; m types the IDs by hand): Billing Worker'
shows another_puts_the_names_back_to_defaults 'Client ID secret [AZURE_CLIENT_ID]: FIRST_ID'
shows names_just_created_are_taken 'already holds a secret named FIRST_ID'
if server_get plain-first staging /workers; then ok 0 server_holds_the_first; else ok 1 server_holds_the_first; fi
if server_get plain-second staging /workers; then ok 0 server_holds_the_second; else ok 1 server_holds_the_second; fi
held second_has_the_app_picked_again parameters.appName 'Billing Worker'
held second_has_no_description_of_the_first description null
held second_kept_the_interval rotationInterval 45
held second_has_the_default_secret_name secretsMapping.clientSecret AZURE_CLIENT_SECRET
held second_has_its_own_client_id_name secretsMapping.clientId SECOND_ID

done_testing
