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

/*
 * What a list worked out for the rows it saw last.  The rows are rebuilt
 * by the caller for every use, but they point into one loaded list: the
 * count and the strings of its first and last rows say whether it is still
 * that list.
 */
/* The matches of one filter. */
struct pick_found {
	char filter[TUI_PICK_FILTER_MAX];
	size_t *idx, n;
	unsigned long used;	/* when last asked for (0: free) */
};

/*
 * The last few filters' matches are kept: typing more narrows the one the
 * filter grew from, and Backspace finds the shorter filter's matches there
 * instead of going over the whole list again.
 */
#define PICK_FOUND 12

struct tui_pick_memo {
	size_t count;
	const char *first, *last;	/* the first and last rows' values */
	struct pick_found found[PICK_FOUND];
	unsigned long clock;
	/*
	 * Every row's shown columns once, lower-cased (ASCII, as the filter
	 * matches), joined by newlines (the filter holds none): a filter key is
	 * then one strstr() a row, not a character loop per column.
	 */
	char *lowered;
	size_t *at;			/* row i's text starts at lowered + at[i] */
	int width;			/* the column widths below are for this width (0: none) */
	int w[TUI_PICK_COLS];
};

void
tui_pick_init(struct tui_pick *pick)
{
	memset(pick, 0, sizeof(*pick));
}

void
tui_pick_reset(struct tui_pick *pick)
{
	struct tui_pick_memo *memo = pick->memo;

	memset(pick, 0, sizeof(*pick));
	pick->memo = memo;
}

void
tui_pick_free(struct tui_pick *pick)
{
	int i;

	if (pick->memo) {
		for (i = 0; i < PICK_FOUND; i++)
			free(pick->memo->found[i].idx);
		free(pick->memo->lowered);
		free(pick->memo->at);
		free(pick->memo);
	}
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

/* The memo for these rows, forgotten when they are another list's; NULL when out of memory. */
static struct tui_pick_memo *
memo_for(const struct tui_pick *pick, const struct tui_pick_rows *rows)
{
	struct tui_pick_memo *memo = pick->memo;
	const char *first = rows->count ? rows->row[0].value : NULL;
	const char *last = rows->count ? rows->row[rows->count - 1].value : NULL;

	if (!memo) {
		/* The pick is the caller's, the memo ours: reached through a const pick too. */
		memo = calloc(1, sizeof(*memo));
		if (!memo)
			return NULL;
		((struct tui_pick *) pick)->memo = memo;
	}
	if (memo->count != rows->count || memo->first != first || memo->last != last) {
		memo->count = rows->count;
		memo->first = first;
		memo->last = last;
		int i;

		for (i = 0; i < PICK_FOUND; i++) {
			free(memo->found[i].idx);	/* sized for the other list */
			memset(&memo->found[i], 0, sizeof(memo->found[i]));
		}
		free(memo->lowered);
		free(memo->at);
		memo->lowered = NULL;
		memo->at = NULL;
		memo->width = 0;
	}
	return memo;
}

static char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

/* memo->lowered for these rows; 0, or -1 when out of memory (then rows are matched as they are). */
static int
lower_rows(struct tui_pick_memo *memo, const struct tui_pick_rows *rows)
{
	size_t i, total = 0, pos = 0;
	int c;

	if (memo->lowered)
		return 0;
	for (i = 0; i < rows->count; i++)
		for (c = 0; c < rows->ncols; c++)
			total += (rows->row[i].col[c] ? strlen(rows->row[i].col[c]) : 0) + 1;
	memo->lowered = malloc(total + 1);
	memo->at = malloc((rows->count + 1) * sizeof(*memo->at));
	if (!memo->lowered || !memo->at) {
		free(memo->lowered);
		free(memo->at);
		memo->lowered = NULL;
		memo->at = NULL;
		return -1;
	}
	for (i = 0; i < rows->count; i++) {
		memo->at[i] = pos;
		for (c = 0; c < rows->ncols; c++) {
			const char *t = rows->row[i].col[c] ? rows->row[i].col[c] : "";

			while (*t)
				memo->lowered[pos++] = ascii_lower(*t++);
			memo->lowered[pos++] = c + 1 < rows->ncols ? '\n' : '\0';
		}
		if (rows->ncols == 0)
			memo->lowered[pos++] = '\0';
	}
	memo->lowered[pos] = '\0';
	return 0;
}

/* Row i matches the lower-cased filter (memo->lowered built), or as row_matches() says. */
static int
memo_row_matches(const struct tui_pick_memo *memo, const struct tui_pick_rows *rows, size_t i,
		 const char *filter, const char *low)
{
	if (!low[0])
		return 1;
	if (!memo->lowered)
		return row_matches(&rows->row[i], rows->ncols, filter);
	return strstr(memo->lowered + memo->at[i], low) != NULL;
}

/* The kept matches of exactly this filter, or NULL. */
static struct pick_found *
found_for(const struct tui_pick_memo *memo, const char *filter)
{
	int i;

	for (i = 0; memo && i < PICK_FOUND; i++)
		if (memo->found[i].used && strcmp(memo->found[i].filter, filter) == 0)
			return (struct pick_found *) &memo->found[i];
	return NULL;
}

/*
 * The matches of the filter, worked out once per filter and list.  A filter
 * that grew from a kept one can only match fewer: then only those are looked at.
 */
static const size_t *
matches(const struct tui_pick *pick, const struct tui_pick_rows *rows, size_t *count)
{
	struct tui_pick_memo *memo = memo_for(pick, rows);
	struct pick_found *hit, *base = NULL, *slot = NULL;
	char low[TUI_PICK_FILTER_MAX];
	size_t i, n = 0, base_len = 0;
	int k;

	*count = 0;
	if (!memo)
		return NULL;
	if ((hit = found_for(memo, pick->filter))) {
		hit->used = ++memo->clock;
		*count = hit->n;
		return hit->idx;
	}
	for (k = 0; k < PICK_FOUND; k++) {
		struct pick_found *f = &memo->found[k];
		size_t len = strlen(f->filter);

		if (f->used && strncmp(f->filter, pick->filter, len) == 0 && (!base || len > base_len)) {
			base = f;
			base_len = len;
		}
	}
	/* A free place, else the one asked for longest ago (never the base). */
	for (k = 0; k < PICK_FOUND; k++) {
		struct pick_found *f = &memo->found[k];

		if (f == base)
			continue;
		if (!slot || !f->used || (slot->used && f->used < slot->used))
			slot = f;
		if (!f->used)
			break;
	}
	/* Room for what can match: the base's matches, or the whole list. */
	free(slot->idx);
	memset(slot, 0, sizeof(*slot));
	if (!(slot->idx = malloc(((base ? base->n : rows->count) + 1) * sizeof(*slot->idx))))
		return NULL;
	for (i = 0; pick->filter[i]; i++)
		low[i] = ascii_lower(pick->filter[i]);
	low[i] = '\0';
	if (low[0])
		lower_rows(memo, rows);
	if (base) {
		for (i = 0; i < base->n; i++)
			if (memo_row_matches(memo, rows, base->idx[i], pick->filter, low))
				slot->idx[n++] = base->idx[i];
	} else {
		for (i = 0; i < rows->count; i++)
			if (memo_row_matches(memo, rows, i, pick->filter, low))
				slot->idx[n++] = i;
	}
	slot->n = n;
	memcpy(slot->filter, pick->filter, sizeof(slot->filter));
	slot->used = ++memo->clock;
	*count = n;
	return slot->idx;
}

size_t
tui_pick_matches(const struct tui_pick *pick, const struct tui_pick_rows *rows, size_t *idx)
{
	size_t n;
	const size_t *m = matches(pick, rows, &n);

	if (!m && rows->count > 0) {
		/* Out of memory for the memo: one pass without it. */
		size_t i;

		for (i = 0, n = 0; i < rows->count; i++) {
			if (!row_matches(&rows->row[i], rows->ncols, pick->filter))
				continue;
			if (idx)
				idx[n] = i;
			n++;
		}
		return n;
	}
	if (idx && n)
		memcpy(idx, m, n * sizeof(*idx));
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
	size_t count = tui_pick_matches(pick, rows, NULL);
	size_t page = pick->page > 1 ? pick->page - 1 : 1;

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
		tui_text_erase_last(pick->filter);
		pick->sel = 0;
		pick->top = 0;
		return 1;
	case TUI_ACT_KILL:
		pick->filter[0] = '\0';
		pick->sel = 0;
		pick->top = 0;
		return 1;
	case TUI_ACT_LIST_DOWN:
		if (pick->sel + 1 < count)
			pick->sel++;
		return 1;
	case TUI_ACT_LIST_UP:
		if (pick->sel > 0)
			pick->sel--;
		return 1;
	case TUI_ACT_PAGE_DOWN:
		/* A page less one row, so the row last at the bottom stays in sight. */
		pick->sel = pick->sel + page < count ? pick->sel + page : count ? count - 1 : 0;
		pick->top += page;
		if (pick->top > pick->sel)
			pick->top = pick->sel;
		return 1;
	case TUI_ACT_PAGE_UP:
		pick->sel = pick->sel > page ? pick->sel - page : 0;
		pick->top = pick->top > page ? pick->top - page : 0;
		return 1;
	case TUI_ACT_FIRST:
		pick->sel = pick->top = 0;
		return 1;
	case TUI_ACT_LAST:
		pick->sel = count ? count - 1 : 0;
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

long
tui_pick_current_index(const struct tui_pick *pick, size_t count, const char *first,
		       const char *last)
{
	const struct tui_pick_memo *memo = pick->memo;
	const struct pick_found *found;
	size_t n;

	if (count == 0)
		return -2;
	if (!pick->filter[0])
		return (long) (pick->sel < count ? pick->sel : count - 1);
	if (!memo || memo->count != count || memo->first != first || memo->last != last ||
	    !(found = found_for(memo, pick->filter)))
		return -1;
	n = found->n;
	if (n == 0)
		return -2;
	return (long) found->idx[pick->sel < n ? pick->sel : n - 1];
}

const struct tui_pick_row *
tui_pick_current(const struct tui_pick *pick, const struct tui_pick_rows *rows)
{
	size_t n;
	const size_t *idx;

	if (rows->count == 0)
		return NULL;
	idx = matches(pick, rows, &n);
	if (!idx || n == 0)
		return NULL;
	return &rows->row[idx[pick->sel < n ? pick->sel : n - 1]];
}

static void natural_widths(const struct tui_pick_rows *rows, int width, int *w);

/* Column widths that fit width: natural sizes, the later columns shrunk first. */
static void
column_widths(const struct tui_pick *pick, const struct tui_pick_rows *rows, int width, int *w)
{
	struct tui_pick_memo *memo = memo_for(pick, rows);

	/* Every row's width is a pass over the whole list: once per list and width. */
	if (memo && memo->width == width) {
		memcpy(w, memo->w, sizeof(memo->w));
		return;
	}
	natural_widths(rows, width, w);
	if (memo) {
		memcpy(memo->w, w, sizeof(memo->w));
		memo->width = width;
	}
}

static void
natural_widths(const struct tui_pick_rows *rows, int width, int *w)
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
	const size_t *idx = NULL;
	size_t n = 0, i;
	int w[TUI_PICK_COLS] = { 0, 0, 0 };
	int line = 0, visible, c, heads = 0, mark_w = 2, noun_len;
	char count[TUI_PICK_FILTER_MAX + 96];

	if (height < 1 || width < 4)
		return;
	if (rows->count > 0 && !(idx = matches(pick, rows, &n)))
		return;
	/* The filter's text is made with the list's first frame, not with the first key typed. */
	if (focused && pick->memo)
		lower_rows(pick->memo, rows);
	clamp(pick, n);
	/* "1 app", "2 apps": the nouns are plain plurals. */
	noun_len = (int) strlen(rows->noun) - (rows->count == 1 && !pick->filter[0]);
	if (pick->filter[0])
		snprintf(count, sizeof(count), "%zu of %zu %s match \"%s\"", n, rows->count,
			 rows->noun, pick->filter);
	else
		snprintf(count, sizeof(count), "%zu %.*s%s", rows->count, noun_len, rows->noun,
			 focused && rows->count > 1 ? " - type to filter" : "");
	if (rows->is_marked && rows->marked > 0)
		snprintf(count + strlen(count), sizeof(count) - strlen(count), ", %zu marked",
			 rows->marked);
	if (rows->is_marked)
		mark_w = 7;	/* "›✓ [x] ": the highlight, the answer, the mark */
	tui_text_draw(y + line++, x, count, width, tui_attr(TUI_ROLE_DIM));
	for (c = 0; c < rows->ncols; c++)
		heads |= rows->head[c] != NULL;
	column_widths(pick, rows, width - mark_w, w);
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
	if (visible < 1)
		return;
	pick->page = (size_t) visible;
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
		if (rows->is_marked)
			tui_text_draw(y + line, x + 3, rows->is_marked(rows->mark_ctx, row->value) ?
				      "[x]" : "[ ]", 3, tui_attr(TUI_ROLE_OK));
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
}
