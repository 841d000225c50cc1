#ifndef ROTWIZ_TUI_STEP_FORM_H
#define ROTWIZ_TUI_STEP_FORM_H

/*
 * The libform adapter: libform edits the one field that has the focus; the
 * forms/ model (struct rw_answers) owns every value.  The text is copied
 * out after every key (libform's buffers are space-padded and, in wide
 * builds, temporary), and a field is rebuilt from the model whenever the
 * focus, the step or the window size changes.  Fields not being edited are
 * drawn from the model by the screens, not by libform.
 */

#include <stddef.h>
#include <wchar.h>

#include <curses.h>
#include <form.h>

#include "tui/keys.h"

struct tui_editor {
	FORM *form;
	FIELD *fields[2];
	WINDOW *sub;
	int y, x, width;	/* where it is on stdscr */
	int masked;		/* a secret: one '*' a character shown, wiped when closed */
	int mask_begin;		/* a scrolled secret: the first column shown */
	WINDOW *saved;		/* the field's cells while the screen around it is redrawn */
};

/*
 * Opens an editor of width columns at y, x on stdscr, holding value (at
 * most max_chars characters; longer text scrolls), cursor at the end.
 * A masked editor never has its text drawn: it shows one '*' for each
 * character instead.  Returns 0, or -1 (the editor is left closed).
 */
int tui_editor_open(struct tui_editor *ed, int y, int x, int width, const char *value,
		    int max_chars, int masked);
/* Wipes (masked) and frees; safe on a closed editor. */
void tui_editor_close(struct tui_editor *ed);
int tui_editor_is_open(const struct tui_editor *ed);

/*
 * One editing action (TUI_ACT_CHAR with ch, or LEFT, RIGHT, HOME, END,
 * BACKSPACE, DELETE, KILL).  Returns 1 when the text may have changed,
 * 0 when the action is not an editing one.
 */
int tui_editor_key(struct tui_editor *ed, enum tui_action action, wint_t ch);
/* Types text (UTF-8) at the cursor. */
void tui_editor_insert(struct tui_editor *ed, const char *text);

/*
 * The text as typed, trailing padding removed.  Returns a new string
 * (caller frees, or secret_free() for a masked editor), or NULL.
 */
char *tui_editor_value(struct tui_editor *ed);
/* Replaces the text; the cursor goes to the end. */
void tui_editor_set(struct tui_editor *ed, const char *value);

/* Puts the terminal cursor where libform keeps it. */
void tui_editor_place_cursor(struct tui_editor *ed);

/*
 * Redrawing from state erases the whole screen, the field's cells too, and
 * libform cannot repaint them without losing the cursor column: hold()
 * keeps a copy of the cells before the erase, redraw() puts them back.
 */
void tui_editor_hold(struct tui_editor *ed);
void tui_editor_redraw(struct tui_editor *ed);

#endif
