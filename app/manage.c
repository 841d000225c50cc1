#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/demo.h"
#include "app/manage.h"
#include "common/secret.h"
#include "common/term.h"
#include "forms/body.h"
#include "forms/validate.h"
#include "libcore/flow.h"
#include "libcore/manage.h"
#include "libcore/report.h"
#include "libcore/terraform.h"
#include "libcore/rotate.h"
#include "libcore/signin.h"
#include "plain/plain.h"

/*
 * The commands for scripts (doc/contract.md section 4.2): list, show,
 * rotate, edit, delete, status.  Each signs in (GET /api/v1/projects, and a
 * login first with Universal Auth), resolves its NAME|ID (libcore/manage.h)
 * and makes its one call.  Output: a summary or a table on stdout (--json:
 * the server's shape), every failure one line on stderr.  Server text goes
 * through report_clean() before it reaches a terminal.
 */

#define EXIT_UNHEALTHY 7	/* status: a rotation in scope failed or is overdue */

static const char help_list[] =
	"Usage: rotwiz list [--project ID|SLUG] [--environment SLUG] [--secret-path PATH] [--json]\n"
	"The Azure Client Secret rotations of the project, one a line: name, environment,\n"
	"folder, status in words (rotation failed: <reason>, auto-rotation off, rotates in\n"
	"N days, overdue), next rotation (UTC) and id.  --environment and --secret-path\n"
	"narrow the list.  --json prints {\"secretRotations\": [...]}, each with\n"
	"\"rotwiz\": {\"health\", \"status\"}.\n";
static const char help_show[] =
	"Usage: rotwiz show NAME|ID [--project ID|SLUG] [--environment SLUG] [--secret-path PATH] [--json]\n"
	"                          [--print-terraform]\n"
	"Every field of one rotation and its status; --print-terraform: the rotation as\n"
	"the Terraform provider's resource instead, its caveats as comments.  A NAME is looked for in the project\n"
	"(within --environment and --secret-path when given); a name found in several\n"
	"places is refused (exit 2) with the candidates listed.  An ID is used as is.\n";
static const char help_rotate[] =
	"Usage: rotwiz rotate NAME|ID [--yes] [--json] [where options]\n"
	"Rotate now: a new client secret in the slot not in use, the mapped secret\n"
	"updated.  Less than 60 minutes after the last rotation it asks first, since it\n"
	"revokes the client secret of the other slot, which apps may still be using;\n"
	"--yes answers yes, and from a pipe without --yes it refuses (exit 2).  A reply\n"
	"that is lost is looked up on the server before anything is said.\n";
static const char help_edit[] =
	"Usage: rotwiz edit NAME|ID [--name NAME] [--description TEXT] [--interval DAYS]\n"
	"       [--rotate-at HH:MM | --rotate-at-local HH:MM] [--auto-rotation | --no-auto-rotation]\n"
	"       [--map-client-id NAME] [--map-client-secret NAME] [--json] [where options]\n"
	"Change what the server lets change (PATCH); every value is checked as the wizard\n"
	"checks it.  The connection, environment, folder and app cannot change.\n";
static const char help_delete[] =
	"Usage: rotwiz delete NAME|ID [--delete-secrets] [--revoke-credentials] [--yes] [where options]\n"
	"Delete the rotation.  By default the mapped secrets stay in the folder (no longer\n"
	"rotated) and its client secrets stay live in Azure: --delete-secrets deletes the\n"
	"secrets, --revoke-credentials revokes the client secrets.  It asks for the\n"
	"rotation's name unless --yes; from a pipe without --yes it refuses (exit 2).\n";
static const char help_manage[] =
	"Usage: rotwiz manage [--project ID|SLUG] [--plain] [sign-in options]\n"
	"The project's rotations on screen, every environment: a filter on name,\n"
	"environment, folder and app, each one's status in words and next rotation\n"
	"(local and UTC); Enter opens one: every field, its last message explained,\n"
	"and r rotate now, c credentials (v reveals the client secret after a yes),\n"
	"e edit, d delete (type the name).  Needs a terminal; for scripts use\n"
	"rotwiz list, show, rotate, edit, delete and status.  Plain mode (--plain,\n"
	"ACCESSIBLE=1, TERM=dumb) offers the same as numbered choices, also from a\n"
	"pipe, within --environment and --secret-path when given.\n";
static const char help_status[] =
	"Usage: rotwiz status [--project ID|SLUG] [--environment SLUG] [--secret-path PATH] [--json]\n"
	"One line per rotation that needs attention.  Exit 0 when every rotation in scope\n"
	"is healthy (auto-rotation off counts as healthy), 7 when any failed or is overdue\n"
	"(due more than an hour ago), for cron and monitoring.\n";

const char *
manage_help_text(const char *command)
{
	if (!command)
		return NULL;
	if (strcmp(command, "list") == 0)
		return help_list;
	if (strcmp(command, "show") == 0)
		return help_show;
	if (strcmp(command, "rotate") == 0)
		return help_rotate;
	if (strcmp(command, "edit") == 0)
		return help_edit;
	if (strcmp(command, "delete") == 0)
		return help_delete;
	if (strcmp(command, "manage") == 0)
		return help_manage;
	return help_status;
}

static int
fail(struct app *app, const struct rw_result *result)
{
	char line[REPORT_FAILURE_MAX];

	report_failure(result, app->api_base, NULL, REPORT_CLI, line, sizeof(line));
	rw_term_printf(stderr, "rotwiz: %s\n", line);
	return rw_status_exit_code(result->status);
}

static int
say_clean(FILE *out, const char *prefix, const char *text)
{
	char clean[REPORT_FAILURE_MAX + 1024];

	report_clean(text, clean, sizeof(clean));
	return fprintf(out, "%s%s\n", prefix, clean);
}

static int
out_of_memory(void)
{
	fputs("rotwiz: out of memory\n", stderr);
	return rw_status_exit_code(RW_ENOMEM);
}

static int
print_text(char *text)
{
	if (!text)
		return out_of_memory();
	fputs(text, stdout);
	fputc('\n', stdout);
	free(text);
	return 0;
}

/*
 * A question on the terminal, answered by a line.  Returns 1 when the
 * answer is `want` exactly, 0 otherwise; -1 when stdin is not a terminal
 * (the caller refuses: decision 23).
 */
static int
ask(const char *question, const char *want)
{
	char line[512], clean[REPORT_FAILURE_MAX + 1024];
	size_t n;

	if (!isatty(STDIN_FILENO))
		return -1;
	/* The question names server strings (secret names, folders): cleaned. */
	report_clean(question, clean, sizeof(clean));
	rw_term_printf(stderr, "%s ", clean);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	return strcmp(line, want) == 0 || (strcmp(want, "y") == 0 && strcmp(line, "Y") == 0);
}

/* The one rotation of opt.target, or the exit code (>= 0) with the line said. */
static int
resolve(struct app *app, struct rw_rotation *out)
{
	struct strbuf msg = STRBUF_INIT;
	struct rw_result result;
	int rc;

	switch (core_manage_resolve(app, app->opt.target, out, &result, &msg)) {
	case CORE_RESOLVE_FOUND:
		rc = -1;
		break;
	case CORE_RESOLVE_NOT_FOUND:
		say_clean(stderr, "rotwiz: ", strbuf_str(&msg));
		rc = 1;
		break;
	case CORE_RESOLVE_AMBIGUOUS:
		say_clean(stderr, "rotwiz: ", strbuf_str(&msg));
		rc = rw_status_exit_code(RW_EUSAGE);
		break;
	default:
		rc = fail(app, &result);
		rw_result_free(&result);
		break;
	}
	strbuf_free(&msg);
	return rc;
}

/* The project's rotations in scope, as pointers into *result's list. */
static int
list_scope(struct app *app, struct rw_result *result, const struct rw_rotation ***items,
	   size_t *count)
{
	size_t i;

	*items = NULL;
	*count = 0;
	if (rw_api_wait_for(app->api, rw_api_list(app->api, rw_answers_get(&app->answers,
							RW_FIELD_PROJECT), NULL), result) != RW_OK)
		return fail(app, result);
	*items = calloc(result->u.rotations.count + 1, sizeof(**items));
	if (!*items)
		return out_of_memory();
	for (i = 0; i < result->u.rotations.count; i++)
		if (core_manage_in_scope(app, &result->u.rotations.items[i]))
			(*items)[(*count)++] = &result->u.rotations.items[i];
	return -1;
}

static const char *
health_word(enum core_health h)
{
	static const char *const words[] = { "ok", "off", "failed", "overdue" };

	return words[h];
}

/* list and status: one pass over the scope. */
static int
cmd_list(struct app *app, int status_only)
{
	const struct rw_rotation **items;
	struct rw_result result;
	char **words = NULL;
	const char **health = NULL;
	size_t count, i, width = 4, wenv = 3, wpath = 6;
	int rc, unhealthy = 0;
	time_t now = time(NULL);

	if ((rc = list_scope(app, &result, &items, &count)) >= 0)
		goto out;
	words = calloc(count + 1, sizeof(*words));
	health = calloc(count + 1, sizeof(*health));
	if (!words || !health) {
		rc = out_of_memory();
		goto out;
	}
	for (i = 0; i < count; i++) {
		char buf[REPORT_FAILURE_MAX];
		enum core_health h = core_manage_health(items[i], now, buf, sizeof(buf));

		health[i] = health_word(h);
		if (h == CORE_HEALTH_FAILED || h == CORE_HEALTH_OVERDUE)
			unhealthy++;
		if (!(words[i] = strdup(buf))) {
			rc = out_of_memory();
			goto out;
		}
#define WIDEST(w, s) do { if ((s) && strlen(s) > (w)) (w) = strlen(s); } while (0)
		WIDEST(width, items[i]->name);
		WIDEST(wenv, items[i]->environment_slug);
		WIDEST(wpath, items[i]->folder_path);
#undef WIDEST
	}
	if (app->opt.json) {
		rc = print_text(rw_rotations_json(items, health, (const char *const *) words, count));
		if (rc)
			goto out;
	} else if (status_only) {
		for (i = 0; i < count; i++) {
			char line[REPORT_FAILURE_MAX + 512];

			if (strcmp(health[i], "failed") != 0 && strcmp(health[i], "overdue") != 0)
				continue;
			snprintf(line, sizeof(line), "%s (%s %s, %s): %s", items[i]->name,
				 items[i]->environment_slug ? items[i]->environment_slug : "?",
				 items[i]->folder_path ? items[i]->folder_path : "?",
				 items[i]->id ? items[i]->id : "?", words[i]);
			say_clean(stdout, "", line);
		}
		rw_term_printf(stdout, "%zu rotation%s in scope: %d need%s attention\n", count, count == 1 ? "" : "s",
		       unhealthy, unhealthy == 1 ? "s" : "");
	} else {
		if (width > 64)
			width = 64;
		rw_term_printf(stdout, "%-*s  %-*s  %-*s  %-24s  %s\n", (int) width, "NAME", (int) wenv, "ENV",
		       (int) wpath, "FOLDER", "NEXT ROTATION (UTC)", "STATUS");
		for (i = 0; i < count; i++) {
			char line[REPORT_FAILURE_MAX + 512];
			const char *next = items[i]->next_rotation_at;

			snprintf(line, sizeof(line), "%-*s  %-*s  %-*s  %-24.16s  %s", (int) width,
				 items[i]->name ? items[i]->name : "?", (int) wenv,
				 items[i]->environment_slug ? items[i]->environment_slug : "?",
				 (int) wpath, items[i]->folder_path ? items[i]->folder_path : "?",
				 next ? next : "-", words[i]);
			say_clean(stdout, "", line);
		}
	}
	rc = status_only && unhealthy ? EXIT_UNHEALTHY : 0;
out:
	for (i = 0; words && i < count; i++)
		free(words[i]);
	free(words);
	free(health);
	free(items);
	rw_result_free(&result);
	return rc;
}

static int
cmd_show(struct app *app)
{
	struct rw_rotation r;
	char words[REPORT_FAILURE_MAX];
	int rc;

	if ((rc = resolve(app, &r)) >= 0)
		return rc;
	if (app->opt.print_terraform) {
		const struct rw_rotation *one = &r;

		/* What Terraform would need to manage this one (it cannot import it). */
		rc = print_text(core_terraform_text(&one, 1));
		rw_rotation_free(&r);
		return rc;
	}
	core_manage_health(&r, time(NULL), words, sizeof(words));
	rc = print_text(app->opt.json ? rw_rotation_json(&r) : report_rotation(&r, words));
	rw_rotation_free(&r);
	return rc;
}

static int
cmd_rotate(struct app *app)
{
	struct rw_rotation r;
	struct rw_result result;
	char line[REPORT_FAILURE_MAX + 512];
	long minutes;
	int rc, answer;

	if ((rc = resolve(app, &r)) >= 0)
		return rc;
	if (core_rotate_is_soon(&r, time(NULL), &minutes) && !app->opt.yes) {
		core_rotate_question(&r, minutes, line, sizeof(line));
		answer = ask(strcat(line, " Rotate anyway? [y/N]"), "y");
		if (answer <= 0) {
			if (answer < 0) {
				core_rotate_question(&r, minutes, line, sizeof(line));
				rw_term_printf(stderr, "rotwiz: not rotated: %s Add --yes to rotate anyway.\n", line);
			} else {
				rw_term_printf(stderr, "rotwiz: not rotated\n");
			}
			rw_rotation_free(&r);
			return answer < 0 ? rw_status_exit_code(RW_EUSAGE) : rw_status_exit_code(RW_EQUIT);
		}
	}
	rw_api_wait_for(app->api, rw_api_rotate_now(app->api, r.id, &r, NULL), &result);
	switch (core_rotate_outcome(&result, r.active_index, app->api_base, line, sizeof(line))) {
	case CORE_ROTATED:
	case CORE_ROTATED_FOUND:
		if (result.recovered)
			say_clean(stderr, "rotwiz: ", line);
		if (!app->opt.json) {
			/* Which slot is active and which secret changed: never its value (decision 26). */
			size_t n = strlen(line);

			if (n + 2 < sizeof(line)) {
				memcpy(line + n, "\n", 2);
				core_rotate_after(&result.u.rotation, line + n + 1, sizeof(line) - n - 1);
			}
		}
		rc = print_text(app->opt.json ? rw_rotation_json(&result.u.rotation) : strdup(line));
		break;
	case CORE_ROTATE_UNKNOWN:
		/* Decision 24: a change whose outcome is unknown exits 5. */
		say_clean(stderr, "rotwiz: ", line);
		rc = RW_EXIT_OUTCOME_UNKNOWN;
		break;
	default:
		say_clean(stderr, "rotwiz: ", line);
		rc = rw_status_exit_code(result.status);
		break;
	}
	rw_result_free(&result);
	rw_rotation_free(&r);
	return rc;
}

/* The edit's changes from the flags, checked as the wizard checks them.  0, or the exit code. */
static int
edit_changes(struct app *app, const struct rw_rotation *r, struct rw_answers *changes)
{
	static const enum rw_field locked[] = {
		RW_FIELD_CONNECTION, RW_FIELD_OBJECT_ID, RW_FIELD_CLIENT_ID, RW_FIELD_APP_NAME,
	};
	char msg[RW_MESSAGE_MAX];
	size_t i;
	int bad = 0, any = 0;

	for (i = 0; i < sizeof(locked) / sizeof(locked[0]); i++)
		if (rw_answers_is_set(&app->answers, locked[i])) {
			rw_term_printf(stderr, "rotwiz: --%s cannot be changed by an edit: %s\n",
				rw_field_info(locked[i])->flag, CORE_MANAGE_LOCKED);
			return rw_status_exit_code(RW_EUSAGE);
		}
	for (i = 0; i < core_manage_editable_count; i++) {
		enum rw_field f = core_manage_editable[i];
		const char *v = rw_answers_get(&app->answers, f);

		if (!rw_answers_is_set(&app->answers, f))
			continue;
		any = 1;
		if (rw_validate_field(f, v, msg, sizeof(msg)) != RW_OK) {
			rw_term_printf(stderr, "rotwiz: %s (--%s)\n", msg, rw_field_info(f)->flag);
			bad = 1;
			continue;
		}
		if (rw_answers_set(changes, f, v) < 0)
			return out_of_memory();
	}
	if (bad)
		return rw_status_exit_code(RW_EINVAL);
	if (!any) {
		rw_term_printf(stderr, "rotwiz: nothing to change -- give --name, --description, --interval, "
			"--rotate-at, --auto-rotation, --no-auto-rotation, --map-client-id or "
			"--map-client-secret (see rotwiz edit --help)\n");
		return rw_status_exit_code(RW_EUSAGE);
	}
	if (core_manage_edit_complete(r, changes, msg, sizeof(msg)) < 0) {
		rw_term_printf(stderr, "rotwiz: %s (--map-client-id, --map-client-secret)\n", msg);
		return rw_status_exit_code(RW_EINVAL);
	}
	return 0;
}

static int
cmd_edit(struct app *app)
{
	struct rw_rotation r;
	struct rw_answers changes;
	struct rw_result result;
	enum core_change outcome;
	char *body, line[REPORT_FAILURE_MAX + 512];
	int rc;

	/* Values are checked before anything is sent, the lookup too. */
	rw_answers_init(&changes);
	memset(&r, 0, sizeof(r));
	if ((rc = resolve(app, &r)) >= 0)
		goto out_answers;
	if ((rc = edit_changes(app, &r, &changes)) != 0)
		goto out;
	if (!(body = rw_body_build_update(&changes))) {
		rc = out_of_memory();
		goto out;
	}
	outcome = core_manage_edit(app, &r, &changes, body, &result, line, sizeof(line));
	free(body);
	if (outcome != CORE_CHANGE_DONE && outcome != CORE_CHANGE_FOUND) {
		say_clean(stderr, "rotwiz: ", line);
		rc = core_manage_change_exit(outcome, &result);
	} else {
		char words[REPORT_FAILURE_MAX];

		if (outcome == CORE_CHANGE_FOUND)
			say_clean(stderr, "rotwiz: ", line);
		core_manage_health(&result.u.rotation, time(NULL), words, sizeof(words));
		rc = print_text(app->opt.json ? rw_rotation_json(&result.u.rotation)
					      : report_rotation(&result.u.rotation, words));
	}
	rw_result_free(&result);
out:
	rw_rotation_free(&r);
out_answers:
	rw_answers_free(&changes);
	return rc;
}

static int
cmd_delete(struct app *app)
{
	struct rw_rotation r;
	struct rw_result result;
	struct strbuf words = STRBUF_INIT, q = STRBUF_INIT;
	enum core_change outcome;
	char line[REPORT_FAILURE_MAX + 1024];
	int rc, answer;

	if ((rc = resolve(app, &r)) >= 0)
		return rc;
	if (!app->opt.yes) {
		core_manage_delete_question(&r, app->opt.delete_secrets, app->opt.revoke_credentials,
					    &q);
		answer = ask(strbuf_str(&q), r.name ? r.name : "");
		if (answer <= 0) {
			core_manage_delete_words(&r, app->opt.delete_secrets,
						 app->opt.revoke_credentials, &words);
			if (answer < 0)
				say_clean(stderr, "rotwiz: not deleted: stdin is not a terminal, so rotwiz "
					  "will not ask -- add --yes to delete; then ", strbuf_str(&words));
			else
				rw_term_printf(stderr, "rotwiz: not deleted: the name typed was not the rotation's\n");
			rc = answer < 0 ? rw_status_exit_code(RW_EUSAGE) : rw_status_exit_code(RW_EQUIT);
			goto out;
		}
	}
	outcome = core_manage_delete(app, &r, app->opt.delete_secrets, app->opt.revoke_credentials,
				     &result, line, sizeof(line));
	rc = core_manage_change_exit(outcome, &result);
	if (outcome == CORE_CHANGE_DONE && app->opt.json) {
		rc = print_text(rw_rotation_json(&result.u.rotation));
	} else if (outcome == CORE_CHANGE_DONE || outcome == CORE_CHANGE_FOUND) {
		/* "deleted ..." as a sentence of its own on stdout. */
		size_t n = strlen(line);

		line[0] = (char) (line[0] - 'a' + 'A');
		if (n + 1 < sizeof(line))
			memcpy(line + n, ".", 2);
		say_clean(stdout, "", line);
	} else {
		say_clean(stderr, "rotwiz: ", line);
	}
	rw_result_free(&result);
out:
	strbuf_free(&words);
	strbuf_free(&q);
	rw_rotation_free(&r);
	return rc;
}

static int
dispatch(struct app *app)
{
	const char *c = app->opt.command;

	if (strcmp(c, "list") == 0)
		return cmd_list(app, 0);
	if (strcmp(c, "status") == 0)
		return cmd_list(app, 1);
	if (strcmp(c, "show") == 0)
		return cmd_show(app);
	if (strcmp(c, "rotate") == 0)
		return cmd_rotate(app);
	if (strcmp(c, "edit") == 0)
		return cmd_edit(app);
	if (strcmp(c, "manage") == 0) {
		/* Plain mode only: main.c runs curses' Rotations screen itself (tui/). */
		return plain_manage_run(app);
	}
	return cmd_delete(app);
}

int
manage_run(struct app *app)
{
	char msg[1024], note[600];
	enum rw_status st;
	int rc;

	if (app->opt.dry_run || app->opt.print_curl || app->opt.from_file ||
	    (app->opt.plain && strcmp(app->opt.command, "manage") != 0) || app->opt.parallel ||
	    (app->opt.print_terraform && strcmp(app->opt.command, "show"))) {
		rw_term_printf(stderr, "rotwiz: --%s is for creating a rotation, not for rotwiz %s\n",
			app->opt.dry_run ? "dry-run" : app->opt.print_curl ? "print-curl" :
			app->opt.from_file ? "from-file" : app->opt.plain ? "plain" :
			app->opt.parallel ? "parallel" : "print-terraform", app->opt.command);
		return rw_status_exit_code(RW_EUSAGE);
	}
	if (app->opt.demo && (rc = demo_begin(app)) >= 0)
		return rc;
	if (!rw_answers_is_set(&app->answers, RW_FIELD_PROJECT) ||
	    !*rw_answers_get(&app->answers, RW_FIELD_PROJECT)) {
		rw_term_printf(stderr, "rotwiz: rotwiz %s needs the project -- give --project ID (or set "
			"INFISICAL_PROJECT_ID, or run where .infisical.json names it)\n", app->opt.command);
		rc = rw_status_exit_code(RW_EUSAGE);
		goto out;
	}
	st = signin_connect(app, msg, sizeof(msg));
	secret_free(&app->token);
	if (st != RW_OK) {
		rw_term_printf(stderr, "rotwiz: %s\n", msg);
		rc = rw_status_exit_code(st);
		goto out;
	}
	if (core_project_resolve(app, note, sizeof(note)) < 0) {
		rc = out_of_memory();
		goto out;
	}
	rc = dispatch(app);
	if (fflush(stdout) != 0 && rc == 0)
		rc = 1;
out:
	if (app->opt.demo)
		demo_stop(app);
	return rc;
}
