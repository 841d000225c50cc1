#ifndef ROTWIZ_CORE_FLOW_H
#define ROTWIZ_CORE_FLOW_H

/*
 * The wizard's decisions, written once for every front-end
 * (doc/architecture.md): which project a value names, whether a step's
 * answers still hold against what the server lists, where to go after a
 * step, the checks before create, what a create's result means, "create
 * another" and the draft offer.  Nothing here prints, draws or reads keys;
 * the words of a problem are made here so that every mode says the same.
 *
 * The checks read lists through a struct core_read: curses reads without
 * waiting (a list not there yet makes a check CORE_UNKNOWN, and the loop
 * asks again when it comes), plain and flag mode wait for it.
 */

#include <stddef.h>
#include <time.h>

#include "libcore/app.h"
#include "libcore/lists.h"
#include "forms/field.h"
#include "forms/validate.h"
#include "net/api.h"

/* How the checks read the lists of the cache. */
struct core_read {
	struct core_lists *lists;
	struct rw_api *api;		/* NULL: nothing can be asked (not signed in) */
	int block;			/* wait for a list (plain, flag mode) or not (curses) */
	core_lists_wait_fn wait;	/* with block: the front-end's wait, or NULL */
	void *wait_ctx;
};

enum core_hold {
	CORE_HOLDS,		/* the answers are good, as far as the server's lists tell */
	CORE_BROKEN,		/* one no longer holds: the problem says which and why */
	CORE_UNKNOWN,		/* a list it needs is still loading (non-blocking reads only) */
};

/*
 * The project a value names in list: by id first (case aside), then by
 * slug.  *by_slug (may be NULL) says which matched.  NULL when none.
 */
const struct rw_project *core_project_find(const struct rw_project_list *list, const char *value,
					   int *by_slug);

/*
 * After sign-in: a project answer that is a slug becomes the project's id
 * (what is sent is the id), and note says which project it named
 * ("project \"payments-platform\" is Payments Platform (ec28...)"); note
 * is "" otherwise.  Returns 0, or -1 when out of memory.
 */
int core_project_resolve(struct app *app, char *note, size_t notesz);

/*
 * Whether step's answers hold: the field rules (forms/validate.h), then
 * what the server lists --
 *   Where:      the project is one the credentials see, the environment
 *               is one of its slugs, the folder exists (its parent's
 *               folder list, or a 404 of the folder itself);
 *   Connection: in the project's connection list;
 *   Azure app:  in the connection's app list (when that list can be read);
 *   Secrets:    neither mapped name is already a secret in the folder.
 * A list that cannot be read (not a 404) leaves the judgement to the
 * server.  problems (may be NULL) gets each broken answer with its field.
 */
enum core_hold core_flow_holds(const struct core_read *r, const struct app *app, enum rw_step step,
			       struct rw_problems *problems);

/*
 * The folder check of Where alone, for a path typed but not yet answered
 * (plain asks it field by field): the folder exists in the project and
 * environment answered.
 */
enum core_hold core_flow_folder_holds(const struct core_read *r, const struct app *app,
				      const char *path, struct rw_problems *problems);

/*
 * The first of steps Rotation..Secrets whose answers do not hold, in
 * *step (RW_STEP_REVIEW when all hold); why (may be NULL) gets its
 * problems.  CORE_UNKNOWN when a step before the first broken one cannot
 * be judged yet (*step is then that step).
 */
enum core_hold core_flow_first_broken(const struct core_read *r, const struct app *app,
				      enum rw_step *step, struct rw_problems *why);

/*
 * Whether an answer others depend on (project, environment, folder,
 * connection) differs between before and now: then the steps after it are
 * checked again (core_flow_next with from_review).
 */
int core_flow_depended_on_changed(const struct rw_answers *before, const struct rw_answers *now);

/*
 * Where to go once step `done` is finished (its own answers hold):
 * the next step, or -- when it was reached from Review -- the first step
 * whose answers no longer hold, else Review.  Never a step before `done`
 * unless an earlier one is broken; why (may be NULL) gets the broken
 * step's problems.  CORE_UNKNOWN: ask again when the lists come.
 */
enum core_hold core_flow_next(const struct core_read *r, const struct app *app, enum rw_step done,
			      int from_review, enum rw_step *to, struct rw_problems *why);

/*
 * The connection answer changed from `before` (NULL: a resumed draft):
 * the Azure app answers are kept only when the connection's app list has
 * the same object ID; else they are cleared (a list that cannot be read
 * clears them too, unless the connection is the one they were picked
 * under).  CORE_UNKNOWN without waiting when the list is not there yet.
 * *cleared (may be NULL) says whether they were.
 */
enum core_hold core_flow_connection_changed(const struct core_read *r, struct app *app,
					    const char *before, int *cleared);

/*
 * Every check before create, over every step: the field rules, the
 * warnings aside, and what the server lists.  problems gets all of them,
 * each with its field.  Blocking reads only.
 */
enum core_hold core_flow_check_all(const struct core_read *r, const struct app *app,
				   struct rw_problems *problems);

/* What a create's result means for the front-end. */
struct core_created {
	int created;			/* the rotation exists: show it */
	int recovered;			/* no answer came, but the server shows it */
	int signin_again;		/* refused credentials: back to sign-in */
	int plan_refused;		/* the instance's plan refuses it: no answer gets past */
	int outcome_unknown;		/* may exist: look before creating again */
	enum rw_step reopen;		/* the step the error belongs to, or RW_STEP_REVIEW */
	enum rw_field field;		/* its field, or RW_FIELD_NONE */
};
/* Also settles app's create state (decision 17): what the result tells stays known. */
void core_flow_created(struct app *app, const struct rw_result *result, struct core_created *out);

/*
 * Decision 17, an unknown outcome.  The words every mode says (report.c
 * words the failures themselves): the found line, said before the normal
 * result; the quit line, when a create was in flight.
 */
#define CORE_CREATED_FOUND "created: the reply was lost, found on the server"
#define CORE_QUIT_IN_FLIGHT "a create was in flight: it may have been made"

/*
 * Starts the create of app's answers (body from rw_body_build()): after
 * an unknown outcome (this run's, or a resumed draft's), one that looks
 * the rotation up by name first and sends only when it is not there
 * (rw_api_create_looked()); else a plain create.  NULL when out of memory.
 */
struct rw_call *core_flow_create_start(struct app *app, const char *body, void *user);

/*
 * The words for a create that follows an unknown outcome ("rotation "x"
 * may already exist: ..."), said before it starts; "" when the outcome
 * of the last one is known.
 */
void core_flow_create_note(const struct app *app, char *buf, size_t bufsz);

/* A create is in flight or unknown: the draft records that it may exist. */
int core_flow_create_may_exist(const struct app *app);

/* The offered draft was resumed: its "may exist" becomes this run's. */
void core_flow_draft_taken(struct app *app);

/*
 * "Create another": keeps sign-in, project, environment, folder,
 * connection and schedule; clears name, description and the Azure app;
 * the secret names are the core's to offer again (libcore/names.h): the
 * folder now holds the ones just created.  Returns the step to open
 * (Rotation), or RW_STEP_COUNT when out of memory.
 */
enum rw_step core_flow_create_another(struct app *app);

/*
 * The secret names offered for the folder answered (decided behaviour 11,
 * libcore/names.h), from its list of names (a list that cannot be read
 * counts as empty).  *changed (may be NULL) says whether an answer
 * changed.  CORE_UNKNOWN without waiting while the list loads.
 */
enum core_hold core_flow_names_offer(const struct core_read *r, struct app *app, int *changed);

/*
 * The server a draft is saved for: "demo" with --demo (the sandbox's port
 * changes from run to run), else the origin of app->api_base
 * ("https://eu.infisical.com", without "/api").
 */
void core_flow_draft_server(const struct app *app, char *buf, size_t bufsz);

/*
 * Saves the answers as the draft at path, with the server and the time
 * now.  On RW_EIO errno says why (rw_draft_save()).
 */
enum rw_status core_flow_draft_save(const struct app *app, const char *path, enum rw_step step);

/*
 * Why a draft was not saved, for "could not be saved (...)": "PATH:
 * Read-only file system" from core_flow_draft_save()'s status and errno,
 * or that there is no place for one (path NULL).
 */
void core_flow_draft_unsaved(const char *path, enum rw_status status, int err, char *buf,
			     size_t bufsz);

/*
 * Before a run that may save a draft (decision 22): looks at the draft at
 * path (rw_draft_inspect()).  Returns 1 with the words to show in buf
 * when there is something to say: an unusable draft moved aside (and
 * where to), or one that could not be moved (then *unsafe is 1: the run
 * must save no draft, or it would overwrite it), a draft of another user,
 * or one that others may read or change.  0 when there is nothing to say.
 */
int core_flow_draft_notice(const char *path, time_t now, char *buf, size_t bufsz, int *unsafe);

/*
 * The draft offer: when this run brought no answers of its own and a
 * draft can be read from path, *draft gets it (rw_answers_init'ed by the
 * caller), *step the step to resume (Rotation..Review), and question the
 * words to ask, naming when and for which server it was saved.
 * *other_server is 1 when the draft was saved for another server than
 * this run's: the question says so plainly, and its answer defaults to
 * No.  A draft whose create may have been made says so (and sets
 * app->draft_may_exist).  Returns 1 to ask, 0 when there is nothing to offer.
 */
int core_flow_draft_offer(struct app *app, const char *path, struct rw_answers *draft,
			  enum rw_step *step, int *other_server, char *question,
			  size_t questionsz);

#endif
