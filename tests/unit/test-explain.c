/*
 * Known Azure failures of a rotation (libcore/explain.c): each wording the
 * server stores leads to its cause and fix; anything else is not guessed.
 */
#include "config.h"

#include <string.h>

#include "libcore/explain.h"
#include "tests/tap.h"

/* The prefix Infisical puts before Graph's words (secret-rotation-v2 azure fns). */
#define ADD "Failed to add client secret to Azure app f903695a-233e-405e-9480-34d9c384bd99: "

static const struct {
	const char *message, *want, *name;
} cases[] = {
	{ ADD "Insufficient privileges to complete the operation.", "Application.ReadWrite.All",
	  "graph_permission_sentence" },
	{ ADD "Authorization_RequestDenied", "admin consent", "graph_permission_code" },
	{ ADD "Credential lifetime exceeds the max value allowed as per assigned policy.",
	  "--interval 43", "tenant_lifetime_policy" },
	{ ADD "Credential type not allowed as per assigned policy.", "forbids adding client secrets",
	  "tenant_policy_no_secrets" },
	{ ADD "Too many password credentials on the application.", "delete a", "two_secret_limit" },
	{ ADD "The application has reached the maximum number of credentials.",
	  "Certificates & secrets", "secret_limit_maximum_wording" },
	{ ADD "Resource 'f903695a' does not exist or one of its queried reference-property objects "
	      "are not present.", "Deleted applications", "deleted_app" },
	{ "Failed to remove client secret with keyId k from app o: Request_ResourceNotFound",
	  "no longer exists", "deleted_app_on_revoke" },
	{ "Azure does not support token duration over 5 years", "909", "interval_too_long" },
	{ "Azure client credentials check failed: AADSTS7000222: The provided client secret keys "
	  "for app 'x' are expired.", "has expired", "connection_secret_expired" },
	{ "Unable to validate connection: verify credentials", "Organization, App Connections",
	  "connection_refused" },
	{ "A rotation is already in progress. Please try again shortly.", "changed nothing",
	  "rotation_already_running" },
	{ "A rotation is currently in progress for this secret rotation. Please try again shortly.",
	  "changed nothing", "rotation_running_other_wording" },
	{ ADD "INSUFFICIENT PRIVILEGES", "Application.ReadWrite.All", "case_does_not_matter" },
};

int
main(void)
{
	size_t i;
	const char *got;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = core_explain_rotation_message(cases[i].message);
		ok(got != NULL && strstr(got, cases[i].want) != NULL, "%s", cases[i].name);
	}
	ok(core_explain_rotation_message(ADD "The service is unavailable") == NULL,
	   "unknown_message_not_guessed");
	ok(core_explain_rotation_message("") == NULL, "empty_message");
	ok(core_explain_rotation_message(NULL) == NULL, "no_message");
	/* A message cut short in the middle of a word is read up to its end, no further. */
	ok(core_explain_rotation_message("Insufficient privil") == NULL, "partial_word_no_match");
	return done_testing();
}
