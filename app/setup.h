#ifndef ROTWIZ_APP_SETUP_H
#define ROTWIZ_APP_SETUP_H

/*
 * Where answers come from before anyone is asked: a --from-file body, the
 * field flags over it, then .infisical.json and the environment for the
 * "Where" step (doc/contract.md section 5).  Also the run's mode.
 */

#include <stddef.h>

#include "libcore/app.h"
#include "common/status.h"
#include "forms/field.h"
#include "forms/validate.h"

/* Largest .infisical.json read; a bigger one is ignored. */
#define SETUP_FILE_MAX (64u * 1024)

/*
 * Fills the project, environment and secret path when still unanswered:
 * INFISICAL_PROJECT_ID / INFISICAL_ENVIRONMENT / INFISICAL_SECRET_PATH
 * first, then workspaceId / defaultEnvironment of .infisical.json in the
 * working directory.  Answers already given (flags, file, draft) win.
 */
void setup_prefill_where(struct app *app);

/*
 * Everything main does before choosing a front-end: NO_COLOR and
 * ROTWIZ_TIMEOUT_MS, the --from-file body with the flags laid over it,
 * every given value checked on its own (all problems reported at once),
 * setup_prefill_where(), the server URL and the credentials (not for a
 * pure --dry-run / --print-curl).  Messages go to stderr, one line each.
 * Returns -1 to go on, else the exit code to leave with.
 */
int setup_run(struct app *app, const struct rw_answers *flags,
	      const struct rw_problems *flag_problems);

/*
 * Sets app->mode: batch for --yes, --dry-run and --print-curl; plain for
 * --plain, ACCESSIBLE=1 or TERM=dumb (which says so on stderr, since it is
 * often not the user's choice); else curses.  Without a terminal on
 * stdin and without --yes or --plain, nobody could answer: prints one line
 * listing what is missing and returns 2.  Returns -1 to go on.
 */
int setup_choose_mode(struct app *app, int stdin_is_tty);

#endif
