#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/batch.h"
#include "common/term.h"
#include "libcore/flow.h"
#include "libcore/lists.h"
#include "libcore/names.h"
#include "libcore/report.h"
#include "libcore/signin.h"
#include "common/secret.h"
#include "forms/body.h"
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

int
batch_run(struct app *app)
{
	char msg[1024], note[600], *body;
	struct core_lists lists;
	enum rw_status st;
	int rc;

	if ((rc = check_answers(app)) != 0)
		return rc;
	if (!(body = rw_body_build(&app->answers))) {
		rw_term_printf(stderr, "rotwiz: out of memory\n");
		return rw_status_exit_code(RW_ENOMEM);
	}
	if (app->opt.dry_run || app->opt.print_curl) {
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
