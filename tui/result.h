#ifndef ROTWIZ_TUI_RESULT_H
#define ROTWIZ_TUI_RESULT_H

/*
 * Step 8 (tui_result_screen in wizard.h), and what stays on the terminal
 * once curses has ended (doc/contract.md, step 8): the summary of every
 * rotation this run created, in report_summary()'s words, the same as
 * flag mode prints.
 */

#include <stdio.h>

#include "tui/wizard.h"

/* "Create another": the shown rotation's summary joins the run's earlier ones. */
void tui_result_keep(struct tui *t);

/*
 * After endwin: the summaries of every rotation this run created, to out
 * (nothing when none).  0, or RW_EXIT_SUMMARY_UNWRITTEN when they could
 * not be written (said on stderr, decision 19).
 */
int tui_result_print(const struct tui *t, FILE *out);

#endif
