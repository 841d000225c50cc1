#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/status.h"
#include "common/term.h"
#include "libcore/flow.h"
#include "libcore/names.h"
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
 * Before anything may save over it (decision 22): an unusable draft is
 * moved aside, a risky one named, each on stderr; one that could not be
 * moved keeps this run from saving a draft at all.
 */
static void
check_draft(struct plain_session *s)
{
	char notice[sizeof(s->draft_unsaved)];
	int unsafe;

	if (!core_flow_draft_notice(s->draft_path, time(NULL), notice, sizeof(notice), &unsafe))
		return;
	rw_term_printf(stderr, "rotwiz: %s\n", notice);
	if (unsafe) {
		snprintf(s->draft_unsaved, sizeof(s->draft_unsaved), "%s", notice);
		free(s->draft_path);
		s->draft_path = NULL;
	}
}

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
	char question[1024];
	int yes, other_server;

	if (!plain_io_is_tty())
		return 0;
	rw_answers_init(&draft);
	if (!core_flow_draft_offer(s->app, s->draft_path, &draft, &step, &other_server, question,
				   sizeof(question))) {
		rw_answers_free(&draft);
		return 0;
	}
	/* A draft for another server is resumed only by a deliberate yes. */
	if (plain_ask_yes_no(s, question, !other_server, &yes) < 0) {
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
		s->draft_app_check = 1;
		core_flow_draft_taken(s->app);
	}
	rw_answers_free(&draft);
	return 0;
}

/* An answer others depend on changed on a step finished before. */
static int
changed(const struct plain_session *s, enum rw_step done, const struct rw_answers *before)
{
	return ((s->done_mask >> done) & 1) &&
	       core_flow_depended_on_changed(before, &s->app->answers);
}

/*
 * Where to go once step `done` is finished: the next step, or -- from
 * Review, or after an answer others depend on changed -- the first step
 * whose answers no longer hold, else Review (core_flow_next).
 */
static enum rw_step
next_step(struct plain_session *s, enum rw_step done, const struct rw_answers *before)
{
	struct core_read r = { &s->loads.lists, s->loads.api, 1, plain_load_wait_one, &s->loads };
	enum rw_step resume = s->resume, to;
	struct rw_problems why;
	int cleared = 0, again, i;

	s->loads.waiting_for = CORE_SLOT_COUNT;
	s->loads.said = 0;
	if (done == RW_STEP_SIGN_IN) {
		s->resume = RW_STEP_SIGN_IN;
		if (s->draft_app_check) {
			/* A resumed draft's app is kept only under a connection that lists it. */
			s->draft_app_check = 0;
			core_flow_connection_changed(&r, s->app, NULL, &cleared);
			if (cleared)
				rw_term_printf(stdout, "The draft's Azure app is not one of its connection's apps any "
				       "more: step 4 asks for it again.\n");
		}
		if (resume > RW_STEP_SIGN_IN)
			return resume;
		return s->back_to_review ? RW_STEP_REVIEW : RW_STEP_ROTATION;
	}
	if (done >= RW_STEP_REVIEW)
		return done + 1;
	if (done == RW_STEP_CONNECTION) {
		core_flow_connection_changed(&r, s->app, rw_answers_get(before, RW_FIELD_CONNECTION),
					     &cleared);
		if (cleared)
			rw_term_printf(stdout, "The Azure app was picked under another connection: step 4 asks "
			       "for one of this connection's apps.\n");
	}
	again = s->back_to_review || changed(s, done, before);
	s->done_mask |= 1 << done;
	/* The names offered follow the folder and the app before the later steps are judged. */
	core_flow_names_offer(&r, s->app, NULL);
	memset(&why, 0, sizeof(why));
	core_flow_next(&r, s->app, done, again, &to, &why);
	if (why.count && !cleared) {
		/* Taken back to a step whose answer no longer holds: say why. */
		rw_term_printf(stdout, "\nStep %d (%s) no longer holds after that change:\n", (int) to,
		       rw_step_info(to)->title);
		for (i = 0; i < why.count; i++) {
			rw_term_printf(stdout, "  ");
			plain_print_clean(why.item[i].message);
			rw_term_printf(stdout, "\n");
		}
	}
	if (to == RW_STEP_REVIEW)
		s->back_to_review = 0;
	return to;
}

static enum plain_next
run_step(struct plain_session *s)
{
	struct core_read r = { &s->loads.lists, s->loads.api, 1, plain_load_wait_one, &s->loads };

	/* The secret names offered are free in the folder, for the app chosen (libcore/names.h). */
	if (s->step == RW_STEP_SECRETS || s->step == RW_STEP_REVIEW)
		core_flow_names_offer(&r, s->app, NULL);
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

/*
 * Input that ended before the create (decision 14) is not a quit: the
 * answers are kept as a draft, the line says which question got no answer,
 * and the exit is 2 like any other answer missing without a terminal.
 */
static int
input_ended(struct plain_session *s)
{
	char step[64] = "", said[sizeof(s->draft_unsaved) + 64] = "";
	int saved;

	/* At the draft offer nothing was answered yet: the draft on disk stays as it is. */
	saved = s->ended_step >= 0 && plain_save_draft(s) == 0;
	if (s->ended_step >= 0)
		snprintf(step, sizeof(step), "step %d (%s), ", s->ended_step,
			 rw_step_info((enum rw_step) s->ended_step)->title);
	if (saved)
		snprintf(said, sizeof(said), " -- your answers are saved as a draft; run rotwiz "
			 "again to resume");
	else if (s->ended_step < 0)
		snprintf(said, sizeof(said), " -- the saved draft is kept");
	else if (s->draft_unsaved[0])
		snprintf(said, sizeof(said), " -- your answers could not be saved as a draft (%s)",
			 s->draft_unsaved);
	rw_term_printf(stderr, "rotwiz: input ended at %squestion \"%s\"%s\n", step,
		s->ended_at ? s->ended_at : "?", said);
	return s->created ? 0 : rw_status_exit_code(RW_EUSAGE);
}

static int
finish(struct plain_session *s)
{
	int saved;

	switch (s->end) {
	case PLAIN_END_EXIT:
		/* Decision 19: a created rotation whose summary was lost says so by its code. */
		return s->exit_code == 0 && s->summary_lost ? RW_EXIT_SUMMARY_UNWRITTEN :
		       s->exit_code;
	case PLAIN_END_SIGNAL:
		/* As curses ends on one: the terminal is back (io.c), the draft saved. */
		saved = s->asking_steps && plain_save_draft(s) == 0;
		fflush(stdout);
		if (s->app->create_in_flight)
			rw_term_printf(stderr, "rotwiz: %s%s\n", CORE_QUIT_IN_FLIGHT, saved ?
				" -- the draft records it, and the next run looks it up before "
				"creating" : " -- look for it in Infisical before creating it again");
		rw_term_printf(stderr, "rotwiz: stopped by signal %d%s\n", plain_io_signal(),
			saved ? " -- your answers are saved as a draft; run rotwiz again to "
			"resume" : !s->asking_steps && s->draft_path ? " -- the saved draft is kept" :
			"");
		return 128 + plain_io_signal();
	case PLAIN_END_EOF:
		return input_ended(s);
	case PLAIN_END_QUIT:
	default:
		/* Quitting at the draft offer answered nothing: the draft on disk stays. */
		saved = s->asking_steps && plain_save_draft(s) == 0;
		if (!saved && s->asking_steps && s->draft_unsaved[0])
			rw_term_printf(stdout, "Quit. Your answers could not be saved as a draft (%s).\n",
			       s->draft_unsaved);
		else
			rw_term_printf(stdout, "Quit.%s\n", saved ? " Your answers are saved as a draft." :
			       !s->asking_steps && s->draft_path ? " The saved draft is kept." : "");
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

	if (plain_io_load() < 0)
		return PLAIN_EXIT_NO_READLINE;
	memset(&s, 0, sizeof(s));
	s.app = app;
	plain_load_init(&s.loads);
	s.loads.api = app->api;
	s.draft_path = rw_draft_path();
	check_draft(&s);
	rw_answers_init(&before);
	plain_io_open(plain_load_wait_fd, &s.loads);
	fflush(stdout);

	rw_term_printf(stdout, "rotwiz %s: create an Infisical Azure Client Secret rotation, one question at "
	       "a time.\nEnter keeps the value in [brackets]; ? explains a question; Ctrl-C "
	       "quits.%s\n", PACKAGE_VERSION, plain_io_is_tty() ? " Tab completes names." : "");
	if (offer_draft(&s) == 0 &&
	    (core_names_claim(app) < 0 || rw_answers_apply_defaults(&app->answers) < 0))
		plain_stop(&s, rw_status_exit_code(RW_ENOMEM));
	plain_start_loads(&s);

	s.step = RW_STEP_SIGN_IN;
	s.asking_steps = !s.end;
	while (!s.end) {
		if (s.step != last_saved && s.step >= RW_STEP_ROTATION && s.step <= RW_STEP_REVIEW) {
			plain_save_draft(&s);
			last_saved = s.step;
		}
		if (s.step >= RW_STEP_ROTATION && s.step <= RW_STEP_SECRETS)
			rw_term_printf(stdout, "\nStep %d of 8: %s\n", (int) s.step, rw_step_info(s.step)->title);
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
	free(s.ended_at);
	return code;
}
