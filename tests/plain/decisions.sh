#!/bin/sh
# The behaviours decided for every front-end (doc/contract.md), in plain
# mode: a project given by slug is matched and named; changing the project
# from Review re-checks what depends on it and, when all still holds, goes
# straight back to Review; a new connection drops an app it does not list
# and asks for one; the folder must exist (also tests/plain/corrections.sh).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

TOOLS=f8992e83-e950-4cf5-868e-479de251590d
FABRIKAM=0d2add2d-92b6-4566-9081-070bf7c9b5ca
FABRIKAM_PORTAL_OBJECT=45dd2a03-224e-4bd4-beb5-5ec5453076b1

plain_sandbox

PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN INFISICAL_PROJECT_ID=payments-platform"
answers \
	plain-decided '' \
	'' dev /workers \
	1 'Payments API' \
	'' '' '' '' \
	DEC_ID DEC_SECRET \
	2 'Internal Tools' dev /nope /ci \
	3 azure-fabrikam-legacy 'Fabrikam Portal' \
	c q
plain
is_rc 0 decided_session_exits_0
shows slug_is_named_once_signed_in 'Signed in. The project "payments-platform" is Payments Platform (ec28d541-4984-455a-b145-c3b923b5c5b2).'
shows slug_picked_its_project 'Project (number or name) [Payments Platform]: '
shows missing_folder_names_the_new_project 'There is no folder "nope" in "/" of environment dev of project Internal Tools'
# After the project change, the next thing asked is the review, not step 3.
check project_change_goes_back_to_review sh -c "sed -n '/Secret path \[\/workers\]: \/nope/,\$p' '$T/out' | grep -m1 '^Step ' | grep -q 'Step 7 of 8: Review'"
shows new_connection_drops_the_app 'The Azure app was picked under another connection: step 4 asks for one'
check new_connection_asks_the_app_next sh -c "sed -n '/connection.*: azure-fabrikam-legacy/,\$p' '$T/out' | grep -m1 '^Step ' | grep -q 'Step 4 of 8: Azure app'"
curl -sS -o "$T/got" -H "Authorization: Bearer $USER_TOKEN" \
	"$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret/rotation-name/plain-decided?projectId=$TOOLS&environment=dev&secretPath=%2Fci"
held created_in_the_new_project name plain-decided
held created_in_the_new_folder folder.path /ci
held created_under_the_new_connection connection.id "$FABRIKAM"
held created_with_the_app_of_the_new_connection parameters.objectId "$FABRIKAM_PORTAL_OBJECT"

# A slug typed at the project question works as well as a name.
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"
answers plain-typed-slug '' internal-tools dev /ops
plain
is_rc 2 typed_slug_run_ends_with_the_input
shows typed_slug_picks_its_project 'Environments of Internal Tools:'

# An unknown project from the environment is named, not sent.
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN INFISICAL_PROJECT_ID=no-such-project"
answers plain-unknown '' '' 
plain
is_rc 2 unknown_project_run_ends_with_the_input
shows unknown_project_is_named 'The Project given, "no-such-project", is not in the list.'
done_testing
