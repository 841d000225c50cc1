#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/picklist.h"
#include "tui/text.h"
#include "tui/theme.h"

#define GAP 2
#define MIN_COL 8

void
tui_pick_reset(struct tui_pick *pick)
{
	memset(pick, 0, sizeof(*pick));
}

static int
row_matches(const struct tui_pick_row *row, int ncols, const char *filter)
{
	int c;

	if (!filter[0])
		return 1;
	for (c = 0; c < ncols; c++)
		if (row->col[c] && tui_text_contains(row->col[c], filter))
			return 1;
	return 0;
}

size_t
tui_pick_matches(const struct tui_pick *pick, const struct tui_pick_rows *rows, size_t *idx)
{
	size_t i, n = 0;

	for (i = 0; i < rows->count; i++) {
		if (!row_matches(&rows->row[i], rows->ncols, pick->filter))
			continue;
		if (idx)
			idx[n] = i;
		n++;
	}
	return n;
}

/* Keeps the highlight on a match after the filter or the rows changed. */
static void
clamp(struct tui_pick *pick, size_t matches)
{
	if (matches == 0)
		pick->sel = 0;
	else if (pick->sel >= matches)
		pick->sel = matches - 1;
	if (pick->top > pick->sel)
		pick->top = pick->sel;
}

void
tui_pick_add_filter(struct tui_pick *pick, const char *text)
{
	size_t len = strlen(pick->filter);

	for (; *text && len + 1 < sizeof(pick->filter); text++) {
		unsigned char c = (unsigned char) *text;

		if (c < 32 || c == 127)
			continue;
		pick->filter[len++] = (char) c;
	}
	/* Never leave half a UTF-8 character at the end. */
	if (len > 0) {
		size_t start = len - 1, need;
		unsigned char lead;

		while (start > 0 && ((unsigned char) pick->filter[start] & 0xC0) == 0x80)
			start--;
		lead = (unsigned char) pick->filter[start];
		need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
		if (len - start < need)
			len = start;
	}
	pick->filter[len] = '\0';
	pick->sel = 0;
	pick->top = 0;
}

int
tui_pick_key(struct tui_pick *pick, const struct tui_pick_rows *rows,
	     enum tui_action action, wint_t ch)
{
	size_t matches = tui_pick_matches(pick, rows, NULL);
	size_t len = strlen(pick->filter);

	switch (action) {
	case TUI_ACT_CHAR: {
		char mb[MB_LEN_MAX + 1];
		mbstate_t state;
		size_t n;

		memset(&state, 0, sizeof(state));
		n = wcrtomb(mb, (wchar_t) ch, &state);
		if (n == (size_t) -1)
			return 1;
		mb[n] = '\0';
		tui_pick_add_filter(pick, mb);
		return 1;
	}
	case TUI_ACT_BACKSPACE:
		while (len > 0 && ((unsigned char) pick->filter[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			len--;
		pick->filter[len] = '\0';
		pick->sel = 0;
		pick->top = 0;
		return 1;
	case TUI_ACT_KILL:
		pick->filter[0] = '\0';
		pick->sel = 0;
		pick->top = 0;
		return 1;
	case TUI_ACT_LIST_DOWN:
		if (pick->sel + 1 < matches)
			pick->sel++;
		return 1;
	case TUI_ACT_LIST_UP:
		if (pick->sel > 0)
			pick->sel--;
		return 1;
	default:
		return 0;
	}
}

void
tui_pick_select_value(struct tui_pick *pick, const struct tui_pick_rows *rows, const char *value)
{
	size_t i;

	tui_pick_reset(pick);
	for (i = 0; value && *value && i < rows->count; i++) {
		if (rows->row[i].value && strcmp(rows->row[i].value, value) == 0) {
			pick->sel = i;	/* no filter: match index = row index */
			return;
		}
	}
}

const struct tui_pick_row *
tui_pick_current(const struct tui_pick *pick, const struct tui_pick_rows *rows)
{
	size_t *idx, n;
	const struct tui_pick_row *row = NULL;

	if (rows->count == 0)
		return NULL;
	idx = malloc(rows->count * sizeof(*idx));
	if (!idx)
		return NULL;
	n = tui_pick_matches(pick, rows, idx);
	if (n > 0)
		row = &rows->row[idx[pick->sel < n ? pick->sel : n - 1]];
	free(idx);
	return row;
}

/* Column widths that fit width: natural sizes, the later columns shrunk first. */
static void
column_widths(const struct tui_pick_rows *rows, int width, int *w)
{
	int c, total;
	size_t i;

	for (c = 0; c < rows->ncols; c++) {
		w[c] = rows->head[c] ? tui_text_width(rows->head[c]) : 0;
		for (i = 0; i < rows->count; i++) {
			int cw = tui_text_width(rows->row[i].col[c]);

			if (cw > w[c])
				w[c] = cw;
		}
		if (w[c] < 1)
			w[c] = 1;
	}
	for (;;) {
		int widest = 1, excess;

		total = 0;
		for (c = 0; c < rows->ncols; c++)
			total += w[c] + (c ? GAP : 0);
		if (total <= width)
			return;
		excess = total - width;
		/* Shrink the widest later column first: the first one names the entry. */
		for (c = 2; c < rows->ncols; c++)
			if (w[c] > w[widest])
				widest = c;
		if (rows->ncols < 2 || w[widest] <= MIN_COL) {
			/* Everything else is small already: cut the first column to what is left. */
			w[0] -= excess;
			if (w[0] < 1)
				w[0] = 1;
			return;
		}
		w[widest] -= excess < w[widest] - MIN_COL ? excess : w[widest] - MIN_COL;
	}
}

void
tui_pick_draw(struct tui_pick *pick, const struct tui_pick_rows *rows, int y, int x,
	      int height, int width, const char *chosen, int focused)
{
	size_t *idx = NULL, n, i;
	int w[TUI_PICK_COLS] = { 0, 0, 0 };
	int line = 0, visible, c, heads = 0, mark_w = 2, noun_len;
	char count[TUI_PICK_FILTER_MAX + 96];

	if (height < 1 || width < 4)
		return;
	if (rows->count > 0 && !(idx = malloc(rows->count * sizeof(*idx))))
		return;
	n = idx ? tui_pick_matches(pick, rows, idx) : 0;
	clamp(pick, n);
	/* "1 app", "2 apps": the nouns are plain plurals. */
	noun_len = (int) strlen(rows->noun) - (rows->count == 1 && !pick->filter[0]);
	if (pick->filter[0])
		snprintf(count, sizeof(count), "%zu of %zu %s match \"%s\"", n, rows->count,
			 rows->noun, pick->filter);
	else
		snprintf(count, sizeof(count), "%zu %.*s%s", rows->count, noun_len, rows->noun,
			 focused && rows->count > 1 ? " - type to filter" : "");
	tui_text_draw(y + line++, x, count, width, tui_attr(TUI_ROLE_DIM));
	for (c = 0; c < rows->ncols; c++)
		heads |= rows->head[c] != NULL;
	column_widths(rows, width - mark_w, w);
	if (heads && line < height) {
		int cx = x + mark_w;

		for (c = 0; c < rows->ncols; c++) {
			tui_text_draw(y + line, cx, rows->head[c] ? rows->head[c] : "", w[c],
				      tui_attr(TUI_ROLE_DIM));
			cx += w[c] + GAP;
		}
		line++;
	}
	if (n == 0 && pick->filter[0] && line < height)
		tui_text_draw(y + line, x + mark_w, "Nothing matches: Backspace or Esc clears the filter.",
			      width - mark_w, tui_attr(TUI_ROLE_WARNING));
	visible = height - line;
	if (visible < 1) {
		free(idx);
		return;
	}
	if (pick->sel < pick->top)
		pick->top = pick->sel;
	if (pick->sel >= pick->top + (size_t) visible)
		pick->top = pick->sel - (size_t) visible + 1;
	for (i = pick->top; i < n && line < height; i++, line++) {
		const struct tui_pick_row *row = &rows->row[idx[i]];
		int sel = focused && i == pick->sel;
		int is_chosen = chosen && row->value && strcmp(chosen, row->value) == 0;
		attr_t attr = sel ? tui_attr(TUI_ROLE_SELECTED) : tui_attr(TUI_ROLE_FIELD);
		int cx = x + mark_w;

		/* The highlight also shows as a mark, for monochrome and screen readers. */
		mvaddstr(y + line, x, sel ? tui_glyph("\xe2\x80\xba", ">") : " ");
		if (is_chosen)
			tui_text_draw(y + line, x + 1, tui_glyph("\xe2\x9c\x93", "*"), 1,
				      tui_attr(TUI_ROLE_OK));
		if (sel) {
			attrset(attr);
			mvhline(y + line, cx, ' ', width - mark_w);
			attrset(A_NORMAL);
		}
		for (c = 0; c < rows->ncols; c++) {
			tui_text_draw(y + line, cx, row->col[c] ? row->col[c] : "", w[c], attr);
			cx += w[c] + GAP;
		}
	}
	/* More below or above: say so rather than let the list look complete. */
	if (n > 0 && (pick->top > 0 || i < n)) {
		char more[64];

		snprintf(more, sizeof(more), "%zu-%zu of %zu", pick->top + 1, i, n);
		tui_text_draw_right(y, x, more, width, tui_attr(TUI_ROLE_DIM));
	}
	free(idx);
}
