#ifndef ROTWIZ_TUI_KEYS_H
#define ROTWIZ_TUI_KEYS_H

/*
 * Keys become named actions here, through one table (doc/contract.md section 3),
 * and the same table draws the help line, so the help never lies about a
 * key.  What a key means depends on where the focus is (a text field, a
 * pick-list, Review...): each table row says in which contexts it applies.
 */

#include <stddef.h>
#include <wchar.h>

#include <curses.h>

/* Key codes ncurses does not have: bracketed paste (defined at start). */
#define TUI_KEY_PASTE_BEGIN	(KEY_MAX + 1)
#define TUI_KEY_PASTE_END	(KEY_MAX + 2)

enum tui_context {
	TUI_CTX_TEXT = 1 << 0,		/* a text or number field */
	TUI_CTX_TOGGLE = 1 << 1,	/* yes/no and other choice fields */
	TUI_CTX_PICK = 1 << 2,		/* a pick-list */
	TUI_CTX_APPS = 1 << 3,		/* the Azure app step (list or manual) */
	TUI_CTX_PATH = 1 << 4,		/* the secret path field */
	TUI_CTX_REVIEW = 1 << 5,
	TUI_CTX_RESULT = 1 << 6,
	TUI_CTX_PROMPT = 1 << 7,	/* a y/n question */
	TUI_CTX_HELP = 1 << 8,		/* the F1 window */
	TUI_CTX_SMALL = 1 << 9,		/* the "please enlarge" screen */
	TUI_CTX_SIGNIN = 1 << 10,	/* step 0 */
	TUI_CTX_LOADING = 1 << 11,	/* a load the screen shows is running */
	TUI_CTX_FILTERED = 1 << 12,	/* a pick-list filter is typed */
	TUI_CTX_STEP = 1 << 13,		/* steps 1-6 */
	TUI_CTX_RETRY = 1 << 14,	/* the shown list failed or was cancelled */
	TUI_CTX_MANAGE = 1 << 15,	/* any view of the Rotations screen (tui/manage.h) */
	TUI_CTX_ROTATIONS = 1 << 16,	/* its list */
	TUI_CTX_DETAIL = 1 << 17,	/* one rotation */
	TUI_CTX_CREDENTIALS = 1 << 18,	/* its two slots */
	TUI_CTX_REVEALED = 1 << 19,	/* a client secret on screen: any key hides it */
	TUI_CTX_EDIT = 1 << 20,		/* the edit form */
	TUI_CTX_DELETE = 1 << 21,	/* the delete form */
	TUI_CTX_TOP = 1 << 22,		/* rotwiz manage's list: nothing under it to go back to */
	TUI_CTX_MARKS = 1 << 23,	/* the Azure app list: apps can be marked (issue 13) */
	TUI_CTX_BULK = 1 << 24,		/* Review's table of many rotations */
	TUI_CTX_BULK_EDIT = 1 << 25,	/* one of its rows' names edited */
};

enum tui_action {
	TUI_ACT_NONE = 0,
	TUI_ACT_CHAR,		/* a printable character: typed into a field or filter */
	TUI_ACT_ACCEPT,		/* Enter */
	TUI_ACT_NEXT_FIELD,
	TUI_ACT_PREV_FIELD,
	TUI_ACT_LIST_DOWN,
	TUI_ACT_LIST_UP,
	TUI_ACT_NEXT_STEP,
	TUI_ACT_PREV_STEP,
	TUI_ACT_COMPLETE,	/* Tab in the path field */
	TUI_ACT_TOGGLE,
	TUI_ACT_MANUAL,		/* Ctrl-E on the app step */
	TUI_ACT_HELP,		/* F1 */
	TUI_ACT_ESCAPE,		/* cancel a load, else clear the filter, else back */
	TUI_ACT_QUIT,		/* Ctrl-C: ask */
	TUI_ACT_REDRAW,		/* Ctrl-L */
	TUI_ACT_RETRY,		/* Ctrl-R: load a failed or cancelled list again */
	TUI_ACT_CREATE,		/* Enter on Review */
	TUI_ACT_SCROLL_DOWN,
	TUI_ACT_SCROLL_UP,
	TUI_ACT_JUMP,		/* a digit on Review: go to that step */
	TUI_ACT_WRITE_FILES,	/* w on Review: the body and the curl command to files */
	TUI_ACT_COPY,		/* y on Review: the curl command to the clipboard (OSC 52) */
	TUI_ACT_ROTATE_NOW,
	TUI_ACT_ANOTHER,
	TUI_ACT_QUIT_NOW,	/* q on the result */
	TUI_ACT_YES,
	TUI_ACT_NO,
	TUI_ACT_CLOSE,		/* any key closes the help window */
	/* Editing keys of a text field, handed to libform. */
	TUI_ACT_LEFT,
	TUI_ACT_RIGHT,
	TUI_ACT_HOME,
	TUI_ACT_END,
	TUI_ACT_BACKSPACE,
	TUI_ACT_DELETE,
	TUI_ACT_KILL,		/* Ctrl-U: clear the field */
	TUI_ACT_PASTE_BEGIN,
	TUI_ACT_PASTE_END,
	TUI_ACT_RESIZE,
	/* The Rotations screen (tui/manage.h). */
	TUI_ACT_MANAGE,		/* F2 on a step, m on the result: open it */
	TUI_ACT_PAGE_DOWN,
	TUI_ACT_PAGE_UP,
	TUI_ACT_FIRST,
	TUI_ACT_LAST,
	TUI_ACT_CREDENTIALS,
	TUI_ACT_EDIT,
	TUI_ACT_DELETE_ROTATION,
	TUI_ACT_REVEAL,
	TUI_ACT_SAVE,		/* Enter on the edit form */
	TUI_ACT_CONFIRM_DELETE,	/* Enter on the delete form */
	TUI_ACT_MARK,		/* Space on the app list: mark it; on Review's table: (de)select a row */
	TUI_ACT_MARK_ALL,	/* * on the app list: mark every app the filter shows */
	TUI_ACT_TERRAFORM,	/* t on Review's table: the HCL of every row to a file */
};

/*
 * The action for a key read by wget_wch() (is_key: it returned
 * KEY_CODE_YES) in the given contexts (an OR of enum tui_context).
 */
enum tui_action tui_key_action(int is_key, wint_t ch, unsigned contexts);

/*
 * The help line for the contexts: "Enter next  Tab/Down field  ..." as far
 * as it fits in width columns (whole entries only).  ascii: no arrows.
 */
void tui_key_help(unsigned contexts, int ascii, char *buf, size_t bufsz, int width);

#endif
