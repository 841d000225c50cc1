#include "config.h"

#include "libcore/help.h"
#include "libcore/signin.h"

/*
 * Only what holds for every Infisical server rotwiz can talk to; the menu
 * paths are those of Infisical's own documentation.
 */
static const char *const help_texts[CORE_HELP_COUNT] = {
	[CORE_HELP_SERVER] =
		"rotwiz talks to one Infisical server: the US cloud (" SIGNIN_US_CLOUD "), "
		"the EU cloud (" SIGNIN_EU_CLOUD "), or your organization's own, self-hosted "
		"Infisical. Choose the one whose address you open Infisical at in the browser; "
		"a URL typed here is taken as a self-hosted server's.",
	[CORE_HELP_SERVER_URL] =
		"The address you open Infisical at in the browser, such as "
		"https://infisical.example.com (with or without /api at the end). It must start "
		"with https://, except on this machine (127.0.0.1, localhost, ::1). A server "
		"whose certificate comes from a private CA needs rotwiz started with --cacert FILE.",
	[CORE_HELP_SIGNIN_METHOD] =
		"Universal Auth is how a machine identity signs in: its client ID and a client "
		"secret, which rotwiz exchanges for an access token at once. An access token is a "
		"user's (you, signed in with the Infisical CLI) or a machine identity's. Only a "
		"user's token lets rotwiz list a connection's Azure apps (Infisical lists them for "
		"user sessions only); with a machine identity you type the app's IDs.",
	[CORE_HELP_TOKEN] =
		"Paste an access token: nothing is shown while you type, and it is never saved. "
		"Your own (user) token: sign in with the Infisical CLI (infisical login, choosing "
		"this server), then run infisical user get token --plain. A machine identity's "
		"access token works too (infisical login --method=universal-auth prints one), but "
		"then Infisical does not list the Azure apps and you type their IDs. Next time, "
		"INFISICAL_TOKEN or --token-file skips this question.",
	[CORE_HELP_CLIENT_ID] =
		"The client ID of a machine identity with Universal Auth: in Infisical, "
		"Organization Settings > Access Control > Machine Identities, open the identity; "
		"its Universal Auth method shows the Client ID. The identity must be a member of "
		"the project, with a role that may create secret rotations. Docs: "
		"https://infisical.com/docs/documentation/platform/identities/universal-auth",
	[CORE_HELP_CLIENT_SECRET] =
		"A client secret of the same identity's Universal Auth, made on the identity's "
		"page (Add Client Secret). Infisical shows a client secret only once: when it is "
		"lost, make a new one. Nothing is shown while you type, and it is never saved. Next "
		"time, INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET "
		"skip these questions.",
};

const char *
core_help_text(enum core_help topic)
{
	if ((unsigned) topic >= CORE_HELP_COUNT || !help_texts[topic])
		return "";
	return help_texts[topic];
}
