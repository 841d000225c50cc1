#ifndef ROTWIZ_TUI_SIGNIN_H
#define ROTWIZ_TUI_SIGNIN_H

/*
 * Step 0 (tui_signin_screen in wizard.h): the server and the credentials.
 * The check itself (libcore/signin.h) is started by the event loop.
 */

#include "tui/wizard.h"

/* Fills the choices from what main found (a URL given, a Universal Auth client ID). */
void tui_signin_prepare(struct tui *t);
/* Every field filled and the URL well-formed: 0, else -1 with the focus on the first fault. */
int tui_signin_ready(struct tui *t);
/* The server URL chosen, as typed (rw_url_normalize() makes it an API base). */
const char *tui_signin_url(const struct tui *t);
/*
 * Puts the choices into struct app before the check: the API base from the
 * URL, the Universal Auth client ID, and only the chosen method's secrets.
 * Returns 0, or -1 with a message under the URL.
 */
int tui_signin_apply(struct tui *t);
/* The check failed: the reason goes under the credentials. */
void tui_signin_failed(struct tui *t, const char *why);

#endif
