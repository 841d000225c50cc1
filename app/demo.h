#ifndef ROTWIZ_APP_DEMO_H
#define ROTWIZ_APP_DEMO_H

#include <stddef.h>

#include "common/status.h"

/*
 * --demo: a private rotwiz-sandbox for this run.  demo_start() finds the
 * binary beside rotwiz or in the install path, starts it with --port 0,
 * reads the port it announces and points the app at it, signed in with the
 * sandbox's user session token.
 */

struct app;

/*
 * Starts the sandbox child and sets app->api_base, app->token,
 * app->token_is_user_session, app->credentials_given, app->demo_pid and
 * app->demo_token (the banner's, see app_demo_banner()).
 * On failure writes a sentence for the user into msg.
 */
enum rw_status demo_start(struct app *app, char *msg, size_t msgsz);

/*
 * What a run with --demo does first: drops the URL set up for a real
 * server, starts the sandbox and counts its token as given.  -1 when it
 * runs, else the exit code after one "rotwiz: ..." line on stderr.
 */
int demo_begin(struct app *app);

/*
 * Stops the child (SIGTERM, then waitpid).  Idempotent, and uses only
 * async-signal-safe calls, so a signal handler's exit path may call it.
 */
void demo_stop(struct app *app);

#endif
