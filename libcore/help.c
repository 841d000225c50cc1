#include "config.h"

#include <stdio.h>

#include "libcore/help.h"
#include "libcore/report.h"

/*
 * "Where do I get this?", per question.  The portal paths and commands are
 * those of Infisical's docs (the Azure Client Secrets connection, the
 * secret rotation, Universal Auth, the CLI) and of Azure's portal as of
 * 2026; a path that moves is fixed here, once, for every front-end.
 */

#define ROTATION_DOCS "https://infisical.com/docs/documentation/platform/secret-rotation/azure-client-secret"
#define UA_DOCS "https://infisical.com/docs/documentation/platform/identities/universal-auth"
#define CLI_DOCS "https://infisical.com/docs/cli/commands/user"

/* The Graph permissions a connection needs: the connection's help and the app list's say it. */
#define GRAPH_PERMISSIONS \
	"The connection signs in to Azure with an app registration of its own, which needs " \
	"the Microsoft Graph application permission Application.ReadWrite.All (or " \
	"Application.ReadWrite.OwnedBy, and to be an owner of each app it rotates); an Azure " \
	"admin adds it under Microsoft Entra ID > App registrations > the connection's app > " \
	"API permissions and clicks Grant admin consent. Without it Azure answers " \
	"\"Insufficient privileges to complete the operation.\""

/* Finding an app's two IDs with the Azure CLI. */
#define AZ_COMMANDS \
	"With the Azure CLI: az ad app show --id <clientId> --query id -o tsv prints the " \
	"Object ID of the app with that Application (client) ID; " \
	"az ad app list --display-name NAME --query \"[].{name:displayName,appId:appId,objectId:id}\" " \
	"lists the apps of that name with both IDs (appId is the client ID)."

#define OBJECT_ID_MISTAKE \
	"The common mistake: Enterprise applications lists the same app with an Object ID " \
	"too, but that one is its service principal's; Azure answers it with \"Resource ... " \
	"does not exist\". Take the Object ID from App registrations."

static const char *const field_where[RW_FIELD_COUNT] = {
	[RW_FIELD_NAME] =
		"Any name you will recognise, such as payments-azure-secret: Infisical lists "
		"the rotation by it on the project's Secret Rotations.",
	[RW_FIELD_PROJECT] =
		"The list holds the projects this sign-in may see. A project that is missing: "
		"the user or machine identity is not a member of it (the project's Access "
		"Control adds members).",
	[RW_FIELD_ENVIRONMENT] =
		"The environments are the project's own (Project Settings > Environments).",
	[RW_FIELD_SECRET_PATH] =
		"Folders are made in Infisical, in the environment's secrets view (Add Folder).",
	[RW_FIELD_CONNECTION] =
		"An organization admin creates it in Infisical under Organization Settings > "
		"App Connections > Add Connection > Azure Client Secrets, and lets the project "
		"use it.\n\n" GRAPH_PERMISSIONS "\n\nDocs: " REPORT_CONNECTION_DOCS,
	[RW_FIELD_OBJECT_ID] =
		"Where: Azure portal > Microsoft Entra ID > App registrations > the app > "
		"Overview: Object ID.\n\n" OBJECT_ID_MISTAKE "\n\n" AZ_COMMANDS
		"\n\nDocs: " ROTATION_DOCS,
	[RW_FIELD_CLIENT_ID] =
		"Where: Azure portal > Microsoft Entra ID > App registrations > the app > "
		"Overview: Application (client) ID (Enterprise applications shows the same "
		"value).\n\n" AZ_COMMANDS,
	[RW_FIELD_APP_NAME] =
		"The app's Display name in App registrations; Infisical only shows it.",
	[RW_FIELD_INTERVAL] =
		"Each new client secret is made to last two intervals and three days, so the "
		"previous one stays valid for a whole interval while apps pick up the new one.",
	[RW_FIELD_HOURS] =
		"In UTC; the Schedule step shows it in local time as well.",
	[RW_FIELD_MINUTES] =
		"In UTC; the Schedule step shows it in local time as well.",
	[RW_FIELD_MAP_CLIENT_ID] =
		"Apps then read the two secrets from this folder (infisical run, an SDK, an "
		"agent). AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are the names Azure's own "
		"SDKs read from the environment.",
	[RW_FIELD_MAP_CLIENT_SECRET] =
		"Apps then read the two secrets from this folder (infisical run, an SDK, an "
		"agent). AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are the names Azure's own "
		"SDKs read from the environment.",
};

void
core_help_field(enum rw_field field, char *buf, size_t bufsz)
{
	const struct rw_field_info *info = rw_field_info(field);
	const char *where = field >= 0 && field < RW_FIELD_COUNT ? field_where[field] : NULL;

	if (!bufsz)
		return;
	if (!info) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, bufsz, "%s%s%s", info->help, where ? "\n\n" : "", where ? where : "");
}

void
core_help_app_list(char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "%s",
		 "The app registration whose client secret Infisical will rotate, as the "
		 "connection sees it in Azure. Type to filter on the display name, the "
		 "Application (client) ID or the Object ID; Up/Down move; Enter chooses.\n\n"
		 "The Object ID listed is the App registration's, the one the rotation needs. "
		 "Enterprise applications in the Azure portal shows the same app with another "
		 "Object ID (its service principal's): not that one.\n\n"
		 "An app missing from the list: the connection sees the apps its Microsoft "
		 "Graph permission allows (Application.ReadWrite.All: all of them; "
		 "Application.ReadWrite.OwnedBy: those its app registration owns). Ctrl-E types "
		 "the Object ID and the Application (client) ID by hand.\n\n"
		 "Docs: " ROTATION_DOCS);
}

static const char *const signin_help[CORE_HELP_SIGNIN_COUNT] = {
	[CORE_HELP_SERVER] =
		"Where your Infisical runs: the US cloud (https://us.infisical.com, the "
		"default), the EU cloud (https://eu.infisical.com), or your own server "
		"(self-hosted: the address you open Infisical at).",
	[CORE_HELP_SERVER_URL] =
		"Your server's address, such as https://infisical.example.com (an /api at the "
		"end is not needed). Plain http:// is accepted for this computer (127.0.0.1, "
		"localhost) only.",
	[CORE_HELP_METHOD] =
		"An access token (a user's or a machine identity's), or a machine identity's "
		"Universal Auth client ID and secret, which are exchanged for a token at once.\n\n"
		"A user's token may list a connection's Azure apps; a machine identity may "
		"not, so with one the app's IDs are typed (the Azure app step says how to find "
		"them).",
	[CORE_HELP_TOKEN] =
		"The access token. It is not shown, never saved and never printed; for the "
		"next run, INFISICAL_TOKEN or --token-file spares you typing it.\n\n"
		"Your own token: sign in with the Infisical CLI (infisical login; add "
		"--domain URL for the EU cloud or a self-hosted server), then "
		"infisical user get token --plain prints it. Docs: " CLI_DOCS "\n\n"
		"A machine identity instead: choose Universal Auth above and type its client "
		"ID and client secret (Organization Settings > Access Control > Machine "
		"Identities). Docs: " UA_DOCS,
	[CORE_HELP_UA_CLIENT_ID] =
		"The Universal Auth client ID of the machine identity.\n\n"
		"Where: in Infisical, Organization Settings > Access Control > Machine "
		"Identities > the identity > Universal Auth: the Client ID is shown there, and "
		"Add Client Secret makes a secret. A new identity: Create there. It must be a "
		"member of the project, with a role that may manage secret rotations (the "
		"project's Access Control > Machine Identities).\n\nDocs: " UA_DOCS,
	[CORE_HELP_UA_CLIENT_SECRET] =
		"The Universal Auth client secret. It is not shown, never saved and wiped after "
		"sign-in. A machine identity cannot list Azure apps: you type their IDs.\n\n"
		"Where: Organization Settings > Access Control > Machine Identities > the "
		"identity > Universal Auth > Add Client Secret; Infisical shows it only once, "
		"so a lost one is replaced by a new one.\n\nDocs: " UA_DOCS,
};

void
core_help_signin(enum core_help_signin item, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "%s",
		 (unsigned) item < CORE_HELP_SIGNIN_COUNT ? signin_help[item] : "");
}
