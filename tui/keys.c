#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tui/keys.h"

#define CTRL(c) ((c) & 0x1f)
#define ESC 27

/* Where the step keys apply: any field, list or step screen. */
#define FIELDS (TUI_CTX_TEXT | TUI_CTX_TOGGLE | TUI_CTX_PICK | TUI_CTX_PATH)
#define STEPS (FIELDS | TUI_CTX_REVIEW | TUI_CTX_APPS | TUI_CTX_SIGNIN | TUI_CTX_STEP)
#define EDIT (TUI_CTX_TEXT | TUI_CTX_PATH)

struct key_row {
	int is_key;		/* ch is a KEY_* code, not a character */
	int ch;
	unsigned any;		/* applies when one of these contexts is set (0: always) */
	unsigned none;		/* ... and none of these */
	enum tui_action action;
	const char *key;	/* for the help line; NULL: not shown */
	const char *key_ascii;
	const char *help;
};

/*
 * doc/contract.md section 3, first match wins.  Rows that draw the same action
 * with the same words next to each other merge on the help line
 * ("Tab/Down field"), so keep them together.
 */
static const struct key_row key_table[] = {
	/* A resize always rebuilds, whatever is open. */
	{ 1, KEY_RESIZE, 0, 0, TUI_ACT_RESIZE, NULL, NULL, NULL },
	{ 1, TUI_KEY_PASTE_BEGIN, 0, 0, TUI_ACT_PASTE_BEGIN, NULL, NULL, NULL },
	{ 1, TUI_KEY_PASTE_END, 0, 0, TUI_ACT_PASTE_END, NULL, NULL, NULL },

	/* A client secret on screen (decision 26): any key hides it again. */
	{ 1, -1, TUI_CTX_REVEALED, 0, TUI_ACT_CLOSE, "any key", "any key", "hide" },
	{ 0, -1, TUI_CTX_REVEALED, 0, TUI_ACT_CLOSE, NULL, NULL, NULL },

	/* The F1 window: the arrows scroll a long text, any other key closes it. */
	{ 1, KEY_UP, TUI_CTX_HELP, 0, TUI_ACT_SCROLL_UP, "\xe2\x86\x91/\xe2\x86\x93", "Up/Down",
	  "scroll" },
	{ 1, KEY_DOWN, TUI_CTX_HELP, 0, TUI_ACT_SCROLL_DOWN, NULL, NULL, NULL },
	{ 1, -1, TUI_CTX_HELP, 0, TUI_ACT_CLOSE, "any key", "any key", "close" },
	{ 0, -1, TUI_CTX_HELP, 0, TUI_ACT_CLOSE, NULL, NULL, NULL },

	/* A y/n question. */
	{ 0, 'y', TUI_CTX_PROMPT, 0, TUI_ACT_YES, "y", "y", "yes" },
	{ 0, 'Y', TUI_CTX_PROMPT, 0, TUI_ACT_YES, NULL, NULL, NULL },
	{ 0, 'n', TUI_CTX_PROMPT, 0, TUI_ACT_NO, "n", "n", "no" },
	{ 0, 'N', TUI_CTX_PROMPT, 0, TUI_ACT_NO, NULL, NULL, NULL },
	{ 0, ESC, TUI_CTX_PROMPT, 0, TUI_ACT_NO, NULL, NULL, NULL },
	{ 0, CTRL('l'), TUI_CTX_PROMPT, 0, TUI_ACT_REDRAW, NULL, NULL, NULL },
	{ 1, -1, TUI_CTX_PROMPT, 0, TUI_ACT_NONE, NULL, NULL, NULL },
	{ 0, -1, TUI_CTX_PROMPT, 0, TUI_ACT_NONE, NULL, NULL, NULL },

	/* One row's names on Review's table of many (issue 13). */
	{ 0, '\n', TUI_CTX_BULK_EDIT, 0, TUI_ACT_SAVE, "Enter", "Enter", "keep" },
	{ 0, '\r', TUI_CTX_BULK_EDIT, 0, TUI_ACT_SAVE, NULL, NULL, NULL },
	{ 1, KEY_ENTER, TUI_CTX_BULK_EDIT, 0, TUI_ACT_SAVE, NULL, NULL, NULL },
	{ 0, '\t', TUI_CTX_BULK_EDIT, 0, TUI_ACT_NEXT_FIELD, "Tab", "Tab", "next name" },
	{ 0, ESC, TUI_CTX_BULK_EDIT, 0, TUI_ACT_ESCAPE, "Esc", "Esc", "cancel" },

	/* The Rotations screen (tui/manage.h): its list, one rotation, its forms. */
	{ 0, '\n', TUI_CTX_ROTATIONS, 0, TUI_ACT_ACCEPT, "Enter", "Enter", "open" },
	{ 0, '\r', TUI_CTX_ROTATIONS, 0, TUI_ACT_ACCEPT, NULL, NULL, NULL },
	{ 1, KEY_ENTER, TUI_CTX_ROTATIONS, 0, TUI_ACT_ACCEPT, NULL, NULL, NULL },
	{ 1, KEY_UP, TUI_CTX_ROTATIONS, 0, TUI_ACT_LIST_UP, "\xe2\x86\x91/\xe2\x86\x93", "Up/Down",
	  "move" },
	{ 1, KEY_DOWN, TUI_CTX_ROTATIONS, 0, TUI_ACT_LIST_DOWN, NULL, NULL, NULL },
	{ 1, KEY_NPAGE, TUI_CTX_ROTATIONS, 0, TUI_ACT_PAGE_DOWN, "PgDn/PgUp", "PgDn/PgUp", "page" },
	{ 1, KEY_PPAGE, TUI_CTX_ROTATIONS, 0, TUI_ACT_PAGE_UP, NULL, NULL, NULL },
	{ 1, KEY_HOME, TUI_CTX_ROTATIONS, 0, TUI_ACT_FIRST, NULL, NULL, NULL },
	{ 1, KEY_END, TUI_CTX_ROTATIONS, 0, TUI_ACT_LAST, NULL, NULL, NULL },
	{ 0, CTRL('r'), TUI_CTX_ROTATIONS | TUI_CTX_DETAIL | TUI_CTX_CREDENTIALS, 0, TUI_ACT_RETRY,
	  "^R", "^R", "refresh" },
	{ 1, KEY_F(5), TUI_CTX_ROTATIONS | TUI_CTX_DETAIL | TUI_CTX_CREDENTIALS, 0, TUI_ACT_RETRY,
	  NULL, NULL, NULL },
	{ 0, 'r', TUI_CTX_DETAIL, 0, TUI_ACT_ROTATE_NOW, "r", "r", "rotate now" },
	{ 0, 'c', TUI_CTX_DETAIL, 0, TUI_ACT_CREDENTIALS, "c", "c", "credentials" },
	{ 0, 'e', TUI_CTX_DETAIL, 0, TUI_ACT_EDIT, "e", "e", "edit" },
	{ 0, 'd', TUI_CTX_DETAIL, 0, TUI_ACT_DELETE_ROTATION, "d", "d", "delete" },
	{ 1, KEY_UP, TUI_CTX_DETAIL, 0, TUI_ACT_SCROLL_UP, "\xe2\x86\x91/\xe2\x86\x93", "Up/Down",
	  "scroll" },
	{ 1, KEY_DOWN, TUI_CTX_DETAIL, 0, TUI_ACT_SCROLL_DOWN, NULL, NULL, NULL },
	{ 0, 'v', TUI_CTX_CREDENTIALS, 0, TUI_ACT_REVEAL, "v", "v", "reveal secret" },
	{ 0, '\n', TUI_CTX_EDIT, 0, TUI_ACT_SAVE, "Enter", "Enter", "save" },
	{ 0, '\r', TUI_CTX_EDIT, 0, TUI_ACT_SAVE, NULL, NULL, NULL },
	{ 1, KEY_ENTER, TUI_CTX_EDIT, 0, TUI_ACT_SAVE, NULL, NULL, NULL },
	{ 0, '\n', TUI_CTX_DELETE, 0, TUI_ACT_CONFIRM_DELETE, "Enter", "Enter", "delete" },
	{ 0, '\r', TUI_CTX_DELETE, 0, TUI_ACT_CONFIRM_DELETE, NULL, NULL, NULL },
	{ 1, KEY_ENTER, TUI_CTX_DELETE, 0, TUI_ACT_CONFIRM_DELETE, NULL, NULL, NULL },
	{ 0, ESC, TUI_CTX_MANAGE, TUI_CTX_FILTERED | TUI_CTX_TOP, TUI_ACT_ESCAPE, "Esc", "Esc", "back" },
	{ 0, 'q', TUI_CTX_DETAIL | TUI_CTX_CREDENTIALS, 0, TUI_ACT_QUIT_NOW, "q", "q", "quit" },

	/* Enter: create on Review, choose in a list, else next. */
	{ 0, '\n', TUI_CTX_BULK, 0, TUI_ACT_CREATE, "Enter", "Enter", "create all selected" },
	{ 0, '\n', TUI_CTX_REVIEW, 0, TUI_ACT_CREATE, "Enter", "Enter", "create" },
	{ 0, '\r', TUI_CTX_REVIEW, 0, TUI_ACT_CREATE, NULL, NULL, NULL },
	{ 1, KEY_ENTER, TUI_CTX_REVIEW, 0, TUI_ACT_CREATE, NULL, NULL, NULL },
	{ 0, '\n', TUI_CTX_PICK, 0, TUI_ACT_ACCEPT, "Enter", "Enter", "choose" },
	/* Marking apps (issue 13): Space one, * all that the filter shows. */
	/* A filter typed may hold spaces ("APP 029"): Space then types, Insert still marks. */
	{ 0, ' ', TUI_CTX_MARKS, TUI_CTX_FILTERED, TUI_ACT_MARK, "Space", "Space", "mark" },
	{ 1, KEY_IC, TUI_CTX_MARKS, 0, TUI_ACT_MARK, NULL, NULL, NULL },
	/* Not on the help line, which has room for one of them: contract 3 and the README say it. */
	{ 0, '*', TUI_CTX_MARKS, 0, TUI_ACT_MARK_ALL, NULL, NULL, NULL },
	{ 0, '\n', STEPS, 0, TUI_ACT_ACCEPT, "Enter", "Enter", "next" },
	{ 0, '\r', STEPS, 0, TUI_ACT_ACCEPT, NULL, NULL, NULL },
	{ 1, KEY_ENTER, STEPS, 0, TUI_ACT_ACCEPT, NULL, NULL, NULL },

	/* Moving in a pick-list. */
	{ 1, KEY_UP, TUI_CTX_PICK, 0, TUI_ACT_LIST_UP, "\xe2\x86\x91/\xe2\x86\x93", "Up/Down", "move" },
	{ 1, KEY_DOWN, TUI_CTX_PICK, 0, TUI_ACT_LIST_DOWN, NULL, NULL, NULL },
	/*
	 * Long lists: PgDn/PgUp stay the step keys (decision: one key a
	 * step), so a page is Shift-PgDn/PgUp or ^F/^B (less, vi); Home and
	 * End go to the first and last match (the filter has no cursor).
	 * Not on the help line, which has no room left: F1 and contract 3 say them.
	 */
	{ 1, KEY_SNEXT, TUI_CTX_PICK, 0, TUI_ACT_PAGE_DOWN, NULL, NULL, NULL },
	{ 0, CTRL('f'), TUI_CTX_PICK, 0, TUI_ACT_PAGE_DOWN, NULL, NULL, NULL },
	{ 1, KEY_SPREVIOUS, TUI_CTX_PICK, 0, TUI_ACT_PAGE_UP, NULL, NULL, NULL },
	{ 0, CTRL('b'), TUI_CTX_PICK, 0, TUI_ACT_PAGE_UP, NULL, NULL, NULL },
	{ 1, KEY_HOME, TUI_CTX_PICK, 0, TUI_ACT_FIRST, NULL, NULL, NULL },
	{ 1, KEY_END, TUI_CTX_PICK, 0, TUI_ACT_LAST, NULL, NULL, NULL },

	/* Review's table of many: the arrows move a row. */
	{ 1, KEY_UP, TUI_CTX_BULK, 0, TUI_ACT_LIST_UP, "\xe2\x86\x91/\xe2\x86\x93", "Up/Down", "row" },
	{ 1, KEY_DOWN, TUI_CTX_BULK, 0, TUI_ACT_LIST_DOWN, NULL, NULL, NULL },
	{ 0, ' ', TUI_CTX_BULK, 0, TUI_ACT_MARK, "Space", "Space", "select" },
	{ 0, 'e', TUI_CTX_BULK, 0, TUI_ACT_EDIT, "e", "e", "edit row" },
	{ 0, 't', TUI_CTX_BULK, 0, TUI_ACT_TERRAFORM, "t", "t", "terraform" },
	{ 0, 'q', TUI_CTX_BULK, 0, TUI_ACT_QUIT_NOW, NULL, NULL, NULL },

	/* Review scrolls with the arrows. */
	{ 1, KEY_UP, TUI_CTX_REVIEW, 0, TUI_ACT_SCROLL_UP,
	  "\xe2\x86\x91/\xe2\x86\x93", "Up/Down", "scroll" },
	{ 1, KEY_DOWN, TUI_CTX_REVIEW, 0, TUI_ACT_SCROLL_DOWN, NULL, NULL, NULL },
	{ 0, '1', TUI_CTX_REVIEW, 0, TUI_ACT_JUMP, "1-6", "1-6", "change a step" },
	{ 0, '2', TUI_CTX_REVIEW, 0, TUI_ACT_JUMP, NULL, NULL, NULL },
	{ 0, '3', TUI_CTX_REVIEW, 0, TUI_ACT_JUMP, NULL, NULL, NULL },
	{ 0, '4', TUI_CTX_REVIEW, 0, TUI_ACT_JUMP, NULL, NULL, NULL },
	{ 0, '5', TUI_CTX_REVIEW, 0, TUI_ACT_JUMP, NULL, NULL, NULL },
	{ 0, '6', TUI_CTX_REVIEW, 0, TUI_ACT_JUMP, NULL, NULL, NULL },
	{ 0, 'w', TUI_CTX_REVIEW, TUI_CTX_BULK, TUI_ACT_WRITE_FILES, "w", "w", "write files" },
	{ 0, 'y', TUI_CTX_REVIEW, TUI_CTX_BULK, TUI_ACT_COPY, "y", "y", "copy" },

	/* Tab completes a folder in the path field (else it moves on, below). */
	{ 0, '\t', TUI_CTX_PATH, 0, TUI_ACT_COMPLETE, "Tab", "Tab", "complete" },
	{ 1, KEY_DOWN, TUI_CTX_PATH, 0, TUI_ACT_NEXT_FIELD, "\xe2\x86\x93", "Down", "next field" },
	/* In a list the arrows move, so only Tab leaves it. */
	{ 0, '\t', TUI_CTX_PICK, 0, TUI_ACT_NEXT_FIELD, "Tab", "Tab", "next field" },
	{ 1, KEY_BTAB, TUI_CTX_PICK, 0, TUI_ACT_PREV_FIELD, "S-Tab", "S-Tab", "prev field" },
	{ 0, '\t', FIELDS, 0, TUI_ACT_NEXT_FIELD, "Tab/\xe2\x86\x93", "Tab/Down", "next field" },
	{ 1, KEY_DOWN, FIELDS, 0, TUI_ACT_NEXT_FIELD, NULL, NULL, NULL },
	{ 1, KEY_BTAB, FIELDS, 0, TUI_ACT_PREV_FIELD, "S-Tab/\xe2\x86\x91", "S-Tab/Up", "prev field" },
	{ 1, KEY_UP, FIELDS, 0, TUI_ACT_PREV_FIELD, NULL, NULL, NULL },

	/* Steps. */
	{ 1, KEY_PPAGE, TUI_CTX_REVIEW, 0, TUI_ACT_PREV_STEP, "PgUp", "PgUp", "back" },
	{ 1, KEY_NPAGE, STEPS, TUI_CTX_REVIEW | TUI_CTX_MANAGE, TUI_ACT_NEXT_STEP, "PgDn/PgUp", "PgDn/PgUp", "step" },
	{ 1, KEY_PPAGE, STEPS, TUI_CTX_MANAGE, TUI_ACT_PREV_STEP, NULL, NULL, NULL },

	/* Choice fields. */
	{ 0, ' ', TUI_CTX_TOGGLE, 0, TUI_ACT_TOGGLE, "Space", "Space", "change" },
	{ 1, KEY_LEFT, TUI_CTX_TOGGLE, 0, TUI_ACT_TOGGLE, NULL, NULL, NULL },
	{ 1, KEY_RIGHT, TUI_CTX_TOGGLE, 0, TUI_ACT_TOGGLE, NULL, NULL, NULL },

	/* The app step: manual entry and back to the list (when there is one). */
	{ 0, CTRL('e'), TUI_CTX_APPS, TUI_CTX_PICK, TUI_ACT_MANUAL, "^E", "^E", "app list" },
	{ 0, CTRL('e'), TUI_CTX_APPS, 0, TUI_ACT_MANUAL, "^E", "^E", "manual entry" },
	{ 0, CTRL('r'), TUI_CTX_RETRY, 0, TUI_ACT_RETRY, "^R", "^R", "reload" },

	/* Esc: a running load, else the filter, else a step back. */
	{ 0, ESC, TUI_CTX_LOADING, 0, TUI_ACT_ESCAPE, "Esc", "Esc", "cancel load" },
	{ 0, ESC, TUI_CTX_FILTERED, 0, TUI_ACT_ESCAPE, "Esc", "Esc", "clear filter" },
	{ 0, ESC, STEPS, TUI_CTX_SIGNIN, TUI_ACT_ESCAPE, "Esc", "Esc", "back" },
	{ 0, ESC, TUI_CTX_SIGNIN, 0, TUI_ACT_ESCAPE, NULL, NULL, NULL },

	{ 1, KEY_F(1), FIELDS, TUI_CTX_MANAGE, TUI_ACT_HELP, "F1", "F1", "help" },
	/* The Rotations screen from every step and from the result. */
	{ 1, KEY_F(2), STEPS, TUI_CTX_MANAGE | TUI_CTX_SIGNIN, TUI_ACT_MANAGE, "F2", "F2", "rotations" },

	/* The result's actions. */
	{ 0, 'r', TUI_CTX_RESULT, 0, TUI_ACT_ROTATE_NOW, "r", "r", "rotate now" },
	{ 0, 'n', TUI_CTX_RESULT, 0, TUI_ACT_ANOTHER, "n", "n", "create another" },
	{ 0, 'm', TUI_CTX_RESULT, 0, TUI_ACT_MANAGE, "m", "m", "rotations" },
	{ 1, KEY_F(2), TUI_CTX_RESULT, 0, TUI_ACT_MANAGE, NULL, NULL, NULL },
	{ 0, 'q', TUI_CTX_RESULT, 0, TUI_ACT_QUIT_NOW, "q", "q", "quit" },
	{ 0, CTRL('c'), TUI_CTX_RESULT, 0, TUI_ACT_QUIT_NOW, NULL, NULL, NULL },

	{ 0, CTRL('c'), 0, 0, TUI_ACT_QUIT, "^C", "^C", "quit" },
	{ 0, CTRL('l'), 0, 0, TUI_ACT_REDRAW, NULL, NULL, NULL },

	/* Editing a field (the filter of a list edits the same way). */
	{ 1, KEY_LEFT, EDIT, 0, TUI_ACT_LEFT, NULL, NULL, NULL },
	{ 1, KEY_RIGHT, EDIT, 0, TUI_ACT_RIGHT, NULL, NULL, NULL },
	{ 1, KEY_HOME, EDIT, 0, TUI_ACT_HOME, NULL, NULL, NULL },
	{ 0, CTRL('a'), EDIT, 0, TUI_ACT_HOME, NULL, NULL, NULL },
	{ 1, KEY_END, EDIT, 0, TUI_ACT_END, NULL, NULL, NULL },
	{ 1, KEY_BACKSPACE, EDIT | TUI_CTX_PICK | TUI_CTX_BULK_EDIT, 0, TUI_ACT_BACKSPACE, NULL, NULL, NULL },
	{ 0, 127, EDIT | TUI_CTX_PICK | TUI_CTX_BULK_EDIT, 0, TUI_ACT_BACKSPACE, NULL, NULL, NULL },
	{ 0, CTRL('h'), EDIT | TUI_CTX_PICK | TUI_CTX_BULK_EDIT, 0, TUI_ACT_BACKSPACE, NULL, NULL, NULL },
	{ 1, KEY_DC, EDIT, 0, TUI_ACT_DELETE, NULL, NULL, NULL },
	{ 0, CTRL('u'), EDIT | TUI_CTX_PICK | TUI_CTX_BULK_EDIT, 0, TUI_ACT_KILL, NULL, NULL, NULL },
};

#define KEY_ROWS (sizeof(key_table) / sizeof(key_table[0]))

static int
row_applies(const struct key_row *row, unsigned contexts)
{
	if (row->any && !(row->any & contexts))
		return 0;
	return !(row->none & contexts);
}

enum tui_action
tui_key_action(int is_key, wint_t ch, unsigned contexts)
{
	size_t i;

	for (i = 0; i < KEY_ROWS; i++) {
		const struct key_row *row = &key_table[i];

		if (!row_applies(row, contexts) || row->is_key != (is_key != 0))
			continue;
		if (row->ch == -1 || (wint_t) row->ch == ch)
			return row->action;
	}
	/* Anything printable is typed into a field, a filter, or a choice (y/n). */
	if (!is_key && ch >= 32 && ch != 127 &&
	    (contexts & (TUI_CTX_TEXT | TUI_CTX_PATH | TUI_CTX_PICK | TUI_CTX_TOGGLE |
			 TUI_CTX_SIGNIN | TUI_CTX_ROTATIONS | TUI_CTX_BULK_EDIT)))
		return TUI_ACT_CHAR;
	return TUI_ACT_NONE;
}

/* The row that would answer this key first: a shadowed row must not be drawn. */
static int
row_is_live(size_t index, unsigned contexts)
{
	const struct key_row *row = &key_table[index];
	size_t i;

	for (i = 0; i < index; i++) {
		const struct key_row *r = &key_table[i];

		if (row_applies(r, contexts) && r->is_key == row->is_key &&
		    (r->ch == row->ch || r->ch == -1))
			return 0;
	}
	return 1;
}

/*
 * Entries that stay on a narrow help line when others have to go (Esc:
 * cancel a load; ^E: the app step's only way to type the IDs by hand).
 */
static int
essential(enum tui_action action)
{
	return action == TUI_ACT_ACCEPT || action == TUI_ACT_CREATE || action == TUI_ACT_QUIT ||
	       action == TUI_ACT_ESCAPE || action == TUI_ACT_MANUAL ||
	       action == TUI_ACT_HELP || action == TUI_ACT_YES || action == TUI_ACT_NO ||
	       action == TUI_ACT_CLOSE || action == TUI_ACT_QUIT_NOW;
}

static int
columns(const char *s)
{
	int cols = 0;

	for (; *s; s++)
		cols += ((unsigned char) *s & 0xC0) != 0x80;	/* the arrows are three bytes */
	return cols;
}

void
tui_key_help(unsigned contexts, int ascii, char *buf, size_t bufsz, int width)
{
	size_t shown[KEY_ROWS], n = 0, i, len = 0;
	int total = 0;

	if (bufsz == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < KEY_ROWS; i++) {
		const struct key_row *row = &key_table[i];

		if (!row->help || !row_applies(row, contexts) || !row_is_live(i, contexts))
			continue;
		shown[n++] = i;
		total += columns(ascii ? row->key_ascii : row->key) + 1 + columns(row->help) + 2;
	}
	/* Too long: the least needed entries go, the last first; Enter, F1 and quit stay. */
	while (total - 2 > width && n > 0) {
		size_t k = n;

		while (k > 0 && essential(key_table[shown[k - 1]].action))
			k--;
		if (k == 0)
			break;
		k--;
		total -= columns(ascii ? key_table[shown[k]].key_ascii : key_table[shown[k]].key) +
			 1 + columns(key_table[shown[k]].help) + 2;
		memmove(&shown[k], &shown[k + 1], (n - k - 1) * sizeof(shown[0]));
		n--;
	}
	for (i = 0; i < n; i++) {
		const struct key_row *row = &key_table[shown[i]];
		int w = snprintf(buf + len, bufsz - len, "%s%s %s", i ? "  " : "",
				 ascii ? row->key_ascii : row->key, row->help);

		if (w < 0 || (size_t) w >= bufsz - len) {
			buf[len] = '\0';
			break;
		}
		len += (size_t) w;
	}
}
