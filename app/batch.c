#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/batch.h"
#include "app/report.h"
#include "app/signin.h"
#include "common/secret.h"
#include "common/strbuf.h"
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
	if (rw_answers_apply_defaults(&app->answers) < 0) {
		fprintf(stderr, "rotwiz: out of memory\n");
		return 1;
	}
	rw_validate_step(&app->answers, RW_STEP_COUNT, &problems);
	if (problems.count) {
		report_problems(stderr, &problems);
		return 2;
	}
	if (normalize_answers(&app->answers) < 0) {
		fprintf(stderr, "rotwiz: out of memory\n");
		return 1;
	}
	rw_answers_warnings(&app->answers, &warnings);
	for (i = 0; i < warnings.count; i++) {
		report_clean(warnings.item[i].message, clean, sizeof(clean));
		fprintf(stderr, "rotwiz: warning: %s\n", clean);
	}
	return 0;
}

/* --dry-run: the body; --print-curl: the command; both: the body, a blank line, the command. */
static int
print_only(struct app *app, const char *body)
{
	char *curl;

	if (app->opt.dry_run)
		printf("%s\n", body);
	if (app->opt.print_curl) {
		/* --demo --print-curl starts no sandbox, so has no URL of its own. */
		if (!(curl = rw_curl_command(app->api_base ? app->api_base :
					     SIGNIN_DEFAULT_DOMAIN "/api", body))) {
			fprintf(stderr, "rotwiz: out of memory\n");
			return 1;
		}
		printf("%s%s\n", app->opt.dry_run ? "\n" : "", curl);
		free(curl);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

static int
fail(struct app *app, struct rw_result *result)
{
	char line[1024];

	report_failure(result, app->api_base, &app->answers, REPORT_CLI, line, sizeof(line));
	fprintf(stderr, "rotwiz: %s\n", line);
	return rw_status_exit_code(result->status);
}

/*
 * The project and environment against the list the sign-in check fetched:
 * a typo is caught here, with the choices named, before anything is made.
 * 0, or the exit code.
 */
static int
check_where(struct app *app)
{
	const char *project = rw_answers_get(&app->answers, RW_FIELD_PROJECT);
	const char *env = rw_answers_get(&app->answers, RW_FIELD_ENVIRONMENT);
	const struct rw_project *p = NULL;
	struct strbuf sb = STRBUF_INIT;
	char clean[512];
	size_t i;

	/* A server that lists nothing may still take the create: let it judge. */
	if (!app->projects_loaded || app->projects.count == 0)
		return 0;
	for (i = 0; i < app->projects.count; i++)
		if (app->projects.items[i].id && strcmp(app->projects.items[i].id, project) == 0)
			p = &app->projects.items[i];
	if (!p) {
		for (i = 0; i < app->projects.count; i++) {
			const struct rw_project *q = &app->projects.items[i];

			int by_slug = q->slug && strcmp(q->slug, project) == 0;

			if (by_slug || (q->name && strcmp(q->name, project) == 0)) {
				report_clean(q->id, clean, sizeof(clean));
				fprintf(stderr, "rotwiz: --project takes the project's ID, and \"%s\" "
					"is the %s of project %s -- pass --project %s\n", project,
					by_slug ? "slug" : "name", clean, clean);
				return 2;
			}
		}
		for (i = 0; i < app->projects.count && i < 5; i++) {
			const struct rw_project *q = &app->projects.items[i];

			strbuf_printf(&sb, "%s%s (%s)", i ? ", " : "", q->id ? q->id : "?",
				      q->name ? q->name : "?");
		}
		if (app->projects.count > 5)
			strbuf_printf(&sb, " and %zu more", app->projects.count - 5);
		report_clean(strbuf_str(&sb), clean, sizeof(clean));
		fprintf(stderr, "rotwiz: project \"%s\" is not one these credentials can see "
			"(they see %s) -- check --project\n", project, clean);
		strbuf_free(&sb);
		return 2;
	}
	if (p->environment_count == 0)
		return 0;
	for (i = 0; i < p->environment_count; i++)
		if (p->environments[i].slug && strcmp(p->environments[i].slug, env) == 0)
			return 0;
	for (i = 0; i < p->environment_count; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "",
			      p->environments[i].slug ? p->environments[i].slug : "?");
	report_clean(strbuf_str(&sb), clean, sizeof(clean));
	fprintf(stderr, "rotwiz: environment \"%s\" is not in project %s (it has %s) -- "
		"check --environment\n", env, project, clean);
	strbuf_free(&sb);
	return 2;
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
	int in_id, in_secret, rc = 0;

	if (rw_api_wait_for(app->api, rw_api_secret_names(app->api,
					       rw_answers_get(&app->answers, RW_FIELD_PROJECT),
					       rw_answers_get(&app->answers, RW_FIELD_ENVIRONMENT),
					       rw_answers_get(&app->answers, RW_FIELD_SECRET_PATH),
					       NULL), &result) != RW_OK) {
		rc = fail(app, &result);
		rw_result_free(&result);
		return rc;
	}
	in_id = rw_name_list_has(&result.u.secret_names, id_name);
	in_secret = rw_name_list_has(&result.u.secret_names, secret_name);
	if (in_id || in_secret) {
		fprintf(stderr, "rotwiz: the folder %s of environment %s already has %s%s%s "
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
	struct rw_result result;
	char *text;
	int rc = 0;

	if (rw_api_wait_for(app->api, rw_api_create(app->api, body, NULL), &result) != RW_OK) {
		rc = fail(app, &result);
		rw_result_free(&result);
		return rc;
	}
	if (result.recovered)
		fprintf(stderr, "rotwiz: the create request got no answer, but the rotation was "
			"found on the server: it was created\n");
	text = app->opt.json ? report_rotation_json(&result.u.rotation)
			     : report_summary(&result.u.rotation);
	if (!text) {
		fprintf(stderr, "rotwiz: the rotation was created, but rotwiz ran out of memory "
			"showing it\n");
	} else {
		printf("%s\n", text);
		free(text);
	}
	rw_result_free(&result);
	return fflush(stdout) == 0 ? rc : 1;
}

int
batch_run(struct app *app)
{
	char msg[1024], *body;
	enum rw_status st;
	int rc;

	if ((rc = check_answers(app)) != 0)
		return rc;
	if (!(body = rw_body_build(&app->answers))) {
		fprintf(stderr, "rotwiz: out of memory\n");
		return 1;
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
		fprintf(stderr, "rotwiz: %s\n", msg);
		free(body);
		return rw_status_exit_code(st);
	}
	if ((rc = check_where(app)) == 0 && (rc = check_mapping(app)) == 0)
		rc = create(app, body);
	free(body);
	return rc;
}
