#ifndef ROTWIZ_TUI_STEPS_H
#define ROTWIZ_TUI_STEPS_H

/*
 * Steps 1-6 (tui_steps_screen in wizard.h): fields, pick-lists, folder
 * completion, the schedule in local time.
 */

#include "forms/field.h"
#include "tui/wizard.h"

/* The focus landed on an item: a pick-list highlights the current answer. */
void tui_steps_focus_entered(struct tui *t);

/*
 * One field's check (the validator's rule, and for the secret names the
 * folder's existing names): sets or clears its message.  Returns 0 or -1.
 */
int tui_steps_check_field(struct tui *t, enum rw_field field);

#endif
