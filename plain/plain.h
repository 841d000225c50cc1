#ifndef ROTWIZ_PLAIN_PLAIN_H
#define ROTWIZ_PLAIN_PLAIN_H

/*
 * Plain mode (--plain, ACCESSIBLE=1, TERM=dumb): the steps of doc/contract.md
 * section 2 as line prompts through GNU readline, fit for screen readers
 * and for answers piped on stdin.  Reads app->answers as defaults and
 * writes the answers back; signs in when app->api is not ready yet.
 * Returns the process exit code (doc/contract.md section 6): 0 when a rotation
 * was created, 130 when the user quit, 2 when the input ended before the
 * create, else the code of the failure that ended the run (given
 * credentials refused: 4...).
 */

#include "libcore/app.h"

int plain_run(struct app *app);

#endif
