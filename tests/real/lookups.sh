#!/bin/sh
# Every lookup rotwiz makes, against the real server, in a plain-mode session
# from a pipe: the projects and their environments, the folders (an unknown
# one is refused, listing those the server has), the connections usable in
# the project, the Azure apps (403 for a machine identity: manual entry,
# saying why), the secret names already in the folder (a taken one is
# refused).  Each list is held against what the server itself answers.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/real/lib.sh"

real_need K_URL K_TOKEN K_PROJECT K_CONNECTION K_OBJECT K_CLIENT
real_setup || { done_testing; exit 1; }

api GET "/api/v1/app-connections/azure-client-secrets/$K_CONNECTION/clients"
ok "$([ "$code" = 403 ]; echo $?)" "the server itself refuses this identity the app list (403)"

printf '%s\n' "rt-$RID-lookups" '' \
	1 2 "/nope-$RID" /rt-workers \
	1 \
	"$K_OBJECT" "$K_CLIENT" '' \
	'' '' '' '' \
	RT_TAKEN "LK_${RID}_ID" "LK_${RID}_SECRET" \
	q >"$T/in"
rw_stdin "$T/in" INFISICAL_TOKEN="$K_TOKEN" -- --plain
is_rc 130 "the session quits at review without creating (exit 130)"

shows "projects: the server's project is listed with its id" "1) rotwiz-test  ($K_PROJECT)"
shows "environments: the project's environments, staging second" "2) Staging      (staging)"
shows "environments: and prod" "3) Production   (prod)"
shows "folders: an unknown folder is refused" "There is no folder \"nope-$RID\" in \"/\" of environment staging"
names=$(folder_names staging / | tr '\n' ' ')
listed=$(sed -n 's/.*the folders there are: \([^.]*\)\..*/\1/p' "$T/out" | tr -d ',')
ok "$([ "$(echo $listed)" = "$(echo $names)" ]; echo $?)" "folders: those listed are the server's"
[ "$(echo $listed)" = "$(echo $names)" ] || diag "listed: $listed; the server has: $names"
shows "connections: the usable connection is listed" "1) azure-contoso-prod  ($K_CONNECTION)"
shows "apps: the 403 switches to typing the IDs" "The server will not list the Azure apps for these credentials"
shows "apps: saying why" "machine identity"
shows "secret names: a taken name is refused" "already holds a secret named"
shows "secret names: naming it" "RT_TAKEN"
shows "after the refusal the name is asked again" "Client ID secret [AZURE_CLIENT_ID]: LK_${RID}_ID"
shows "the review shows what was picked" "Secret path                /rt-workers"
not_made "nothing was created" "rt-$RID-lookups" staging /rt-workers
hides "the token is never printed" "$K_TOKEN"

done_testing
