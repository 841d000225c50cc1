#!/bin/sh
# The stock server (no licence: secret rotation is a paid feature there):
# sign-in and the lookups work, the create is refused for the plan, and the
# user is told that this instance's plan lacks secret rotation and that a
# self-hosted server needs a licence that includes it; exit 1.
#
# Assertions marked [lessons] hold once that branch is merged (issue 8
# item 3: the plan restriction's message); they fail before, by design.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/real/lib.sh"

real_need S_URL S_TOKEN S_PROJECT K_OBJECT K_CLIENT

# The stock kit has no connection (Azure cannot be reached to make one);
# the plan is checked before the connection, so any UUID will do.
CONN=3d1f7a52-8c6b-4e0f-9a2d-5b7e1c9f4a10
FLAGS="--yes --name rt-$RID-stock --project $S_PROJECT --environment dev
--secret-path /rotwiz --connection $CONN --object-id $K_OBJECT --client-id $K_CLIENT
--map-client-id ST_${RID}_ID --map-client-secret ST_${RID}_SECRET"

# shellcheck disable=SC2086 # FLAGS is a list of words without spaces
rw INFISICAL_DOMAIN="$S_URL" INFISICAL_TOKEN="$S_TOKEN" -- $FLAGS
is_rc 1 "the plan restriction exits 1"
says_re "the message names the plan" "plan"
says_re "says that secret rotation is what the plan lacks" "rotation"
says_re "[lessons] and that self-hosted needs a licence that includes it" "licen[cs]e"
says_re "[lessons] and that it is this instance's plan" "instance|self-hosted"
check "in one line" test "$(wc -l <"$T/err")" -eq 1
hides "never try again later for a plan" "try again later"

# Plain mode: the lookups answer on the stock server too; its project has
# no connection, which is explained; the input then ends.
printf '%s\n' "rt-$RID-stock-plain" '' 1 1 /rotwiz >"$T/in"
rw_stdin "$T/in" INFISICAL_DOMAIN="$S_URL" INFISICAL_TOKEN="$S_TOKEN" -- --plain
is_rc 2 "plain on stock: the input ends at the connection step (exit 2)"
shows "plain on stock: the project is listed" "1) rotwiz-test  ($S_PROJECT)"
shows "plain on stock: no connection, explained" "This project can use no Azure Client Secrets connection yet."
shows "plain on stock: with the docs" "https://infisical.com/docs/integrations/app-connections/azure-client-secrets"

done_testing
