#ifndef ROTWIZ_APP_BATCH_H
#define ROTWIZ_APP_BATCH_H

/*
 * The non-interactive run (doc/contract.md section 4): --dry-run and
 * --print-curl check the answers and print, sending nothing; --yes checks,
 * signs in, checks the project, environment and mapping names against the
 * server, creates, and prints the result.  Nothing is asked.
 */

#include "libcore/app.h"

/*
 * Runs app->answers (defaults applied here) to the end.  Messages go to
 * stderr, one line each; the body, curl command, summary or --json answer
 * to stdout.  Returns the exit code of doc/contract.md section 6.
 */
int batch_run(struct app *app);

#endif
