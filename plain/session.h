#ifndef ROTWIZ_PLAIN_SESSION_H
#define ROTWIZ_PLAIN_SESSION_H

/*
 * One plain-mode run: the state the step functions share, and the asking
 * helpers they all use (Ctrl-C, end of input and the draft are handled
 * here, once).  Steps return what should happen next; only the loop in
 * plain.c moves between steps (style lesson 3).
 */

#include "libcore/app.h"
#include "forms/field.h"
#include "plain/io.h"
#include "plain/load.h"

/* Why a session stops asking. */
enum plain_end {
	PLAIN_GOING = 0,
	PLAIN_END_QUIT,		/* the user quit (Ctrl-C, q): exit 130 */
	PLAIN_END_EOF,		/* input ended before the create: exit 2 (decision 14) */
	PLAIN_END_EXIT,		/* finished or failed: exit with exit_code */
	PLAIN_END_SIGNAL,	/* SIGTERM, SIGHUP: the draft saved, exit 128 + the signal (decision 20) */
};

/* What a step asks the loop to do. */
enum plain_next {
	PLAIN_NEXT,		/* the step is done */
	PLAIN_GOTO,		/* go to session->jump */
	PLAIN_STOP,		/* session->end says why */
};

struct plain_session {
	struct app *app;
	struct plain_loads loads;
	char *draft_path;		/* NULL: nowhere to keep a draft */
	char draft_unsaved[1400];	/* why the last save failed ("PATH: reason"); "" when it did not */
	enum rw_step step;		/* the step being asked */
	enum rw_step jump;		/* for PLAIN_GOTO */
	int back_to_review;		/* reached from Review: return there when done */
	int done_mask;			/* steps finished at least once (bit per step) */
	int draft_app_check;		/* a resumed draft's app is checked once signed in */
	enum rw_step resume;		/* a resumed draft's step, asked right after sign-in; 0: none */
	int force_signin;		/* the server refused the token: ask for credentials */
	int reload_projects;		/* the sign-in's project list failed a retry: use a fresh load */
	int created;			/* rotations created in this run */
	int asking_steps;		/* the loop over the steps runs (s->step says which) */
	enum plain_end end;
	int exit_code;			/* for PLAIN_END_EXIT */
	char *ended_at;			/* PLAIN_END_EOF: the prompt it ended at, cleaned */
	int ended_step;			/* and its step; -1: before the steps (the draft offer) */
	int summary_lost;		/* a created rotation's summary could not be written */
	int result_shown;		/* at "What next?" after a create: no draft to save */
};

/*
 * Asks one line.  0 with *answer (caller frees; wipe it when secret), or
 * -1 when the session ends (s->end says why).  Ctrl-C asks whether to
 * quit (from a pipe, nobody could answer: it quits); an over-long line is
 * refused and asked again.
 */
int plain_ask(struct plain_session *s, const char *prompt, enum plain_echo echo, char **answer);

/*
 * A yes/no question; an empty answer takes the default.  0 with *yes, or
 * -1 when the session ends.
 */
int plain_ask_yes_no(struct plain_session *s, const char *question, int default_yes, int *yes);

/*
 * "r) try again, m) ..., q) quit [r]: " until one of letters is typed
 * (Enter: def).  Returns the letter; 'q' ends the session as a quit, and
 * -1 is returned for it as for the end of input.
 */
int plain_ask_letter(struct plain_session *s, const char *choices, const char *letters, int def);

/*
 * Prints msg, a refusal, as the line under the prompt labelled label
 * (NULL: none): without a leading "label: ", since the prompt just said
 * it, starting with a capital, control characters made visible.
 */
void plain_say(const char *label, const char *msg);

/* Ends the session with an exit code (a message was already printed). */
void plain_stop(struct plain_session *s, int exit_code);

/* Says "out of memory" on stderr and ends the session with its exit code; returns -1. */
int plain_nomem(struct plain_session *s);

/*
 * Saves the answers and the current step as the draft.  0, or -1 when
 * nothing was saved (a failure is said once on stderr and kept in
 * s->draft_unsaved; no place for drafts, nothing beyond the defaults
 * yet, or the write failed).
 */
int plain_save_draft(struct plain_session *s);

/* text without surrounding blanks, as a new string (NULL: out of memory). */
char *plain_trim(const char *text);

#endif
