/*
 * libcore/explain.c: known Azure failures of a rotation, with their fix.
 *
 * Graph's messages are matched by words that stay the same across its
 * wordings (codes such as Authorization_RequestDenied sometimes reach the
 * message, sometimes only the sentence does), case-insensitively.  The
 * order matters: the first entry whose words all occur wins, so the
 * specific entries come before the general ones.
 */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "libcore/explain.h"

/* The explanations; several wordings of Graph lead to the same one. */
static const char policy_lifetime[] =
	"The tenant's app management policy limits how long a client secret may live, and "
	"Infisical asks Azure for a secret that lives twice the rotation interval plus 3 days. "
	"Fix: lower the interval so that twice it plus 3 fits the policy's maximum (a 90-day "
	"maximum allows at most 43 days: rotwiz edit NAME --interval 43), or ask a Global "
	"Administrator to exempt this app from the policy; then rotate again.";
static const char policy_no_secrets[] =
	"The tenant's app management policy forbids adding client secrets (password "
	"credentials) to this app. Fix: ask a Global Administrator to exempt the app from the "
	"policy in Microsoft Entra ID (App management policies); then rotate again.";
static const char graph_permission[] =
	"The app connection's Azure app may not change this app's client secrets: it lacks the "
	"Microsoft Graph application permission. Fix: in the Azure portal, give the connection's "
	"app the Microsoft Graph application permission Application.ReadWrite.All (or make it an "
	"owner of this app and give it Application.ReadWrite.OwnedBy), grant admin consent, then "
	"rotate again.";
static const char secret_limit[] =
	"The Azure app holds as many client secrets as it may: a rotation adds the new secret "
	"before it revokes the old one, so it briefly needs one more than the two it keeps. "
	"Fix: in the Azure portal (App registrations, the app, Certificates & secrets) delete a "
	"client secret that nothing uses, then rotate again.";
static const char app_deleted[] =
	"The Azure app (its object ID) no longer exists: it was deleted, or the rotation names "
	"an app of another tenant. Fix: restore it in Microsoft Entra ID (App registrations, "
	"Deleted applications, within 30 days of the delete), or delete this rotation and "
	"create one for the app that replaced it.";
static const char interval_too_long[] =
	"The rotation interval is too long for Azure: Infisical asks for a secret that lives "
	"twice the interval plus 3 days, and Azure allows at most 5 years. Fix: an interval of "
	"at most 909 days (rotwiz edit NAME --interval 909).";
static const char connection_expired[] =
	"The app connection's own client secret has expired, so Infisical cannot sign in to "
	"Azure. Fix: create a new client secret for the connection's Azure app and update the "
	"app connection in Infisical (Organization, App Connections), then rotate again.";
static const char connection_refused[] =
	"Azure refused the app connection's own credentials, so Infisical could not sign in to "
	"change the secret. Fix: check the app connection in Infisical (Organization, App "
	"Connections): its tenant, client ID and client secret, which may have expired; then "
	"rotate again.";

static const char rotation_running[] =
	"Another rotation of it is running now (the schedule's, or one started elsewhere), so "
	"the server changed nothing. Fix: wait a few seconds, look at the rotation again to see "
	"how that one ended, and rotate only if it still needs it.";

/* Up to three words (lower case) that must all occur; NULL ends the list early. */
struct known_failure {
	const char *words[3];
	const char *explanation;
};

static const struct known_failure known_failures[] = {
	{ { "rotation is", "in progress", NULL }, rotation_running },
	{ { "lifetime", "policy", NULL }, policy_lifetime },
	{ { "credential", "not allowed", "policy" }, policy_no_secrets },
	{ { "insufficient privileges", NULL, NULL }, graph_permission },
	{ { "authorization_requestdenied", NULL, NULL }, graph_permission },
	{ { "too many", NULL, NULL }, secret_limit },
	{ { "maximum", "credential", NULL }, secret_limit },
	{ { "limit", "password", NULL }, secret_limit },
	{ { "does not exist", NULL, NULL }, app_deleted },
	{ { "request_resourcenotfound", NULL, NULL }, app_deleted },
	{ { "duration over 5 years", NULL, NULL }, interval_too_long },
	{ { "aadsts7000222", NULL, NULL }, connection_expired },
	{ { "verify credentials", NULL, NULL }, connection_refused },
	{ { "client credentials check failed", NULL, NULL }, connection_refused },
};

/* strstr without regard to ASCII case; the server's bytes may be anything. */
static int
contains_word(const char *haystack, const char *needle)
{
	size_t n = strlen(needle), i;
	const char *p;

	for (p = haystack; *p; p++) {
		for (i = 0; i < n; i++)
			if (tolower((unsigned char)p[i]) != (unsigned char)needle[i])
				break;
		if (i == n)
			return 1;
	}
	return 0;
}

const char *
core_explain_rotation_message(const char *message)
{
	size_t i, w;

	if (message == NULL || *message == '\0')
		return NULL;
	for (i = 0; i < sizeof(known_failures) / sizeof(known_failures[0]); i++) {
		for (w = 0; w < 3 && known_failures[i].words[w]; w++)
			if (!contains_word(message, known_failures[i].words[w]))
				break;
		if (w == 3 || known_failures[i].words[w] == NULL)
			return known_failures[i].explanation;
	}
	return NULL;
}
