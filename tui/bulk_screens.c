#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "libcore/report.h"
#include "tui/bulk.h"
#include "tui/frame.h"
#include "tui/text.h"

/*
 * The screens of many rotations at once (decision 29): Review's table with
 * its row editor, and step 6's name templates with the preview under them.
 * The marks, the plan and the run they drive are tui/bulk.c's.
 */

/* ---- Review ---- */

unsigned
tui_bulk_contexts(const struct tui *t)
{
	if (t->bulk->editing)
		return TUI_CTX_BULK_EDIT;
	return TUI_CTX_REVIEW | TUI_CTX_BULK;
}

void
tui_bulk_review_draw(struct tui *t)
{
	struct tui_bulk *b = t->bulk;
	int y = TUI_TOP, width = COLS - 4, bottom = LINES - TUI_BOTTOM, rows_room;
	char line[REPORT_FAILURE_MAX + 2048], clean_env[128], clean_path[512], prj[600];
	size_t i, todo = 0, existing = 0;
	char *folder = tui_bulk_folder(t);

	char tn[CORE_NAME_MAX * 4], ti[CORE_NAME_MAX * 4], ts[CORE_NAME_MAX * 4];

	report_clean(b->tmpl[CORE_PLAN_TMPL_NAME], tn, sizeof(tn));
	report_clean(b->tmpl[CORE_PLAN_TMPL_ID], ti, sizeof(ti));
	report_clean(b->tmpl[CORE_PLAN_TMPL_SECRET], ts, sizeof(ts));
	curs_set(0);
	for (i = 0; i < b->count; i++) {
		todo += b->selected[i] && b->state[i] != CORE_BATCH_CREATED;
		existing += b->rows[i].existing[0] != '\0';
	}
	tui_display_value(t, RW_FIELD_PROJECT, prj, sizeof(prj));
	report_clean(rw_answers_get(&t->app->answers, RW_FIELD_ENVIRONMENT), clean_env,
		     sizeof(clean_env));
	report_clean(folder ? folder : "/", clean_path, sizeof(clean_path));
	free(folder);
	snprintf(line, sizeof(line), "%zu rotations to create (%zu on the table) in %s / %s / %s. "
		 "Names from %s, %s / %s (step 6); e edits a row.", todo, b->count, prj, clean_env,
		 clean_path, tn, ti, ts);
	y += tui_frame_paragraph(y, 2, 3, width, line, tui_attr(TUI_ROLE_NORMAL));
	if (b->rotations_state == 1)
		y += tui_frame_paragraph(y, 2, 1, width, "Loading the folder's rotations to flag "
					 "apps that have one...", tui_attr(TUI_ROLE_DIM));
	else if (existing)
		y += tui_frame_paragraph(y, 2, 2, width, "! : the app already has a rotation in "
					 "this folder (named in the row).", tui_attr(TUI_ROLE_WARNING));
	if (b->running || b->ran) {
		int bar = width > 60 ? 20 : 10, filled;
		size_t total = b->batch.count, done = b->batch.created + b->batch.failed +
			b->batch.unknown + b->batch.skipped;
		char bars[64];

		filled = total ? (int) (done * (size_t) bar / total) : bar;
		memset(bars, '#', (size_t) filled);
		memset(bars + filled, '.', (size_t) (bar - filled));
		bars[bar] = '\0';
		snprintf(line, sizeof(line), "[%s] %zu created, %zu failed, %zu remaining%s", bars,
			 b->batch.created, b->batch.failed + b->batch.unknown,
			 total - done, b->running ? (b->batch.stopped ? " -- stopping" : "") : "");
		tui_text_draw(y++, 2, line, width, tui_attr(b->batch.failed ? TUI_ROLE_WARNING :
								  TUI_ROLE_OK));
	}
	snprintf(line, sizeof(line), "     %s", "Rotation name -- app, result / the two secret names");
	tui_text_draw(y++, 2, line, width, tui_attr(TUI_ROLE_DIM));
	/* Two lines a row: every name is shown whole, not cut to a column. */
	/* The highlighted row's app, result or refusal, whole (wrapped), under the table. */
	bottom -= 3;
	rows_room = (bottom - y - (b->editing ? 2 : 0)) / 2;
	if (rows_room < 1)
		rows_room = 1;
	if (b->sel < b->top)
		b->top = b->sel;
	if (b->sel >= b->top + (size_t) rows_room)
		b->top = b->sel - (size_t) rows_room + 1;
	for (i = b->top; i < b->count && y + 1 < bottom - (b->editing ? 2 : 0); i++) {
		const struct core_plan_row *r = &b->rows[i];
		char app[256], name[CORE_NAME_MAX * 4], tail[REPORT_FAILURE_MAX + 600];
		char id[CORE_NAME_MAX * 4], secret[CORE_NAME_MAX * 4];
		enum tui_role role = TUI_ROLE_FIELD;
		int sel = i == b->sel;

		report_clean(b->apps[i].name ? b->apps[i].name : "", app, sizeof(app));
		report_clean(r->name, name, sizeof(name));
		report_clean(r->map_id, id, sizeof(id));
		report_clean(r->map_secret, secret, sizeof(secret));
		if (r->problem[0]) {
			snprintf(tail, sizeof(tail), "%s -- %s", app, r->problem);
			role = TUI_ROLE_ERROR;
		} else if (b->outcome[i]) {
			snprintf(tail, sizeof(tail), "%s -- %s", app, b->outcome[i]);
			if (b->state[i] == CORE_BATCH_FAILED || b->state[i] == CORE_BATCH_UNKNOWN)
				role = TUI_ROLE_ERROR;
			else if (b->state[i] == CORE_BATCH_CREATED)
				role = TUI_ROLE_OK;
		} else if (r->existing[0]) {
			snprintf(tail, sizeof(tail), "%s -- has a rotation here already: %s", app,
				 r->existing);
			role = TUI_ROLE_WARNING;
		} else {
			snprintf(tail, sizeof(tail), "%s", app);
		}
		snprintf(line, sizeof(line), "%s%s%c %2zu %s  %s", sel ? ">" : " ",
			 b->state[i] == CORE_BATCH_CREATED ? "[=]" : b->selected[i] ? "[x]" : "[ ]",
			 r->existing[0] ? '!' : ' ', i + 1, name, tail);
		tui_text_draw(y++, 2, line, width, tui_attr(sel ? TUI_ROLE_SELECTED : role));
		snprintf(line, sizeof(line), "          %s  %s", id, secret);
		tui_text_draw(y++, 2, line, width, tui_attr(TUI_ROLE_DIM));
	}
	if (b->count && !b->editing) {
		const struct core_plan_row *r = &b->rows[b->sel];
		char app[256], whole[REPORT_FAILURE_MAX + 600];

		report_clean(b->apps[b->sel].name ? b->apps[b->sel].name : "", app, sizeof(app));
		snprintf(whole, sizeof(whole), "Row %zu (%s): %s%s%s", b->sel + 1, app,
			 r->problem[0] ? r->problem : b->outcome[b->sel] ? b->outcome[b->sel] :
			 r->existing[0] ? "has a rotation here already: " : "to be created",
			 !r->problem[0] && !b->outcome[b->sel] && r->existing[0] ? r->existing : "",
			 "");
		tui_frame_paragraph(bottom, 2, 3, width, whole, tui_attr(r->problem[0] ?
				    TUI_ROLE_ERROR : TUI_ROLE_DIM));
	}
	if (i < b->count || b->top > 0) {
		snprintf(line, sizeof(line), "rows %zu-%zu of %zu", b->top + 1, i, b->count);
		tui_text_draw_right(y - 2 * (int) (i - b->top) - 1, 2, line, width,
				    tui_attr(TUI_ROLE_DIM));
	}
	bottom += 3;
	if (b->editing && bottom - 2 > y - 1) {
		static const char *const labels[] = { "Rotation name", "Client ID secret",
						      "Client secret secret" };
		char shown[CORE_NAME_MAX * 4];

		report_clean(b->edit, shown, sizeof(shown));
		snprintf(line, sizeof(line), "Row %zu, %s: %s_", b->sel + 1, labels[b->edit_field],
			 shown);
		tui_text_draw(bottom - 2, 2, line, width, tui_attr(TUI_ROLE_EDIT));
		tui_text_draw(bottom - 1, 2, "Enter keeps it (checked by the same rules), Tab the "
			      "next name, Esc cancels.", width, tui_attr(TUI_ROLE_DIM));
	}
}

static char *
edit_target(struct tui_bulk *b)
{
	struct core_plan_row *r = &b->rows[b->sel];

	return b->edit_field == 0 ? r->name : b->edit_field == 1 ? r->map_id : r->map_secret;
}

static enum tui_outcome
edit_key(struct tui *t, enum tui_action action, wint_t ch)
{
	struct tui_bulk *b = t->bulk;

	switch (action) {
	case TUI_ACT_CHAR:
		/* Kept as typed: the rules judge it on Enter. */
		tui_text_append_key(b->edit, sizeof(b->edit), ch);
		return TUI_OUT_STAY;
	case TUI_ACT_BACKSPACE:
		tui_text_erase_last(b->edit);
		return TUI_OUT_STAY;
	case TUI_ACT_KILL:
		b->edit[0] = '\0';
		return TUI_OUT_STAY;
	case TUI_ACT_NEXT_FIELD:
	case TUI_ACT_SAVE:
		snprintf(edit_target(b), CORE_NAME_MAX, "%s", b->edit);
		b->keep[b->sel] = 1;
		if (action == TUI_ACT_NEXT_FIELD) {
			b->edit_field = (b->edit_field + 1) % 3;
			snprintf(b->edit, sizeof(b->edit), "%s", edit_target(b));
			return TUI_OUT_STAY;
		}
		b->editing = 0;
		tui_bulk_plan(t);
		if (b->rows[b->sel].problem[0])
			tui_status(t, TUI_ROLE_ERROR, "Row %zu: %s", b->sel + 1, b->rows[b->sel].problem);
		else
			tui_status(t, TUI_ROLE_OK, "Row %zu: %s, %s, %s.", b->sel + 1,
				   b->rows[b->sel].name, b->rows[b->sel].map_id,
				   b->rows[b->sel].map_secret);
		return TUI_OUT_STAY;
	case TUI_ACT_ESCAPE:
		b->editing = 0;
		tui_status(t, TUI_ROLE_DIM, "Row %zu kept as it was.", b->sel + 1);
		return TUI_OUT_STAY;
	case TUI_ACT_QUIT:
		return TUI_OUT_QUIT_ASK;
	case TUI_ACT_REDRAW:
		return TUI_OUT_REDRAW;
	default:
		return TUI_OUT_STAY;
	}
}

enum tui_outcome
tui_bulk_review_key(struct tui *t, enum tui_action action, wint_t ch)
{
	struct tui_bulk *b = t->bulk;

	if (b->running) {
		if (action == TUI_ACT_QUIT)
			tui_bulk_stop(t);
		else if (action == TUI_ACT_REDRAW)
			return TUI_OUT_REDRAW;
		return TUI_OUT_STAY;	/* creating: nothing to change now */
	}
	if (b->editing)
		return edit_key(t, action, ch);
	switch (action) {
	case TUI_ACT_CREATE:
		tui_bulk_start(t);
		return TUI_OUT_STAY;
	case TUI_ACT_LIST_DOWN:
		if (b->sel + 1 < b->count)
			b->sel++;
		return TUI_OUT_STAY;
	case TUI_ACT_LIST_UP:
		if (b->sel > 0)
			b->sel--;
		return TUI_OUT_STAY;
	case TUI_ACT_MARK:
		if (b->count && b->state[b->sel] != CORE_BATCH_CREATED)
			b->selected[b->sel] = !b->selected[b->sel];
		return TUI_OUT_STAY;
	case TUI_ACT_EDIT:
		if (!b->count || b->state[b->sel] == CORE_BATCH_CREATED)
			return TUI_OUT_STAY;
		b->editing = 1;
		b->edit_field = 0;
		snprintf(b->edit, sizeof(b->edit), "%s", edit_target(b));
		return TUI_OUT_STAY;
	case TUI_ACT_TERRAFORM:
		tui_bulk_write_terraform(t);
		return TUI_OUT_STAY;
	case TUI_ACT_JUMP:
		t->goto_step = (enum rw_step) (ch - '0');
		return TUI_OUT_GOTO;
	case TUI_ACT_PREV_STEP:
	case TUI_ACT_ESCAPE:
		return TUI_OUT_PREV_STEP;
	case TUI_ACT_QUIT:
	case TUI_ACT_QUIT_NOW:
		/* Rotations were made: nothing is lost by leaving, as on the Result (exit code of the run). */
		if (b->ran && b->batch.created) {
			t->exit_code = core_batch_exit_code(&b->batch);
			return TUI_OUT_QUIT;
		}
		return TUI_OUT_QUIT_ASK;
	case TUI_ACT_REDRAW:
		return TUI_OUT_REDRAW;
	default:
		return TUI_OUT_STAY;
	}
}

/* ---- step 6 with marks: the templates ---- */

static const char *const tmpl_labels[CORE_PLAN_TMPL_COUNT] = {
	"Rotation name template", "Client ID secret template", "Client secret template",
};

int
tui_bulk_templates_check(struct tui *t)
{
	struct tui_bulk *b = t->bulk;
	char msg[RW_MESSAGE_MAX + 3 * CORE_NAME_MAX];
	int i;

	tui_bulk_templates_init(t);
	for (i = 0; i < CORE_PLAN_TMPL_COUNT; i++)
		if (core_plan_check_template((enum core_plan_template) i, b->tmpl[i], msg,
					     sizeof(msg)) < 0) {
			b->tmpl_focus = i;
			tui_status(t, TUI_ROLE_ERROR, "%s", msg);
			return -1;
		}
	return 0;
}

void
tui_bulk_templates_draw(struct tui *t)
{
	struct tui_bulk *b = t->bulk;
	int y = TUI_TOP, width = COLS - 4, bottom = LINES - TUI_BOTTOM, i;
	char line[RW_MESSAGE_MAX + 16 * CORE_NAME_MAX + 1024], shown[CORE_NAME_MAX * 4];
	char msg[RW_MESSAGE_MAX + 3 * CORE_NAME_MAX];
	size_t r;

	tui_bulk_templates_init(t);
	curs_set(0);
	y += tui_frame_paragraph(y, 2, 2, width, "Every marked app's names come from these "
				 "templates: {app} is its name as a slug, {APP} the same upper-cased "
				 "with _.", tui_attr(TUI_ROLE_DIM));
	y++;
	for (i = 0; i < CORE_PLAN_TMPL_COUNT; i++) {
		report_clean(b->tmpl[i], shown, sizeof(shown));
		snprintf(line, sizeof(line), "%-26s %s%s", tmpl_labels[i], shown,
			 i == b->tmpl_focus ? "_" : "");
		tui_text_draw(y++, 2, line, width, tui_attr(i == b->tmpl_focus ? TUI_ROLE_EDIT :
							      TUI_ROLE_FIELD));
		if (core_plan_check_template((enum core_plan_template) i, b->tmpl[i], msg,
					     sizeof(msg)) < 0) {
			report_clean(msg, line, sizeof(line));
			y += tui_frame_paragraph(y, 4, 3, width - 2, line, tui_attr(TUI_ROLE_ERROR));
		}
	}
	y++;
	snprintf(line, sizeof(line), "What the %zu marked apps get (Review shows the same; e "
		 "there edits a row):", b->count);
	tui_text_draw(y++, 2, line, width, tui_attr(TUI_ROLE_DIM));
	for (r = 0; r < b->count; r++) {
		const struct core_plan_row *row = &b->rows[r];
		char app[256], name[CORE_NAME_MAX * 4], id[CORE_NAME_MAX * 4];
		char secret[CORE_NAME_MAX * 4];

		if (y >= bottom - 1 && r + 1 < b->count) {
			snprintf(line, sizeof(line), "  and %zu more", b->count - r);
			tui_text_draw(y, 2, line, width, tui_attr(TUI_ROLE_DIM));
			break;
		}
		if (y >= bottom)
			break;
		report_clean(b->apps[r].name ? b->apps[r].name : "", app, sizeof(app));
		report_clean(row->name, name, sizeof(name));
		report_clean(row->map_id, id, sizeof(id));
		report_clean(row->map_secret, secret, sizeof(secret));
		snprintf(line, sizeof(line), "%c%3zu %s  %s  %s  (%s)%s%s%s%s", row->existing[0] ?
			 '!' : ' ', r + 1, name, id, secret, app, row->existing[0] ?
			 " has a rotation here already: " : "", row->existing, row->problem[0] ?
			 " -- " : "", row->problem);
		tui_text_draw(y++, 2, line, width, tui_attr(row->problem[0] ? TUI_ROLE_ERROR :
							  row->existing[0] ? TUI_ROLE_WARNING :
							  TUI_ROLE_NORMAL));
	}
}

static void
templates_changed(struct tui *t)
{
	tui_bulk_plan(t);
	tui_status(t, TUI_ROLE_DIM, "%s", "");
}

void
tui_bulk_templates_paste(struct tui *t, const char *text)
{
	struct tui_bulk *b = t->bulk;
	char *v = b->tmpl[b->tmpl_focus];
	size_t len = strlen(v);

	tui_bulk_templates_init(t);
	/* A pasted line break is not Enter, nor part of a name. */
	for (; *text && len + 1 < CORE_NAME_MAX; text++)
		if ((unsigned char) *text >= 32 && *text != 127) {
			v[len++] = *text;
			v[len] = '\0';
		}
	templates_changed(t);
}

enum tui_outcome
tui_bulk_templates_key(struct tui *t, enum tui_action action, wint_t ch)
{
	struct tui_bulk *b = t->bulk;
	char *v;

	tui_bulk_templates_init(t);
	v = b->tmpl[b->tmpl_focus];
	switch (action) {
	case TUI_ACT_CHAR:
		tui_text_append_key(v, CORE_NAME_MAX, ch);
		templates_changed(t);
		return TUI_OUT_STAY;
	case TUI_ACT_BACKSPACE:
		tui_text_erase_last(v);
		templates_changed(t);
		return TUI_OUT_STAY;
	case TUI_ACT_KILL:
		v[0] = '\0';
		templates_changed(t);
		return TUI_OUT_STAY;
	case TUI_ACT_NEXT_FIELD:
	case TUI_ACT_LIST_DOWN:
		b->tmpl_focus = (b->tmpl_focus + 1) % CORE_PLAN_TMPL_COUNT;
		return TUI_OUT_STAY;
	case TUI_ACT_PREV_FIELD:
	case TUI_ACT_LIST_UP:
		b->tmpl_focus = (b->tmpl_focus + CORE_PLAN_TMPL_COUNT - 1) % CORE_PLAN_TMPL_COUNT;
		return TUI_OUT_STAY;
	case TUI_ACT_ACCEPT:
		/*
		 * As on every form: Enter walks the fields and the last one goes
		 * on; a refused template keeps the focus, its reason said.
		 */
		if (b->tmpl_focus + 1 < CORE_PLAN_TMPL_COUNT) {
			char msg[RW_MESSAGE_MAX + 3 * CORE_NAME_MAX];
			enum core_plan_template f = (enum core_plan_template) b->tmpl_focus;

			if (core_plan_check_template(f, b->tmpl[f], msg, sizeof(msg)) < 0)
				tui_status(t, TUI_ROLE_ERROR, "%s", msg);
			else
				b->tmpl_focus++;
			return TUI_OUT_STAY;
		}
		/* fall through */
	case TUI_ACT_NEXT_STEP:
		if (tui_bulk_templates_check(t) < 0)
			return TUI_OUT_STAY;
		return TUI_OUT_NEXT_STEP;
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
