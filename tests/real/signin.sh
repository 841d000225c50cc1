#!/bin/sh
# Sign-in against the real server: by access token (environment and
# --token-file) and by Universal Auth, each shown to have worked by the
# project check that follows it (a project no one has is refused before
# sending, exit 2, not 4); refused credentials exit 4 with the
# server's reason; plain mode asks again when a typed token is refused.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/real/lib.sh"

real_need K_URL K_TOKEN K_PROJECT K_UA_ID K_UA_SECRET K_CONNECTION K_OBJECT K_CLIENT

NOBODY=00000000-0000-4000-8000-000000000000
FLAGS="--yes --name rt-$RID-signin --project $NOBODY --environment dev --secret-path /
--connection $K_CONNECTION --object-id $K_OBJECT --client-id $K_CLIENT"

# shellcheck disable=SC2086 # FLAGS is a list of words without spaces
rw INFISICAL_TOKEN="$K_TOKEN" -- $FLAGS
is_rc 2 "token: signed in, then the unknown project is refused before sending (exit 2)"
says "token: the refusal names the unknown project" "$NOBODY"
hides "token: the token is never printed" "$K_TOKEN"

printf '%s\n' "$K_TOKEN" >"$T/token"
chmod 600 "$T/token"
# shellcheck disable=SC2086
rw -- $FLAGS --token-file "$T/token"
is_rc 2 "token file: signed in, then the unknown project is refused"
says "token file: the refusal names the unknown project" "$NOBODY"
rm -f "$T/token"

# shellcheck disable=SC2086
rw INFISICAL_UNIVERSAL_AUTH_CLIENT_ID="$K_UA_ID" INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET="$K_UA_SECRET" -- $FLAGS
is_rc 2 "universal auth: logged in, then the unknown project is refused"
says "universal auth: the refusal names the unknown project" "$NOBODY"
hides "universal auth: the client secret is never printed" "$K_UA_SECRET"

# shellcheck disable=SC2086
rw INFISICAL_TOKEN=not-a-token-$RID -- $FLAGS
is_rc 4 "a token the server refuses exits 4"
says "with the server's reason" "The provided access token is malformed"
says "and the fix" "check INFISICAL_TOKEN or --token-file"
check "in one line" test "$(wc -l <"$T/err")" -eq 1

# The right format, signed by another key: the server's other refusal.
rw INFISICAL_TOKEN="$K_TOKEN"x -- $FLAGS
is_rc 4 "a token with a bad signature exits 4"
says "with the server's status" "(HTTP 403)"

# shellcheck disable=SC2086
rw INFISICAL_UNIVERSAL_AUTH_CLIENT_ID="$K_UA_ID" INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=wrong-$RID -- $FLAGS
is_rc 4 "a refused Universal Auth login exits 4"
says "with the server's reason" "Invalid credentials (HTTP 401)"
hides "the wrong secret is not printed" "wrong-$RID"

# Plain mode, sign-in typed: a refused token is asked again with the
# server's reason, then Universal Auth is typed and works; the input then
# ends at the first question after sign-in.
printf '%s\n' "$K_URL" 1 "refused-$RID" 2 "$K_UA_ID" "$K_UA_SECRET" >"$T/in"
rw_stdin "$T/in" -- --plain
is_rc 2 "plain: the input ends after sign-in (exit 2)"
shows "plain: the refused token is told" "Sign-in failed: the server refused the credentials"
shows "plain: with the server's reason" "malformed"
shows "plain: Universal Auth typed in signs in" "Signed in."
hides "plain: the typed token is never shown" "refused-$RID"
hides "plain: the typed client secret is never shown" "$K_UA_SECRET"

done_testing
