#ifndef ROTWIZ_TUI_REVIEW_H
#define ROTWIZ_TUI_REVIEW_H

/*
 * Step 7 (tui_review_screen in wizard.h): every value, the exact JSON
 * body and the equivalent curl command with $INFISICAL_TOKEN, in one
 * scrolling text; Enter creates, 1-6 reopen a step, w writes the body and
 * the curl command to files, y copies the curl command (OSC 52).
 */

#include "tui/wizard.h"

/* The review text for a screen width columns wide (caller frees), or NULL when out of memory. */
char *tui_review_text(const struct tui *t, int width);

#endif
