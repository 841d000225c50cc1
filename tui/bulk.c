#include "config.h"

#include <errno.h>
#include <limits.h>
#include <wchar.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/body.h"
#include "forms/validate.h"
#include "libcore/report.h"
#include "libcore/terraform.h"
#include "tui/bulk.h"
#include "tui/frame.h"
#include "tui/text.h"

#define TERRAFORM_FILE "rotwiz-rotations.tf"

struct tui_bulk *
tui_bulk_new(void)
{
	return calloc(1, sizeof(struct tui_bulk));
}

static void
table_free(struct tui_bulk *b)
{
	size_t i;

	for (i = 0; i < b->count; i++)
		free(b->outcome[i]);
	free(b->apps);
	free(b->rows);
	free(b->keep);
	free(b->selected);
	free(b->state);
	free(b->outcome);
	b->apps = NULL;
	b->rows = NULL;
	b->keep = b->selected = b->state = NULL;
	b->outcome = NULL;
	b->count = 0;
}

void
tui_bulk_free(struct tui_bulk **bulk)
{
	struct tui_bulk *b = *bulk;

	if (!b)
		return;
	table_free(b);
	rw_name_list_free(&b->marked);
	rw_rotation_list_free(&b->rotations);
	core_batch_free(&b->batch);
	free(b->batch_row);
	strbuf_free(&b->made);
	free(b);
	*bulk = NULL;
}

/* ---- marks ---- */

size_t
tui_bulk_marked(const struct tui *t)
{
	return t->bulk ? t->bulk->marked.count : 0;
}

int
tui_bulk_is_marked(const void *bulk, const char *object_id)
{
	const struct tui_bulk *b = bulk;

	return b && object_id && rw_name_list_has(&b->marked, object_id);
}

static void
unmark(struct tui_bulk *b, const char *object_id)
{
	size_t i;

	for (i = 0; i < b->marked.count; i++) {
		if (strcmp(b->marked.items[i], object_id) != 0)
			continue;
		free(b->marked.items[i]);
		memmove(&b->marked.items[i], &b->marked.items[i + 1],
			(b->marked.count - i - 1) * sizeof(b->marked.items[0]));
		b->marked.count--;
		return;
	}
}

static const struct rw_azure_app_list *
app_list(const struct tui *t)
{
	const struct rw_result *res = tui_pick_result(t, TUI_PICK_APP);

	return res && res->status == RW_OK ? &res->u.apps : NULL;
}

void
tui_bulk_toggle(struct tui *t, const char *object_id)
{
	struct tui_bulk *b = t->bulk;

	if (!b || !object_id)
		return;
	if (rw_name_list_has(&b->marked, object_id))
		unmark(b, object_id);
	else if (rw_name_list_add(&b->marked, object_id) < 0)
		tui_status(t, TUI_ROLE_ERROR, "Out of memory: the app is not marked.");
	tui_status(t, TUI_ROLE_DIM, "%zu marked: Enter goes on with all of them.", b->marked.count);
}

void
tui_bulk_mark_all(struct tui *t)
{
	struct tui_bulk *b = t->bulk;
	struct tui_pick_rows rows;
	struct tui_pick_row *storage;
	size_t *idx, n, i, added = 0;

	if (!b || tui_pick_rows(t, TUI_PICK_APP, &rows, &storage) < 0)
		return;
	if (!(idx = malloc((rows.count ? rows.count : 1) * sizeof(*idx)))) {
		free(storage);
		return;
	}
	n = tui_pick_matches(&t->pick[TUI_PICK_APP], &rows, idx);
	for (i = 0; i < n; i++) {
		const char *v = rows.row[idx[i]].value;

		if (v && !rw_name_list_has(&b->marked, v)) {
			if (rw_name_list_add(&b->marked, v) < 0)
				break;
			added++;
		}
	}
	tui_status(t, TUI_ROLE_DIM, "Marked %zu more (all %zu shown); %zu marked: Enter goes on "
		   "with all of them.", added, n, b->marked.count);
	free(idx);
	free(storage);
}

int
tui_bulk_active(const struct tui *t)
{
	return t->bulk && t->bulk->marked.count > 0 && !t->apps_manual;
}

/* ---- the table ---- */

/*
 * The templates' first values: the defaults, and step 1's name
 * kept as the rotation name's tail ({app}-NAME) so what was typed there is
 * not dropped (decision 29).
 */
static void
templates_init(struct tui *t)
{
	struct tui_bulk *b = t->bulk;
	const char *typed = rw_answers_get(&t->app->answers, RW_FIELD_NAME);

	if (b->tmpl_set)
		return;
	b->tmpl_set = 1;
	if (typed && *typed && strstr(typed, "{app}"))
		snprintf(b->tmpl[CORE_PLAN_TMPL_NAME], CORE_NAME_MAX, "%s", typed);
	else if (typed && *typed)
		snprintf(b->tmpl[CORE_PLAN_TMPL_NAME], CORE_NAME_MAX, "{app}-%s", typed);
	else
		snprintf(b->tmpl[CORE_PLAN_TMPL_NAME], CORE_NAME_MAX, "%s", CORE_PLAN_NAME_TEMPLATE);
	snprintf(b->tmpl[CORE_PLAN_TMPL_ID], CORE_NAME_MAX, "%s", CORE_PLAN_ID_TEMPLATE);
	snprintf(b->tmpl[CORE_PLAN_TMPL_SECRET], CORE_NAME_MAX, "%s", CORE_PLAN_SECRET_TEMPLATE);
}

static char *
folder_of(const struct tui *t)
{
	return rw_normalize_field(RW_FIELD_SECRET_PATH,
				  rw_answers_get(&t->app->answers, RW_FIELD_SECRET_PATH));
}

static void
want_rotations(struct tui *t)
{
	struct tui_bulk *b = t->bulk;
	const char *project = rw_answers_get(&t->app->answers, RW_FIELD_PROJECT);
	struct rw_call *call;

	if (!t->app->api || !t->app->signed_in || !*project)
		return;
	if (b->rotations_state != 0 && !strcmp(b->rotations_project, project))
		return;
	if (b->rotations_state == 1)
		return;	/* another project's answer is on its way: asked again when it comes */
	rw_rotation_list_free(&b->rotations);
	snprintf(b->rotations_project, sizeof(b->rotations_project), "%s", project);
	if ((call = rw_api_list(t->app->api, project, &b->list_tag)))
		b->rotations_state = 1;
}

void
tui_bulk_plan(struct tui *t)
{
	struct tui_bulk *b = t->bulk, old;
	const struct rw_azure_app_list *apps = app_list(t);
	const struct rw_answers *a = &t->app->answers;
	const struct rw_result *names;
	char *folder;
	size_t i, k, n = 0;

	if (!tui_bulk_active(t) || b->running)
		return;
	want_rotations(t);
	old = *b;
	b->apps = NULL;
	b->rows = NULL;
	b->keep = b->selected = b->state = NULL;
	b->outcome = NULL;
	b->count = 0;
	b->problems = 0;
	if (apps) {
		b->apps = calloc(b->marked.count + 1, sizeof(*b->apps));
		b->rows = calloc(b->marked.count + 1, sizeof(*b->rows));
		b->keep = calloc(b->marked.count + 1, sizeof(int));
		b->selected = calloc(b->marked.count + 1, sizeof(int));
		b->state = calloc(b->marked.count + 1, sizeof(int));
		b->outcome = calloc(b->marked.count + 1, sizeof(char *));
	}
	if (!b->apps || !b->rows || !b->keep || !b->selected || !b->state || !b->outcome) {
		table_free(b);
		*b = old;	/* the old table stays */
		if (apps)
			tui_status(t, TUI_ROLE_ERROR, "Out of memory: the table is as it was.");
		return;
	}
	/* In the app list's order; a row seen before keeps its edit, selection and outcome. */
	for (i = 0; i < apps->count && n < b->marked.count; i++) {
		const struct rw_azure_app *app = &apps->items[i];

		if (!app->object_id || !rw_name_list_has(&b->marked, app->object_id))
			continue;
		b->apps[n].object_id = app->object_id;
		b->apps[n].client_id = app->client_id;
		b->apps[n].name = app->name;
		b->selected[n] = 1;
		b->state[n] = -1;
		for (k = 0; k < old.count; k++) {
			if (strcmp(old.apps[k].object_id, app->object_id) != 0)
				continue;
			b->rows[n] = old.rows[k];
			b->keep[n] = old.keep[k] || old.state[k] == CORE_BATCH_CREATED;
			b->selected[n] = old.selected[k];
			b->state[n] = old.state[k];
			b->outcome[n] = old.outcome[k];
			old.outcome[k] = NULL;
			break;
		}
		n++;
	}
	b->count = n;
	{
		struct tui_bulk gone = old;

		table_free(&gone);
	}
	folder = folder_of(t);
	names = core_lists_result(&t->loads, CORE_SLOT_SECRET_NAMES, rw_answers_get(a, RW_FIELD_PROJECT),
				  rw_answers_get(a, RW_FIELD_ENVIRONMENT), folder ? folder : "/");
	templates_init(t);
	b->problems = core_plan_build(b->apps, n, b->tmpl[CORE_PLAN_TMPL_NAME],
				      b->tmpl[CORE_PLAN_TMPL_ID], b->tmpl[CORE_PLAN_TMPL_SECRET], b->keep,
				      names && names->status == RW_OK ? &names->u.secret_names : NULL,
				      b->rotations_state == 2 ? &b->rotations : NULL,
				      rw_answers_get(a, RW_FIELD_ENVIRONMENT), folder ? folder : "/",
				      b->rows);
	free(folder);
	if (b->sel >= n)
		b->sel = n ? n - 1 : 0;
}

/* The answers of row i: the shared ones, with this app and these names. */
static int
row_answers(const struct tui *t, size_t i, struct rw_answers *out)
{
	const struct tui_bulk *b = t->bulk;

	memset(out, 0, sizeof(*out));
	if (rw_answers_copy(out, &t->app->answers) < 0 ||
	    rw_answers_set(out, RW_FIELD_NAME, b->rows[i].name) < 0 ||
	    rw_answers_set(out, RW_FIELD_OBJECT_ID, b->apps[i].object_id) < 0 ||
	    rw_answers_set(out, RW_FIELD_CLIENT_ID, b->apps[i].client_id) < 0 ||
	    rw_answers_set(out, RW_FIELD_APP_NAME, b->apps[i].name) < 0 ||
	    rw_answers_set(out, RW_FIELD_MAP_CLIENT_ID, b->rows[i].map_id) < 0 ||
	    rw_answers_set(out, RW_FIELD_MAP_CLIENT_SECRET, b->rows[i].map_secret) < 0) {
		rw_answers_free(out);
		return -1;
	}
	return 0;
}

/* ---- the run ---- */

static void
progress(void *user, const struct core_batch *batch, size_t index)
{
	struct tui *t = user;
	struct tui_bulk *b = t->bulk;
	const struct core_batch_item *it = &batch->item[index];
	size_t row = b->batch_row[index];
	char why[REPORT_FAILURE_MAX + 128], clean[REPORT_FAILURE_MAX];
	struct rw_answers a;

	b->state[row] = (int) it->state;
	free(b->outcome[row]);
	b->outcome[row] = NULL;
	switch (it->state) {
	case CORE_BATCH_CREATED:
		report_clean(it->result.u.rotation.id ? it->result.u.rotation.id : "", clean,
			     sizeof(clean));
		snprintf(why, sizeof(why), "created %s%s", clean,
			 it->result.recovered ? " (found by name after a lost answer)" : "");
		break;
	case CORE_BATCH_FAILED:
	case CORE_BATCH_UNKNOWN:
		if (row_answers(t, row, &a) == 0) {
			report_failure(&it->result, t->app->api_base, &a, REPORT_WIZARD, clean,
				       sizeof(clean));
			rw_answers_free(&a);
		} else {
			snprintf(clean, sizeof(clean), "out of memory");
		}
		snprintf(why, sizeof(why), "%s: %s", it->state == CORE_BATCH_FAILED ? "failed" :
			 "outcome unknown (looked up by name before any retry)", clean);
		break;
	case CORE_BATCH_SKIPPED:
		snprintf(why, sizeof(why), "not sent (stopped)");
		break;
	case CORE_BATCH_WAITING:
		snprintf(why, sizeof(why), "the server asked to wait (429): sent again soon");
		break;
	default:
		snprintf(why, sizeof(why), "creating...");
		break;
	}
	b->outcome[row] = strdup(why);
}

static void
start_run(struct tui *t)
{
	struct tui_bulk *b = t->bulk;
	struct rw_answers a;
	size_t i, n = 0, *map;
	char *body;

	if (!t->app->api || !t->app->signed_in) {
		tui_status(t, TUI_ROLE_WARNING, "Not signed in yet: wait for the sign-in to finish.");
		return;
	}
	for (i = 0; i < b->count; i++) {
		if (b->selected[i] && b->rows[i].problem[0]) {
			tui_status(t, TUI_ROLE_ERROR, "Nothing sent: row %zu (%s): %s -- e edits it, "
				   "Space leaves it out.", i + 1, b->rows[i].name, b->rows[i].problem);
			b->sel = i;
			return;
		}
		n += b->selected[i] && b->state[i] != CORE_BATCH_CREATED;
	}
	if (n == 0) {
		tui_status(t, TUI_ROLE_WARNING, "No row is selected: Space selects one.");
		return;
	}
	core_batch_free(&b->batch);
	free(b->batch_row);
	if (!(b->batch_row = calloc(n, sizeof(*map)))) {
		tui_status(t, TUI_ROLE_ERROR, "Out of memory.");
		return;
	}
	for (i = 0, n = 0; i < b->count; i++) {
		if (!b->selected[i] || b->state[i] == CORE_BATCH_CREATED)
			continue;
		body = row_answers(t, i, &a) == 0 ? rw_body_build(&a) : NULL;
		if (body)
			rw_answers_free(&a);
		if (!body || core_batch_add(&b->batch, body) < 0) {
			free(body);
			core_batch_free(&b->batch);
			tui_status(t, TUI_ROLE_ERROR, "Out of memory: nothing was sent.");
			return;
		}
		free(body);
		/* A row whose outcome stayed unknown is looked up by name before it goes again. */
		b->batch.item[n].look_first = b->state[i] == CORE_BATCH_UNKNOWN;
		b->batch_row[n++] = i;
	}
	for (i = 0; i < n; i++)
		b->state[b->batch_row[i]] = CORE_BATCH_PENDING;
	core_batch_begin(t->app->api, &b->batch);
	b->running = 1;
	b->stop_asked = 0;
	tui_status(t, TUI_ROLE_DIM, "Creating %zu rotations, %d at a time... Ctrl-C stops "
		   "starting new ones.", n, b->batch.parallel);
	/* The first ones go now: a Ctrl-C typed right after Enter stops only the rest. */
	tui_bulk_pump(t);
}

static void
finish_run(struct tui *t)
{
	struct tui_bulk *b = t->bulk;
	size_t i;

	core_batch_end(&b->batch, progress, t);
	b->running = 0;
	b->ran = 1;
	rw_api_set_parallel(t->app->api, 1);
	for (i = 0; i < b->batch.count; i++) {
		const struct core_batch_item *it = &b->batch.item[i];
		size_t row = b->batch_row[i];
		char name[CORE_NAME_MAX * 2], id[256];

		/* What was made is done; what failed stays selected for the next Enter. */
		b->selected[row] = it->state != CORE_BATCH_CREATED;
		if (it->state == CORE_BATCH_CREATED) {
			report_clean(it->result.u.rotation.name ? it->result.u.rotation.name :
				     b->rows[row].name, name, sizeof(name));
			report_clean(it->result.u.rotation.id ? it->result.u.rotation.id : "", id,
				     sizeof(id));
			strbuf_printf(&b->made, "created %s %s\n", name, id);
		}
	}
	/* The highlight goes to the first that was not made: its reason shows whole. */
	for (i = 0; i < b->batch.count; i++)
		if (b->batch.item[i].state != CORE_BATCH_CREATED) {
			b->sel = b->batch_row[i];
			break;
		}
	if (b->batch.failed || b->batch.unknown || b->batch.skipped)
		tui_status(t, TUI_ROLE_WARNING, "%zu created, %zu failed, %zu unknown, %zu not sent%s. "
			   "The rest stay selected: Enter tries only them.", b->batch.created,
			   b->batch.failed, b->batch.unknown, b->batch.skipped,
			   b->batch.stopped ? " (stopped)" : "");
	else
		tui_status(t, TUI_ROLE_OK, "All %zu created. Ctrl-C or q quits.", b->batch.created);
	t->exit_code = core_batch_exit_code(&b->batch);
	t->rebuild = 1;
}

int
tui_bulk_pump(struct tui *t)
{
	struct tui_bulk *b = t->bulk;
	int wait;

	if (!b || !b->running)
		return -1;
	if (b->stop_asked)
		b->batch.stopped = 1;
	wait = core_batch_send(t->app->api, &b->batch, progress, t);
	if (wait == -2) {
		finish_run(t);
		return -1;
	}
	return wait;
}

int
tui_bulk_take(struct tui *t, struct rw_result *result)
{
	struct tui_bulk *b = t->bulk;

	if (!b)
		return 0;
	if (result->user == &b->list_tag) {
		if (result->status == RW_OK) {
			rw_rotation_list_free(&b->rotations);
			b->rotations = result->u.rotations;
			memset(&result->u.rotations, 0, sizeof(result->u.rotations));
			b->rotations_state = 2;
		} else {
			b->rotations_state = 3;
		}
		tui_bulk_plan(t);
		return 1;
	}
	if (!b->running)
		return 0;
	if (!core_batch_take(&b->batch, result, progress, t))
		return 0;
	tui_bulk_pump(t);
	return 1;
}

int
tui_bulk_running(const struct tui *t)
{
	return t->bulk && t->bulk->running;
}

void
tui_bulk_stop(struct tui *t)
{
	if (!tui_bulk_running(t))
		return;
	t->bulk->stop_asked = 1;
	t->bulk->batch.stopped = 1;
	tui_status(t, TUI_ROLE_WARNING, "Stopping: nothing new starts; waiting for the %d on their "
		   "way.", t->bulk->batch.in_flight);
}

int
tui_bulk_made_any(const struct tui *t)
{
	return t->bulk && *strbuf_str(&t->bulk->made);
}

int
tui_bulk_print(const struct tui *t, FILE *out)
{
	if (!t->bulk || !*strbuf_str(&t->bulk->made))
		return 0;
	if (fputs(strbuf_str(&t->bulk->made), out) == EOF || fflush(out) == EOF)
		return -1;
	return 0;
}

/* ---- Terraform (t) ---- */

static void
write_terraform(struct tui *t)
{
	struct tui_bulk *b = t->bulk;
	struct rw_answers *a;
	struct rw_rotation *rot;
	const struct rw_rotation **ptr;
	size_t i, n = 0;
	char *text = NULL;
	FILE *f;

	a = calloc(b->count + 1, sizeof(*a));
	rot = calloc(b->count + 1, sizeof(*rot));
	ptr = calloc(b->count + 1, sizeof(*ptr));
	if (a && rot && ptr) {
		for (i = 0; i < b->count; i++) {
			if (row_answers(t, i, &a[n]) < 0)
				break;
			core_terraform_from_answers(&a[n], &rot[n]);
			ptr[n] = &rot[n];
			n++;
		}
		if (i == b->count)
			text = core_terraform_text(ptr, n);
	}
	if (!text) {
		tui_status(t, TUI_ROLE_ERROR, "Out of memory: nothing written.");
	} else if (!(f = fopen(TERRAFORM_FILE, "w")) || fputs(text, f) == EOF ||
		   fclose(f) == EOF) {
		tui_status(t, TUI_ROLE_ERROR, "Could not write ./%s: %s", TERRAFORM_FILE,
			   strerror(errno));
	} else {
		tui_status(t, TUI_ROLE_OK, "Wrote ./%s: %zu resources "
			   "(infisical_secret_rotation_azure_client_secret).", TERRAFORM_FILE, n);
	}
	free(text);
	for (i = 0; a && i < n; i++)
		rw_answers_free(&a[i]);
	free(a);
	free(rot);
	free(ptr);
}

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
	char *folder = folder_of(t);

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
	size_t len = strlen(b->edit);

	switch (action) {
	case TUI_ACT_CHAR: {
		/* Kept as typed (the rules judge it on Enter), in the locale's UTF-8. */
		char mb[MB_LEN_MAX];
		mbstate_t state;
		size_t n;

		memset(&state, 0, sizeof(state));
		n = wcrtomb(mb, (wchar_t) ch, &state);
		if (n != (size_t) -1 && len + n < sizeof(b->edit)) {
			memcpy(b->edit + len, mb, n);
			b->edit[len + n] = '\0';
		}
		return TUI_OUT_STAY;
	}
	case TUI_ACT_BACKSPACE:
		/* A whole character: its continuation bytes go with it. */
		while (len > 0 && ((unsigned char) b->edit[len - 1] & 0xC0) == 0x80)
			b->edit[--len] = '\0';
		if (len)
			b->edit[len - 1] = '\0';
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
		start_run(t);
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
		write_terraform(t);
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

	templates_init(t);
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

	templates_init(t);
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

	templates_init(t);
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
	size_t len;

	templates_init(t);
	v = b->tmpl[b->tmpl_focus];
	len = strlen(v);
	switch (action) {
	case TUI_ACT_CHAR: {
		char mb[MB_LEN_MAX];
		mbstate_t state;
		size_t n;

		memset(&state, 0, sizeof(state));
		n = wcrtomb(mb, (wchar_t) ch, &state);
		if (n != (size_t) -1 && len + n < CORE_NAME_MAX) {
			memcpy(v + len, mb, n);
			v[len + n] = '\0';
		}
		templates_changed(t);
		return TUI_OUT_STAY;
	}
	case TUI_ACT_BACKSPACE:
		while (len > 0 && ((unsigned char) v[len - 1] & 0xC0) == 0x80)
			v[--len] = '\0';
		if (len)
			v[len - 1] = '\0';
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
