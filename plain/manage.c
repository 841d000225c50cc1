#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/secret.h"
#include "common/status.h"
#include "common/strbuf.h"
#include "common/term.h"
#include "forms/body.h"
#include "libcore/flow.h"
#include "libcore/manage.h"
#include "libcore/report.h"
#include "libcore/rotate.h"
#include "plain/pick.h"
#include "plain/plain.h"
#include "plain/steps.h"

/*
 * rotwiz manage in plain mode: the Rotations list, one rotation's detail
 * and its four actions, as numbered and lettered choices.  Every row,
 * question, default and outcome is libcore's (decision 25): this file
 * only prints them and reads the answers.  Calls block (rw_api_wait_for):
 * one action at a time, and no list loads in the background, so what an
 * action sends is all that is sent.
 */

struct manage {
	struct plain_session *s;
	struct rw_result list;		/* the project's rotations, as last loaded */
	char *filter;			/* NULL: none */
	int code;			/* the exit code so far: the last action that did not succeed */
};

/* One line, through the terminal rule (server text in it). */
static void
say(const char *text)
{
	plain_print_clean(text);
	fputc('\n', stdout);
}

static void
say_failure(struct manage *m, const char *what, const struct rw_result *res)
{
	char line[REPORT_FAILURE_MAX];

	report_failure(res, m->s->app->api_base, NULL, REPORT_CLI, line, sizeof(line));
	rw_term_printf(stdout, "%s failed: ", what);
	say(line);
	m->code = rw_status_exit_code(res->status);
}

static int
load_list(struct manage *m)
{
	struct app *app = m->s->app;

	rw_result_free(&m->list);
	rw_term_printf(stdout, "Loading the rotations...\n");
	if (rw_api_wait_for(app->api, rw_api_list(app->api, rw_answers_get(&app->answers,
							RW_FIELD_PROJECT), NULL), &m->list) != RW_OK) {
		say_failure(m, "Loading the rotations", &m->list);
		return -1;
	}
	return 0;
}

/* The row's detail as the list shows it: where, status, next rotation, app, secret names. */
static char *
row_detail(const struct rw_rotation *r, time_t now)
{
	struct core_manage_row row;

	core_manage_row(r, now, &row);
	return strbuf_format("%s %s -- %s; next %s (%s); app %s; secrets %s, %s",
			     r->environment_slug ? r->environment_slug : "?",
			     r->folder_path ? r->folder_path : "?", row.status, row.next_utc,
			     row.next_local, r->app_name && *r->app_name ? r->app_name :
			     r->object_id ? r->object_id : "?",
			     r->map_client_id ? r->map_client_id : "?",
			     r->map_client_secret ? r->map_client_secret : "?");
}

enum list_choice { LIST_PICKED, LIST_AGAIN, LIST_END };

/* The list and its question: *picked is a copy of the rotation chosen. */
static enum list_choice
ask_list(struct manage *m, struct rw_rotation *picked)
{
	struct app *app = m->s->app;
	const struct rw_rotation_list *all = &m->list.u.rotations;
	const struct rw_rotation **items = calloc(all->count + 1, sizeof(*items));
	struct plain_entry *entries = calloc(all->count + 1, sizeof(*entries));
	char **details = calloc(all->count + 1, sizeof(*details));
	struct plain_pick pick = { "rotation", NULL, 0, "frq" };
	enum list_choice out = LIST_AGAIN;
	char msg[1024], *line = NULL, *t = NULL;
	const struct rw_project *project;
	const char *project_id;
	size_t i, n = 0;
	int choice, letter = 0;
	time_t now = time(NULL);

	if (!items || !entries || !details) {
		plain_nomem(m->s);
		out = LIST_END;
		goto out;
	}
	for (i = 0; i < all->count; i++)
		if (core_manage_in_scope(app, &all->items[i]) &&
		    core_manage_matches(&all->items[i], m->filter))
			items[n++] = &all->items[i];
	for (i = 0; i < n; i++) {
		if (!(details[i] = row_detail(items[i], now))) {
			plain_nomem(m->s);
			out = LIST_END;
			goto out;
		}
		entries[i].value = items[i]->id;
		entries[i].label = items[i]->name;
		entries[i].detail = details[i];
	}
	pick.entries = entries;
	pick.count = n;
	project_id = rw_answers_get(&app->answers, RW_FIELD_PROJECT);
	project = core_project_find(&app->projects, project_id, NULL);
	/* Named as the curses rail names it: the project's name, its id when unknown. */
	rw_term_printf(stdout, "\nRotations in project %s: %zu",
		       project && project->name ? project->name : project_id, n);
	if (m->filter) {
		rw_term_printf(stdout, " matching \"");
		plain_print_clean(m->filter);
		rw_term_printf(stdout, "\" (of %zu)", all->count);
	}
	rw_term_printf(stdout, "\n");
	plain_pick_print(&pick);
	plain_io_set_completion(plain_pick_complete, &pick);
	if (plain_ask(m->s, n ? "Rotation (number or name), f) filter, r) reload, q) quit: " :
		      "f) filter, r) reload, q) quit: ", PLAIN_ECHO, &line) < 0) {
		out = LIST_END;
		goto out;
	}
	if (!(t = plain_trim(line))) {
		plain_nomem(m->s);
		out = LIST_END;
		goto out;
	}
	choice = plain_pick_match(&pick, t, &letter, msg, sizeof(msg));
	if (choice >= 0) {
		if (core_manage_copy(picked, items[choice]) < 0) {
			plain_nomem(m->s);
			out = LIST_END;
		} else {
			out = LIST_PICKED;
		}
	} else if (choice == PLAIN_PICK_LETTER && letter == 'q') {
		out = LIST_END;
	} else if (choice == PLAIN_PICK_LETTER && letter == 'r') {
		load_list(m);
	} else if (choice == PLAIN_PICK_LETTER && letter == 'f') {
		free(line);
		line = NULL;
		if (plain_ask(m->s, "Filter (part of a name, environment, folder or app; Enter for "
			      "none): ", PLAIN_ECHO, &line) < 0) {
			out = LIST_END;
			goto out;
		}
		free(m->filter);
		m->filter = plain_trim(line);
		if (m->filter && !*m->filter) {
			free(m->filter);
			m->filter = NULL;
		}
	} else if (choice == PLAIN_PICK_NONE && msg[0]) {
		plain_say(NULL, msg);
	}
out:
	plain_io_set_completion(NULL, NULL);
	free(line);
	free(t);
	for (i = 0; details && i < n; i++)
		free(details[i]);
	free(details);
	free(entries);
	free(items);
	return out;
}

/* Every field, the status, and the last message in plain words. */
static void
print_detail(const struct rw_rotation *r)
{
	char words[REPORT_FAILURE_MAX];
	char *text;

	core_manage_health(r, time(NULL), words, sizeof(words));
	if (!(text = report_rotation(r, words)))
		return;
	rw_term_printf(stdout, "\n");
	report_put_summary(stdout, text);
	free(text);
}

/* The rotation afresh by id after an action: 0, or -1 (said) when it could not be had. */
static int
refresh(struct manage *m, struct rw_rotation *r)
{
	struct rw_result res;

	if (rw_api_wait_for(m->s->app->api, rw_api_get_by_id(m->s->app->api, r->id, NULL), &res) !=
	    RW_OK) {
		say_failure(m, "Reading the rotation again", &res);
		rw_result_free(&res);
		return -1;
	}
	rw_rotation_free(r);
	*r = res.u.rotation;
	memset(&res.u.rotation, 0, sizeof(res.u.rotation));
	rw_result_free(&res);
	return 0;
}

static int
act_rotate(struct manage *m, struct rw_rotation *r)
{
	struct app *app = m->s->app;
	struct rw_result res;
	char line[REPORT_FAILURE_MAX + 512];
	long minutes;
	int yes, soon;

	/* The confirmation and its default (decision 18: No after a recent one). */
	soon = core_rotate_is_soon(r, time(NULL), &minutes);
	if (soon) {
		core_rotate_question(r, minutes, line, sizeof(line));
		strncat(line, " Rotate anyway?", sizeof(line) - strlen(line) - 1);
	} else {
		core_rotate_confirm(r, line, sizeof(line));
	}
	if (plain_ask_yes_no(m->s, line, !soon, &yes) < 0)
		return -1;
	if (!yes) {
		rw_term_printf(stdout, "Not rotated.\n");
		return 0;
	}
	rw_api_wait_for(app->api, rw_api_rotate_now(app->api, r->id, r, NULL), &res);
	switch (core_rotate_outcome(&res, r->active_index, app->api_base, line, sizeof(line))) {
	case CORE_ROTATED:
	case CORE_ROTATED_FOUND:
		line[0] = 'R';
		say(line);
		core_rotate_after(&res.u.rotation, line, sizeof(line));
		say(line);
		rw_rotation_free(r);
		*r = res.u.rotation;
		memset(&res.u.rotation, 0, sizeof(res.u.rotation));
		m->code = 0;
		break;
	case CORE_ROTATE_UNKNOWN:
		say(line);
		m->code = RW_EXIT_OUTCOME_UNKNOWN;
		break;
	case CORE_NOT_ROTATED:
		say(line);
		m->code = rw_status_exit_code(res.status);
		break;
	default:
		rw_term_printf(stdout, "Rotate now failed: ");
		say(line);
		m->code = rw_status_exit_code(res.status);
		break;
	}
	rw_result_free(&res);
	return 0;
}

/*
 * Decision 26: the secret is written without a newline, only to a
 * terminal, and overwritten with spaces when Enter is pressed, so that it
 * stays neither on the screen nor in the scrollback.
 */
static int
reveal(struct manage *m, const struct rw_rotation *r, const char *secret)
{
	struct strbuf q = STRBUF_INIT;
	char *line = NULL, *shown;
	size_t i, width;
	int yes, rc;

	if (!plain_io_is_tty() || !isatty(STDOUT_FILENO)) {
		rw_term_printf(stdout, "Not shown: rotwiz shows a client secret only on a terminal "
			       "(stdin and stdout), never into a pipe or a file.\n");
		return 0;
	}
	core_manage_reveal_question(r, &q);
	rc = plain_ask_yes_no(m->s, strbuf_str(&q), 0, &yes);
	strbuf_free(&q);
	if (rc < 0)
		return -1;
	if (!yes)
		return 0;
	/* The lead on a line of its own: the secret's line is short, so one \r reaches its start. */
	rw_term_printf(stdout, "%s\n", CORE_MANAGE_REVEAL_LEAD);
	/* Server bytes made safe (an Azure secret is printable ASCII: unchanged). */
	if (!(shown = rw_term_dup(secret, 0)))
		return plain_nomem(m->s);
	fputs(shown, stdout);
	fflush(stdout);
	/* Enter is read without echo, its newline too, so the cursor stays on the secret's line. */
	rc = plain_ask(m->s, "", PLAIN_ECHO_NONE, &line);
	width = strlen(shown);
	fputc('\r', stdout);
	for (i = 0; i < width; i++)
		fputc(' ', stdout);
	rw_term_printf(stdout, "\r(hidden again)\n");
	secret_free(&shown);
	if (line)
		secret_free(&line);
	return rc;
}

static int
act_credentials(struct manage *m, const struct rw_rotation *r)
{
	struct rw_result res;
	size_t i;
	int c, rc = 0;

	if (rw_api_wait_for(m->s->app->api, rw_api_generated(m->s->app->api, r->id, NULL), &res) !=
	    RW_OK) {
		say_failure(m, "Reading the credentials", &res);
		rw_result_free(&res);
		return 0;
	}
	rw_term_printf(stdout, "\nCredentials of \"");
	plain_print_clean(r->name);
	rw_term_printf(stdout, "\" (the secret %s holds the active one):\n",
		       r->map_client_secret ? r->map_client_secret : "?");
	for (i = 0; i < res.u.generated.count; i++) {
		struct strbuf sb = STRBUF_INIT;

		core_manage_slot_words(&res.u.generated, (int) i, &sb);
		rw_term_printf(stdout, "  ");
		say(strbuf_str(&sb));
		strbuf_free(&sb);
	}
	m->code = 0;
	c = plain_ask_letter(m->s, "v) show the active client secret, b) back", "vb", 'b');
	if (c < 0)
		rc = -1;
	else if (c == 'v')
		rc = reveal(m, r, res.u.generated.client_secret[res.u.generated.active_index] ?
			    res.u.generated.client_secret[res.u.generated.active_index] : "");
	rw_result_free(&res);
	return rc;
}

static int
act_edit(struct manage *m, struct rw_rotation *r)
{
	struct app *app = m->s->app;
	struct rw_answers kept, changes;
	struct rw_result res;
	enum core_change outcome;
	char msg[REPORT_FAILURE_MAX + 512], *body;
	int n, yes, rc = 0;

	memset(&res, 0, sizeof(res));
	rw_answers_init(&kept);
	rw_answers_init(&changes);
	rw_term_printf(stdout, "\nEdit \"");
	plain_print_clean(r->name);
	rw_term_printf(stdout, "\": Enter keeps each value.\nConnection, environment, folder and app "
		       "(%s; %s %s; %s) are %s.\n", r->connection_name ? r->connection_name :
		       r->connection_id ? r->connection_id : "?",
		       r->environment_slug ? r->environment_slug : "?",
		       r->folder_path ? r->folder_path : "?",
		       r->app_name && *r->app_name ? r->app_name : r->object_id ? r->object_id : "?",
		       CORE_MANAGE_LOCKED);
	/* The wizard's questions ask app->answers: lend them the rotation's values. */
	if (rw_answers_copy(&kept, &app->answers) < 0 || core_manage_edit_start(r, &app->answers) < 0) {
		rc = plain_nomem(m->s);
		goto out;
	}
	if (plain_edit_fields(m->s) != PLAIN_NEXT) {
		rc = -1;
		goto out;
	}
	if ((n = core_manage_edit_diff(r, &app->answers, &changes)) < 0) {
		rc = plain_nomem(m->s);
		goto out;
	}
	if (n == 0) {
		rw_term_printf(stdout, "Nothing changed: nothing sent.\n");
		goto out;
	}
	if (core_manage_edit_complete(r, &changes, msg, sizeof(msg)) < 0) {
		plain_say(NULL, msg);
		rw_term_printf(stdout, "Not edited.\n");
		m->code = rw_status_exit_code(RW_EINVAL);
		goto out;
	}
	if (plain_ask_yes_no(m->s, "Save the changes?", 1, &yes) < 0) {
		rc = -1;
		goto out;
	}
	if (!yes) {
		rw_term_printf(stdout, "Not edited.\n");
		goto out;
	}
	if (!(body = rw_body_build_update(&changes))) {
		rc = plain_nomem(m->s);
		goto out;
	}
	outcome = core_manage_edit(app, r, &changes, body, &res, msg, sizeof(msg));
	free(body);
	msg[0] = (char) (msg[0] - 'a' + 'A');
	say(msg);
	m->code = core_manage_change_exit(outcome, &res);
	if (outcome == CORE_CHANGE_DONE || outcome == CORE_CHANGE_FOUND) {
		rw_rotation_free(r);
		*r = res.u.rotation;
		memset(&res.u.rotation, 0, sizeof(res.u.rotation));
	}
out:
	/* The app's own answers back (the project, and nothing of the edit). */
	if (rw_answers_copy(&app->answers, &kept) < 0 && rc == 0)
		rc = plain_nomem(m->s);
	rw_result_free(&res);
	rw_answers_free(&kept);
	rw_answers_free(&changes);
	return rc;
}

/* 1 deleted (or found gone), 0 not, -1 the session ended. */
static int
act_delete(struct manage *m, const struct rw_rotation *r)
{
	static const enum core_delete_switch switches[2] = { CORE_DELETE_SECRETS, CORE_DELETE_REVOKE };
	struct rw_result res;
	struct strbuf q = STRBUF_INIT;
	enum core_change outcome;
	char line[REPORT_FAILURE_MAX + 1024], *typed = NULL;
	int on[2] = { 0, 0 }, i, rc = 0;

	/* Decision 27: both off to start, each saying what is left behind when off. */
	for (i = 0; i < 2; i++) {
		strbuf_reset(&q);
		strbuf_printf(&q, "%s? If not, ", core_manage_switch_label(switches[i]));
		core_manage_switch_words(r, switches[i], 0, &q);
		strbuf_puts(&q, ".");
		if (plain_ask_yes_no(m->s, strbuf_str(&q), 0, &on[i]) < 0) {
			rc = -1;
			goto out;
		}
	}
	strbuf_reset(&q);
	core_manage_delete_question(r, on[0], on[1], &q);
	strbuf_puts(&q, " ");
	if (plain_ask(m->s, strbuf_str(&q), PLAIN_ECHO_NO_HISTORY, &typed) < 0) {
		rc = -1;
		goto out;
	}
	if (!r->name || strcmp(typed, r->name) != 0) {
		rw_term_printf(stdout, "Not deleted: the name typed was not the rotation's.\n");
		goto out;
	}
	outcome = core_manage_delete(m->s->app, r, on[0], on[1], &res, line, sizeof(line));
	/* A sentence, as rotwiz delete prints it. */
	line[0] = (char) (line[0] - 'a' + 'A');
	strncat(line, ".", sizeof(line) - strlen(line) - 1);
	say(line);
	m->code = core_manage_change_exit(outcome, &res);
	rc = outcome == CORE_CHANGE_DONE || outcome == CORE_CHANGE_FOUND;
	rw_result_free(&res);
out:
	free(typed);
	strbuf_free(&q);
	return rc;
}

/* One rotation until back to the list: 0 back, -1 the session ended. */
static int
detail(struct manage *m, struct rw_rotation *r)
{
	int c, rc;

	for (;;) {
		print_detail(r);
		c = plain_ask_letter(m->s, "r) rotate now, c) credentials, e) edit, d) delete, "
				     "b) back to the list, q) quit", "rcedbq", 'b');
		switch (c) {
		case 'r':
			rc = act_rotate(m, r);
			break;
		case 'c':
			rc = act_credentials(m, r);
			break;
		case 'e':
			rc = act_edit(m, r);
			break;
		case 'd':
			if ((rc = act_delete(m, r)) > 0) {
				load_list(m);
				return 0;
			}
			break;
		case 'b':
			load_list(m);
			return 0;
		default:
			return -1;
		}
		if (rc < 0)
			return -1;
		/* What the server holds now (an unknown outcome especially). */
		refresh(m, r);
	}
}

/* The list until q; returns the run's exit code. */
static int
manage_loop(struct plain_session *s)
{
	struct manage m;
	struct rw_rotation picked;
	enum list_choice c;
	struct rw_api *loads_api = s->loads.api;
	int code;

	memset(&m, 0, sizeof(m));
	m.s = s;
	/* No background loads: the wizard's questions in an edit must not start any. */
	s->loads.api = NULL;
	load_list(&m);
	while (!s->end) {
		memset(&picked, 0, sizeof(picked));
		c = ask_list(&m, &picked);
		if (c == LIST_END)
			break;
		if (c == LIST_PICKED) {
			int rc = detail(&m, &picked);

			rw_rotation_free(&picked);
			if (rc < 0)
				break;
		}
	}
	switch (s->end) {
	case PLAIN_END_EOF:
		rw_term_printf(stderr, "rotwiz: input ended at question \"%s\"\n",
			       s->ended_at ? s->ended_at : "?");
		code = rw_status_exit_code(RW_EUSAGE);
		break;
	case PLAIN_END_SIGNAL:
		rw_term_printf(stderr, "rotwiz: stopped by signal %d\n", plain_io_signal());
		code = 128 + plain_io_signal();
		break;
	case PLAIN_END_EXIT:
		code = s->exit_code;
		break;
	default:
		/* q, or Ctrl-C confirmed: the normal way out; the code says how the last action went. */
		code = m.code;
		break;
	}
	fflush(stdout);
	s->loads.api = loads_api;
	rw_result_free(&m.list);
	free(m.filter);
	return code;
}

int
plain_manage_run(struct app *app)
{
	struct plain_session s;
	int code;

	if (plain_io_load() < 0)
		return PLAIN_EXIT_NO_READLINE;
	memset(&s, 0, sizeof(s));
	s.app = app;
	plain_load_init(&s.loads);
	s.ended_step = -1;
	plain_io_open(NULL, NULL);
	rw_term_printf(stdout, "rotwiz %s: the rotations of a project. Type a number or a letter "
		       "and Enter; Enter alone takes the choice in [brackets].\n", PACKAGE_VERSION);
	code = manage_loop(&s);
	free(s.ended_at);
	plain_load_free(&s.loads);
	plain_io_close();
	return code;
}

enum plain_next
plain_manage_after_create(struct plain_session *s)
{
	struct rw_answers kept;
	int code;

	/* Every environment and folder of the project, as rotwiz manage without them. */
	rw_answers_init(&kept);
	if (rw_answers_copy(&kept, &s->app->answers) < 0 ||
	    rw_answers_set(&s->app->answers, RW_FIELD_ENVIRONMENT, "") < 0 ||
	    rw_answers_set(&s->app->answers, RW_FIELD_SECRET_PATH, "") < 0) {
		rw_answers_free(&kept);
		plain_nomem(s);
		return PLAIN_STOP;
	}
	code = manage_loop(s);
	rw_answers_copy(&s->app->answers, &kept);
	rw_answers_free(&kept);
	/* The create succeeded; the run ends as the last action in manage went. */
	if (s->end != PLAIN_END_SIGNAL) {
		s->end = PLAIN_GOING;
		plain_stop(s, code);
	}
	return PLAIN_STOP;
}
