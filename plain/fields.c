#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "libcore/flow.h"
#include "common/term.h"
#include "libcore/help.h"
#include "libcore/names.h"
#include "libcore/report.h"
#include "common/status.h"
#include "common/strbuf.h"
#include "forms/validate.h"
#include "plain/pick.h"
#include "forms/schedule.h"
#include "plain/steps.h"

/*
 * Steps 1 to 6 of plain mode: each field asked until it passes its rule,
 * pick-lists from the background loads, and the checks only the server's
 * lists allow (the folder exists, the secret names are free).
 */

#define CONNECTION_DOCS "https://infisical.com/docs/integrations/app-connections/azure-client-secrets"

/*
 * A check beyond the field's own rule (the folder exists, the name is
 * free): 0 accepts, 1 refuses with msg, -1 when the session ended.
 */
typedef int (*field_check)(struct plain_session *s, enum rw_field field, const char *value,
			   char *msg, size_t msgsz);

/* ---- answers ---- */

static const char *
answer(const struct plain_session *s, enum rw_field field)
{
	return rw_answers_get(&s->app->answers, field);
}

static int
answer_valid(const struct plain_session *s, enum rw_field field)
{
	return rw_answers_is_set(&s->app->answers, field) &&
	       rw_validate_field(field, answer(s, field), NULL, 0) == RW_OK;
}

static int
set_answer(struct plain_session *s, enum rw_field field, const char *value)
{
	if (rw_answers_set(&s->app->answers, field, value) == 0)
		return 0;
	return plain_nomem(s);
}

/* The secret path as the server and the load keys see it ("a/" -> "/a"). */
static char *
current_path(const struct plain_session *s)
{
	return rw_normalize_field(RW_FIELD_SECRET_PATH,
				  answer_valid(s, RW_FIELD_SECRET_PATH) ?
				  answer(s, RW_FIELD_SECRET_PATH) : "/");
}

/* ---- background loads ---- */

void
plain_start_loads(struct plain_session *s)
{
	const char *project = answer(s, RW_FIELD_PROJECT), *env = answer(s, RW_FIELD_ENVIRONMENT);
	char *path;

	if (!s->loads.api)
		return;
	if (!s->app->projects_loaded || s->reload_projects)
		plain_load_start(&s->loads, CORE_SLOT_PROJECTS, NULL, NULL, NULL);
	if (!answer_valid(s, RW_FIELD_PROJECT))
		return;
	plain_load_start(&s->loads, CORE_SLOT_CONNECTIONS, project, NULL, NULL);
	if (answer_valid(s, RW_FIELD_CONNECTION))
		plain_load_start(&s->loads, CORE_SLOT_APPS, answer(s, RW_FIELD_CONNECTION), NULL, NULL);
	if (!answer_valid(s, RW_FIELD_ENVIRONMENT))
		return;
	/* The top folders for Tab, unless the slot already serves this environment. */
	if (!plain_load_serves(&s->loads, CORE_SLOT_FOLDERS, project, env))
		plain_load_start(&s->loads, CORE_SLOT_FOLDERS, project, env, "/");
	if ((path = current_path(s))) {
		plain_load_start(&s->loads, CORE_SLOT_SECRET_NAMES, project, env, path);
		free(path);
	}
}

static const struct rw_project_list *
project_list(struct plain_session *s, const struct rw_result **failed)
{
	const struct rw_result *r;

	*failed = NULL;
	if (s->app->projects_loaded && !s->reload_projects)
		return &s->app->projects;
	r = plain_load_get(&s->loads, CORE_SLOT_PROJECTS, NULL, NULL, NULL);
	if (!r)
		return NULL;
	if (r->status != RW_OK) {
		*failed = r;
		return NULL;
	}
	return &r->u.projects;
}

static const struct rw_project *
find_project(const struct rw_project_list *list, const char *value)
{
	size_t i;

	for (i = 0; list && value && i < list->count; i++)
		if ((list->items[i].id && strcasecmp(list->items[i].id, value) == 0) ||
		    (list->items[i].slug && strcmp(list->items[i].slug, value) == 0))
			return &list->items[i];
	return NULL;
}

/* The finished list of a slot when it loaded fine for the answers now given, else NULL. */
static const struct rw_result *
ready_list(struct plain_session *s, enum core_slot_id list)
{
	return core_lists_ready(&s->loads.lists, list);
}

/* The project list if it is at hand, without waiting for it. */
static const struct rw_project_list *
known_projects(struct plain_session *s)
{
	const struct rw_result *r;

	if (s->app->projects_loaded && !s->reload_projects)
		return &s->app->projects;
	r = ready_list(s, CORE_SLOT_PROJECTS);
	return r ? &r->u.projects : NULL;
}

void
plain_describe(struct plain_session *s, enum rw_field field, char *buf, size_t bufsz)
{
	const struct rw_project *p;
	const struct rw_result *r;
	const char *value = answer(s, field);
	char clean[256];
	size_t i;

	snprintf(buf, bufsz, "%s", *value ? value : "-");
	switch (field) {
	case RW_FIELD_PROJECT:
		if ((p = find_project(known_projects(s), value)) && p->name) {
			report_clean(p->name, clean, sizeof(clean));
			snprintf(buf, bufsz, "%s (%s)", clean, value);
		}
		break;
	case RW_FIELD_ENVIRONMENT:
		p = find_project(known_projects(s), answer(s, RW_FIELD_PROJECT));
		for (i = 0; p && i < p->environment_count; i++)
			if (p->environments[i].slug && p->environments[i].name &&
			    strcmp(p->environments[i].slug, value) == 0) {
				report_clean(p->environments[i].name, clean, sizeof(clean));
				snprintf(buf, bufsz, "%s (%s)", clean, value);
			}
		break;
	case RW_FIELD_CONNECTION:
		if (!(r = ready_list(s, CORE_SLOT_CONNECTIONS)))
			break;
		for (i = 0; i < r->u.connections.count; i++)
			if (r->u.connections.items[i].id && r->u.connections.items[i].name &&
			    strcasecmp(r->u.connections.items[i].id, value) == 0) {
				report_clean(r->u.connections.items[i].name, clean, sizeof(clean));
				snprintf(buf, bufsz, "%s (%s)", clean, value);
			}
		break;
	default:
		break;
	}
}

int
plain_names_taken(struct plain_session *s, const char *const *names, int count,
		  char *taken, size_t takensz, char *why, size_t whysz)
{
	const struct rw_result *r;
	struct strbuf list = STRBUF_INIT;
	char *path = current_path(s), *t;
	int found = 0, i, j;

	taken[0] = '\0';
	why[0] = '\0';
	if (!path || !s->loads.api) {
		free(path);
		snprintf(why, whysz, "%s", path ? "rotwiz is not signed in yet" :
			 rw_status_message(RW_ENOMEM));
		return -1;
	}
	r = plain_load_get(&s->loads, CORE_SLOT_SECRET_NAMES, answer(s, RW_FIELD_PROJECT),
			   answer(s, RW_FIELD_ENVIRONMENT), path);
	free(path);
	if (!r || r->status != RW_OK) {
		if (r)
			report_failure(r, s->app->api_base, NULL, REPORT_WIZARD, why, whysz);
		else
			snprintf(why, whysz, "%s", rw_status_message(RW_ENOMEM));
		return -1;
	}
	for (i = 0; i < count; i++) {
		/* The same name twice is one clash (and the "must differ" rule's business). */
		for (j = 0; j < i && strcmp(names[j], names[i]) != 0; j++)
			;
		if (j < i || !(t = plain_trim(names[i])))
			continue;
		if (rw_name_list_has(&r->u.secret_names, t)) {
			strbuf_printf(&list, "%s%s", found ? ", " : "", t);
			found++;
		}
		free(t);
	}
	report_clean(strbuf_str(&list), taken, takensz);
	strbuf_free(&list);
	return found;
}

/* ---- asking ---- */

/* "?": the same help as curses' F1 (libcore/help.h); a list's Object ID is the app list's. */
static void
print_help(enum rw_field field, int from_list)
{
	char text[4096];

	if (from_list && field == RW_FIELD_OBJECT_ID)
		core_help_app_list(text, sizeof(text));
	else
		core_help_field(field, text, sizeof(text));
	rw_term_printf(stdout, "%s\n", text);	/* the prompt above names the question already */
}

/* The text shown in brackets: the value with control characters made visible. */
static void
shown_default(struct strbuf *sb, const char *value)
{
	char *clean;

	if (!(clean = rw_term_dup(value, 0)))
		return;
	strbuf_printf(sb, " [%s]", clean);
	free(clean);
}

/*
 * An answer of another shape that a prompt also takes (the hour prompt's
 * HH:MM): 1 when it set the answers, 0 when the value is not of that shape
 * (the field's own rule judges it), -1 refused with msg.
 */
typedef int (*field_other)(struct plain_session *s, const char *value, char *msg, size_t msgsz);

/*
 * Asks one field until its answer passes the field's rule and check, or is
 * taken by other (then 1 is returned); stores the normalised value.  Enter
 * keeps the current value (or the default), "-" empties an optional field,
 * "?" prints the help.
 */
static int
ask_field_or(struct plain_session *s, enum rw_field field, field_check check, field_other other)
{
	const struct rw_field_info *info = rw_field_info(field);
	struct strbuf prompt = STRBUF_INIT;
	char msg[1024], *line, *t, *norm;
	const char *value, *cur;
	int rc, typed;

	for (;;) {
		cur = rw_answers_is_set(&s->app->answers, field) ? answer(s, field) :
		      info->default_value ? info->default_value : "";
		strbuf_reset(&prompt);
		strbuf_puts(&prompt, info->label);
		if (info->kind == RW_KIND_TOGGLE)
			strbuf_puts(&prompt, " (yes/no)");
		else if (!info->required)
			strbuf_puts(&prompt, *cur ? " (optional, - for none)" : " (optional)");
		if (*cur)
			shown_default(&prompt, cur);
		strbuf_puts(&prompt, ": ");
		if (prompt.failed) {
			strbuf_free(&prompt);
			plain_stop(s, rw_status_exit_code(RW_ENOMEM));
			return -1;
		}
		if (plain_ask(s, strbuf_str(&prompt), PLAIN_ECHO, &line) < 0) {
			strbuf_free(&prompt);
			return -1;
		}
		if (!(t = plain_trim(line))) {
			free(line);
			strbuf_free(&prompt);
			plain_stop(s, rw_status_exit_code(RW_ENOMEM));
			return -1;
		}
		if (strcmp(t, "?") == 0) {
			print_help(field, 0);
			free(t);
			free(line);
			continue;
		}
		if (other && *t && (rc = other(s, t, msg, sizeof(msg))) != 0) {
			free(t);
			free(line);
			if (rc > 0) {
				strbuf_free(&prompt);
				plain_start_loads(s);
				return 1;
			}
			rw_term_printf(stdout, "%s\n", msg);
			continue;
		}
		/* As typed, spaces and all: the rule decides what may be trimmed. */
		value = !*t ? cur : (!info->required && strcmp(t, "-") == 0) ? "" : line;
		if (rw_validate_field(field, value, msg, sizeof(msg)) != RW_OK) {
			if (!*value)
				rw_term_printf(stdout, "Required -- type a value (? explains the question).\n");
			else
				plain_say(info->label, msg);
			free(t);
			free(line);
			continue;
		}
		norm = rw_normalize_field(field, value);
		typed = *t != '\0';
		free(t);
		free(line);
		if (!norm) {
			strbuf_free(&prompt);
			plain_stop(s, rw_status_exit_code(RW_ENOMEM));
			return -1;
		}
		rc = check ? check(s, field, norm, msg, sizeof(msg)) : 0;
		if (rc != 0) {
			free(norm);
			if (rc < 0) {
				strbuf_free(&prompt);
				return -1;
			}
			plain_say(info->label, msg);
			continue;
		}
		strbuf_free(&prompt);
		rc = set_answer(s, field, norm);
		free(norm);
		/* A secret name typed is the user's, even one the same as the offer (libcore/names.h). */
		if (rc == 0 && typed)
			core_names_take(s->app, field);
		if (rc == 0)
			plain_start_loads(s);
		return rc;
	}
}

static int
ask_field(struct plain_session *s, enum rw_field field, field_check check)
{
	return ask_field_or(s, field, check, NULL);
}

/*
 * Asks for an entry of a pick-list (label: what the prompt calls it, NULL:
 * the field's label): *choice gets its index, or
 * PLAIN_PICK_LETTER with *letter.  default_letter (0: none) is what Enter
 * means when the current value is not in the list.  0, or -1 when the
 * session ended.
 */
static int
ask_pick(struct plain_session *s, enum rw_field field, const char *label,
	 struct plain_pick *pick, const char *hint, int default_letter, int *choice, int *letter)
{
	const struct rw_field_info *info = rw_field_info(field);
	char prompt[512], msg[512], shown[RW_SHOWN_MAX], *line, *t;
	int cur = plain_pick_find(pick, answer(s, field)), index, rc = -1;
	const char *cur_label = "";

	if (cur >= 0)
		cur_label = pick->entries[cur].label && *pick->entries[cur].label ?
			    pick->entries[cur].label : pick->entries[cur].value;
	if (cur < 0 && *answer(s, field) && !default_letter) {
		rw_show_value(answer(s, field), shown, sizeof(shown));
		rw_term_printf(stdout, "The %s given, \"%s\", is not in the list.\n", info->label, shown);
	}
	plain_pick_print(pick);
	report_clean(cur_label, shown, sizeof(shown));
	if (!label)
		label = info->label;
	if (cur >= 0)
		snprintf(prompt, sizeof(prompt), "%s (number or name%s) [%s]: ", label,
			 hint ? hint : "", shown);
	else if (default_letter)
		snprintf(prompt, sizeof(prompt), "%s (number or name%s) [%c]: ", label,
			 hint ? hint : "", default_letter);
	else
		snprintf(prompt, sizeof(prompt), "%s (number or name%s): ", label,
			 hint ? hint : "");
	plain_io_set_completion(plain_pick_complete, pick);
	for (;;) {
		if (plain_ask(s, prompt, PLAIN_ECHO, &line) < 0)
			break;
		t = plain_trim(line);
		free(line);
		if (!t) {
			plain_stop(s, rw_status_exit_code(RW_ENOMEM));
			break;
		}
		if (strcmp(t, "?") == 0) {
			print_help(field, 1);
			free(t);
			continue;
		}
		if (!*t && (cur >= 0 || default_letter)) {
			free(t);
			*choice = cur >= 0 ? cur : PLAIN_PICK_LETTER;
			*letter = default_letter;
			rc = 0;
			break;
		}
		if (!*t) {
			rw_term_printf(stdout, "Required -- type a number from 1 to %zu, or a name.\n", pick->count);
			free(t);
			continue;
		}
		index = plain_pick_match(pick, t, letter, msg, sizeof(msg));
		free(t);
		if (index >= 0 || index == PLAIN_PICK_LETTER) {
			*choice = index;
			rc = 0;
			break;
		}
		if (index == PLAIN_PICK_NONE && msg[0])
			plain_say(label, msg);
	}
	plain_io_set_completion(NULL, NULL);
	return rc;
}

static void
say_failure(struct plain_session *s, const char *what, const struct rw_result *r)
{
	char line[1024];

	report_failure(r, s->app->api_base, NULL, REPORT_WIZARD, line, sizeof(line));
	rw_term_printf(stdout, "Could not load the %s: %s\n", what, line);
}

/* ---- field checks ---- */

/* The path's folder must exist (libcore/flow.c, the same check in every mode). */
static int
check_folder(struct plain_session *s, enum rw_field field, const char *path, char *msg,
	     size_t msgsz)
{
	struct core_read r = { &s->loads.lists, s->loads.api, 1, plain_load_wait_one, &s->loads };
	struct rw_problems problems;

	(void) field;
	memset(&problems, 0, sizeof(problems));
	s->loads.waiting_for = CORE_SLOT_FOLDERS;
	s->loads.said = 0;
	if (core_flow_folder_holds(&r, s->app, path, &problems) != CORE_BROKEN || !problems.count)
		return 0;
	snprintf(msg, msgsz, "%s", problems.item[0].message);
	return 1;
}

/* A secret name must not exist in the folder yet, and the two must differ. */
static int
check_secret_name(struct plain_session *s, enum rw_field field, const char *value,
		  char *msg, size_t msgsz)
{
	struct rw_problems problems;
	struct rw_answers both;
	char taken[512], why[512], *path;
	const char *names[1] = { value };
	int n;

	if (field == RW_FIELD_MAP_CLIENT_SECRET) {
		memset(&problems, 0, sizeof(problems));
		rw_answers_init(&both);
		if (rw_answers_copy(&both, &s->app->answers) == 0 &&
		    rw_answers_set(&both, field, value) == 0 &&
		    rw_validate_step(&both, RW_STEP_SECRETS, &problems) > 0) {
			snprintf(msg, msgsz, "%s", problems.item[0].message);
			rw_answers_free(&both);
			return 1;
		}
		rw_answers_free(&both);
	}
	n = plain_names_taken(s, names, 1, taken, sizeof(taken), why, sizeof(why));
	if (n < 0) {
		rw_term_printf(stdout, "Could not check the names already in the folder (%s); the server "
		       "checks them again on create.\n", why);
		return 0;
	}
	if (n == 0)
		return 0;
	path = current_path(s);
	snprintf(msg, msgsz, "The folder \"%s\" of environment %s already holds a secret named "
		 "%s; the rotation creates its own secrets, so choose a name not taken there.",
		 path ? path : "/", answer(s, RW_FIELD_ENVIRONMENT), taken);
	free(path);
	return 1;
}

/* ---- the steps ---- */

static enum plain_next
step_rotation(struct plain_session *s)
{
	if (ask_field(s, RW_FIELD_NAME, NULL) < 0 || ask_field(s, RW_FIELD_DESCRIPTION, NULL) < 0)
		return PLAIN_STOP;
	return PLAIN_NEXT;
}

/* Project and environment typed by hand, when the list cannot be had. */
static enum plain_next
where_by_hand(struct plain_session *s)
{
	plain_io_set_completion(NULL, NULL);
	if (ask_field(s, RW_FIELD_PROJECT, NULL) < 0 || ask_field(s, RW_FIELD_ENVIRONMENT, NULL) < 0)
		return PLAIN_STOP;
	return PLAIN_NEXT;
}

static char **
complete_path(void *ctx, const char *text)
{
	struct plain_session *s = ctx;
	const struct rw_result *r;
	const char *slash = strrchr(text, '/'), *partial;
	size_t dirlen = slash ? (size_t) (slash - text) + 1 : 0, i, n = 0, plen;
	char *dir, *query, **out = NULL;

	if (!(dir = strndup(text, dirlen)))
		return NULL;
	partial = text + dirlen;
	plen = strlen(partial);
	query = rw_normalize_field(RW_FIELD_SECRET_PATH, dirlen ? dir : "/");
	s->loads.quiet = 1;
	r = query ? plain_load_get(&s->loads, CORE_SLOT_FOLDERS, answer(s, RW_FIELD_PROJECT),
				   answer(s, RW_FIELD_ENVIRONMENT), query) : NULL;
	s->loads.quiet = 0;
	if (r && r->status == RW_OK && (out = calloc(r->u.folders.count + 1, sizeof(*out)))) {
		for (i = 0; i < r->u.folders.count; i++) {
			const char *name = r->u.folders.items[i].name;

			if (name && strncmp(name, partial, plen) == 0 &&
			    (out[n] = strbuf_format("%s%s/", dir, name)))
				n++;
		}
		if (!n) {
			free(out);
			out = NULL;
		}
	}
	free(query);
	free(dir);
	return out;
}

/*
 * Room for a pick-list of n entries and their detail strings (which
 * entries_free() frees).  NULL, with the session stopped, when out of memory.
 */
static struct plain_entry *
entries_new(struct plain_session *s, size_t n, char ***details)
{
	struct plain_entry *entries = calloc(n, sizeof(*entries));

	*details = calloc(n, sizeof(**details));
	if (!entries || !*details) {
		free(entries);
		free(*details);
		*details = NULL;
		plain_stop(s, rw_status_exit_code(RW_ENOMEM));
		return NULL;
	}
	return entries;
}

static void
entries_free(struct plain_entry *entries, char **details, size_t n)
{
	size_t i;

	for (i = 0; details && i < n; i++)
		free(details[i]);
	free(details);
	free(entries);
}

static enum plain_next
step_where(struct plain_session *s)
{
	const struct rw_project_list *list;
	const struct rw_project *project;
	const struct rw_result *failed;
	struct plain_entry *entries;
	struct plain_pick pick;
	char **details;
	int choice, letter, c, rc;
	size_t i;

	for (;;) {
		list = project_list(s, &failed);
		if (!list) {
			if (failed)
				say_failure(s, "project list", failed);
			else
				rw_term_printf(stdout, "The project list cannot be loaded now.\n");
			c = plain_ask_letter(s, "r) try again, m) type the project ID and environment "
				       "by hand, q) quit", "rmq", 'r');
			if (c < 0)
				return PLAIN_STOP;
			if (c == 'm') {
				if (where_by_hand(s) == PLAIN_STOP)
					return PLAIN_STOP;
				break;
			}
			s->reload_projects = 1;
			plain_load_forget(&s->loads, CORE_SLOT_PROJECTS);
			continue;
		}
		if (!list->count) {
			rw_term_printf(stdout, "These credentials see no projects on %s. Create a project in "
			       "Infisical, or ask an admin to add you (or the machine identity) "
			       "to one.\n", s->app->api_base);
			c = plain_ask_letter(s, "r) try again, q) quit", "rq", 'r');
			if (c < 0)
				return PLAIN_STOP;
			s->reload_projects = 1;
			plain_load_forget(&s->loads, CORE_SLOT_PROJECTS);
			continue;
		}

		if (!(entries = entries_new(s, list->count, &details)))
			return PLAIN_STOP;
		for (i = 0; i < list->count; i++) {
			entries[i].value = list->items[i].id;
			entries[i].label = list->items[i].name;
			entries[i].alt[0] = list->items[i].slug;
			details[i] = strbuf_format("(%s)", list->items[i].id ? list->items[i].id : "?");
			entries[i].detail = details[i];
		}
		pick = (struct plain_pick) { "project", entries, list->count, NULL };
		rw_term_printf(stdout, "Projects:\n");
		rc = ask_pick(s, RW_FIELD_PROJECT, NULL, &pick, "", 0, &choice, &letter);
		entries_free(entries, details, list->count);
		if (rc < 0)
			return PLAIN_STOP;
		project = &list->items[choice];
		if (!project->id || set_answer(s, RW_FIELD_PROJECT, project->id) < 0)
			return PLAIN_STOP;
		plain_start_loads(s);
		if (!project->environment_count) {
			rw_term_printf(stdout, "The project has no environments; pick another project, or add an "
			       "environment in Infisical.\n");
			continue;
		}

		if (!(entries = entries_new(s, project->environment_count, &details)))
			return PLAIN_STOP;
		for (i = 0; i < project->environment_count; i++) {
			entries[i].value = project->environments[i].slug;
			entries[i].label = project->environments[i].name;
			details[i] = strbuf_format("(%s)", project->environments[i].slug ?
						  project->environments[i].slug : "?");
			entries[i].detail = details[i];
		}
		pick = (struct plain_pick) { "environment", entries, project->environment_count, NULL };
		rw_term_printf(stdout, "Environments of %s:\n", project->name ? project->name : project->id);
		rc = ask_pick(s, RW_FIELD_ENVIRONMENT, NULL, &pick, "", 0, &choice, &letter);
		entries_free(entries, details, project->environment_count);
		if (rc < 0 || set_answer(s, RW_FIELD_ENVIRONMENT,
					 project->environments[choice].slug) < 0)
			return PLAIN_STOP;
		plain_start_loads(s);
		break;
	}

	plain_io_set_completion(complete_path, s);
	rc = ask_field(s, RW_FIELD_SECRET_PATH, check_folder);
	plain_io_set_completion(NULL, NULL);
	return rc < 0 ? PLAIN_STOP : PLAIN_NEXT;
}

static enum plain_next
step_connection(struct plain_session *s)
{
	const struct rw_result *r;
	const struct rw_connection_list *list;
	struct plain_entry *entries;
	struct plain_pick pick;
	char **details;
	int choice, letter, c, rc;
	size_t i;

	for (;;) {
		r = plain_load_get(&s->loads, CORE_SLOT_CONNECTIONS, answer(s, RW_FIELD_PROJECT),
				   NULL, NULL);
		if (!r || r->status != RW_OK) {
			if (r)
				say_failure(s, "connection list", r);
			c = plain_ask_letter(s, "r) try again, m) type the connection ID by hand, q) quit",
				       "rmq", 'r');
			if (c < 0)
				return PLAIN_STOP;
			if (c == 'm')
				return ask_field(s, RW_FIELD_CONNECTION, NULL) < 0 ? PLAIN_STOP : PLAIN_NEXT;
			plain_load_forget(&s->loads, CORE_SLOT_CONNECTIONS);
			continue;
		}
		list = &r->u.connections;
		if (!list->count) {
			rw_term_printf(stdout, "This project can use no Azure Client Secrets connection yet. An "
			       "organization admin creates one in Infisical under Organization "
			       "Settings > App Connections > Azure Client Secrets (it needs Microsoft "
			       "Graph permission to manage app registrations), and gives this "
			       "project access to it. How: %s\n", CONNECTION_DOCS);
			c = plain_ask_letter(s, "r) try again, b) back to step 2 (Where), q) quit", "rbq", 'r');
			if (c < 0)
				return PLAIN_STOP;
			if (c == 'b') {
				s->jump = RW_STEP_WHERE;
				return PLAIN_GOTO;
			}
			plain_load_forget(&s->loads, CORE_SLOT_CONNECTIONS);
			continue;
		}
		break;
	}

	if (!(entries = entries_new(s, list->count, &details)))
		return PLAIN_STOP;
	for (i = 0; i < list->count; i++) {
		entries[i].value = list->items[i].id;
		entries[i].label = list->items[i].name;
		details[i] = strbuf_format("(%s)", list->items[i].id ? list->items[i].id : "?");
		entries[i].detail = details[i];
	}
	pick = (struct plain_pick) { "connection", entries, list->count, NULL };
	rw_term_printf(stdout, "Azure Client Secrets connections:\n");
	rc = ask_pick(s, RW_FIELD_CONNECTION, NULL, &pick, "", 0, &choice, &letter);
	if (rc == 0 && (!list->items[choice].id ||
			set_answer(s, RW_FIELD_CONNECTION, list->items[choice].id) < 0))
		rc = -1;
	entries_free(entries, details, list->count);
	if (rc < 0)
		return PLAIN_STOP;
	plain_start_loads(s);
	return PLAIN_NEXT;
}

/* The three app fields typed by hand, with the same-GUID warning. */
static enum plain_next
app_by_hand(struct plain_session *s)
{
	struct rw_problems warnings;
	int i, yes;

	for (;;) {
		if (ask_field(s, RW_FIELD_OBJECT_ID, NULL) < 0 ||
		    ask_field(s, RW_FIELD_CLIENT_ID, NULL) < 0 ||
		    ask_field(s, RW_FIELD_APP_NAME, NULL) < 0)
			return PLAIN_STOP;
		memset(&warnings, 0, sizeof(warnings));
		if (!rw_answers_warnings(&s->app->answers, &warnings))
			return PLAIN_NEXT;
		for (i = 0; i < warnings.count; i++)
			rw_term_printf(stdout, "Warning: %s\n", warnings.item[i].message);
		if (plain_ask_yes_no(s, "Use these IDs anyway?", 0, &yes) < 0)
			return PLAIN_STOP;
		if (yes)
			return PLAIN_NEXT;
	}
}

static enum plain_next
step_azure_app(struct plain_session *s)
{
	const struct rw_result *r;
	const struct rw_azure_app_list *list;
	const struct rw_azure_app *app;
	struct plain_entry *entries;
	struct plain_pick pick;
	char **details;
	int choice, letter = 0, c, rc, manual_now;
	size_t i;

	for (;;) {
		r = plain_load_get(&s->loads, CORE_SLOT_APPS, answer(s, RW_FIELD_CONNECTION),
				   NULL, NULL);
		if (r && r->status != RW_OK && r->error.http_status == 403) {
			/* The /clients route serves user sessions only (doc/api.md s.6). */
			rw_term_printf(stdout, "The server will not list the Azure apps for these credentials: "
			       "this token is a machine identity; Infisical lists Azure apps for "
			       "user sessions only, so type the IDs from Entra ID > App "
			       "registrations (the app's Overview page).\n");
			return app_by_hand(s);
		}
		if (!r || r->status != RW_OK) {
			if (r)
				say_failure(s, "Azure app list", r);
			c = plain_ask_letter(s, "r) try again, m) type the IDs by hand, q) quit", "rmq", 'r');
			if (c < 0)
				return PLAIN_STOP;
			if (c == 'm')
				return app_by_hand(s);
			plain_load_forget(&s->loads, CORE_SLOT_APPS);
			continue;
		}
		list = &r->u.apps;
		if (!list->count) {
			rw_term_printf(stdout, "The connection sees no app registrations. Check in Entra ID that "
			       "the app exists and that the connection may manage it, or type its "
			       "IDs by hand.\n");
			c = plain_ask_letter(s, "r) try again, m) type the IDs by hand, q) quit", "rmq", 'm');
			if (c < 0)
				return PLAIN_STOP;
			if (c == 'm')
				return app_by_hand(s);
			plain_load_forget(&s->loads, CORE_SLOT_APPS);
			continue;
		}
		break;
	}

	if (!(entries = entries_new(s, list->count, &details)))
		return PLAIN_STOP;
	for (i = 0; i < list->count; i++) {
		app = &list->items[i];
		entries[i].value = app->object_id;
		entries[i].label = app->name;
		entries[i].alt[0] = app->client_id;
		details[i] = strbuf_format("Application (client) ID %s, Object ID %s",
					  app->client_id ? app->client_id : "?",
					  app->object_id ? app->object_id : "?");
		entries[i].detail = details[i];
	}
	pick = (struct plain_pick) { "Azure app", entries, list->count, "m" };
	/* IDs typed by hand before (not in the list) are kept by Enter. */
	manual_now = rw_answers_is_set(&s->app->answers, RW_FIELD_OBJECT_ID) &&
		     plain_pick_find(&pick, answer(s, RW_FIELD_OBJECT_ID)) < 0;
	rw_term_printf(stdout, "Azure apps the connection can manage:\n");
	rc = ask_pick(s, RW_FIELD_OBJECT_ID, "Azure app", &pick, "; m types the IDs by hand",
		      manual_now ? 'm' : 0, &choice, &letter);
	entries_free(entries, details, list->count);
	if (rc < 0)
		return PLAIN_STOP;
	if (choice == PLAIN_PICK_LETTER)
		return app_by_hand(s);
	app = &list->items[choice];
	if (!app->object_id || !app->client_id ||
	    set_answer(s, RW_FIELD_OBJECT_ID, app->object_id) < 0 ||
	    set_answer(s, RW_FIELD_CLIENT_ID, app->client_id) < 0 ||
	    set_answer(s, RW_FIELD_APP_NAME, app->name ? app->name : "") < 0)
		return PLAIN_STOP;
	rw_term_printf(stdout, "Chosen: %s\n", app->name ? app->name : app->object_id);
	return PLAIN_NEXT;
}

/*
 * The hour prompt also takes the whole time (doc/contract.md 2.2, decision
 * 8): "06:30" or "06:30 UTC" in UTC, "07:30 local" in the zone of TZ,
 * turned into UTC by today's offset and said in both zones.  An hour alone
 * is the field's own answer, and the minute is asked next.
 */
static int
rotate_at_whole(struct plain_session *s, const char *value, char *msg, size_t msgsz)
{
	time_t now = time(NULL);
	char text[64], both[256], num[8];
	size_t n;
	int local = 0, hours, minutes, fault;

	snprintf(text, sizeof(text), "%s", value);
	n = strlen(text);
	if (n >= 6 && strcasecmp(text + n - 5, "local") == 0 && (n == 5 || text[n - 6] == ' ')) {
		local = 1;
		text[n - 5] = '\0';
	} else if (n >= 4 && strcasecmp(text + n - 3, "utc") == 0 && text[n - 4] == ' ') {
		text[n - 3] = '\0';
	}
	while ((n = strlen(text)) > 0 && text[n - 1] == ' ')
		text[n - 1] = '\0';
	if (!local && !strchr(text, ':'))
		return 0;
	if (local) {
		if (rw_schedule_parse_local(now, text, "Rotate at (local time)", &hours, &minutes,
					    msg, msgsz) < 0)
			return -1;
	} else if ((fault = rw_schedule_parse_hhmm(text, &hours, &minutes)) != 0) {
		rw_schedule_hhmm_message(fault, text, "Rotate at (UTC)", msg, msgsz);
		return -1;
	}
	snprintf(num, sizeof(num), "%d", hours);
	if (set_answer(s, RW_FIELD_HOURS, num) < 0)
		return -1;
	snprintf(num, sizeof(num), "%d", minutes);
	if (set_answer(s, RW_FIELD_MINUTES, num) < 0)
		return -1;
	rw_schedule_both_zones(now, hours, minutes, 1, both, sizeof(both));
	rw_term_printf(stdout, "Rotate at %s.\n", both);
	return 1;
}

static enum plain_next
step_schedule(struct plain_session *s)
{
	char text[512], zone[128];
	int rc;

	if (ask_field(s, RW_FIELD_AUTO_ROTATION, NULL) < 0 ||
	    ask_field(s, RW_FIELD_INTERVAL, NULL) < 0)
		return PLAIN_STOP;
	rw_schedule_zone_name(time(NULL), zone, sizeof(zone));
	rw_term_printf(stdout, "Rotate at: the hour in UTC (the minute is asked next), HH:MM in UTC, or HH:MM "
	       "local (%s).\n", zone);
	rc = ask_field_or(s, RW_FIELD_HOURS, NULL, rotate_at_whole);
	if (rc < 0 || (rc == 0 && ask_field(s, RW_FIELD_MINUTES, NULL) < 0))
		return PLAIN_STOP;
	rw_schedule_text(time(NULL), strcmp(answer(s, RW_FIELD_AUTO_ROTATION), "yes") == 0,
			    atol(answer(s, RW_FIELD_INTERVAL)), atoi(answer(s, RW_FIELD_HOURS)),
			    atoi(answer(s, RW_FIELD_MINUTES)), text, sizeof(text));
	rw_term_printf(stdout, "%s\n", text);
	return PLAIN_NEXT;
}

static enum plain_next
step_secrets(struct plain_session *s)
{
	char *path = current_path(s);

	rw_term_printf(stdout, "The rotation creates two secrets in %s of environment %s, one for each "
	       "credential.\n", path ? path : "the folder", answer(s, RW_FIELD_ENVIRONMENT));
	free(path);
	if (ask_field(s, RW_FIELD_MAP_CLIENT_ID, check_secret_name) < 0 ||
	    ask_field(s, RW_FIELD_MAP_CLIENT_SECRET, check_secret_name) < 0)
		return PLAIN_STOP;
	return PLAIN_NEXT;
}

enum plain_next
plain_edit_fields(struct plain_session *s)
{
	/*
	 * The wizard's questions and checks, its answers the rotation's values.
	 * The secret names are not checked against the folder: it holds the
	 * rotation's own, and the server refuses any other's.
	 */
	if (step_rotation(s) != PLAIN_NEXT || step_schedule(s) != PLAIN_NEXT ||
	    ask_field(s, RW_FIELD_MAP_CLIENT_ID, NULL) < 0 ||
	    ask_field(s, RW_FIELD_MAP_CLIENT_SECRET, NULL) < 0)
		return PLAIN_STOP;
	return PLAIN_NEXT;
}

enum plain_next
plain_step_fields(struct plain_session *s, enum rw_step step)
{
	switch (step) {
	case RW_STEP_ROTATION:
		return step_rotation(s);
	case RW_STEP_WHERE:
		return step_where(s);
	case RW_STEP_CONNECTION:
		return step_connection(s);
	case RW_STEP_AZURE_APP:
		return step_azure_app(s);
	case RW_STEP_SCHEDULE:
		return step_schedule(s);
	case RW_STEP_SECRETS:
		return step_secrets(s);
	default:
		return PLAIN_NEXT;
	}
}
