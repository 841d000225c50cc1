#ifndef ROTWIZ_TUI_TUI_H
#define ROTWIZ_TUI_TUI_H

/*
 * The ncurses wizard of doc/contract.md sections 2 and 3: the default front-end on
 * a terminal.  It reads and writes app->answers, signs in itself when
 * app->api is NULL (step 0 is skipped when app->credentials_given), and
 * leaves the terminal as it found it on every way out.
 */

struct app;

/* Runs the wizard; returns the process exit code of doc/contract.md section 6. */
int tui_run(struct app *app);

#endif
