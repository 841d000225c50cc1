#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

#include "libcore/export.h"
#include "common/term.h"
#include "libcore/flow.h"
#include "libcore/report.h"
#include "libcore/rotate.h"
#include "libcore/manage.h"
#include "common/status.h"
#include "forms/body.h"
#include "forms/draft.h"
#include "forms/validate.h"
#include "plain/steps.h"

static enum plain_next
out_of_memory(struct plain_session *s)
{
	plain_nomem(s);
	return PLAIN_STOP;
}

/*
 * Every rule once more before showing the body: values from flags, a file
 * or a draft may not have passed through a question, and a change made
 * from the review may have made another answer wrong.  Returns 1 (and
 * where to go) when something must be fixed first.
 */
static int
precheck(struct plain_session *s)
{
	const char *names[2] = {
		rw_answers_get(&s->app->answers, RW_FIELD_MAP_CLIENT_ID),
		rw_answers_get(&s->app->answers, RW_FIELD_MAP_CLIENT_SECRET),
	};
	struct rw_problems problems;
	const struct rw_field_info *info;
	char taken[512], why[512], *path;
	int i, n;

	memset(&problems, 0, sizeof(problems));
	if (rw_validate_step(&s->app->answers, RW_STEP_COUNT, &problems) > 0) {
		rw_term_printf(stdout, "\nSome answers need a fix before the review:\n");
		for (i = 0; i < problems.count; i++)
			rw_term_printf(stdout, "  %s\n", problems.item[i].message);
		info = rw_field_info(problems.item[0].field);
		s->jump = info ? info->step : RW_STEP_ROTATION;
		s->back_to_review = 1;
		return 1;
	}
	n = plain_names_taken(s, names, 2, taken, sizeof(taken), why, sizeof(why));
	if (n < 0) {
		rw_term_printf(stdout, "\nCould not check the secret names in the folder (%s); the server checks "
		       "them again on create.\n", why);
		return 0;
	}
	if (n == 0)
		return 0;
	path = rw_normalize_field(RW_FIELD_SECRET_PATH,
				  rw_answers_get(&s->app->answers, RW_FIELD_SECRET_PATH));
	rw_term_printf(stdout, "\nThe folder \"%s\" of environment %s already holds %s named %s; the rotation "
	       "creates its own secrets, so choose names not taken there.\n",
	       path ? path : "/", rw_answers_get(&s->app->answers, RW_FIELD_ENVIRONMENT),
	       n == 1 ? "a secret" : "secrets", taken);
	free(path);
	s->jump = RW_STEP_SECRETS;
	s->back_to_review = 1;
	return 1;
}

static void
print_answers(struct plain_session *s)
{
	const struct rw_step_info *step;
	const struct rw_field_info *info;
	char value[600];
	int i, j;

	for (i = RW_STEP_ROTATION; i <= RW_STEP_SECRETS; i++) {
		step = rw_step_info((enum rw_step) i);
		rw_term_printf(stdout, "  %d. %s\n", i, step->title);
		for (j = 0; j < step->field_count; j++) {
			info = rw_field_info(step->fields[j]);
			plain_describe(s, step->fields[j], value, sizeof(value));
			rw_term_printf(stdout, "       %-26s ", info->label);
			plain_print_clean(value);
			fputc('\n', stdout);
		}
	}
}

/* w: the body and the curl command to files, asking before overwriting (libcore/export.h). */
static int
write_files(struct plain_session *s)
{
	char msg[512];
	int yes = 0;

	if (core_export_write(s->app, 0, msg, sizeof(msg)) == CORE_EXPORT_EXISTS) {
		if (plain_ask_yes_no(s, msg, 0, &yes) < 0)
			return -1;
		if (!yes) {
			rw_term_printf(stdout, "Nothing written: the files there are kept.\n");
			return 0;
		}
		core_export_write(s->app, 1, msg, sizeof(msg));
	}
	rw_term_printf(stdout, "%s\n", msg);
	return 0;
}

enum plain_next
plain_step_review(struct plain_session *s)
{
	struct rw_problems warnings;
	char *body, *curl, *line, *t, *end;
	long n;
	int i;

	if (precheck(s))
		return PLAIN_GOTO;
	s->back_to_review = 0;

	rw_term_printf(stdout, "\nStep 7 of 8: Review\n");
	print_answers(s);
	if (!(body = rw_body_build(&s->app->answers)))
		return out_of_memory(s);
	curl = rw_curl_command(s->app->api_base, body);
	rw_term_printf(stdout, "\nRequest body (POST %s/v2/secret-rotations/azure-client-secret):\n%s\n",
	       s->app->api_base, body);
	if (curl)
		rw_term_printf(stdout, "\nThe same request with curl (the token is read from $INFISICAL_TOKEN):\n"
		       "%s\n", curl);
	free(curl);
	free(body);
	memset(&warnings, 0, sizeof(warnings));
	rw_answers_warnings(&s->app->answers, &warnings);
	for (i = 0; i < warnings.count; i++)
		rw_term_printf(stdout, "Warning: %s\n", warnings.item[i].message);

	for (;;) {
		if (plain_ask(s, "c) create, 1-6) change that step, w) write the body and curl "
			      "command to files, q) quit: ", PLAIN_ECHO_NO_HISTORY, &line) < 0)
			return PLAIN_STOP;
		t = plain_trim(line);
		free(line);
		if (!t)
			return out_of_memory(s);
		if (strcasecmp(t, "c") == 0 || strcasecmp(t, "create") == 0) {
			free(t);
			return PLAIN_NEXT;
		}
		if (strcasecmp(t, "w") == 0 || strcasecmp(t, "write") == 0) {
			free(t);
			if (write_files(s) < 0)
				return PLAIN_STOP;
			continue;
		}
		if (strcasecmp(t, "q") == 0 || strcasecmp(t, "quit") == 0) {
			free(t);
			s->end = PLAIN_END_QUIT;
			return PLAIN_STOP;
		}
		n = strtol(t, &end, 10);
		if (*t && !*end && n >= RW_STEP_ROTATION && n <= RW_STEP_SECRETS) {
			free(t);
			s->jump = (enum rw_step) n;
			s->back_to_review = 1;
			return PLAIN_GOTO;
		}
		free(t);
		/* No default on purpose: creating calls Azure, so it takes a deliberate "c". */
		rw_term_printf(stdout, "Type c to create the rotation, a step number from 1 to 6 to change "
		       "that step, w to write the body and the curl command to files, or q to "
		       "quit.\n");
	}
}

/* After a create: rotate now, another one, or quit.  The run has succeeded either way. */
static enum plain_next
after_create(struct plain_session *s, const struct rw_rotation *rotation)
{
	struct rw_result res;
	struct rw_rotation last;
	char line[REPORT_FAILURE_MAX + 512];
	long minutes;
	int c;

	/* The rotation as last seen: what a lost rotate reply is compared with. */
	if (core_manage_copy(&last, rotation) < 0)
		return out_of_memory(s);
	for (;;) {
		c = plain_ask_letter(s, "What next? r) rotate now, n) create another rotation, "
				     "m) manage the project's rotations, q) quit", "rnmq", 'q');
		if (c < 0) {
			rw_rotation_free(&last);
			/* Quit, Ctrl-C or end of input: the rotation exists, so this run succeeded. */
			if (s->end != PLAIN_END_EXIT)
				plain_stop(s, rw_status_exit_code(RW_OK));
			return PLAIN_STOP;
		}
		if (c == 'm') {
			rw_rotation_free(&last);
			return plain_manage_after_create(s);
		}
		if (c == 'n') {
			rw_rotation_free(&last);
			/* Where and how stay; what and which app are asked again (libcore/flow.c). */
			if ((s->jump = core_flow_create_another(s->app)) == RW_STEP_COUNT)
				return out_of_memory(s);
			s->back_to_review = 0;
			s->done_mask = 0;
			return PLAIN_GOTO;
		}
		if (core_rotate_is_soon(&last, time(NULL), &minutes)) {
			/* Decision 18: default No. */
			core_rotate_question(&last, minutes, line, sizeof(line));
			rw_term_printf(stdout, "%s\n", line);
			if (plain_ask_letter(s, "Rotate anyway? y) yes, n) no", "yn", 'n') != 'y')
				continue;
		}
		rw_term_printf(stdout, "Rotating \"%s\" now...\n", last.name ? last.name : "");
		plain_load_wait_call(&s->loads, rw_api_rotate_now(s->loads.api, last.id, &last, NULL),
				     0, &res);
		switch (core_rotate_outcome(&res, last.active_index, s->app->api_base, line,
					    sizeof(line))) {
		case CORE_ROTATED:
			rw_term_printf(stdout, "Rotated. The active credential is now index %d (it was %d).\n",
			       res.u.rotation.active_index, last.active_index);
			line[0] = '\0';
			/* fall through */
		case CORE_ROTATED_FOUND:
			rw_rotation_free(&last);
			last = res.u.rotation;
			memset(&res.u.rotation, 0, sizeof(res.u.rotation));
			if (line[0])
				rw_term_printf(stdout, "Rotate now: ");
			break;
		case CORE_ROTATE_FAILED:
			rw_term_printf(stdout, "Rotate now failed: ");
			break;
		default:
			rw_term_printf(stdout, "Rotate now: ");
			break;
		}
		if (line[0])
			rw_term_printf(stdout, "%s\n", line);
		rw_result_free(&res);
	}
}

enum plain_next
plain_step_result(struct plain_session *s)
{
	struct core_created created;
	struct rw_result res;
	enum plain_next next;
	enum rw_step back = RW_STEP_REVIEW;
	char line[REPORT_FAILURE_MAX], *body, *summary;

	rw_term_printf(stdout, "\nStep 8 of 8: Result\nCreating the rotation \"");
	plain_print_clean(rw_answers_get(&s->app->answers, RW_FIELD_NAME));
	rw_term_printf(stdout, "\"...\n");
	fflush(stdout);
	if (!(body = rw_body_build(&s->app->answers)))
		return out_of_memory(s);
	/* Decision 17: after an unknown outcome, it is looked up first, and that is said. */
	core_flow_create_note(s->app, line, sizeof(line));
	if (line[0])
		rw_term_printf(stdout, "%c%s.\n", line[0] - 'a' + 'A', line + 1);
	/* Not cancellable: once sent, only the server's answer tells whether it exists. */
	plain_load_wait_call(&s->loads, core_flow_create_start(s->app, body, NULL), 0, &res);
	free(body);
	/* The folder changed (or holds names the list did not show): list it afresh. */
	plain_load_forget(&s->loads, CORE_SLOT_SECRET_NAMES);
	if (res.status == RW_ECANCEL && plain_io_signal()) {
		/* Stopped while the create was on its way: it stays "in flight" for the draft. */
		rw_result_free(&res);
		s->end = PLAIN_END_SIGNAL;
		return PLAIN_STOP;
	}
	core_flow_created(s->app, &res, &created);

	if (res.status == RW_OK) {
		s->created++;
		if (res.recovered)
			rw_term_printf(stdout, "C%s.\n", CORE_CREATED_FOUND + 1);
		if ((summary = report_summary(&res.u.rotation))) {
			/* Decision 19: a summary that cannot be written is said, with its exit code. */
			if (report_put_summary(stdout, summary) != 0)
				s->summary_lost = 1;
			free(summary);
		}
		if (s->draft_path)
			rw_draft_remove(s->draft_path);
		s->result_shown = 1;
		next = after_create(s, &res.u.rotation);
		s->result_shown = 0;
		rw_result_free(&res);
		return next;
	}

	report_failure(&res, s->app->api_base, &s->app->answers, REPORT_WIZARD, line, sizeof(line));
	/* report.c's words say what a lookup found: "not created: ...", "outcome unknown: ...". */
	if (res.outcome_unknown || res.outcome_checked)
		rw_term_printf(stdout, "%c%s\n", line[0] >= 'a' && line[0] <= 'z' ?
			       line[0] - 'a' + 'A' : line[0], line + 1);
	else
		rw_term_printf(stdout, "Create failed: %s\n", line);
	if (created.plan_refused) {
		/* No answer gets past the instance's plan: stop, keeping them (doc/contract.md s.6.1). */
		rw_result_free(&res);
		if (plain_save_draft(s) == 0)
			rw_term_printf(stdout, "Your answers are saved as a draft.\n");
		else if (s->draft_unsaved[0])
			rw_term_printf(stdout, "Your answers could not be saved as a draft (%s).\n", s->draft_unsaved);
		plain_stop(s, rw_status_exit_code(RW_ESERVER));
		return PLAIN_STOP;
	}
	if (created.signin_again) {
		back = RW_STEP_SIGN_IN;
		s->force_signin = 1;
	} else {
		back = created.reopen;
	}
	if (res.status == RW_ENOMEM) {
		rw_result_free(&res);
		return out_of_memory(s);
	}
	rw_result_free(&res);
	if (back == RW_STEP_REVIEW)
		rw_term_printf(stdout, "Back to the review; every answer is kept.\n");
	else
		rw_term_printf(stdout, "Back to step %d (%s); every answer is kept.\n", (int) back,
		       rw_step_info(back)->title);
	s->jump = back;
	s->back_to_review = 1;
	return PLAIN_GOTO;
}
