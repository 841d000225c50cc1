# Universal Auth: the machine identity may not list Azure apps (403), so the
# wizard says why and asks the IDs by hand.  Also the sign-in step itself:
# a refused token is asked again, and what is typed there is never shown.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

plain_sandbox

# Universal Auth from the environment: sign-in is skipped.  The IDs by hand,
# first a non-GUID, then both IDs the same (warned, refused), then right.
PLAIN_ENV="INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=sandbox-client-id INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=sandbox-client-secret"
answers \
	plain-identity '' \
	'Payments Platform' dev /workers \
	1 \
	not-a-guid "$BILLING_WORKER_CLIENT" "$BILLING_WORKER_CLIENT" '' n \
	"$BILLING_WORKER_OBJECT" '' 'Billing Worker' \
	'' '' '' '' \
	'' '' \
	c q
plain
is_rc 0 identity_session_exits_0
shows machine_identity_is_explained 'this token is a machine identity; Infisical lists Azure apps for user sessions only, so type the IDs from Entra ID > App registrations'
shows bad_guid_is_refused_with_the_rule 'Must be a GUID (8-4-4-4-12 hex digits), got "not-a-guid"'
shows same_guid_is_warned 'Warning: Object ID: is the same GUID as the Application (client) ID'
shows warning_asks_before_going_on 'Use these IDs anyway? [y/N]: n'
shows typed_id_is_kept_as_the_default "Application (client) ID [$BILLING_WORKER_CLIENT]: "
hides client_secret_is_never_printed sandbox-client-secret
if server_get plain-identity dev /workers; then ok 0 server_holds_the_identity_rotation; else ok 1 server_holds_the_identity_rotation; fi
held typed_object_id_reached_the_server parameters.objectId "$BILLING_WORKER_OBJECT"
held typed_client_id_reached_the_server parameters.clientId "$BILLING_WORKER_CLIENT"
held typed_app_name_reached_the_server parameters.appName 'Billing Worker'

# The sign-in step: a wrong token is refused with the server's reason and
# asked again; then Universal Auth typed in, which lists no apps either: "m"
# is not needed, the 403 switches to typing.  The input then ends.
PLAIN_ENV=
answers \
	'' '' 1 wrong-token-typed \
	2 sandbox-client-id sandbox-client-secret \
	plain-signin
plain
is_rc 2 input_end_after_sign_in_exits_2
shows self_hosted_url_is_the_default "Server URL [$SANDBOX_URL]: "
shows refused_token_is_explained 'Sign-in failed: the server refused the credentials'
shows signed_in_after_retry 'Signed in.'
shows hidden_prompt_says_so 'Client secret (input hidden): '
hides typed_token_is_never_printed wrong-token-typed
hides typed_client_secret_is_never_printed sandbox-client-secret
check draft_holds_the_answers grep -q plain-signin "$DRAFT"
check draft_holds_no_credentials sh -c "! grep -q -e wrong-token-typed -e sandbox-client-secret -e sandbox-client-id '$DRAFT'"

# Credentials given by the environment and refused (decided for every
# interactive mode): the server's reason, then the sign-in step asks for
# others; the typed token signs in and the session goes on.
PLAIN_ENV="INFISICAL_TOKEN=sandbox-expired-token"
answers '' '' '' "$USER_TOKEN" plain-after-refusal
plain
is_rc 2 refused_given_token_goes_on_to_input_end
shows refused_given_token_says_the_reason 'Sign-in failed: the server refused the credentials: Your token has expired.'
shows refused_given_token_names_the_fix 'check the access token'
shows refused_given_token_asks_for_others 'Sign in with [1]: '
shows refused_given_token_then_signs_in 'Signed in.'
shows refused_given_token_then_asks_the_name 'Name: '
hides refused_given_token_typed_token_is_never_printed "$USER_TOKEN"

# "m" at a user session's app list switches to typing too.
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"
answers \
	plain-manual '' \
	'Payments Platform' staging /workers \
	1 \
	m "$BILLING_WORKER_OBJECT" "$BILLING_WORKER_CLIENT" '' \
	'' '' '' '' \
	'' '' \
	c q
plain
is_rc 0 manual_by_choice_exits_0
if server_get plain-manual staging /workers; then ok 0 server_holds_the_manual_rotation; else ok 1 server_holds_the_manual_rotation; fi
held manual_object_id_reached_the_server parameters.objectId "$BILLING_WORKER_OBJECT"

done_testing
