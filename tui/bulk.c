#include "config.h"

#include <errno.h>
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
void
tui_bulk_templates_init(struct tui *t)
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

char *
tui_bulk_folder(const struct tui *t)
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
	folder = tui_bulk_folder(t);
	names = core_lists_result(&t->loads, CORE_SLOT_SECRET_NAMES, rw_answers_get(a, RW_FIELD_PROJECT),
				  rw_answers_get(a, RW_FIELD_ENVIRONMENT), folder ? folder : "/");
	tui_bulk_templates_init(t);
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

void
tui_bulk_start(struct tui *t)
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

void
tui_bulk_write_terraform(struct tui *t)
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
