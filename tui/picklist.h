#ifndef ROTWIZ_TUI_PICKLIST_H
#define ROTWIZ_TUI_PICKLIST_H

/*
 * A pick-list: rows of up to three columns, filtered as the user types on
 * every shown column (case-insensitive), with a count of what matches, a
 * highlight that Up/Down move and a window that scrolls to keep it shown.
 * The rows belong to the caller (built from a server list); the list keeps
 * the filter, the highlight, the scroll position and what it worked out
 * for the rows it saw last (the matches, the column widths), so that a key
 * or a frame costs one pass over 100,000 rows at most, and typing more of
 * the filter looks only at what matched before.
 */

#include <stddef.h>
#include <wchar.h>

#include "tui/keys.h"

#define TUI_PICK_COLS 3
#define TUI_PICK_FILTER_MAX 128

struct tui_pick_row {
	const char *col[TUI_PICK_COLS];	/* shown and filtered on */
	const char *value;		/* what choosing it answers */
};

struct tui_pick_rows {
	const struct tui_pick_row *row;
	size_t count;
	int ncols;
	const char *head[TUI_PICK_COLS];	/* column titles; NULL: no title line */
	const char *noun;			/* "projects" */
	/* Marks (the Azure app step, issue 13): NULL is_marked: no mark column. */
	int (*is_marked)(const void *ctx, const char *value);
	const void *mark_ctx;
	size_t marked;				/* how many are marked: "N marked" */
};

struct tui_pick_memo;

struct tui_pick {
	char filter[TUI_PICK_FILTER_MAX];
	size_t sel;		/* index among the matches */
	size_t top;		/* first match shown */
	size_t page;		/* rows the last frame showed: PgUp/PgDn's step */
	struct tui_pick_memo *memo;	/* owned; tui_pick_free() */
};

/* First use: an empty filter, nothing worked out yet. */
void tui_pick_init(struct tui_pick *pick);
/* Clears the filter, highlight and scroll (keeps what it worked out, which stays true). */
void tui_pick_reset(struct tui_pick *pick);
void tui_pick_free(struct tui_pick *pick);

/* Number of rows the filter matches; their indexes go to idx (room for rows->count) when not NULL. */
size_t tui_pick_matches(const struct tui_pick *pick, const struct tui_pick_rows *rows, size_t *idx);

/*
 * CHAR (adds to the filter), BACKSPACE, KILL (clears it), LIST_UP/DOWN,
 * PAGE_UP/DOWN (a shown page), FIRST/LAST (Home/End).
 * Returns 1 when it handled the action.
 */
int tui_pick_key(struct tui_pick *pick, const struct tui_pick_rows *rows,
		 enum tui_action action, wint_t ch);

/* Types text (a paste) into the filter. */
void tui_pick_add_filter(struct tui_pick *pick, const char *text);

/* Highlights the row whose value is value (the current answer), clearing the filter. */
void tui_pick_select_value(struct tui_pick *pick, const struct tui_pick_rows *rows, const char *value);

/*
 * The index among count rows (first and last: the values of the first and
 * last rows) of the highlighted row, when it is known without the rows: no
 * filter, or the matches of this filter on these rows already worked out.
 * -1: not known (build the rows and ask tui_pick_current()); -2: nothing matches.
 */
long tui_pick_current_index(const struct tui_pick *pick, size_t count, const char *first,
			    const char *last);

/* The highlighted row, or NULL when nothing matches. */
const struct tui_pick_row *tui_pick_current(const struct tui_pick *pick, const struct tui_pick_rows *rows);

/*
 * Draws the list in the box y, x, height x width: the count line
 * ("3 of 9 apps match "pay"" / "9 apps"), the column titles, the rows.
 * chosen: the value answered now (marked).  focused: highlight shown.
 */
void tui_pick_draw(struct tui_pick *pick, const struct tui_pick_rows *rows, int y, int x,
		   int height, int width, const char *chosen, int focused);

#endif
