#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/strbuf.h"
#include "libcore/flow.h"
#include "libcore/names.h"
#include "libcore/report.h"
#include "forms/draft.h"
#include "forms/schedule.h"

/* ---- reading the lists ---- */

/*
 * A list for the checks: its result, or NULL when it is still loading
 * (non-blocking) or cannot be asked (*unknown says which: 1 loading).
 */
static const struct rw_result *
read_list(const struct core_read *r, enum core_slot_id id, const char *a, const char *b,
	  const char *c, int *unknown)
{
	const struct rw_result *res;

	*unknown = 0;
	if (!r || !r->api || !r->lists)
		return NULL;
	if (r->block)
		return core_lists_get(r->lists, r->api, id, a, b, c, r->wait, r->wait_ctx);
	core_lists_want(r->lists, r->api, id, a, b, c);
	res = core_lists_result(r->lists, id, a, b, c);
	if (!res && core_lists_state(r->lists, id, a, b, c) == CORE_LOAD_RUNNING)
		*unknown = 1;
	return res;
}

/* The project list the sign-in kept, or a fresh one from the cache; NULL when not known. */
static const struct rw_project_list *
projects_of(const struct core_read *r, const struct app *app, int *unknown)
{
	const struct rw_result *res;

	*unknown = 0;
	if (app->projects_loaded)
		return &app->projects;
	res = read_list(r, CORE_SLOT_PROJECTS, NULL, NULL, NULL, unknown);
	return res && res->status == RW_OK ? &res->u.projects : NULL;
}

static void
add_problem(struct rw_problems *problems, enum rw_field field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
add_problem(struct rw_problems *problems, enum rw_field field, const char *fmt, ...)
{
	va_list ap;

	if (!problems || problems->count >= (int) (sizeof(problems->item) / sizeof(problems->item[0])))
		return;
	problems->item[problems->count].field = field;
	va_start(ap, fmt);
	vsnprintf(problems->item[problems->count].message, RW_MESSAGE_MAX, fmt, ap);
	va_end(ap);
	problems->count++;
}

static const char *
answer(const struct app *app, enum rw_field field)
{
	return rw_answers_get(&app->answers, field);
}

/* ---- projects ---- */

const struct rw_project *
core_project_find(const struct rw_project_list *list, const char *value, int *by_slug)
{
	size_t i;

	if (by_slug)
		*by_slug = 0;
	if (!list || !value || !*value)
		return NULL;
	for (i = 0; i < list->count; i++)
		if (list->items[i].id && strcasecmp(list->items[i].id, value) == 0)
			return &list->items[i];
	for (i = 0; i < list->count; i++)
		if (list->items[i].slug && strcmp(list->items[i].slug, value) == 0) {
			if (by_slug)
				*by_slug = 1;
			return &list->items[i];
		}
	return NULL;
}

int
core_project_resolve(struct app *app, char *note, size_t notesz)
{
	const char *value = answer(app, RW_FIELD_PROJECT);
	const struct rw_project *p;
	char name[256], id[128], slug[128];
	int by_slug;

	note[0] = '\0';
	if (!app->projects_loaded || !(p = core_project_find(&app->projects, value, &by_slug)) ||
	    !p->id)
		return 0;
	if (!by_slug && strcmp(p->id, value) == 0)
		return 0;
	report_clean(p->name ? p->name : p->id, name, sizeof(name));
	report_clean(p->id, id, sizeof(id));
	report_clean(value, slug, sizeof(slug));
	if (by_slug)
		snprintf(note, notesz, "project \"%s\" is %s (%s)", slug, name, id);
	return rw_answers_set(&app->answers, RW_FIELD_PROJECT, p->id);
}

/* ---- the checks ---- */

/* The project list's names, for a message: "ec28... (Payments Platform), ..." */
static void
list_projects(const struct rw_project_list *list, char *buf, size_t bufsz)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < list->count && i < 5; i++)
		strbuf_printf(&sb, "%s%s (%s)", i ? ", " : "", list->items[i].id ? list->items[i].id : "?",
			      list->items[i].name ? list->items[i].name : "?");
	if (list->count > 5)
		strbuf_printf(&sb, " and %zu more", list->count - 5);
	report_clean(strbuf_str(&sb), buf, bufsz);
	strbuf_free(&sb);
}

enum core_hold
core_flow_folder_holds(const struct core_read *r, const struct app *app, const char *typed,
		       struct rw_problems *problems)
{
	const char *project = answer(app, RW_FIELD_PROJECT), *env = answer(app, RW_FIELD_ENVIRONMENT);
	char *path = rw_normalize_field(RW_FIELD_SECRET_PATH, typed);
	const struct rw_project_list *list;
	const struct rw_project *p;
	const struct rw_result *res;
	struct strbuf names = STRBUF_INIT;
	char *parent = NULL, clean[512], pname[256];
	const char *slash, *base;
	enum core_hold hold = CORE_HOLDS;
	int unknown;
	size_t i;

	if (!r || !r->api || !app->signed_in || !path || strcmp(path, "/") == 0 ||
	    !(slash = strrchr(path, '/')))
		goto out;
	base = slash + 1;
	if (!(parent = slash == path ? strdup("/") : strndup(path, (size_t) (slash - path))))
		goto out;
	/*
	 * The completion's list of the same folder serves when it is there or
	 * on its way (not asked twice); else a slot of its own.
	 */
	if (r->lists && core_lists_state(r->lists, CORE_SLOT_FOLDERS, project, env, parent) !=
	    CORE_LOAD_IDLE)
		res = read_list(r, CORE_SLOT_FOLDERS, project, env, parent, &unknown);
	else
		res = read_list(r, CORE_SLOT_FOLDER_CHECK, project, env, parent, &unknown);
	if (!res) {
		hold = unknown ? CORE_UNKNOWN : CORE_HOLDS;
		goto out;
	}
	/* Not listable for another reason (the network, a 403): the server will say. */
	if (res->status != RW_OK && res->error.http_status != 404)
		goto out;
	for (i = 0; res->status == RW_OK && i < res->u.folders.count; i++) {
		const char *name = res->u.folders.items[i].name;

		if (name && strcmp(name, base) == 0)
			goto out;
		if (name)
			strbuf_printf(&names, "%s%s", names.len ? ", " : "", name);
	}
	report_clean(strbuf_str(&names), clean, sizeof(clean));
	list = projects_of(r, app, &unknown);
	p = core_project_find(list, project, NULL);
	report_clean(p && p->name ? p->name : project, pname, sizeof(pname));
	add_problem(problems, RW_FIELD_SECRET_PATH, "There is no folder \"%s\" in \"%s\" of "
		    "environment %s of project %s%s%s. Create it in Infisical first, or give an "
		    "existing folder.", base, parent, env, pname,
		    res->status != RW_OK ? "; the folder above it does not exist either" :
		    names.len ? "; the folders there are: " : "; it has no folders",
		    res->status == RW_OK && names.len ? clean : "");
	hold = CORE_BROKEN;
out:
	strbuf_free(&names);
	free(parent);
	free(path);
	return hold;
}

static enum core_hold
folder_holds(const struct core_read *r, const struct app *app, struct rw_problems *problems)
{
	return core_flow_folder_holds(r, app, answer(app, RW_FIELD_SECRET_PATH), problems);
}

static enum core_hold
where_holds(const struct core_read *r, const struct app *app, struct rw_problems *problems)
{
	const char *project = answer(app, RW_FIELD_PROJECT), *env = answer(app, RW_FIELD_ENVIRONMENT);
	const struct rw_project_list *list;
	const struct rw_project *p;
	struct strbuf sb = STRBUF_INIT;
	char clean[RW_MESSAGE_MAX / 2];
	int unknown;
	size_t i;

	list = projects_of(r, app, &unknown);
	if (!list)
		return unknown ? CORE_UNKNOWN : folder_holds(r, app, problems);
	/* A server that lists nothing may still take the create: let it judge. */
	if (list->count == 0)
		return folder_holds(r, app, problems);
	if (!(p = core_project_find(list, project, NULL))) {
		list_projects(list, clean, sizeof(clean));
		add_problem(problems, RW_FIELD_PROJECT, "project \"%s\" is not one these "
			    "credentials can see (they see %s)", project, clean);
		return CORE_BROKEN;
	}
	if (p->environment_count) {
		for (i = 0; i < p->environment_count; i++)
			if (p->environments[i].slug && strcmp(p->environments[i].slug, env) == 0)
				break;
		if (i == p->environment_count) {
			for (i = 0; i < p->environment_count; i++)
				strbuf_printf(&sb, "%s%s", i ? ", " : "",
					      p->environments[i].slug ? p->environments[i].slug : "?");
			report_clean(strbuf_str(&sb), clean, sizeof(clean));
			strbuf_free(&sb);
			add_problem(problems, RW_FIELD_ENVIRONMENT, "environment \"%s\" is not in "
				    "project %s (it has %s)", env, project, clean);
			return CORE_BROKEN;
		}
	}
	return folder_holds(r, app, problems);
}

static enum core_hold
connection_holds(const struct core_read *r, const struct app *app, struct rw_problems *problems)
{
	const char *connection = answer(app, RW_FIELD_CONNECTION);
	const struct rw_result *res;
	int unknown;
	size_t i;

	res = read_list(r, CORE_SLOT_CONNECTIONS, answer(app, RW_FIELD_PROJECT), NULL, NULL,
			&unknown);
	if (!res)
		return unknown ? CORE_UNKNOWN : CORE_HOLDS;
	if (res->status != RW_OK)
		return CORE_HOLDS;
	for (i = 0; i < res->u.connections.count; i++)
		if (res->u.connections.items[i].id &&
		    strcasecmp(res->u.connections.items[i].id, connection) == 0)
			return CORE_HOLDS;
	add_problem(problems, RW_FIELD_CONNECTION, "connection %s is not one project %s can use "
		    "(it is not in the project's list of Azure connections)", connection,
		    answer(app, RW_FIELD_PROJECT));
	return CORE_BROKEN;
}

/* 1 when the app list holds object_id, 0 when not, -1 when it cannot be told (*unknown: loading). */
static int
app_listed(const struct core_read *r, const char *connection, const char *object_id, int *unknown)
{
	const struct rw_result *res = read_list(r, CORE_SLOT_APPS, connection, NULL, NULL, unknown);
	size_t i;

	if (!res || res->status != RW_OK)
		return -1;
	for (i = 0; i < res->u.apps.count; i++)
		if (res->u.apps.items[i].object_id &&
		    strcasecmp(res->u.apps.items[i].object_id, object_id) == 0)
			return 1;
	return 0;
}

static enum core_hold
app_holds(const struct core_read *r, const struct app *app, struct rw_problems *problems)
{
	int unknown, listed;

	listed = app_listed(r, answer(app, RW_FIELD_CONNECTION), answer(app, RW_FIELD_OBJECT_ID),
			    &unknown);
	if (listed != 0)
		return unknown ? CORE_UNKNOWN : CORE_HOLDS;
	add_problem(problems, RW_FIELD_OBJECT_ID, "the Azure app %s is not one connection %s "
		    "lists -- pick one of its apps", answer(app, RW_FIELD_OBJECT_ID),
		    answer(app, RW_FIELD_CONNECTION));
	return CORE_BROKEN;
}

static enum core_hold
secrets_holds(const struct core_read *r, const struct app *app, struct rw_problems *problems)
{
	static const enum rw_field maps[] = { RW_FIELD_MAP_CLIENT_ID, RW_FIELD_MAP_CLIENT_SECRET };
	char *path = rw_normalize_field(RW_FIELD_SECRET_PATH, answer(app, RW_FIELD_SECRET_PATH));
	const struct rw_result *res;
	enum core_hold hold = CORE_HOLDS;
	int unknown;

	if (!path)
		return CORE_HOLDS;
	res = read_list(r, CORE_SLOT_SECRET_NAMES, answer(app, RW_FIELD_PROJECT),
			answer(app, RW_FIELD_ENVIRONMENT), path, &unknown);
	if (res && res->status != RW_OK && res->error.http_status == 404) {
		/* The real server's SecretPathNotFound: the folder itself is missing. */
		add_problem(problems, RW_FIELD_SECRET_PATH, "There is no folder \"%s\" in "
			    "environment %s of project %s. Create it in Infisical first, or give an "
			    "existing folder.", path, answer(app, RW_FIELD_ENVIRONMENT),
			    answer(app, RW_FIELD_PROJECT));
		free(path);
		return CORE_BROKEN;
	}
	if (!res || res->status != RW_OK) {
		free(path);
		return res || !unknown ? CORE_HOLDS : CORE_UNKNOWN;
	}
	{
		const char *id = answer(app, maps[0]), *secret = answer(app, maps[1]);
		int in_id = rw_name_list_has(&res->u.secret_names, id);
		int in_secret = strcmp(id, secret) != 0 && rw_name_list_has(&res->u.secret_names, secret);

		if (in_id || in_secret) {
			add_problem(problems, in_id ? maps[0] : maps[1], "The folder \"%s\" of "
				    "environment %s already holds %s named %s%s%s; the rotation creates "
				    "its own secrets, so choose %s not taken there.", path,
				    answer(app, RW_FIELD_ENVIRONMENT), in_id && in_secret ? "secrets" :
				    "a secret", in_id ? id : "", in_id && in_secret ? ", " : "",
				    in_secret ? secret : "", in_id && in_secret ? "names" : "a name");
			hold = CORE_BROKEN;
		}
	}
	free(path);
	return hold;
}

enum core_hold
core_flow_holds(const struct core_read *r, const struct app *app, enum rw_step step,
		struct rw_problems *problems)
{
	struct rw_problems rules;

	memset(&rules, 0, sizeof(rules));
	if (rw_validate_step(&app->answers, step, &rules) > 0) {
		if (problems)
			for (int i = 0; i < rules.count; i++)
				add_problem(problems, rules.item[i].field, "%s", rules.item[i].message);
		return CORE_BROKEN;
	}
	/* Not signed in yet: nothing the server lists can be asked. */
	if (!r || !r->api || !app->signed_in)
		return CORE_HOLDS;
	switch (step) {
	case RW_STEP_WHERE:
		return where_holds(r, app, problems);
	case RW_STEP_CONNECTION:
		return connection_holds(r, app, problems);
	case RW_STEP_AZURE_APP:
		return app_holds(r, app, problems);
	case RW_STEP_SECRETS:
		return secrets_holds(r, app, problems);
	default:
		return CORE_HOLDS;
	}
}

enum core_hold
core_flow_first_broken(const struct core_read *r, const struct app *app, enum rw_step *step,
		       struct rw_problems *why)
{
	int s;

	for (s = RW_STEP_ROTATION; s < RW_STEP_REVIEW; s++) {
		enum core_hold h = core_flow_holds(r, app, (enum rw_step) s, why);

		if (h != CORE_HOLDS) {
			*step = (enum rw_step) s;
			return h;
		}
	}
	*step = RW_STEP_REVIEW;
	return CORE_HOLDS;
}

int
core_flow_depended_on_changed(const struct rw_answers *before, const struct rw_answers *now)
{
	static const enum rw_field deps[] = {
		RW_FIELD_PROJECT, RW_FIELD_ENVIRONMENT, RW_FIELD_SECRET_PATH, RW_FIELD_CONNECTION,
	};
	size_t i;

	for (i = 0; i < sizeof(deps) / sizeof(deps[0]); i++)
		if (strcmp(rw_answers_get(before, deps[i]), rw_answers_get(now, deps[i])) != 0)
			return 1;
	return 0;
}

enum core_hold
core_flow_next(const struct core_read *r, const struct app *app, enum rw_step done,
	       int from_review, enum rw_step *to, struct rw_problems *why)
{
	enum core_hold h;

	*to = (enum rw_step) (done + 1);
	if (!from_review || done >= RW_STEP_REVIEW)
		return CORE_HOLDS;
	h = core_flow_first_broken(r, app, to, why);
	if (h == CORE_UNKNOWN)
		return h;
	/* The step just done holds by its own check: a broken one is later, or earlier. */
	if (*to == done) {
		*to = (enum rw_step) (done + 1);
		if (why)
			why->count = 0;
	}
	return CORE_HOLDS;
}

enum core_hold
core_flow_connection_changed(const struct core_read *r, struct app *app, const char *before,
			     int *cleared)
{
	static const enum rw_field app_fields[] = {
		RW_FIELD_OBJECT_ID, RW_FIELD_CLIENT_ID, RW_FIELD_APP_NAME,
	};
	const char *now = answer(app, RW_FIELD_CONNECTION);
	int unknown = 0, listed;
	size_t i;

	if (cleared)
		*cleared = 0;
	if (!*answer(app, RW_FIELD_OBJECT_ID) || (before && strcasecmp(before, now) == 0))
		return CORE_HOLDS;
	listed = *now ? app_listed(r, now, answer(app, RW_FIELD_OBJECT_ID), &unknown) : 0;
	if (unknown)
		return CORE_UNKNOWN;
	/* A resumed draft whose connection cannot list its apps keeps what was typed. */
	if (listed == 1 || (listed < 0 && !before))
		return CORE_HOLDS;
	for (i = 0; i < sizeof(app_fields) / sizeof(app_fields[0]); i++)
		rw_answers_set(&app->answers, app_fields[i], NULL);
	if (cleared)
		*cleared = 1;
	return CORE_HOLDS;
}

enum core_hold
core_flow_check_all(const struct core_read *r, const struct app *app, struct rw_problems *problems)
{
	enum core_hold worst = CORE_HOLDS;
	int s;

	/* The field rules over every step at once, so each problem is named once. */
	if (rw_validate_step(&app->answers, RW_STEP_COUNT, problems) > 0)
		return CORE_BROKEN;
	for (s = RW_STEP_ROTATION; s < RW_STEP_REVIEW; s++) {
		enum core_hold h = core_flow_holds(r, app, (enum rw_step) s, problems);

		if (h == CORE_BROKEN)
			worst = CORE_BROKEN;
		else if (h == CORE_UNKNOWN && worst == CORE_HOLDS)
			worst = CORE_UNKNOWN;
		/* A missing project or folder makes the later lists meaningless. */
		if (h == CORE_BROKEN && s == RW_STEP_WHERE)
			break;
	}
	return worst;
}

/* ---- results ---- */

void
core_flow_created(struct app *app, const struct rw_result *result, struct core_created *out)
{
	const struct rw_field_info *info = rw_field_info(result->error.field);

	app->create_in_flight = 0;
	/* Created, refused, or looked up and not there: known.  Else it stays unknown. */
	if (result->status == RW_OK || result->outcome_checked || !result->outcome_unknown)
		app->create_unknown = 0;
	if (result->outcome_unknown)
		app->create_unknown = 1;
	memset(out, 0, sizeof(*out));
	out->reopen = RW_STEP_REVIEW;
	out->field = RW_FIELD_NONE;
	if (result->status == RW_OK) {
		out->created = 1;
		out->recovered = result->recovered;
		return;
	}
	out->plan_refused = result->error.kind == RW_REFUSAL_PLAN;
	if (result->status == RW_EAUTH) {
		out->signin_again = 1;
		return;
	}
	out->outcome_unknown = result->outcome_unknown;
	if (info && !result->outcome_unknown) {
		/* Back to the step the error belongs to, every answer kept. */
		out->reopen = info->step;
		out->field = result->error.field;
	}
}

struct rw_call *
core_flow_create_start(struct app *app, const char *body, void *user)
{
	struct rw_call *call;

	call = app->create_unknown ? rw_api_create_looked(app->api, body, user) :
	       rw_api_create(app->api, body, user);
	if (call)
		app->create_in_flight = 1;
	return call;
}

void
core_flow_create_note(const struct app *app, char *buf, size_t bufsz)
{
	char name[RW_SHOWN_MAX];

	buf[0] = '\0';
	if (!app->create_unknown)
		return;
	report_clean(answer(app, RW_FIELD_NAME), name, sizeof(name));
	snprintf(buf, bufsz, "rotation \"%s\" may already exist (an earlier create's outcome is "
		 "unknown): looking it up by name before creating it again", name);
}

int
core_flow_create_may_exist(const struct app *app)
{
	return app->create_in_flight || app->create_unknown;
}

void
core_flow_draft_taken(struct app *app)
{
	if (app->draft_may_exist)
		app->create_unknown = 1;
	app->draft_may_exist = 0;
}

enum rw_step
core_flow_create_another(struct app *app)
{
	static const enum rw_field again[] = {
		RW_FIELD_NAME, RW_FIELD_DESCRIPTION, RW_FIELD_OBJECT_ID, RW_FIELD_CLIENT_ID,
		RW_FIELD_APP_NAME, RW_FIELD_MAP_CLIENT_ID, RW_FIELD_MAP_CLIENT_SECRET,
	};
	size_t i;

	for (i = 0; i < sizeof(again) / sizeof(again[0]); i++)
		if (rw_answers_set(&app->answers, again[i], NULL) < 0)
			return RW_STEP_COUNT;
	/* The secret names are offered afresh, for the folder as it is now. */
	if (core_names_claim(app) < 0 || rw_answers_apply_defaults(&app->answers) < 0)
		return RW_STEP_COUNT;
	return RW_STEP_ROTATION;
}

enum core_hold
core_flow_names_offer(const struct core_read *r, struct app *app, int *changed)
{
	char *path = rw_normalize_field(RW_FIELD_SECRET_PATH, answer(app, RW_FIELD_SECRET_PATH));
	const struct rw_result *res = NULL;
	int unknown = 0;

	if (changed)
		*changed = 0;
	if (!path)
		return CORE_HOLDS;
	if (r && r->api && app->signed_in)
		res = read_list(r, CORE_SLOT_SECRET_NAMES, answer(app, RW_FIELD_PROJECT),
				answer(app, RW_FIELD_ENVIRONMENT), path, &unknown);
	free(path);
	if (unknown)
		return CORE_UNKNOWN;
	/* Not listable (a 403, the network, no folder): the first pair, and the server judges. */
	core_names_offer(app, res && res->status == RW_OK ? &res->u.secret_names : NULL, changed);
	return CORE_HOLDS;
}

/* ---- drafts ---- */

void
core_flow_draft_server(const struct app *app, char *buf, size_t bufsz)
{
	const char *base = app->api_base ? app->api_base : "";
	size_t n = strlen(base);

	if (app->opt.demo) {
		snprintf(buf, bufsz, "demo");
		return;
	}
	if (n >= 4 && strcmp(base + n - 4, "/api") == 0)
		n -= 4;
	snprintf(buf, bufsz, "%.*s", (int) n, base);
}

enum rw_status
core_flow_draft_save(const struct app *app, const char *path, enum rw_step step)
{
	char server[512];
	int err;

	static const enum rw_field maps[] = { RW_FIELD_MAP_CLIENT_ID, RW_FIELD_MAP_CLIENT_SECRET };
	struct rw_answers kept;
	enum rw_status status;
	size_t i;

	core_flow_draft_server(app, server, sizeof(server));
	/* Only the user's answers: names the core offered are offered again on resume. */
	rw_answers_init(&kept);
	if (rw_answers_copy(&kept, &app->answers) < 0)
		return RW_ENOMEM;
	for (i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		if (core_names_is_offered(app, maps[i]))
			rw_answers_set(&kept, maps[i], NULL);
	status = rw_draft_save_marked(path, &kept, step, server, time(NULL),
				      core_flow_create_may_exist(app));
	err = errno;
	rw_answers_free(&kept);
	errno = err;
	return status;
}

void
core_flow_draft_unsaved(const char *path, enum rw_status status, int err, char *buf,
			size_t bufsz)
{
	char shown[1024];

	report_clean(path ? path : "", shown, sizeof(shown));
	if (!path)
		snprintf(buf, bufsz, "there is no place for a draft (neither XDG_STATE_HOME nor "
			 "HOME is set)");
	else if (status == RW_EIO && err)
		snprintf(buf, bufsz, "%s: %s", shown, strerror(err));
	else
		snprintf(buf, bufsz, "%s: %s", shown, rw_status_message(status));
}

int
core_flow_draft_notice(const char *path, time_t now, char *buf, size_t bufsz, int *unsafe)
{
	struct rw_draft_inspection in;
	char shown[1024], aside[1100];
	size_t n;

	*unsafe = 0;
	buf[0] = '\0';
	if (!path || rw_draft_inspect(path, now, &in) != RW_OK || !in.present) {
		if (path)
			rw_draft_inspection_free(&in);
		return 0;
	}
	report_clean(path, shown, sizeof(shown));
	if (in.problem[0] && in.moved_to) {
		report_clean(in.moved_to, aside, sizeof(aside));
		snprintf(buf, bufsz, "The draft %s could not be used (%s): it was moved aside to %s.",
			 shown, in.problem, aside);
	} else if (in.problem[0]) {
		/* Left where it is, so this run must not save over it. */
		*unsafe = 1;
		snprintf(buf, bufsz, "The draft %s could not be used (%s) nor moved aside (%s): this "
			 "run saves no draft; move or remove it.", shown, in.problem,
			 strerror(in.move_errno ? in.move_errno : EIO));
	} else if (in.foreign) {
		snprintf(buf, bufsz, "The draft %s belongs to another user (uid %ld), who may have "
			 "written its answers: check them before you resume it, or remove the file.",
			 shown, in.owner);
	} else if (in.shared) {
		n = (size_t) snprintf(buf, bufsz, "The draft %s can be %s by other users (mode %04o; "
				      "it holds names and IDs, never a token or secret): it is "
				      "saved 0600 from now on; chmod 600 it to close it now.",
				      shown, (in.mode & 022) ? "changed" : "read", in.mode);
		if ((in.mode & 022) && n < bufsz)
			snprintf(buf + n, bufsz - n, " Check its answers before you resume it.");
	}
	rw_draft_inspection_free(&in);
	return buf[0] != '\0';
}

/* "for https://eu.infisical.com", "for the --demo sandbox", from a draft's server. */
static void
server_words(const char *server, char *buf, size_t bufsz)
{
	char clean[512];

	report_clean(server, clean, sizeof(clean));
	if (strcmp(server, "demo") == 0)
		snprintf(buf, bufsz, "the --demo sandbox");
	else
		snprintf(buf, bufsz, "%s", clean);
}

int
core_flow_draft_offer(struct app *app, const char *path, struct rw_answers *draft,
		      enum rw_step *step, int *other_server, char *question, size_t questionsz)
{
	struct rw_draft_origin origin;
	char shown[RW_SHOWN_MAX], when[80], was[560], now[512], here[560];

	*step = RW_STEP_ROTATION;
	*other_server = 0;
	if (!path || app_answers_given(app) ||
	    rw_draft_load_from(path, draft, step, &origin) != RW_OK)
		return 0;
	app->draft_may_exist = origin.create_may_exist;
	if (*step < RW_STEP_ROTATION || *step > RW_STEP_REVIEW)
		*step = *step > RW_STEP_REVIEW ? RW_STEP_REVIEW : RW_STEP_ROTATION;
	rw_show_value(rw_answers_get(draft, RW_FIELD_NAME), shown, sizeof(shown));
	if (origin.saved > 0)
		rw_schedule_format_time(origin.saved, 1, when, sizeof(when));
	else
		snprintf(when, sizeof(when), "at a time it does not record");
	core_flow_draft_server(app, now, sizeof(now));
	server_words(now, here, sizeof(here));
	if (origin.server[0]) {
		server_words(origin.server, was, sizeof(was));
		*other_server = strcmp(origin.server, now) != 0;
	} else {
		snprintf(was, sizeof(was), "a server it does not record (an older draft)");
	}
	snprintf(question, questionsz, "A draft from an earlier run is saved (%s%s%s, stopped at "
		 "step %d, %s; saved %s for %s).%s%s%s%s", shown[0] ? "rotation \"" :
		 "a rotation without a name yet", shown, shown[0] ? "\"" : "", (int) *step,
		 rw_step_info(*step)->title, when, was,
		 origin.create_may_exist ? " A create of it was in flight when rotwiz stopped: "
		 "it may have been made, so creating looks it up by name first." : "",
		 *other_server ? " It was saved for another server: this run is for " : "",
		 *other_server ? here : "",
		 *other_server ? ", where its project, connection and app may not exist. Resume "
		 "it anyway?" : " Resume it?");
	return 1;
}
