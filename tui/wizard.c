#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/secret.h"
#include "forms/draft.h"
#include "libcore/flow.h"
#include "forms/schedule.h"
#include "forms/validate.h"
#include "tui/manage.h"
#include "tui/text.h"
#include "tui/bulk.h"
#include "tui/wizard.h"

/* Far more than any paste a field can hold; the rest is dropped. */
#define PASTE_MAX (64 * 1024)

void
tui_wizard_init(struct tui *t, struct app *app)
{
	int i;

	memset(t, 0, sizeof(*t));
	t->app = app;
	t->step = RW_STEP_ROTATION;
	t->resume_step = RW_STEP_ROTATION;
	core_lists_init(&t->loads);
	rw_answers_init(&t->entered);
	strbuf_init(&t->paste, PASTE_MAX);
	for (i = 0; i < TUI_PICK_COUNT; i++)
		tui_pick_init(&t->pick[i]);
	/* rotwiz manage creates nothing: the wizard's draft is neither offered nor written over. */
	if (!(app->opt.command && strcmp(app->opt.command, "manage") == 0))
		t->draft_path = rw_draft_path();
	t->exit_code = rw_status_exit_code(RW_EQUIT);
	t->status_role = TUI_ROLE_DIM;
	t->fresh_tag = -1;
	t->bulk = tui_bulk_new();
}

void
tui_wizard_free(struct tui *t)
{
	int i;

	tui_editor_close(&t->ed);
	tui_clear_msgs(t);
	for (i = 0; i < TUI_PICK_COUNT; i++)
		tui_pick_free(&t->pick[i]);
	tui_manage_free(t);
	tui_bulk_free(&t->bulk);
	core_lists_free(&t->loads);
	free(t->held);
	t->held = NULL;
	t->held_first = t->held_count = t->held_size = 0;
	rw_answers_free(&t->entered);
	rw_rotation_free(&t->rotation);
	free(t->draft_path);
	t->draft_path = NULL;
	strbuf_free(&t->paste);
	strbuf_free(&t->created);
	free(t->signin.url);
	free(t->signin.client_id);
	t->signin.url = t->signin.client_id = NULL;
	free(t->local_typed);
	free(t->local_msg);
	t->local_typed = t->local_msg = NULL;
}

void
tui_set_msg(struct tui *t, enum rw_field field, const char *msg, int warning)
{
	if (field < 0 || field >= RW_FIELD_COUNT)
		return;
	free(t->msg[field]);
	t->msg[field] = msg ? strdup(msg) : NULL;
	t->msg_is_warning[field] = warning;
}

void
tui_clear_msgs(struct tui *t)
{
	int i;

	for (i = 0; i < RW_FIELD_COUNT; i++)
		tui_set_msg(t, (enum rw_field) i, NULL, 0);
}

void
tui_status(struct tui *t, enum tui_role role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->status, sizeof(t->status), fmt, ap);
	va_end(ap);
	t->status_role = role;
}

int
tui_step_items(const struct tui *t, enum rw_step step, struct tui_item *items)
{
	const struct rw_step_info *info = rw_step_info(step);
	int i, n = 0;

	if (!info || !info->fields)
		return 0;
	if (step == RW_STEP_AZURE_APP && !t->apps_manual) {
		/* One list answers all three fields. */
		items[0].kind = TUI_ITEM_PICK;
		items[0].field = RW_FIELD_OBJECT_ID;
		items[0].pick = TUI_PICK_APP;
		return 1;
	}
	for (i = 0; i < info->field_count && n < TUI_MAX_ITEMS; i++) {
		enum rw_field f = info->fields[i];
		const struct rw_field_info *fi = rw_field_info(f);
		struct tui_item *it = &items[n++];

		it->field = f;
		it->pick = TUI_PICK_COUNT;
		switch (fi->kind) {
		case RW_KIND_PICK:
			it->kind = TUI_ITEM_PICK;
			if (f == RW_FIELD_PROJECT)
				it->pick = TUI_PICK_PROJECT;
			else if (f == RW_FIELD_ENVIRONMENT)
				it->pick = TUI_PICK_ENVIRONMENT;
			else if (f == RW_FIELD_CONNECTION)
				it->pick = TUI_PICK_CONNECTION;
			else
				it->kind = TUI_ITEM_TEXT;	/* the app's IDs, typed by hand */
			break;
		case RW_KIND_PATH:
			it->kind = TUI_ITEM_PATH;
			break;
		case RW_KIND_TOGGLE:
			it->kind = TUI_ITEM_TOGGLE;
			break;
		case RW_KIND_NUMBER:
			it->kind = TUI_ITEM_NUMBER;
			break;
		default:
			it->kind = TUI_ITEM_TEXT;
			break;
		}
	}
	/* After the UTC fields, the same time in local time, kept in step with them. */
	if (step == RW_STEP_SCHEDULE && n < TUI_MAX_ITEMS) {
		items[n].kind = TUI_ITEM_LOCAL_TIME;
		items[n].field = RW_FIELD_NONE;
		items[n].pick = TUI_PICK_COUNT;
		n++;
	}
	return n;
}

const struct rw_project *
tui_current_project(const struct tui *t)
{
	const char *id = rw_answers_get(&t->app->answers, RW_FIELD_PROJECT);
	size_t i;

	for (i = 0; *id && i < t->app->projects.count; i++)
		if (t->app->projects.items[i].id && strcmp(t->app->projects.items[i].id, id) == 0)
			return &t->app->projects.items[i];
	return NULL;
}

const struct rw_environment *
tui_current_environment(const struct tui *t)
{
	const struct rw_project *p = tui_current_project(t);
	const char *slug = rw_answers_get(&t->app->answers, RW_FIELD_ENVIRONMENT);
	size_t i;

	for (i = 0; p && *slug && i < p->environment_count; i++)
		if (p->environments[i].slug && strcmp(p->environments[i].slug, slug) == 0)
			return &p->environments[i];
	return NULL;
}

enum core_slot_id
tui_pick_slot(enum tui_pick_id id)
{
	switch (id) {
	case TUI_PICK_CONNECTION:
		return CORE_SLOT_CONNECTIONS;
	case TUI_PICK_APP:
		return CORE_SLOT_APPS;
	default:
		return CORE_SLOT_COUNT;	/* projects come with the sign-in; environments with the project */
	}
}

const struct rw_result *
tui_pick_result(const struct tui *t, enum tui_pick_id id)
{
	const struct rw_answers *a = &t->app->answers;

	switch (id) {
	case TUI_PICK_CONNECTION:
		return core_lists_result(&t->loads, CORE_SLOT_CONNECTIONS,
					rw_answers_get(a, RW_FIELD_PROJECT), NULL, NULL);
	case TUI_PICK_APP:
		return core_lists_result(&t->loads, CORE_SLOT_APPS,
					rw_answers_get(a, RW_FIELD_CONNECTION), NULL, NULL);
	default:
		return NULL;
	}
}

enum core_slot_state
tui_pick_state(const struct tui *t, enum tui_pick_id id)
{
	const struct rw_answers *a = &t->app->answers;

	switch (id) {
	case TUI_PICK_PROJECT:
	case TUI_PICK_ENVIRONMENT:
		if (t->app->projects_loaded)
			return CORE_LOAD_DONE;
		return t->signing_in ? CORE_LOAD_RUNNING : t->loads.slot[CORE_SLOT_SIGNIN].state;
	case TUI_PICK_CONNECTION:
		return core_lists_state(&t->loads, CORE_SLOT_CONNECTIONS,
				       rw_answers_get(a, RW_FIELD_PROJECT), NULL, NULL);
	case TUI_PICK_APP:
		return core_lists_state(&t->loads, CORE_SLOT_APPS,
				       rw_answers_get(a, RW_FIELD_CONNECTION), NULL, NULL);
	default:
		return CORE_LOAD_IDLE;
	}
}

int
tui_pick_rows(const struct tui *t, enum tui_pick_id id, struct tui_pick_rows *rows,
	      struct tui_pick_row **storage)
{
	const struct rw_result *res = tui_pick_result(t, id);
	const struct rw_project *project;
	struct tui_pick_row *row = NULL;
	size_t i, n = 0;

	memset(rows, 0, sizeof(*rows));
	*storage = NULL;
	switch (id) {
	case TUI_PICK_PROJECT:
		if (!t->app->projects_loaded)
			return -1;
		n = t->app->projects.count;
		rows->ncols = 3;
		rows->head[0] = "Name";
		rows->head[1] = "Slug";
		rows->head[2] = "ID";
		rows->noun = "projects";
		break;
	case TUI_PICK_ENVIRONMENT:
		if (!(project = tui_current_project(t)))
			return -1;
		n = project->environment_count;
		rows->ncols = 2;
		rows->head[0] = "Name";
		rows->head[1] = "Slug";
		rows->noun = "environments";
		break;
	case TUI_PICK_CONNECTION:
		if (!res || res->status != RW_OK)
			return -1;
		n = res->u.connections.count;
		rows->ncols = 2;
		rows->head[0] = "Name";
		rows->head[1] = "ID";
		rows->noun = "connections";
		break;
	case TUI_PICK_APP:
		if (!res || res->status != RW_OK)
			return -1;
		n = res->u.apps.count;
		rows->ncols = 3;
		rows->head[0] = "Display name";
		rows->head[1] = "Application (client) ID";
		rows->head[2] = "Object ID";
		rows->noun = "apps";
		break;
	default:
		return -1;
	}
	if (n > 0 && !(row = calloc(n, sizeof(*row))))
		return -1;
	for (i = 0; i < n; i++) {
		switch (id) {
		case TUI_PICK_PROJECT: {
			const struct rw_project *p = &t->app->projects.items[i];

			row[i].col[0] = p->name;
			row[i].col[1] = p->slug;
			row[i].col[2] = p->id;
			row[i].value = p->id;
			break;
		}
		case TUI_PICK_ENVIRONMENT: {
			const struct rw_environment *e = &tui_current_project(t)->environments[i];

			row[i].col[0] = e->name;
			row[i].col[1] = e->slug;
			row[i].value = e->slug;
			break;
		}
		case TUI_PICK_CONNECTION: {
			const struct rw_connection *c = &res->u.connections.items[i];

			row[i].col[0] = c->name;
			row[i].col[1] = c->id;
			row[i].value = c->id;
			break;
		}
		default: {
			const struct rw_azure_app *a = &res->u.apps.items[i];

			row[i].col[0] = a->name;
			row[i].col[1] = a->client_id;
			row[i].col[2] = a->object_id;
			row[i].value = a->object_id;
			break;
		}
		}
	}
	rows->row = row;
	rows->count = n;
	*storage = row;
	return 0;
}

const char *
tui_pick_value_at(const struct tui *t, enum tui_pick_id id, size_t i, size_t *count)
{
	const struct rw_result *res = tui_pick_result(t, id);
	const struct rw_project *project;

	*count = 0;
	switch (id) {
	case TUI_PICK_PROJECT:
		if (!t->app->projects_loaded)
			return NULL;
		*count = t->app->projects.count;
		return i < *count ? t->app->projects.items[i].id : NULL;
	case TUI_PICK_ENVIRONMENT:
		if (!(project = tui_current_project(t)))
			return NULL;
		*count = project->environment_count;
		return i < *count ? project->environments[i].slug : NULL;
	case TUI_PICK_CONNECTION:
		if (!res || res->status != RW_OK)
			return NULL;
		*count = res->u.connections.count;
		return i < *count ? res->u.connections.items[i].id : NULL;
	case TUI_PICK_APP:
		if (!res || res->status != RW_OK)
			return NULL;
		*count = res->u.apps.count;
		return i < *count ? res->u.apps.items[i].object_id : NULL;
	default:
		return NULL;
	}
}

static const struct rw_connection *
find_connection(const struct tui *t, const char *id)
{
	const struct rw_result *res = tui_pick_result(t, TUI_PICK_CONNECTION);
	size_t i;

	if (!res || res->status != RW_OK)
		return NULL;
	for (i = 0; i < res->u.connections.count; i++)
		if (res->u.connections.items[i].id && strcmp(res->u.connections.items[i].id, id) == 0)
			return &res->u.connections.items[i];
	return NULL;
}

void
tui_display_value(const struct tui *t, enum rw_field field, char *buf, size_t bufsz)
{
	const char *v = rw_answers_get(&t->app->answers, field);
	const struct rw_project *p;
	const struct rw_environment *e;
	const struct rw_connection *c;

	switch (field) {
	case RW_FIELD_PROJECT:
		if ((p = tui_current_project(t)) && p->name) {
			snprintf(buf, bufsz, "%s", p->name);
			return;
		}
		break;
	case RW_FIELD_ENVIRONMENT:
		if ((e = tui_current_environment(t)) && e->name) {
			snprintf(buf, bufsz, "%s (%s)", e->name, e->slug);
			return;
		}
		break;
	case RW_FIELD_CONNECTION:
		if (*v && (c = find_connection(t, v)) && c->name) {
			snprintf(buf, bufsz, "%s", c->name);
			return;
		}
		break;
	default:
		break;
	}
	snprintf(buf, bufsz, "%s", v);
}

void
tui_step_summary(const struct tui *t, enum rw_step step, char *buf, size_t bufsz)
{
	const struct rw_answers *a = &t->app->answers;
	char one[256];

	buf[0] = '\0';
	switch (step) {
	case RW_STEP_ROTATION:
		/* Marks: every row's name comes from step 6's template (step 1's name its tail). */
		if (tui_bulk_active(t) && t->bulk->tmpl_set)
			snprintf(buf, bufsz, "names from %s (step 6)",
				 t->bulk->tmpl[CORE_PLAN_TMPL_NAME]);
		else if (tui_bulk_active(t))
			snprintf(buf, bufsz, "names from step 6's template");
		else
			snprintf(buf, bufsz, "%s", rw_answers_get(a, RW_FIELD_NAME));
		break;
	case RW_STEP_WHERE:
		tui_display_value(t, RW_FIELD_PROJECT, one, sizeof(one));
		snprintf(buf, bufsz, "%s / %s / %s", one, rw_answers_get(a, RW_FIELD_ENVIRONMENT),
			 rw_answers_get(a, RW_FIELD_SECRET_PATH));
		break;
	case RW_STEP_CONNECTION:
		tui_display_value(t, RW_FIELD_CONNECTION, buf, bufsz);
		break;
	case RW_STEP_AZURE_APP:
		/* Marks: the one app highlighted last is not what will be made. */
		if (tui_bulk_active(t)) {
			snprintf(buf, bufsz, "%zu apps marked", tui_bulk_marked(t));
			break;
		}
		snprintf(buf, bufsz, "%s", rw_answers_is_set(a, RW_FIELD_APP_NAME) &&
			 *rw_answers_get(a, RW_FIELD_APP_NAME) ? rw_answers_get(a, RW_FIELD_APP_NAME) :
			 rw_answers_get(a, RW_FIELD_CLIENT_ID));
		break;
	case RW_STEP_SCHEDULE:
		if (strcmp(rw_answers_get(a, RW_FIELD_AUTO_ROTATION), "no") == 0)
			snprintf(buf, bufsz, "manual only, %s-day secrets",
				 rw_answers_get(a, RW_FIELD_INTERVAL));
		else
			snprintf(buf, bufsz, "every %s days at %02d:%02d UTC",
				 rw_answers_get(a, RW_FIELD_INTERVAL),
				 atoi(rw_answers_get(a, RW_FIELD_HOURS)),
				 atoi(rw_answers_get(a, RW_FIELD_MINUTES)));
		break;
	case RW_STEP_SECRETS:
		if (tui_bulk_active(t) && t->bulk->tmpl_set) {
			snprintf(buf, bufsz, "%s, %s", t->bulk->tmpl[CORE_PLAN_TMPL_ID],
				 t->bulk->tmpl[CORE_PLAN_TMPL_SECRET]);
			break;
		}
		snprintf(buf, bufsz, "%s, %s", rw_answers_get(a, RW_FIELD_MAP_CLIENT_ID),
			 rw_answers_get(a, RW_FIELD_MAP_CLIENT_SECRET));
		break;
	default:
		break;
	}
}

int
tui_schedule_text(const struct tui *t, char *buf, size_t bufsz)
{
	static const enum rw_field needed[] = {
		RW_FIELD_INTERVAL, RW_FIELD_HOURS, RW_FIELD_MINUTES,
	};
	const struct rw_answers *a = &t->app->answers;
	char msg[RW_MESSAGE_MAX];
	size_t i;

	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		if (rw_validate_field(needed[i], rw_answers_get(a, needed[i]), msg, sizeof(msg)) != RW_OK)
			return -1;
	rw_schedule_text(time(NULL), strcmp(rw_answers_get(a, RW_FIELD_AUTO_ROTATION), "no") != 0,
			 atol(rw_answers_get(a, RW_FIELD_INTERVAL)),
			 atoi(rw_answers_get(a, RW_FIELD_HOURS)),
			 atoi(rw_answers_get(a, RW_FIELD_MINUTES)), buf, bufsz);
	return 0;
}

char *
tui_path_parent(const char *path, const char **last)
{
	const char *slash;
	char *parent;
	size_t len;

	while (*path == ' ')
		path++;
	slash = strrchr(path, '/');
	if (!slash) {
		*last = path;
		return strdup("/");
	}
	*last = slash + 1;
	/* Everything before the last slash, without a leading "/" doubled. */
	len = (size_t) (slash - path);
	if (len == 0 || (len == 1 && path[0] == '/'))
		return strdup("/");
	parent = malloc(len + 2);
	if (!parent)
		return NULL;
	if (path[0] == '/') {
		memcpy(parent, path, len);
		parent[len] = '\0';
	} else {
		parent[0] = '/';
		memcpy(parent + 1, path, len);
		parent[len + 1] = '\0';
	}
	return parent;
}

int
tui_save_draft(struct tui *t)
{
	enum rw_step step = t->step;
	enum rw_status status;

	if (!t->draft_path || t->have_rotation || !rw_answers_beyond_defaults(&t->app->answers))
		return 0;
	if (step < RW_STEP_ROTATION)
		step = t->resume_step;
	if (step > RW_STEP_REVIEW)
		step = RW_STEP_REVIEW;
	status = core_flow_draft_save(t->app, t->draft_path, step);
	if (status != RW_OK) {
		core_flow_draft_unsaved(t->draft_path, status, errno, t->draft_unsaved,
					sizeof(t->draft_unsaved));
		tui_status(t, TUI_ROLE_WARNING, "The draft could not be saved (%s).", t->draft_unsaved);
		return 0;
	}
	t->draft_unsaved[0] = '\0';
	return 1;
}

const struct tui_screen *
tui_screen_for(const struct tui *t)
{
	/* Over every step but sign-in, which it needs first. */
	if (t->manage && t->step != RW_STEP_SIGN_IN)
		return &tui_manage_screen;
	switch (t->step) {
	case RW_STEP_SIGN_IN:
		return &tui_signin_screen;
	case RW_STEP_REVIEW:
		return &tui_review_screen;
	case RW_STEP_RESULT:
		return &tui_result_screen;
	default:
		return &tui_steps_screen;
	}
}

const char *
tui_spinner(void)
{
	static const char *const braille[] = {
		"\xe2\xa0\x8b", "\xe2\xa0\x99", "\xe2\xa0\xb9", "\xe2\xa0\xb8", "\xe2\xa0\xbc",
		"\xe2\xa0\xb4", "\xe2\xa0\xa6", "\xe2\xa0\xa7", "\xe2\xa0\x87", "\xe2\xa0\x8f",
	};
	static const char *const ascii[] = { "|", "/", "-", "\\" };
	struct timespec ts;
	long tick;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	tick = (long) ts.tv_sec * 10 + ts.tv_nsec / 100000000L;
	if (tui_text_ascii())
		return ascii[tick % 4];
	return braille[tick % 10];
}
