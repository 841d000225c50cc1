#!/bin/sh
# The error paths against the real server, in flag mode: what the user is
# told, the exit code, and that nothing was made.  Some are refused before
# sending (mapped names already in the folder, a fractional or over-long
# value), the others by the server (a name taken, an object ID Azure does
# not know, the app Azure always refuses).
#
# Assertions marked [lessons] or [core] hold once those branches are merged
# (issue 8 item 3, issue 9 behaviour 2); they fail before, by design.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/real/lib.sh"

real_need K_URL K_TOKEN K_PROJECT K_CONNECTION K_OBJECT K_CLIENT K_DENIED_OBJECT K_DENIED_CLIENT
real_setup || { done_testing; exit 1; }

# create NAME PATH ID-SECRET-NAME SECRET-SECRET-NAME [FLAGS...]
create() {
	_n=$1 _p=$2 _mi=$3 _ms=$4
	shift 4
	rw INFISICAL_TOKEN="$K_TOKEN" -- --yes --name "$_n" --project "$K_PROJECT" \
		--environment dev --secret-path "$_p" --connection "$K_CONNECTION" \
		--object-id "$K_OBJECT" --client-id "$K_CLIENT" \
		--map-client-id "$_mi" --map-client-secret "$_ms" "$@"
}

# Mapped secret names already in the folder: found by the pre-check.
rw INFISICAL_TOKEN="$K_TOKEN" -- --yes --name "rt-$RID-taken-secret" --project "$K_PROJECT" \
	--environment staging --secret-path /rt-workers --connection "$K_CONNECTION" \
	--object-id "$K_OBJECT" --client-id "$K_CLIENT" --map-client-id RT_TAKEN
is_rc 2 "a mapped secret name already in the folder is refused before sending (exit 2)"
says "naming the secret and the folder" "the folder /rt-workers of environment staging already has RT_TAKEN"
says "and the flag to change" "--map-client-id"
not_made "nothing was made" "rt-$RID-taken-secret" staging /rt-workers

# A name taken in the folder: the server's 400.
create "rt-$RID-twice" /rotwiz "TW_${RID}_ID" "TW_${RID}_SECRET"
is_rc 0 "a first rotation is made"
create "rt-$RID-twice" /rotwiz "TX_${RID}_ID" "TX_${RID}_SECRET"
is_rc 1 "the same name again in that folder is refused by the server (exit 1)"
says "with the server's words" "A Secret Rotation with the name \"rt-$RID-twice\" already exists at the secret path \"/rotwiz\""
says "and the fix" "choose another --name"
check "in one line" test "$(wc -l <"$T/err")" -eq 1
says_re "[lessons] with the server's reqId, for support" "req-[A-Za-z0-9]+"
rotation_get "rt-$RID-twice" dev /rotwiz
holds "the first one is left as it was" secretsMapping.clientId "TW_${RID}_ID"
secret_names dev /rotwiz >"$T/names"
check "the refused one wrote no secret" sh -c "! grep -q '^TX_${RID}_' '$T/names'"

# A folder that does not exist.
create "rt-$RID-nofolder" "/nope-$RID" "NF_${RID}_ID" "NF_${RID}_SECRET"
is_rc 2 "[core] an unknown folder is refused before the create (exit 2)"
says "[core] naming the folder" "nope-$RID"
says_re "[core] and the environment" "(^|[^a-z])dev([^a-z]|$)"
says_re "[core] and the project" "$K_PROJECT|rotwiz-test"
hides "never as an empty folder" "holds no secrets yet"
not_listed "nothing was made" "rt-$RID-nofolder"

# An object ID that Azure (fake Azure) does not know: 404 inside the server's 400.
UNKNOWN=11111111-2222-4333-8444-555555555555
create "rt-$RID-unknown-app" /rotwiz "UA_${RID}_ID" "UA_${RID}_SECRET" --object-id "$UNKNOWN"
is_rc 1 "an object ID Azure does not know is refused (exit 1)"
says "with Azure's words" "Resource '$UNKNOWN' does not exist"
says "and the flag to check" "check --object-id"
not_made "nothing was made" "rt-$RID-unknown-app" dev /rotwiz

# The app Azure always refuses (403 Insufficient privileges, inside a 400).
create "rt-$RID-denied" /rotwiz "DN_${RID}_ID" "DN_${RID}_SECRET" \
	--object-id "$K_DENIED_OBJECT" --client-id "$K_DENIED_CLIENT"
is_rc 1 "an app the connection may not change is refused (exit 1)"
says "with Azure's words" "Insufficient privileges to complete the operation."
says "naming the app" "$K_DENIED_OBJECT"
says "[words] and the connection's Graph permission, not the Object ID" "Microsoft Graph application permission Application.ReadWrite.All"
says "[words] and where an admin grants it" "API permissions, then clicks Grant admin consent"
hides "[words] never blaming the Object ID" "check --object-id"
not_made "nothing was made" "rt-$RID-denied" dev /rotwiz

# Values refused before sending: the server would take some of them and
# fail in its database after Azure issued a secret (kit README, items 1, 2).
create "rt-$RID-fraction" /rotwiz "FR_${RID}_ID" "FR_${RID}_SECRET" --interval 1.5
is_rc 2 "a fractional interval is refused before sending (exit 2)"
says "naming the rule and the value" "whole number of days from 1 to 909"
says "and the value" '"1.5"'
not_made "nothing was made" "rt-$RID-fraction" dev /rotwiz

create "rt-$RID-long-interval" /rotwiz "LI_${RID}_ID" "LI_${RID}_SECRET" --interval 910
is_rc 2 "an interval over Azure's 909 days is refused before sending (exit 2)"
says "naming the value" '"910"'

LONG_NAME=rt-$RID-$(printf 'n%.0s' $(seq 64))
create "$LONG_NAME" /rotwiz "LN_${RID}_ID" "LN_${RID}_SECRET"
is_rc 2 "a name over 64 characters is refused before sending (exit 2)"
says "naming the limit" "64"

D255=$(printf 'd%.0s' $(seq 255))
create "rt-$RID-desc-255" /rotwiz "D5_${RID}_ID" "D5_${RID}_SECRET" --description "$D255"
is_rc 0 "a description of 255 characters is taken"
rotation_get "rt-$RID-desc-255" dev /rotwiz
holds "and held whole by the server" description "$D255"

create "rt-$RID-desc-256" /rotwiz "D6_${RID}_ID" "D6_${RID}_SECRET" --description "${D255}e"
is_rc 2 "[lessons] a description of 256 characters is refused before sending (exit 2)"
says "[lessons] naming the limit" "255"
not_made "nothing was made (the server's column holds 255)" "rt-$RID-desc-256" dev /rotwiz

done_testing
