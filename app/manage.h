#ifndef ROTWIZ_APP_MANAGE_H
#define ROTWIZ_APP_MANAGE_H

#include "libcore/app.h"

/*
 * rotwiz list | show | rotate | edit | delete | status (doc/contract.md
 * section 4.2), after setup_run() has read the flags, the environment and
 * the credentials.  Returns the exit code.
 */
int manage_run(struct app *app);

/* `rotwiz COMMAND --help`: the command's own usage text. */
const char *manage_help_text(const char *command);

#endif
