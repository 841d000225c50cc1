#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libcore/report.h"
#include "libcore/rotate.h"
#include "tui/frame.h"
#include "tui/result.h"
#include "tui/text.h"
#include "tui/wizard.h"

/*
 * Step 8: what was created (libcore/report.h's summary, the same words as the
 * other modes), then rotate now, create another, or quit.
 */

static void
result_draw(struct tui *t)
{
	char *summary;
	struct strbuf sb = STRBUF_INIT;
	int used;

	curs_set(0);
	if (!t->have_rotation)
		return;
	summary = report_summary(&t->rotation);
	strbuf_puts(&sb, summary ? summary : "Created (the summary could not be built: out of memory).");
	free(summary);
	if (t->rotated)
		strbuf_printf(&sb, "\n\nRotated now: the active credential is index %d; the "
			      "other slot keeps the previous secret until the next rotation.",
			      t->rotation.active_index);
	used = tui_frame_paragraph(TUI_TOP, 2, LINES - TUI_TOP - TUI_BOTTOM - 2, COLS - 4,
				   strbuf_str(&sb), tui_attr(TUI_ROLE_NORMAL));
	if (t->rotate_asking) {
		char question[512];
		long minutes;

		core_rotate_is_soon(&t->rotation, time(NULL), &minutes);
		core_rotate_question(&t->rotation, minutes, question, sizeof(question));
		strbuf_reset(&sb);
		strbuf_printf(&sb, "%s Rotate anyway? r rotates, any other key keeps it.", question);
		tui_frame_paragraph(TUI_TOP + used + 1, 2, 6, COLS - 4, strbuf_str(&sb),
				    tui_attr(TUI_ROLE_ERROR));
	} else if (core_lists_running(&t->loads, CORE_SLOT_ROTATE)) {
		char line[128];

		snprintf(line, sizeof(line), "%s Rotating...", tui_spinner());
		tui_text_draw(TUI_TOP + used + 1, 2, line, COLS - 4, tui_attr(TUI_ROLE_DIM));
	} else {
		tui_text_draw(TUI_TOP + used + 1, 2,
			      "r rotates the secret now, n creates another rotation, m shows all "
			      "rotations, q quits.",
			      COLS - 4, tui_attr(TUI_ROLE_DIM));
	}
	strbuf_free(&sb);
}

static unsigned
result_contexts(struct tui *t)
{
	(void) t;
	return TUI_CTX_RESULT;
}

static enum core_slot_id
result_shown_load(struct tui *t)
{
	(void) t;
	return CORE_SLOT_COUNT;
}

static enum tui_outcome
result_key(struct tui *t, enum tui_action action, wint_t ch)
{
	long minutes;

	if (core_lists_running(&t->loads, CORE_SLOT_ROTATE) && action != TUI_ACT_QUIT_NOW &&
	    action != TUI_ACT_REDRAW)
		return TUI_OUT_STAY;
	if (t->rotate_asking && action != TUI_ACT_REDRAW) {
		/* Decision 18: only r (or y) rotates again; anything else (default No) keeps it. */
		t->rotate_asking = 0;
		return action == TUI_ACT_ROTATE_NOW || ch == 'y' || ch == 'Y' ? TUI_OUT_ROTATE
									      : TUI_OUT_REDRAW;
	}
	switch (action) {
	case TUI_ACT_ROTATE_NOW:
		if (core_rotate_is_soon(&t->rotation, time(NULL), &minutes)) {
			t->rotate_asking = 1;
			return TUI_OUT_REDRAW;
		}
		return TUI_OUT_ROTATE;
	case TUI_ACT_ANOTHER:
		return TUI_OUT_ANOTHER;
	case TUI_ACT_QUIT_NOW:
		t->exit_code = rw_status_exit_code(RW_OK);
		return TUI_OUT_QUIT;
	case TUI_ACT_REDRAW:
		return TUI_OUT_REDRAW;
	default:
		return TUI_OUT_STAY;
	}
}

const struct tui_screen tui_result_screen = {
	result_contexts, result_draw, result_key, NULL, result_shown_load,
};

void
tui_result_keep(struct tui *t)
{
	char *summary;

	if (!t->have_rotation)
		return;
	summary = report_summary(&t->rotation);
	strbuf_printf(&t->created, "%s\n\n", summary ? summary : "Created (the summary "
		      "could not be built: out of memory).");
	free(summary);
}

int
tui_result_print(const struct tui *t, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	char *summary;
	int rc = 0;

	/* Each one as flag mode prints it, a blank line between. */
	if (t->created.len)
		strbuf_puts(&sb, strbuf_str(&t->created));
	if (t->have_rotation && (summary = report_summary(&t->rotation)) != NULL) {
		strbuf_puts(&sb, summary);
		free(summary);
	} else if (sb.len > 1) {
		sb.data[--sb.len] = '\0';	/* report_put_summary() ends the last line */
	}
	if (sb.len)
		rc = report_put_summary(out, strbuf_str(&sb));
	strbuf_free(&sb);
	return rc;
}
