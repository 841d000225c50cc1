#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/body.h"
#include "tui/bulk.h"
#include "tui/frame.h"
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

char *
tui_review_text(const struct tui *t, int width)
{
	const struct rw_answers *a = &t->app->answers;
	struct strbuf sb = STRBUF_INIT;
	char shown[600], with_id[700], schedule[512];
	char *body, *curl;
	int s, i;

	strbuf_puts(&sb, "Check every value. Enter creates the rotation; 1-6 reopen a step with "
		    "its answers kept; w writes the body and the curl command to files; y copies "
		    "the curl command.\n\n");
	for (s = RW_STEP_ROTATION; s < RW_STEP_REVIEW; s++) {
		const struct rw_step_info *info = rw_step_info((enum rw_step) s);
		char step[32];

		snprintf(step, sizeof(step), "%d %s", s, info->title);
		for (i = 0; i < info->field_count; i++) {
			enum rw_field f = info->fields[i];

			tui_display_value(t, f, shown, sizeof(shown));
			if ((f == RW_FIELD_PROJECT || f == RW_FIELD_CONNECTION) &&
			    strcmp(shown, rw_answers_get(a, f)) != 0)
				snprintf(with_id, sizeof(with_id), "%s (%s)", shown, rw_answers_get(a, f));
			else
				snprintf(with_id, sizeof(with_id), "%s", shown);
			value_line(&sb, i == 0 ? step : "", rw_field_info(f)->label, with_id, width);
		}
	}
	if (tui_schedule_text(t, schedule, sizeof(schedule)) == 0)
		strbuf_printf(&sb, "\n%s\n", schedule);
	body = rw_body_build(a);
	curl = body ? rw_curl_command(t->app->api_base, body) : NULL;
	strbuf_printf(&sb, "\nJSON body of POST %s/v2/secret-rotations/azure-client-secret:\n",
		      t->app->api_base ? t->app->api_base : "");
	/* As --dry-run and --print-curl print them (forms/body.c): the same text to copy. */
	strbuf_puts(&sb, body ? body : "(out of memory)");
	strbuf_puts(&sb, "\n\nThe same request with curl (export INFISICAL_TOKEN first):\n");
	strbuf_puts(&sb, curl ? curl : "(out of memory)");
	strbuf_puts(&sb, "\n");
	free(body);
	free(curl);
	return strbuf_detach(&sb);
}

static void
review_draw(struct tui *t)
{
	int width = COLS - 4, height = LINES - TUI_TOP - TUI_BOTTOM, total;
	char *text;

	if (tui_bulk_active(t)) {
		tui_bulk_review_draw(t);
		return;
	}
	if (!(text = tui_review_text(t, width)))
		return;
	if (t->review_top < 0)
		t->review_top = 0;
	/* Scrolled past the end (a resize made it shorter): show the last page. */
	total = tui_text_wrap(text, width, NULL, NULL);
	if (t->review_top > 0 && t->review_top > total - height)
		t->review_top = total - height > 0 ? total - height : 0;
	tui_frame_scrolled(TUI_TOP, 2, height, width, text, t->review_top, tui_attr(TUI_ROLE_NORMAL));
	free(text);
	curs_set(0);
}

static unsigned
review_contexts(struct tui *t)
{
	if (tui_bulk_active(t))
		return tui_bulk_contexts(t);
	return TUI_CTX_REVIEW;
}

static enum core_slot_id
review_shown_load(struct tui *t)
{
	(void) t;
	return CORE_SLOT_COUNT;	/* a create is not a load: it cannot be taken back */
}

static enum tui_outcome
review_key(struct tui *t, enum tui_action action, wint_t ch)
{
	if (tui_bulk_active(t))
		return tui_bulk_review_key(t, action, ch);
	if (core_lists_running(&t->loads, CORE_SLOT_CREATE) &&
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
	case TUI_ACT_WRITE_FILES:
		return TUI_OUT_WRITE_FILES;
	case TUI_ACT_COPY:
		return TUI_OUT_COPY;
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
