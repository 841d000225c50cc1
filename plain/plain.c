#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/status.h"
#include "forms/draft.h"
#include "forms/validate.h"
#include "plain/plain.h"
#include "plain/steps.h"

/*
 * The loop of plain mode: one step at a time, each returning what should
 * happen next (style lesson 3); the draft saved on every step change and
 * on quitting; the exit code at the end.
 */

/*
 * A draft is offered only on a terminal and only when no field was given
 * (flags or a file mean this run has its own answers).  A piped session
 * never reads one: its answers must not depend on what an earlier run left.
 */
static int
offer_draft(struct plain_session *s)
{
	struct rw_answers draft;
	enum rw_step step;
	char shown[RW_SHOWN_MAX], question[512];
	int yes;

	if (!s->draft_path || !plain_io_is_tty() || app_answers_given(s->app))
		return 0;
	rw_answers_init(&draft);
	if (rw_draft_load(s->draft_path, &draft, &step) != RW_OK) {
		rw_answers_free(&draft);
		return 0;
	}
	if (step < RW_STEP_ROTATION)
		step = RW_STEP_ROTATION;
	if (step > RW_STEP_REVIEW)
		step = RW_STEP_REVIEW;
	rw_show_value(rw_answers_get(&draft, RW_FIELD_NAME), shown, sizeof(shown));
	snprintf(question, sizeof(question), "A draft from an earlier run is saved (%s%s%s, "
		 "stopped at step %d, %s). Resume it?", shown[0] ? "rotation \"" : "a rotation "
		 "without a name yet", shown, shown[0] ? "\"" : "", (int) step,
		 rw_step_info(step)->title);
	if (plain_ask_yes_no(s, question, 1, &yes) < 0) {
		rw_answers_free(&draft);
		return -1;
	}
	if (yes) {
		if (rw_answers_copy(&s->app->answers, &draft) < 0) {
			rw_answers_free(&draft);
			plain_stop(s, rw_status_exit_code(RW_ENOMEM));
			return -1;
		}
		s->resume = step;
	}
	rw_answers_free(&draft);
	return 0;
}

static int
changed(const struct rw_answers *before, const struct rw_answers *now, enum rw_field field)
{
	return strcmp(rw_answers_get(before, field), rw_answers_get(now, field)) != 0;
}

/* Where to go once step `done` is finished. */
static enum rw_step
next_step(struct plain_session *s, enum rw_step done, const struct rw_answers *before)
{
	enum rw_step resume = s->resume;

	if (done == RW_STEP_SIGN_IN) {
		s->resume = RW_STEP_SIGN_IN;
		if (resume > RW_STEP_SIGN_IN)
			return resume;
		return s->back_to_review ? RW_STEP_REVIEW : RW_STEP_ROTATION;
	}
	if (!s->back_to_review || done >= RW_STEP_REVIEW)
		return done + 1;
	/* Back from Review: revisit only what the change makes stale. */
	if (done == RW_STEP_WHERE && changed(before, &s->app->answers, RW_FIELD_PROJECT))
		return RW_STEP_CONNECTION;
	if (done == RW_STEP_CONNECTION && changed(before, &s->app->answers, RW_FIELD_CONNECTION))
		return RW_STEP_AZURE_APP;
	return RW_STEP_REVIEW;
}

static enum plain_next
run_step(struct plain_session *s)
{
	switch (s->step) {
	case RW_STEP_SIGN_IN:
		return plain_step_signin(s);
	case RW_STEP_REVIEW:
		return plain_step_review(s);
	case RW_STEP_RESULT:
		return plain_step_result(s);
	default:
		return plain_step_fields(s, s->step);
	}
}

static int
finish(struct plain_session *s)
{
	int saved;

	switch (s->end) {
	case PLAIN_END_EXIT:
		return s->exit_code;
	case PLAIN_END_EOF:
	case PLAIN_END_QUIT:
	default:
		saved = plain_save_draft(s) == 0;
		if (s->end == PLAIN_END_EOF)
			fprintf(stderr, "rotwiz: input ended%s\n", saved ?
				" -- your answers are saved as a draft; run rotwiz again to resume" : "");
		else
			printf("Quit.%s\n", saved ? " Your answers are saved as a draft." : "");
		/* A rotation made earlier in this run stays made: that run succeeded. */
		return s->created ? 0 : rw_status_exit_code(RW_EQUIT);
	}
}

int
plain_run(struct app *app)
{
	struct plain_session s;
	struct rw_answers before;
	enum rw_step last_saved = RW_STEP_SIGN_IN;
	enum plain_next next;
	int code;

	memset(&s, 0, sizeof(s));
	s.app = app;
	plain_load_init(&s.loads);
	s.loads.api = app->api;
	s.draft_path = rw_draft_path();
	rw_answers_init(&before);
	plain_io_open(plain_load_wait_fd, &s.loads);
	fflush(stdout);

	printf("rotwiz %s: create an Infisical Azure Client Secret rotation, one question at "
	       "a time.\nEnter keeps the value in [brackets]; ? explains a question; Ctrl-C "
	       "quits.%s\n", PACKAGE_VERSION, plain_io_is_tty() ? " Tab completes names." : "");
	if (offer_draft(&s) == 0 && rw_answers_apply_defaults(&app->answers) < 0)
		plain_stop(&s, rw_status_exit_code(RW_ENOMEM));
	plain_start_loads(&s);

	s.step = RW_STEP_SIGN_IN;
	while (!s.end) {
		if (s.step != last_saved && s.step >= RW_STEP_ROTATION && s.step <= RW_STEP_REVIEW) {
			plain_save_draft(&s);
			last_saved = s.step;
		}
		if (s.step >= RW_STEP_ROTATION && s.step <= RW_STEP_SECRETS)
			printf("\nStep %d of 8: %s\n", (int) s.step, rw_step_info(s.step)->title);
		if (rw_answers_copy(&before, &app->answers) < 0) {
			plain_stop(&s, rw_status_exit_code(RW_ENOMEM));
			break;
		}
		next = run_step(&s);
		if (next == PLAIN_STOP || s.end)
			break;
		if (next == PLAIN_GOTO)
			s.step = s.jump;
		else
			s.step = next_step(&s, s.step, &before);
		if (s.step > RW_STEP_RESULT)
			s.step = RW_STEP_REVIEW;
	}
	if (!s.end)
		plain_stop(&s, rw_status_exit_code(RW_ENOMEM));
	code = finish(&s);
	fflush(stdout);
	rw_answers_free(&before);
	plain_load_free(&s.loads);
	plain_io_close();
	free(s.draft_path);
	return code;
}
