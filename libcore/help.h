#ifndef ROTWIZ_CORE_HELP_H
#define ROTWIZ_CORE_HELP_H

/*
 * The help texts of the questions that are not answer fields (the fields'
 * own help is in forms/field.c): where a server, a token or a machine
 * identity comes from.  One place for every front-end -- plain mode prints
 * them for "?", the curses help can show the same -- so the words cannot
 * drift apart.  Each text is one paragraph without line breaks: the
 * front-end wraps it.
 */

enum core_help {
	CORE_HELP_SERVER,		/* which server: US cloud, EU cloud, self-hosted */
	CORE_HELP_SERVER_URL,		/* a self-hosted server's address */
	CORE_HELP_SIGNIN_METHOD,	/* access token or Universal Auth */
	CORE_HELP_TOKEN,		/* where an access token comes from */
	CORE_HELP_CLIENT_ID,		/* a machine identity's client ID */
	CORE_HELP_CLIENT_SECRET,	/* and its client secret */
	CORE_HELP_COUNT
};

/* The text for topic (never NULL; static storage). */
const char *core_help_text(enum core_help topic);

#endif
