#ifndef ROTWIZ_CORE_EXPORT_H
#define ROTWIZ_CORE_EXPORT_H

/*
 * The files Review writes (doc/contract.md, decided behaviour 13): the
 * create body as ./rotwiz-NAME.json and the same request as a curl
 * command in ./rotwiz-NAME.sh, the token written as $INFISICAL_TOKEN
 * (never the token), in the current folder.  Curses and plain mode offer
 * it; neither overwrites a file without asking first.
 */

#include <stddef.h>

#include "libcore/app.h"

enum core_export_result {
	CORE_EXPORT_WRITTEN,	/* msg: which files, where */
	CORE_EXPORT_EXISTS,	/* nothing written: msg asks whether to overwrite */
	CORE_EXPORT_FAILED,	/* msg: which file and why */
};

/*
 * The two paths for the rotation named in app->answers: "./rotwiz-NAME.json"
 * and "./rotwiz-NAME.sh" (a character other than a-z, 0-9, '-' and '_'
 * becomes '-'; no name yet: "rotation").
 */
void core_export_paths(const struct app *app, char *json, char *sh, size_t pathsz);

/*
 * Writes both files from app->answers and app->api_base.  Without
 * overwrite, a file already there is left alone and CORE_EXPORT_EXISTS
 * says which.  msg is one sentence, for a status line or a prompt.
 */
enum core_export_result core_export_write(const struct app *app, int overwrite, char *msg,
					  size_t msgsz);

#endif
