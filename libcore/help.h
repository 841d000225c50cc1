#ifndef ROTWIZ_CORE_HELP_H
#define ROTWIZ_CORE_HELP_H

/*
 * The help of every question (curses F1, plain mode's "?"), in one place,
 * so both front-ends say the same: what the answer is (the field's own
 * sentence, forms/field.c), then where to get it -- the Infisical or
 * Azure portal page, the common mistake, the command that prints it, the
 * docs.  Paragraphs are separated by a blank line; a front-end wraps them.
 */

#include <stddef.h>

#include "forms/field.h"

/* The sign-in questions, which are not fields (they never reach a draft). */
enum core_help_signin {
	CORE_HELP_SERVER,		/* US cloud, EU cloud or self-hosted */
	CORE_HELP_SERVER_URL,		/* a self-hosted server's address */
	CORE_HELP_METHOD,		/* access token or Universal Auth */
	CORE_HELP_TOKEN,
	CORE_HELP_UA_CLIENT_ID,
	CORE_HELP_UA_CLIENT_SECRET,
	CORE_HELP_SIGNIN_COUNT
};

/* A field's help into buf (cut to bufsz, which 4096 always holds). */
void core_help_field(enum rw_field field, char *buf, size_t bufsz);

/* The Azure app step's list (one question standing for the three app fields). */
void core_help_app_list(char *buf, size_t bufsz);

/* A sign-in question's help. */
void core_help_signin(enum core_help_signin item, char *buf, size_t bufsz);

#endif
