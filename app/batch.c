#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/batch.h"
#include "common/term.h"
#include "libcore/batch.h"
#include "libcore/flow.h"
#include "libcore/lists.h"
#include "libcore/names.h"
#include "libcore/report.h"
#include "libcore/signin.h"
#include "libcore/terraform.h"
#include "common/strbuf.h"
#include "common/secret.h"
#include "forms/body.h"
#include "forms/rows.h"
#include "forms/validate.h"
#include "net/api.h"

/* Each valid answer in its canonical form (path "/a/b", GUIDs lowercase...). */
static int
normalize_answers(struct rw_answers *answers)
{
	int i;

	for (i = 0; i < RW_FIELD_COUNT; i++) {
		enum rw_field f = (enum rw_field) i;
		char *canonical;

		if (!rw_answers_is_set(answers, f))
			continue;
		if (!(canonical = rw_normalize_field(f, rw_answers_get(answers, f))))
			return -1;
		if (rw_answers_set(answers, f, canonical) < 0) {
			free(canonical);
			return -1;
		}
		free(canonical);
	}
	return 0;
}

/* Every rule over every step; prints the problems.  0, or the exit code. */
static int
check_answers(struct app *app)
{
	struct rw_problems problems, warnings;
	char clean[RW_MESSAGE_MAX];
	int i;

	memset(&problems, 0, sizeof(problems));
	memset(&warnings, 0, sizeof(warnings));
	/* Mapping names not given are the core's to choose once the folder is known. */
	if (core_names_claim(app) < 0 || rw_answers_apply_defaults(&app->answers) < 0) {
		rw_term_printf(stderr, "rotwiz: out of memory\n");
		return rw_status_exit_code(RW_ENOMEM);
	}
	rw_validate_step(&app->answers, RW_STEP_COUNT, &problems);
	if (problems.count) {
		report_problems(stderr, &problems);
		return rw_status_exit_code(RW_EINVAL);
	}
	if (normalize_answers(&app->answers) < 0) {
		rw_term_printf(stderr, "rotwiz: out of memory\n");
		return rw_status_exit_code(RW_ENOMEM);
	}
	rw_answers_warnings(&app->answers, &warnings);
	for (i = 0; i < warnings.count; i++) {
		report_clean(warnings.item[i].message, clean, sizeof(clean));
		rw_term_printf(stderr, "rotwiz: warning: %s\n", clean);
	}
	return 0;
}

/* --print-terraform: a resource for each of n answers, the caveats first. */
static int
print_terraform(const struct rw_answers *const *answers, size_t n)
{
	struct rw_rotation *rots = calloc(n + 1, sizeof(*rots));
	const struct rw_rotation **list = calloc(n + 1, sizeof(*list));
	char *text = NULL;
	size_t i;

	if (rots && list) {
		for (i = 0; i < n; i++) {
			core_terraform_from_answers(answers[i], &rots[i]);
			list[i] = &rots[i];
		}
		text = core_terraform_text(list, n);
	}
	free(rots);
	free(list);
	if (!text) {
		rw_term_printf(stderr, "rotwiz: out of memory\n");
		return rw_status_exit_code(RW_ENOMEM);
	}
	/* The HCL escapes every control character: the terminal rule changes nothing else. */
	rw_term_puts(text, stdout, RW_TERM_LINES);
	free(text);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int
print_terraform_rows(struct rw_rows *rows)
{
	const struct rw_answers **list = calloc(rows->count + 1, sizeof(*list));
	size_t i;
	int rc;

	if (!list) {
		rw_term_printf(stderr, "rotwiz: out of memory\n");
		return rw_status_exit_code(RW_ENOMEM);
	}
	for (i = 0; i < rows->count; i++)
		list[i] = &rows->row[i].answers;
	rc = print_terraform(list, rows->count);
	free(list);
	return rc;
}

/* --dry-run: the body; --print-curl: the command; both: the body, a blank line, the command. */
static int
print_only(struct app *app, const char *body)
{
	char *curl;

	if (app->opt.dry_run) {
		/* JSON escapes keep it valid JSON with the same values (common/term.h). */
		rw_term_puts(body, stdout, RW_TERM_JSON);
		putchar('\n');
	}
	if (app->opt.print_curl) {
		/* --demo --print-curl starts no sandbox, so has no URL of its own. */
		if (!(curl = rw_curl_command(app->api_base ? app->api_base :
					     SIGNIN_DEFAULT_DOMAIN "/api", body))) {
			rw_term_printf(stderr, "rotwiz: out of memory\n");
			return rw_status_exit_code(RW_ENOMEM);
		}
		rw_term_printf(stdout, "%s%s\n", app->opt.dry_run ? "\n" : "", curl);
		free(curl);
	}
	if (app->opt.print_terraform) {
		const struct rw_answers *one = &app->answers;

		if (app->opt.dry_run || app->opt.print_curl)
			putchar('\n');
		return print_terraform(&one, 1);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

static int
fail(struct app *app, struct rw_result *result)
{
	char line[REPORT_FAILURE_MAX];

	report_failure(result, app->api_base, &app->answers, REPORT_CLI, line, sizeof(line));
	rw_term_printf(stderr, "rotwiz: %s\n", line);
	/* A create that may have been made is neither a refusal nor a network failure. */
	if (result->kind == RW_CALL_CREATE && result->outcome_unknown)
		return RW_EXIT_OUTCOME_UNKNOWN;
	return rw_status_exit_code(result->status);
}

/*
 * The Where answers against what the server lists (libcore/flow.h): the
 * project (by id, or the slug already turned into its id), the environment
 * in it, the folder existing -- a typo is caught here, with the choices
 * named, before anything is made.  0, or the exit code.
 */
static int
check_where(struct app *app, struct core_lists *lists)
{
	struct core_read read = { lists, app->api, 1, NULL, NULL };
	struct rw_problems problems;

	memset(&problems, 0, sizeof(problems));
	if (core_flow_holds(&read, app, RW_STEP_WHERE, &problems) != CORE_BROKEN)
		return 0;
	report_problems(stderr, &problems);
	return rw_status_exit_code(RW_EINVAL);
}

/*
 * The mapping names against the secrets already in the folder
 * (doc/api.md s.11): a clash would make the server refuse the
 * create, so it is an invalid value found before sending (exit 2).
 */
static int
check_mapping(struct app *app)
{
	const char *id_name = rw_answers_get(&app->answers, RW_FIELD_MAP_CLIENT_ID);
	const char *secret_name = rw_answers_get(&app->answers, RW_FIELD_MAP_CLIENT_SECRET);
	struct rw_result result;
	int in_id, in_secret, changed, rc = 0;

	if (rw_api_wait_for(app->api, rw_api_secret_names(app->api,
					       rw_answers_get(&app->answers, RW_FIELD_PROJECT),
					       rw_answers_get(&app->answers, RW_FIELD_ENVIRONMENT),
					       rw_answers_get(&app->answers, RW_FIELD_SECRET_PATH),
					       NULL), &result) != RW_OK) {
		/* The real server's SecretPathNotFound: the folder is missing (doc/api.md s.11). */
		if (result.error.http_status == 404)
			rw_term_printf(stderr, "rotwiz: there is no folder %s in environment %s of project "
				"%s -- create it in Infisical first, or check --secret-path\n",
				rw_answers_get(&app->answers, RW_FIELD_SECRET_PATH),
				rw_answers_get(&app->answers, RW_FIELD_ENVIRONMENT),
				rw_answers_get(&app->answers, RW_FIELD_PROJECT));
		rc = result.error.http_status == 404 ? rw_status_exit_code(RW_EINVAL) :
		     fail(app, &result);
		rw_result_free(&result);
		return rc;
	}
	/* Names not given: free ones, said on stderr when they are not the first pair. */
	if (core_names_offer(app, &result.u.secret_names, &changed) < 0) {
		rw_result_free(&result);
		rw_term_printf(stderr, "rotwiz: out of memory\n");
		return rw_status_exit_code(RW_ENOMEM);
	}
	id_name = rw_answers_get(&app->answers, RW_FIELD_MAP_CLIENT_ID);
	secret_name = rw_answers_get(&app->answers, RW_FIELD_MAP_CLIENT_SECRET);
	if (changed)
		rw_term_printf(stderr, "rotwiz: %s already holds AZURE_CLIENT_ID or AZURE_CLIENT_SECRET: "
			"the rotation's secrets are named %s and %s (--map-client-id / "
			"--map-client-secret choose others)\n",
			rw_answers_get(&app->answers, RW_FIELD_SECRET_PATH), id_name, secret_name);
	in_id = rw_name_list_has(&result.u.secret_names, id_name);
	in_secret = rw_name_list_has(&result.u.secret_names, secret_name);
	if (in_id || in_secret) {
		rw_term_printf(stderr, "rotwiz: the folder %s of environment %s already has %s%s%s "
			"-- choose %s with %s%s%s\n",
			rw_answers_get(&app->answers, RW_FIELD_SECRET_PATH),
			rw_answers_get(&app->answers, RW_FIELD_ENVIRONMENT),
			in_id ? id_name : "", in_id && in_secret ? " and " : "",
			in_secret ? secret_name : "",
			in_id && in_secret ? "other names" : "another name",
			in_id ? "--map-client-id" : "", in_id && in_secret ? " / " : "",
			in_secret ? "--map-client-secret" : "");
		rc = 2;
	}
	rw_result_free(&result);
	return rc;
}

static int
create(struct app *app, const char *body)
{
	struct core_created created;
	struct rw_result result;
	char *text;
	int rc = 0;

	if (rw_api_wait_for(app->api, core_flow_create_start(app, body, NULL), &result) != RW_OK) {
		core_flow_created(app, &result, &created);
		rc = fail(app, &result);
		rw_result_free(&result);
		return rc;
	}
	core_flow_created(app, &result, &created);
	if (result.recovered)
		rw_term_printf(stderr, "rotwiz: " CORE_CREATED_FOUND "\n");
	text = app->opt.json ? rw_rotation_json(&result.u.rotation)
			     : report_summary(&result.u.rotation);
	if (!text) {
		rw_term_printf(stderr, "rotwiz: the rotation was created, but rotwiz ran out of memory "
			"showing it\n");
	} else {
		rc = app->opt.json ? report_put_json(stdout, text) : report_put_summary(stdout, text);
		free(text);
	}
	rw_result_free(&result);
	return rc;
}

/* ---- a file of many rotations (issue 13) ---- */

/* The names claimed in one folder: the server's secrets, then each row's as it is given. */
struct folder {
	char *project, *environment, *path;
	struct rw_name_list taken;
	struct rw_name_list rotations;	/* rotation names of the rows, for the duplicate check */
	int loaded;
};

struct run {
	struct app *app;
	struct rw_rows *rows;
	struct folder *folder;
	size_t folder_count;
	size_t *folder_of;	/* each row's folder */
	int *names_given;	/* each row: bit 0 client id, bit 1 client secret */
	size_t bad_rows;
};

static void
run_free(struct run *run)
{
	size_t i;

	for (i = 0; i < run->folder_count; i++) {
		free(run->folder[i].project);
		free(run->folder[i].environment);
		free(run->folder[i].path);
		rw_name_list_free(&run->folder[i].taken);
		rw_name_list_free(&run->folder[i].rotations);
	}
	free(run->folder);
	free(run->folder_of);
	free(run->names_given);
}

static struct rw_problems *
row_problems(struct rw_row *r)
{
	if (!r->problems)
		r->problems = calloc(1, sizeof(*r->problems));
	return r->problems;
}

/* "FILE: row 3 (line 4): message (--flag)" for every problem of every row. */
static void
print_row_problems(const struct run *run)
{
	const struct rw_field_info *info;
	char clean[RW_MESSAGE_MAX], where[64];
	size_t r;
	int i;

	for (i = 0; i < run->rows->problems.count; i++) {
		report_clean(run->rows->problems.item[i].message, clean, sizeof(clean));
		rw_term_printf(stderr, "rotwiz: %s: %s -- fix the file\n", run->app->opt.from_file,
			       clean);
	}
	for (r = 0; r < run->rows->count; r++) {
		const struct rw_row *row = &run->rows->row[r];

		if (!row->problems)
			continue;
		if (row->line)
			snprintf(where, sizeof(where), "row %zu (line %zu)", r + 1, row->line);
		else
			snprintf(where, sizeof(where), "row %zu", r + 1);
		for (i = 0; i < row->problems->count; i++) {
			const struct rw_problem *p = &row->problems->item[i];

			report_clean(p->message, clean, sizeof(clean));
			info = rw_field_info(p->field);
			if (info && run->rows->format == RW_ROWS_CSV && !strstr(clean, "--"))
				rw_term_printf(stderr, "rotwiz: %s: %s: %s (column %s)\n",
					       run->app->opt.from_file, where, clean,
					       p->field == RW_FIELD_HOURS || p->field == RW_FIELD_MINUTES ?
					       "rotate-at" : p->field == RW_FIELD_AUTO_ROTATION ?
					       "auto-rotation" : info->flag);
			else if (info && !strstr(clean, "--"))
				rw_term_printf(stderr, "rotwiz: %s: %s: %s (%s)\n",
					       run->app->opt.from_file, where, clean, info->api_path);
			else
				rw_term_printf(stderr, "rotwiz: %s: %s: %s\n",
					       run->app->opt.from_file, where, clean);
		}
	}
}

static int
count_bad(struct run *run)
{
	size_t r;

	run->bad_rows = 0;
	for (r = 0; r < run->rows->count; r++)
		if (run->rows->row[r].problems && run->rows->row[r].problems->count)
			run->bad_rows++;
	return run->bad_rows || run->rows->problems.count;
}

/* Rows with problems: every problem said, and that nothing was sent.  1 when there were any. */
static int
refuse_bad_rows(struct run *run)
{
	if (!count_bad(run))
		return 0;
	print_row_problems(run);
	rw_term_printf(stderr, "rotwiz: %s: %zu of %zu rows have problems: nothing was sent\n",
		       run->app->opt.from_file, run->bad_rows, run->rows->count);
	return 1;
}

/* The row's folder (project, environment, path), found or added.  -1 when out of memory. */
static int
folder_for(struct run *run, size_t r)
{
	const struct rw_answers *a = &run->rows->row[r].answers;
	const char *p = rw_answers_get(a, RW_FIELD_PROJECT), *e = rw_answers_get(a, RW_FIELD_ENVIRONMENT),
		   *path = rw_answers_get(a, RW_FIELD_SECRET_PATH);
	struct folder *grown, *f;
	size_t i;

	for (i = 0; i < run->folder_count; i++) {
		f = &run->folder[i];
		if (!strcmp(f->project, p) && !strcmp(f->environment, e) && !strcmp(f->path, path)) {
			run->folder_of[r] = i;
			return 0;
		}
	}
	if (!(grown = realloc(run->folder, (run->folder_count + 1) * sizeof(*grown))))
		return -1;
	run->folder = grown;
	f = &grown[run->folder_count];
	memset(f, 0, sizeof(*f));
	f->project = strdup(p);
	f->environment = strdup(e);
	f->path = strdup(path);
	run->folder_of[r] = run->folder_count++;
	return f->project && f->environment && f->path ? 0 : -1;
}

/*
 * Every row alone: the flags were laid over it (app/setup.c); the Where
 * answers from the environment fill what neither gave, then the defaults;
 * every rule over every step.  Secret names not given are left for later:
 * they depend on the folder's names and on the rows before.
 */
static int
check_rows_alone(struct run *run)
{
	struct rw_problems warnings;
	char clean[RW_MESSAGE_MAX];
	size_t r;
	int i, m;

	for (r = 0; r < run->rows->count; r++) {
		struct rw_row *row = &run->rows->row[r];
		struct rw_problems found;

		for (i = 0; i < RW_FIELD_COUNT; i++) {
			enum rw_field f = (enum rw_field) i;

			if (!rw_answers_is_set(&row->answers, f) && rw_answers_is_set(&run->app->answers, f) &&
			    rw_answers_set(&row->answers, f, rw_answers_get(&run->app->answers, f)) < 0)
				return -1;
		}
		run->names_given[r] = (rw_answers_is_set(&row->answers, RW_FIELD_MAP_CLIENT_ID) ? 1 : 0) |
				      (rw_answers_is_set(&row->answers, RW_FIELD_MAP_CLIENT_SECRET) ? 2 : 0);
		if (rw_answers_apply_defaults(&row->answers) < 0)
			return -1;
		/* Checked with placeholder names where none were given: they are chosen later. */
		for (m = 0; m < 2; m++)
			if (!(run->names_given[r] & (1 << m)) &&
			    rw_answers_set(&row->answers, m ? RW_FIELD_MAP_CLIENT_SECRET :
					   RW_FIELD_MAP_CLIENT_ID, m ? "ROW_CLIENT_SECRET" : "ROW_CLIENT_ID") < 0)
				return -1;
		memset(&found, 0, sizeof(found));
		rw_validate_step(&row->answers, RW_STEP_COUNT, &found);
		if (found.count) {
			struct rw_problems *p = row_problems(row);

			if (!p)
				return -1;
			for (i = 0; i < found.count; i++)
				rw_problems_add(p, found.item[i].field, "%s", found.item[i].message);
			continue;
		}
		if (normalize_answers(&row->answers) < 0 || folder_for(run, r) < 0)
			return -1;
		memset(&warnings, 0, sizeof(warnings));
		rw_answers_warnings(&row->answers, &warnings);
		for (i = 0; i < warnings.count; i++) {
			report_clean(warnings.item[i].message, clean, sizeof(clean));
			rw_term_printf(stderr, "rotwiz: warning: %s: row %zu: %s\n", run->app->opt.from_file,
				       r + 1, clean);
		}
	}
	return 0;
}

/*
 * Across the rows of one folder: each rotation name once (the server
 * refuses a second), each secret name once; names not given are chosen
 * from decision 29's templates, free of the folder's and the rows' before.
 */
static int
check_rows_together(struct run *run)
{
	char id[CORE_NAME_MAX], secret[CORE_NAME_MAX], shown[RW_SHOWN_MAX];
	size_t r, k;

	for (r = 0; r < run->rows->count; r++) {
		struct rw_row *row = &run->rows->row[r];
		struct folder *f;
		const char *name = rw_answers_get(&row->answers, RW_FIELD_NAME);
		int given = run->names_given[r], m;

		if (row->problems && row->problems->count)
			continue;
		f = &run->folder[run->folder_of[r]];
		if (rw_name_list_has(&f->rotations, name)) {
			for (k = 0; k < r && (run->folder_of[k] != run->folder_of[r] ||
					      strcmp(rw_answers_get(&run->rows->row[k].answers,
								    RW_FIELD_NAME), name)); k++)
				;
			rw_show_value(name, shown, sizeof(shown));
			if (!row_problems(row))
				return -1;
			rw_problems_add(row->problems, RW_FIELD_NAME, "Name: \"%s\" is row %zu's name too, "
					"in the same folder %s -- each rotation needs its own name",
					shown, k + 1, f->path);
		} else if (rw_name_list_add(&f->rotations, name) < 0) {
			return -1;
		}
		core_batch_names(&f->taken, rw_answers_get(&row->answers, RW_FIELD_APP_NAME), id, secret);
		if (!(given & 1) && rw_answers_set(&row->answers, RW_FIELD_MAP_CLIENT_ID, id) < 0)
			return -1;
		if (!(given & 2) && rw_answers_set(&row->answers, RW_FIELD_MAP_CLIENT_SECRET, secret) < 0)
			return -1;
		for (m = 0; m < 2; m++) {
			enum rw_field fld = m ? RW_FIELD_MAP_CLIENT_SECRET : RW_FIELD_MAP_CLIENT_ID;
			const char *v = rw_answers_get(&row->answers, fld);

			if (rw_name_list_has(&f->taken, v)) {
				rw_show_value(v, shown, sizeof(shown));
				if (!row_problems(row))
					return -1;
				rw_problems_add(row->problems, fld, "%s: the folder %s of environment %s "
						"already has %s%s -- choose another name",
						rw_field_info(fld)->label, f->path, f->environment, shown,
						f->loaded ? "" : " (an earlier row's)");
			} else if (rw_name_list_add(&f->taken, v) < 0) {
				return -1;
			}
		}
	}
	return 0;
}

/*
 * The rotations each project holds, once a project: a row whose name is
 * taken in its folder is refused before anything is sent (the server
 * would refuse it alone, after others were made); a row whose app already
 * has a rotation there is said, since two rotations of one app each add a
 * client secret to it.  0, -1 when out of memory, or an exit code.
 */
static int
check_rows_existing(struct run *run)
{
	char shown[RW_SHOWN_MAX];
	struct rw_result result;
	size_t r, k, j;
	int rc = 0;

	for (r = 0; r < run->rows->count && !rc; r++) {
		const char *project = rw_answers_get(&run->rows->row[r].answers, RW_FIELD_PROJECT);

		for (k = 0; k < r && strcmp(project, rw_answers_get(&run->rows->row[k].answers,
								   RW_FIELD_PROJECT)); k++)
			;
		if (k < r)
			continue;	/* this project was looked at for an earlier row */
		if (rw_api_wait_for(run->app->api, rw_api_list(run->app->api, project, NULL),
				    &result) != RW_OK) {
			rc = fail(run->app, &result);
			rw_result_free(&result);
			break;
		}
		for (k = r; k < run->rows->count; k++) {
			struct rw_row *row = &run->rows->row[k];
			const struct rw_answers *a = &row->answers;

			/* Also a row with problems already: every problem is listed at once. */
			if (strcmp(project, rw_answers_get(a, RW_FIELD_PROJECT)))
				continue;
			for (j = 0; j < result.u.rotations.count; j++) {
				const struct rw_rotation *x = &result.u.rotations.items[j];

				if (!x->environment_slug || !x->folder_path ||
				    strcmp(x->environment_slug, rw_answers_get(a, RW_FIELD_ENVIRONMENT)) ||
				    strcmp(x->folder_path, rw_answers_get(a, RW_FIELD_SECRET_PATH)))
					continue;
				if (x->name && !strcmp(x->name, rw_answers_get(a, RW_FIELD_NAME))) {
					rw_show_value(x->name, shown, sizeof(shown));
					if (!row_problems(row)) {
						rw_result_free(&result);
						return -1;
					}
					rw_problems_add(row->problems, RW_FIELD_NAME, "Name: a rotation named "
							"\"%s\" already exists in %s %s -- choose another name",
							shown, x->environment_slug, x->folder_path);
				} else if (x->object_id &&
					   !strcmp(x->object_id, rw_answers_get(a, RW_FIELD_OBJECT_ID))) {
					rw_show_value(x->name ? x->name : "", shown, sizeof(shown));
					rw_term_printf(stderr, "rotwiz: warning: %s: row %zu: the app already has "
						       "the rotation \"%s\" in %s %s: each one adds a client "
						       "secret to it\n", run->app->opt.from_file, k + 1, shown,
						       x->environment_slug, x->folder_path);
				}
			}
		}
		rw_result_free(&result);
	}
	return rc;
}

/*
 * What the server lists, for each folder once: the project (a slug
 * becomes its id), the environment and the folder (libcore/flow.h), the
 * secrets already in it.  Problems go to the folder's rows.  0, -1 when
 * out of memory, or an exit code (> 0) when the server could not be asked.
 */
static int
check_rows_server(struct run *run, struct core_lists *lists)
{
	struct core_read read = { lists, run->app->api, 1, NULL, NULL };
	struct rw_answers saved = run->app->answers;
	char note[600];
	struct rw_problems problems;
	struct rw_result result;
	size_t i, r;
	int rc = 0, j;

	for (i = 0; i < run->folder_count && !rc; i++) {
		struct folder *f = &run->folder[i];
		struct rw_row *first = NULL;

		for (r = 0; r < run->rows->count && !first; r++)
			if (run->folder_of[r] == i && !(run->rows->row[r].problems &&
							run->rows->row[r].problems->count))
				first = &run->rows->row[r];
		if (!first)
			continue;
		/* The core's checks read app->answers: lend them the folder's first row. */
		memset(&problems, 0, sizeof(problems));
		run->app->answers = first->answers;
		if (core_project_resolve(run->app, note, sizeof(note)) < 0) {
			first->answers = run->app->answers;
			run->app->answers = saved;
			return -1;
		}
		if (core_flow_holds(&read, run->app, RW_STEP_WHERE, &problems) == CORE_BROKEN) {
			/* Its problems go to each of the folder's rows below. */
		} else if (rw_api_wait_for(run->app->api, rw_api_secret_names(run->app->api,
				rw_answers_get(&run->app->answers, RW_FIELD_PROJECT),
				f->environment, f->path, NULL), &result) != RW_OK) {
			/* The real server's SecretPathNotFound (doc/api.md s.11). */
			if (result.error.http_status == 404)
				rw_problems_add(&problems, RW_FIELD_SECRET_PATH, "there is no folder %s in "
						"environment %s -- create it in Infisical first", f->path,
						f->environment);
			else
				rc = fail(run->app, &result);
			rw_result_free(&result);
		} else {
			/* The names the rows claimed so far were their own: the server's come first. */
			rw_name_list_free(&f->taken);
			f->taken = result.u.secret_names;
			memset(&result.u.secret_names, 0, sizeof(result.u.secret_names));
			f->loaded = 1;
			rw_result_free(&result);
		}
		first->answers = run->app->answers;
		run->app->answers = saved;
		if (note[0])
			rw_term_printf(stderr, "rotwiz: %s\n", note);
		for (r = 0; r < run->rows->count; r++) {
			struct rw_row *row = &run->rows->row[r];

			if (run->folder_of[r] != i || (row->problems && row->problems->count))
				continue;
			if (row != first && rw_answers_set(&row->answers, RW_FIELD_PROJECT,
					rw_answers_get(&first->answers, RW_FIELD_PROJECT)) < 0)
				return -1;
			for (j = 0; j < problems.count; j++) {
				if (!row_problems(row))
					return -1;
				rw_problems_add(row->problems, problems.item[j].field, "%s",
						problems.item[j].message);
			}
		}
	}
	if (rc)
		return rc;
	/* The secret names again, now against what the folders hold. */
	for (i = 0; i < run->folder_count; i++)
		rw_name_list_free(&run->folder[i].rotations);
	for (r = 0; r < run->rows->count; r++) {
		struct rw_row *row = &run->rows->row[r];

		if (row->problems && row->problems->count)
			continue;
		for (j = 0; j < 2; j++)
			if (!(run->names_given[r] & (1 << j)))
				rw_answers_set(&row->answers, j ? RW_FIELD_MAP_CLIENT_SECRET :
					       RW_FIELD_MAP_CLIENT_ID, NULL);
	}
	if ((rc = check_rows_together(run)) != 0)
		return rc;
	return check_rows_existing(run);
}

/* --dry-run: a JSON array of the bodies (a file --from-file reads back); --print-curl: a command each. */
static int
print_rows(struct run *run)
{
	size_t r;
	char *body, *curl;

	if (run->app->opt.dry_run)
		fputs("[\n", stdout);
	for (r = 0; r < run->rows->count; r++) {
		if (!(body = rw_body_build(&run->rows->row[r].answers)))
			return rw_status_exit_code(RW_ENOMEM);
		if (run->app->opt.dry_run) {
			rw_term_puts(body, stdout, RW_TERM_JSON);
			fputs(r + 1 < run->rows->count ? ",\n" : "\n", stdout);
		}
		if (run->app->opt.print_curl && !run->app->opt.dry_run) {
			if (!(curl = rw_curl_command(run->app->api_base ? run->app->api_base :
						     SIGNIN_DEFAULT_DOMAIN "/api", body))) {
				free(body);
				return rw_status_exit_code(RW_ENOMEM);
			}
			rw_term_printf(stdout, "%s\n", curl);
			free(curl);
		}
		free(body);
	}
	if (run->app->opt.dry_run)
		fputs("]\n", stdout);
	if (run->app->opt.print_terraform)
		return print_terraform_rows(run->rows);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* Ctrl-C during the creates: a byte on this pipe (core_batch_run() reads it). */
static int stop_pipe[2] = { -1, -1 };

static void
on_interrupt(int sig)
{
	int saved = errno;
	char c = 1;

	(void) sig;
	/* A full pipe already holds a stop: a failed write loses nothing. */
	if (stop_pipe[1] >= 0 && write(stop_pipe[1], &c, 1) < 0)
		c = 0;
	errno = saved;
}

struct progress {
	struct run *run;
	size_t done;
};

/* A line on stderr for each row that ends other than created; the rest is the final table. */
static void
on_progress(void *user, const struct core_batch *batch, size_t i)
{
	struct progress *pr = user;
	const struct core_batch_item *it = &batch->item[i];
	char line[REPORT_FAILURE_MAX];

	if (it->state == CORE_BATCH_FAILED || it->state == CORE_BATCH_UNKNOWN) {
		report_failure(&it->result, pr->run->app->api_base, &pr->run->rows->row[i].answers,
			       REPORT_CLI, line, sizeof(line));
		rw_term_printf(stderr, "rotwiz: row %zu: %s\n", i + 1, line);
	}
}

static const char *
state_word(enum core_batch_state s)
{
	switch (s) {
	case CORE_BATCH_CREATED:	return "created";
	case CORE_BATCH_UNKNOWN:	return "unknown";
	case CORE_BATCH_FAILED:		return "failed";
	default:			return "not sent";
	}
}

/* Row order, one line each (--json: one object each), then the totals on stderr. */
static int
print_results(struct run *run, const struct core_batch *batch)
{
	char line[REPORT_FAILURE_MAX], *rot, *obj;
	size_t r;
	int bad = 0;

	for (r = 0; r < batch->count; r++) {
		const struct core_batch_item *it = &batch->item[r];
		const char *name = rw_answers_get(&run->rows->row[r].answers, RW_FIELD_NAME);
		int code = it->state == CORE_BATCH_CREATED ? 0 :
			   it->state == CORE_BATCH_UNKNOWN ? RW_EXIT_OUTCOME_UNKNOWN :
			   it->state == CORE_BATCH_SKIPPED ? 130 : rw_status_exit_code(it->result.status);

		line[0] = '\0';
		if (it->state == CORE_BATCH_FAILED || it->state == CORE_BATCH_UNKNOWN)
			report_failure(&it->result, run->app->api_base, &run->rows->row[r].answers,
				       REPORT_CLI, line, sizeof(line));
		else if (it->state == CORE_BATCH_SKIPPED)
			snprintf(line, sizeof(line), "not sent: the run was stopped first");
		if (run->app->opt.json) {
			rot = it->state == CORE_BATCH_CREATED ? rw_rotation_json(&it->result.u.rotation)
							      : NULL;
			obj = rw_rows_result_json(r + 1, name, state_word(it->state), code, rot,
						  line[0] ? line : NULL);
			free(rot);
			if (!obj)
				return rw_status_exit_code(RW_ENOMEM);
			rw_term_puts(obj, stdout, RW_TERM_JSON);
			putchar('\n');
			free(obj);
		} else if (it->state == CORE_BATCH_CREATED) {
			rw_term_printf(stdout, "%-8s %s  %s%s\n", "created", name,
				       it->result.u.rotation.id ? it->result.u.rotation.id : "",
				       it->result.recovered ? "  (found by name after a lost answer)" : "");
		} else {
			rw_term_printf(stdout, "%-8s %s  %s\n", state_word(it->state), name, line);
		}
	}
	rw_term_printf(stderr, "rotwiz: %zu of %zu created, %zu failed, %zu unknown, %zu not sent%s\n",
		       batch->created, batch->count, batch->failed, batch->unknown, batch->skipped,
		       batch->stopped ? " (stopped by Ctrl-C)" : "");
	if (batch->unknown)
		rw_term_printf(stderr, "rotwiz: an unknown one may exist: run `rotwiz list` before "
			       "sending the file again (rows created since are found by name)\n");
	bad = fflush(stdout) != 0;
	return bad ? RW_EXIT_SUMMARY_UNWRITTEN : 0;
}

static int
create_rows(struct run *run)
{
	struct progress pr = { run, 0 };
	struct sigaction sa, old_int, old_term;
	struct core_batch batch;
	char *body;
	size_t r;
	int rc, flags;

	core_batch_init(&batch);
	batch.parallel = run->app->opt.parallel;
	for (r = 0; r < run->rows->count; r++) {
		if (!(body = rw_body_build(&run->rows->row[r].answers)) ||
		    core_batch_add(&batch, body) < 0) {
			free(body);
			core_batch_free(&batch);
			return rw_status_exit_code(RW_ENOMEM);
		}
		free(body);
	}
	if (pipe(stop_pipe) == 0) {
		for (r = 0; r < 2; r++)
			if ((flags = fcntl(stop_pipe[r], F_GETFL)) >= 0)
				fcntl(stop_pipe[r], F_SETFL, flags | O_NONBLOCK);
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_interrupt;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &old_int);
		sigaction(SIGTERM, &sa, &old_term);
	}
	rc = core_batch_run(run->app->api, &batch, stop_pipe[0], on_progress, &pr);
	if (stop_pipe[0] >= 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		close(stop_pipe[0]);
		close(stop_pipe[1]);
		stop_pipe[0] = stop_pipe[1] = -1;
	}
	if (rc < 0)
		rw_term_printf(stderr, "rotwiz: out of memory\n");
	rc = print_results(run, &batch);
	if (!rc)
		rc = core_batch_exit_code(&batch);
	core_batch_free(&batch);
	return rc;
}

static int
rows_run(struct app *app)
{
	struct run run;
	struct core_lists lists;
	char msg[1024];
	enum rw_status st;
	int rc;

	memset(&run, 0, sizeof(run));
	run.app = app;
	run.rows = app->rows;
	run.folder_of = calloc(run.rows->count + 1, sizeof(*run.folder_of));
	run.names_given = calloc(run.rows->count + 1, sizeof(*run.names_given));
	rc = !run.folder_of || !run.names_given || check_rows_alone(&run) < 0 ||
	     check_rows_together(&run) < 0 ? -1 : 0;
	if (rc < 0)
		goto nomem;
	if (refuse_bad_rows(&run)) {
		run_free(&run);
		return rw_status_exit_code(RW_EINVAL);
	}
	if (app->opt.dry_run || app->opt.print_curl || app->opt.print_terraform) {
		rc = print_rows(&run);
		run_free(&run);
		return rc;
	}
	st = signin_connect(app, msg, sizeof(msg));
	secret_free(&app->token);
	if (st != RW_OK) {
		rw_term_printf(stderr, "rotwiz: %s\n", msg);
		run_free(&run);
		return rw_status_exit_code(st);
	}
	core_lists_init(&lists);
	rc = check_rows_server(&run, &lists);
	core_lists_free(&lists);
	if (rc < 0)
		goto nomem;
	if (rc > 0) {
		run_free(&run);
		return rc;
	}
	if (refuse_bad_rows(&run)) {
		run_free(&run);
		return rw_status_exit_code(RW_EINVAL);
	}
	rc = create_rows(&run);
	run_free(&run);
	return rc;
nomem:
	run_free(&run);
	rw_term_printf(stderr, "rotwiz: out of memory\n");
	return rw_status_exit_code(RW_ENOMEM);
}

int
batch_run(struct app *app)
{
	char msg[1024], note[600], *body;
	struct core_lists lists;
	enum rw_status st;
	int rc;

	if (app->rows)
		return rows_run(app);
	if ((rc = check_answers(app)) != 0)
		return rc;
	if (!(body = rw_body_build(&app->answers))) {
		rw_term_printf(stderr, "rotwiz: out of memory\n");
		return rw_status_exit_code(RW_ENOMEM);
	}
	if (app->opt.dry_run || app->opt.print_curl || app->opt.print_terraform) {
		rc = print_only(app, body);
		free(body);
		return rc;
	}
	st = signin_connect(app, msg, sizeof(msg));
	/* The session has its own copy: this one is no longer needed. */
	secret_free(&app->token);
	if (st != RW_OK) {
		rw_term_printf(stderr, "rotwiz: %s\n", msg);
		free(body);
		return rw_status_exit_code(st);
	}
	if (core_project_resolve(app, note, sizeof(note)) < 0) {
		rw_term_printf(stderr, "rotwiz: out of memory\n");
		free(body);
		return rw_status_exit_code(RW_ENOMEM);
	}
	if (note[0]) {
		/* What is sent is the project's id: say which project the slug named. */
		rw_term_printf(stderr, "rotwiz: %s\n", note);
		free(body);
		if (!(body = rw_body_build(&app->answers))) {
			rw_term_printf(stderr, "rotwiz: out of memory\n");
			return rw_status_exit_code(RW_ENOMEM);
		}
	}
	core_lists_init(&lists);
	if ((rc = check_where(app, &lists)) == 0 && (rc = check_mapping(app)) == 0) {
		/* check_mapping may have chosen the secret names: send what it chose. */
		free(body);
		if (!(body = rw_body_build(&app->answers))) {
			core_lists_free(&lists);
			rw_term_printf(stderr, "rotwiz: out of memory\n");
			return rw_status_exit_code(RW_ENOMEM);
		}
		rc = create(app, body);
	}
	core_lists_free(&lists);
	free(body);
	return rc;
}
