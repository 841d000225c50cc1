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

/*
 * rotwiz manage in plain mode (plain/manage.c): the rotations of the
 * project as a numbered list, one rotation's detail, and its actions
 * (rotate now, credentials, edit, delete) as numbered or lettered choices,
 * with libcore/manage.h's words.  app->api is signed in and the project
 * resolved.  Returns 0 when every action asked for succeeded (or none
 * was), else the code of the last one that did not (5: its outcome is
 * unknown); 2 when the input ended mid-question, 130 on a quit by Ctrl-C.
 */
int plain_manage_run(struct app *app);

#endif
