#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "forms/body.h"
#include "forms/validate.h"
#include "tui/frame.h"
#include "forms/schedule.h"
#include "tui/review.h"
#include "tui/text.h"

#define VALUE_COL 41	/* where the values start: step and label columns before */

/* "2 Where  Project  Payments Platform (...)": a long value wraps under itself. */
static void
value_line(struct strbuf *sb, const char *step, const char *label, const char *value, int width)
{
	int room = width - VALUE_COL;
	const char *v = value && *value ? value : "(none)";
	size_t len = strlen(v);

	strbuf_printf(sb, "%-15s %-24s ", step, label);
	if (room < 20 || tui_text_width(v) <= room) {
		strbuf_printf(sb, "%s\n", v);
		return;
	}
	/* Values here are IDs and names: cut at a space when there is one, else anywhere. */
	while (len > 0) {
		size_t take = len, cut;

		if ((int) take > room) {
			take = (size_t) room;
			for (cut = take; cut > 0 && v[cut] != ' '; cut--)
				;
			if (cut > 0)
				take = cut;
		}
		strbuf_append(sb, v, take);
		strbuf_puts(sb, "\n");
		v += take;
		len -= take;
		while (*v == ' ') {
			v++;
			len--;
		}
		if (len > 0)
			strbuf_printf(sb, "%*s", VALUE_COL, "");
	}
}

/* The body as printed by cJSON, with its tabs as two spaces (a tab would show as '?'). */
static void
append_untabbed(struct strbuf *sb, const char *text)
{
	for (; *text; text++) {
		if (*text == '\t')
			strbuf_puts(sb, "  ");
		else
			strbuf_append(sb, text, 1);
	}
}

char *
tui_review_text(const struct tui *t, int width)
{
	const struct rw_answers *a = &t->app->answers;
	struct strbuf sb = STRBUF_INIT;
	char shown[600], with_id[700], schedule[512];
	char *body, *curl;
	int s, i;

	strbuf_puts(&sb, "Check every value. Enter creates the rotation; 1-6 reopen a step with "
		    "its answers kept.\n\n");
	for (s = RW_STEP_ROTATION; s < RW_STEP_REVIEW; s++) {
		const struct rw_step_info *info = rw_step_info((enum rw_step) s);
		char step[32];

		for (i = 0; i < info->field_count; i++) {
			enum rw_field f = info->fields[i];

			snprintf(step, sizeof(step), "%d %s", s, info->title);
			tui_display_value(t, f, shown, sizeof(shown));
			if ((f == RW_FIELD_PROJECT || f == RW_FIELD_CONNECTION) &&
			    strcmp(shown, rw_answers_get(a, f)) != 0)
				snprintf(with_id, sizeof(with_id), "%s (%s)", shown, rw_answers_get(a, f));
			else
				snprintf(with_id, sizeof(with_id), "%s", shown);
			value_line(&sb, i == 0 ? step : "", rw_field_info(f)->label, with_id, width);
		}
	}
	if (rw_validate_field(RW_FIELD_INTERVAL, rw_answers_get(a, RW_FIELD_INTERVAL), shown,
			      sizeof(shown)) == RW_OK &&
	    rw_validate_field(RW_FIELD_HOURS, rw_answers_get(a, RW_FIELD_HOURS), shown,
			      sizeof(shown)) == RW_OK &&
	    rw_validate_field(RW_FIELD_MINUTES, rw_answers_get(a, RW_FIELD_MINUTES), shown,
			      sizeof(shown)) == RW_OK) {
		rw_schedule_text(time(NULL),
				    strcmp(rw_answers_get(a, RW_FIELD_AUTO_ROTATION), "no") != 0,
				    atol(rw_answers_get(a, RW_FIELD_INTERVAL)),
				    atoi(rw_answers_get(a, RW_FIELD_HOURS)),
				    atoi(rw_answers_get(a, RW_FIELD_MINUTES)), schedule, sizeof(schedule));
		strbuf_printf(&sb, "\n%s\n", schedule);
	}
	body = rw_body_build(a);
	curl = body ? rw_curl_command(t->app->api_base, body) : NULL;
	strbuf_printf(&sb, "\nJSON body of POST %s/v2/secret-rotations/azure-client-secret:\n",
		      t->app->api_base ? t->app->api_base : "");
	append_untabbed(&sb, body ? body : "(out of memory)");
	strbuf_puts(&sb, "\n\nThe same request with curl (export INFISICAL_TOKEN first):\n");
	append_untabbed(&sb, curl ? curl : "(out of memory)");
	strbuf_puts(&sb, "\n");
	free(body);
	free(curl);
	return strbuf_detach(&sb);
}

struct view {
	int y, x, height, width;
	int skip, row, total;
};

static void
view_line(void *ctx, const char *start, size_t len)
{
	struct view *v = ctx;
	char buf[1024];

	v->total++;
	if (v->skip > 0) {
		v->skip--;
		return;
	}
	if (v->row >= v->height)
		return;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, start, len);
	buf[len] = '\0';
	tui_text_draw(v->y + v->row, v->x, buf, v->width, tui_attr(TUI_ROLE_NORMAL));
	v->row++;
}

static void
review_draw(struct tui *t)
{
	char *text = tui_review_text(t, COLS - 4);
	struct view v;

	if (!text)
		return;
	if (t->review_top < 0)
		t->review_top = 0;
	memset(&v, 0, sizeof(v));
	v.y = TUI_TOP;
	v.x = 2;
	v.height = LINES - TUI_TOP - TUI_BOTTOM;
	v.width = COLS - 4;
	v.skip = t->review_top;
	tui_text_wrap(text, v.width, view_line, &v);
	/* Scrolled past the end (a resize made it shorter): show the last page. */
	if (t->review_top > 0 && t->review_top > v.total - v.height) {
		t->review_top = v.total - v.height > 0 ? v.total - v.height : 0;
		memset(&v, 0, sizeof(v));
		v.y = TUI_TOP;
		v.x = 2;
		v.height = LINES - TUI_TOP - TUI_BOTTOM;
		v.width = COLS - 4;
		v.skip = t->review_top;
		move(v.y, 0);
		clrtobot();
		tui_text_wrap(text, v.width, view_line, &v);
	}
	free(text);
	curs_set(0);
}

static unsigned
review_contexts(struct tui *t)
{
	(void) t;
	return TUI_CTX_REVIEW;
}

static enum tui_slot_id
review_shown_load(struct tui *t)
{
	(void) t;
	return TUI_SLOT_COUNT;	/* a create is not a load: it cannot be taken back */
}

static enum tui_outcome
review_key(struct tui *t, enum tui_action action, wint_t ch)
{
	if (tui_loads_running(&t->loads, TUI_SLOT_CREATE) &&
	    action != TUI_ACT_QUIT && action != TUI_ACT_REDRAW)
		return TUI_OUT_STAY;	/* creating: nothing to change now */
	switch (action) {
	case TUI_ACT_CREATE:
		return TUI_OUT_CREATE;
	case TUI_ACT_SCROLL_DOWN:
		t->review_top++;
		return TUI_OUT_STAY;
	case TUI_ACT_SCROLL_UP:
		if (t->review_top > 0)
			t->review_top--;
		return TUI_OUT_STAY;
	case TUI_ACT_JUMP:
		t->goto_step = (enum rw_step) (ch - '0');
		return TUI_OUT_GOTO;
	case TUI_ACT_PREV_STEP:
	case TUI_ACT_ESCAPE:
		return TUI_OUT_PREV_STEP;
	case TUI_ACT_QUIT:
		return TUI_OUT_QUIT_ASK;
	case TUI_ACT_REDRAW:
		return TUI_OUT_REDRAW;
	default:
		return TUI_OUT_STAY;
	}
}

const struct tui_screen tui_review_screen = {
	review_contexts, review_draw, review_key, NULL, review_shown_load,
};
