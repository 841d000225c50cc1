#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "tui/frame.h"
#include "tui/manage.h"
#include "tui/text.h"

void
tui_frame_step_label(enum rw_step step, char *buf, size_t bufsz)
{
	const struct rw_step_info *info = rw_step_info(step);

	if (step >= RW_STEP_ROTATION && step <= RW_STEP_REVIEW)
		snprintf(buf, bufsz, "%d/%d %s", (int) step, (int) RW_STEP_REVIEW, info->title);
	else
		snprintf(buf, bufsz, "%s", info ? info->title : "");
}

static int
any_running(const struct tui *t)
{
	int i;

	for (i = 0; i < CORE_SLOT_COUNT; i++)
		if (core_lists_running(&t->loads, (enum core_slot_id) i))
			return 1;
	return 0;
}

/* One step on the rail: its mark and title ("> Where"), or only its number when short ("*2"). */
static void
rail_piece(const struct tui *t, int s, int narrow, char *buf, size_t bufsz)
{
	const char *mark = s == (int) t->step ? tui_glyph("\xe2\x96\xb8", ">") :
		(t->done_mask & (1 << s)) ? tui_glyph("\xe2\x9c\x93", "*") : " ";

	if (narrow)
		snprintf(buf, bufsz, "%s%d", mark, s);
	else
		snprintf(buf, bufsz, "%s %s", mark, rw_step_info((enum rw_step) s)->title);
}

/* The rail: every step with its state, the current one marked; short when narrow. */
static void
draw_rail(struct tui *t, int y)
{
	char piece[64];
	int narrow, s, x, width = 0;

	/* Titles two columns apart when they fit, else numbers one apart. */
	for (s = RW_STEP_ROTATION; s <= RW_STEP_REVIEW; s++) {
		rail_piece(t, s, 0, piece, sizeof(piece));
		width += (s > RW_STEP_ROTATION ? 2 : 0) + tui_text_width(piece);
	}
	narrow = width > COLS - 2;
	/* Drawn piece by piece so the current step can stand out. */
	x = 1;
	for (s = RW_STEP_ROTATION; s <= RW_STEP_REVIEW; s++) {
		enum tui_role role = s == (int) t->step ? TUI_ROLE_RAIL_NOW :
			(t->done_mask & (1 << s)) ? TUI_ROLE_RAIL_DONE : TUI_ROLE_RAIL_PENDING;

		rail_piece(t, s, narrow, piece, sizeof(piece));
		if (x >= COLS - 1)
			break;
		x += tui_text_draw(y, x, piece, COLS - 1 - x, tui_attr(role));
		x += narrow ? 1 : 2;
	}
}

/* The finished steps in one line: "my-rot | Payments Platform / dev / / | ...". */
static void
draw_summary(struct tui *t, int y)
{
	char line[1024], one[300];
	size_t len = 0;
	int s;

	line[0] = '\0';
	for (s = RW_STEP_ROTATION; s < RW_STEP_REVIEW; s++) {
		int n;

		if (!(t->done_mask & (1 << s)) || s == (int) t->step)
			continue;
		tui_step_summary(t, (enum rw_step) s, one, sizeof(one));
		if (!one[0])
			continue;
		n = snprintf(line + len, sizeof(line) - len, "%s%s", len ? "  |  " : "", one);
		if (n < 0 || (size_t) n >= sizeof(line) - len)
			break;
		len += (size_t) n;
	}
	tui_text_draw(y, 1, line, COLS - 2, tui_attr(TUI_ROLE_DIM));
}

/*
 * --demo says so on every screen, in the rule under the summary, with the
 * sandbox's URL and token so that an audience can run the shown curl from
 * another terminal; the short form when the long one does not fit.
 */
static void
draw_demo(struct tui *t, int y)
{
	char banner[256];

	if (!app_demo_banner(t->app, 0, banner, sizeof(banner)))
		return;
	if (tui_text_width(banner) + 2 > COLS - 4)
		app_demo_banner(t->app, 1, banner, sizeof(banner));
	mvaddstr(y, 2, " ");
	tui_text_draw(y, 3, banner, COLS - 6, tui_attr(TUI_ROLE_WARNING));
	addstr(" ");
}

void
tui_frame_draw(struct tui *t, unsigned contexts)
{
	char label[128], keys[512];
	int right = 0;

	if (t->manage && t->step != RW_STEP_SIGN_IN)
		tui_manage_title(t, label, sizeof(label));
	else
		tui_frame_step_label(t->step, label, sizeof(label));
	attrset(tui_attr(TUI_ROLE_TITLE));
	mvhline(0, 0, ' ', COLS);
	attrset(A_NORMAL);
	if (any_running(t)) {
		char spin[64];

		snprintf(spin, sizeof(spin), "%s working", tui_spinner());
		right = tui_text_draw_right(0, COLS - 14, spin, 13, tui_attr(TUI_ROLE_TITLE)) + 1;
	}
	tui_text_draw(0, 1, "rotwiz", 6, tui_attr(TUI_ROLE_TITLE));
	tui_text_draw(0, 9, label, COLS - 10 - right, tui_attr(TUI_ROLE_TITLE));
	if (t->manage && t->step != RW_STEP_SIGN_IN) {
		const struct rw_project *p = tui_current_project(t);
		char line[256];

		/* The Rotations screen has no steps: the rail names the project instead. */
		snprintf(line, sizeof(line), "Project: %s", p && p->name ? p->name :
			 rw_answers_get(&t->app->answers, RW_FIELD_PROJECT));
		tui_text_draw(1, 1, line, COLS - 2, tui_attr(TUI_ROLE_LABEL));
	} else {
		draw_rail(t, 1);
		draw_summary(t, 2);
	}
	tui_frame_rule(3, 0, COLS, tui_attr(TUI_ROLE_DIM));
	draw_demo(t, 3);
	if (t->status[0]) {
		/*
		 * A long message (a 500 on create, the plan restriction, doc/contract.md
		 * s.6.1) wraps upwards over the content's last lines rather than
		 * being cut: the user must be able to read all of it.
		 */
		int rows = tui_text_wrap(t->status, COLS - 2, NULL, NULL), i;

		if (rows > LINES - TUI_TOP - 2)
			rows = LINES - TUI_TOP - 2;
		for (i = 0; i < rows; i++)
			mvhline(LINES - 1 - rows + i, 0, ' ', COLS);
		tui_frame_paragraph(LINES - 1 - rows, 1, rows, COLS - 2, t->status,
				    tui_attr(t->status_role));
	}
	tui_key_help(contexts, tui_text_ascii(), keys, sizeof(keys), COLS - 2);
	attrset(tui_attr(TUI_ROLE_HELP));
	mvhline(LINES - 1, 0, ' ', COLS);
	attrset(A_NORMAL);
	tui_text_draw(LINES - 1, 1, keys, COLS - 2, tui_attr(TUI_ROLE_HELP));
}

void
tui_frame_small(struct tui *t)
{
	char size[64];
	int y = LINES / 2 - 1;

	(void) t;
	snprintf(size, sizeof(size), "now %dx%d, needs %dx%d", COLS, LINES, TUI_MIN_COLS,
		 TUI_MIN_LINES);
	if (y < 0)
		y = 0;
	tui_text_draw(y, 0, "rotwiz: please enlarge the window", COLS, tui_attr(TUI_ROLE_WARNING));
	if (y + 1 < LINES)
		tui_text_draw(y + 1, 0, size, COLS, tui_attr(TUI_ROLE_NORMAL));
	if (y + 2 < LINES)
		tui_text_draw(y + 2, 0, "Ctrl-C quits", COLS, tui_attr(TUI_ROLE_DIM));
}

/* "x msg" (or "! msg" for a warning): the mark tells the kind without colour. */
static char *
marked(const char *msg, int warning)
{
	return strbuf_format("%s %s", warning ? "!" : tui_glyph("\xe2\x9c\x97", "x"), msg);
}

int
tui_frame_field_msg_rows(int width, const char *msg, int warning)
{
	char *line = marked(msg, warning);
	int rows = line ? tui_text_wrap(line, width, NULL, NULL) : 1;

	free(line);
	return rows;
}

void
tui_frame_field_msg(int y, int x, int width, int rows, const char *msg, int warning)
{
	attr_t attr = tui_attr(warning ? TUI_ROLE_WARNING : TUI_ROLE_ERROR);
	char *line = marked(msg, warning);

	if (!line)
		return;
	tui_frame_paragraph(y, x, rows, width, line, attr);
	/* Cut to fit a small window: say so where the text stops. */
	if (rows > 0 && tui_text_wrap(line, width, NULL, NULL) > rows)
		tui_text_draw(y + rows - 1, x + width - 1, tui_glyph("\xe2\x80\xa6", "~"), 1, attr);
	free(line);
}

void
tui_frame_rule(int y, int x, int width, attr_t attr)
{
	const char *dash = tui_glyph("\xe2\x94\x80", "-");
	int i;

	attrset(attr);
	move(y, x);
	for (i = 0; i < width; i++)
		addstr(dash);
	attrset(A_NORMAL);
}

struct para {
	int y, x, height, width, skip, used;
	attr_t attr;
};

static void
para_line(void *ctx, const char *start, size_t len)
{
	struct para *p = ctx;
	char buf[1024];

	if (p->skip > 0) {
		p->skip--;
		return;
	}
	if (p->used >= p->height)
		return;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, start, len);
	buf[len] = '\0';
	tui_text_draw(p->y + p->used, p->x, buf, p->width, p->attr);
	p->used++;
}

int
tui_frame_scrolled(int y, int x, int height, int width, const char *text, int skip, attr_t attr)
{
	struct para p = { y, x, height, width, skip, 0, attr };

	tui_text_wrap(text, width, para_line, &p);
	return p.used;
}

int
tui_frame_paragraph(int y, int x, int height, int width, const char *text, attr_t attr)
{
	return tui_frame_scrolled(y, x, height, width, text, 0, attr);
}

#define BOX_WIDEST 72
/* F1's box is wider, so that the docs URLs in it stay on one line to copy. */
#define HELP_WIDEST 94

/*
 * The box's size: width (at most widest) and the rows its text may use,
 * for a window of this size.
 */
static void
box_size(const char *text, int widest, int *width, int *rows, int *room)
{
	*width = COLS - 8 < widest ? COLS - 8 : widest;
	*rows = tui_text_wrap(text, *width - 4, NULL, NULL);
	*room = *rows + 4 > LINES - 2 ? LINES - 6 : *rows;
	if (*room < 1)
		*room = 1;
}

/*
 * A box in the middle of the screen with a title, wrapped text from its
 * line skip on, and a key hint.
 */
static void
draw_box(const char *title, const char *text, int widest, int skip, const char *hint)
{
	int width, inner, rows, room, height, y, x, i;
	attr_t attr = tui_attr(TUI_ROLE_NORMAL);

	box_size(text, widest, &width, &rows, &room);
	inner = width - 4;
	height = room + 4;
	y = (LINES - height) / 2;
	x = (COLS - width) / 2;
	attrset(attr);
	for (i = 0; i < height; i++) {
		mvhline(y + i, x, ' ', width);
		mvaddstr(y + i, x, tui_glyph("\xe2\x94\x82", "|"));
		mvaddstr(y + i, x + width - 1, tui_glyph("\xe2\x94\x82", "|"));
	}
	tui_frame_rule(y, x, width, attr);
	tui_frame_rule(y + height - 1, x, width, attr);
	mvaddstr(y, x, tui_glyph("\xe2\x94\x8c", "+"));
	mvaddstr(y, x + width - 1, tui_glyph("\xe2\x94\x90", "+"));
	mvaddstr(y + height - 1, x, tui_glyph("\xe2\x94\x94", "+"));
	mvaddstr(y + height - 1, x + width - 1, tui_glyph("\xe2\x94\x98", "+"));
	tui_text_draw(y, x + 2, title, width - 4, tui_attr(TUI_ROLE_TITLE));
	tui_frame_scrolled(y + 2, x + 2, height - 4, inner, text, skip, attr);
	tui_text_draw(y + height - 1, x + 2, hint, width - 4, tui_attr(TUI_ROLE_DIM));
	attrset(A_NORMAL);
}

void
tui_frame_modal(struct tui *t)
{
	int width, rows, room;
	char hint[96], unsaved[1600];

	switch (t->modal) {
	case TUI_MODAL_QUIT:
		if (t->draft_unsaved[0]) {
			/* Never promise a draft that is not there (decision 22). */
			snprintf(unsaved, sizeof(unsaved), "Quit? Your answers could not be saved as "
				 "a draft (%s): they are lost when you quit.", t->draft_unsaved);
			draw_box(" Quit ", unsaved, BOX_WIDEST, 0, " y quits, n goes back ");
		} else {
			draw_box(" Quit ", "Quit? Your answers are saved as a draft.", BOX_WIDEST, 0,
				 " y quits, n goes back ");
		}
		break;
	case TUI_MODAL_RESUME:
		draw_box(" Draft ", t->prompt, BOX_WIDEST, 0, " y resumes it, n starts afresh ");
		break;
	case TUI_MODAL_HELP:
		/* Longer than the window: it scrolls, and the hint says where it is. */
		box_size(t->help_text, HELP_WIDEST, &width, &rows, &room);
		if (t->help_top > rows - room)
			t->help_top = rows - room;
		if (t->help_top < 0)
			t->help_top = 0;
		if (rows > room)
			snprintf(hint, sizeof(hint), " lines %d-%d of %d: %s scroll, other keys close ",
				 t->help_top + 1, t->help_top + room, rows,
				 tui_glyph("\xe2\x86\x91/\xe2\x86\x93", "Up/Down"));
		else
			snprintf(hint, sizeof(hint), " any key closes ");
		draw_box(t->help_title, t->help_text, HELP_WIDEST, t->help_top, hint);
		break;
	case TUI_MODAL_OVERWRITE:
		draw_box(" Files ", t->prompt, BOX_WIDEST, 0, " y overwrites, n keeps them ");
		break;
	default:
		break;
	}
}
