#ifndef ROTWIZ_CORE_BATCH_H
#define ROTWIZ_CORE_BATCH_H

/*
 * Many creates at once (issue 13, decision 29), for every front-end: a
 * bounded number in flight over as many reused connections, a 429 waited
 * out by its Retry-After and sent again, one failure not stopping the
 * others, an unknown outcome looked up by name before it is sent again
 * (never a duplicate), and a stop that starts nothing new and waits for
 * what is on the wire.  The front-end draws progress from the callback;
 * only core_batch_run() drives the network.
 */

#include <stddef.h>

#include "net/api.h"

#define CORE_BATCH_PARALLEL 4		/* in flight by default */
#define CORE_BATCH_PARALLEL_MAX 16
#define CORE_BATCH_429_TRIES 6		/* sends of one create refused with 429 */
#define CORE_BATCH_WAIT_MAX_S 60	/* longest Retry-After waited out */

enum core_batch_state {
	CORE_BATCH_PENDING,	/* not sent yet */
	CORE_BATCH_RUNNING,	/* on the wire */
	CORE_BATCH_WAITING,	/* refused with 429: sent again at retry_at */
	CORE_BATCH_CREATED,	/* result.u.rotation holds it (result.recovered: found by name) */
	CORE_BATCH_FAILED,	/* refused or not sent: nothing was made */
	CORE_BATCH_UNKNOWN,	/* may have been made; the lookups could not tell */
	CORE_BATCH_SKIPPED,	/* never sent: the run was stopped first */
};

struct core_batch_item {
	char *body;			/* owned: the JSON create body */
	enum core_batch_state state;
	struct rw_result result;	/* the last answer (owned) */
	int sends;			/* how often it went out */
	int look_first;			/* an earlier send's outcome is unknown: look it up first */
	long long retry_at;		/* monotonic ms, while WAITING */
	struct rw_call *call;		/* while RUNNING */
};

struct core_batch {
	struct core_batch_item *item;	/* owned */
	size_t count;
	int parallel;			/* 0: CORE_BATCH_PARALLEL */
	/* Filled by core_batch_run(): */
	size_t created, failed, unknown, skipped;
	int stopped;			/* the stop fd fired */
	long retried_429;		/* creates sent again after a 429 */
	long looked_up;			/* creates looked up by name before being sent again */
	/* While running (core_batch_begin .. core_batch_end): */
	int in_flight;
	int nomem;
};

/* The items' bodies are the caller's to fill (core_batch_add). */
void core_batch_init(struct core_batch *batch);
/* Appends a create of body (copied).  0, or -1 when out of memory. */
int core_batch_add(struct core_batch *batch, const char *body);
void core_batch_free(struct core_batch *batch);

/* Called after each item changes state (progress bars, a line each). */
typedef void (*core_batch_progress_fn)(void *user, const struct core_batch *batch, size_t index);

/*
 * Sends every PENDING item through api, at most batch->parallel at once
 * (the api is given that many connections), until each is CREATED, FAILED,
 * UNKNOWN or SKIPPED.  stop_fd (-1: none) becoming readable stops it: no
 * new send starts, those in flight are waited for, the rest are SKIPPED.
 * Items left FAILED or UNKNOWN by an earlier run may be set PENDING again
 * to retry only them (an UNKNOWN one keeps look_first).  Returns 0, or -1
 * when out of memory (items not finished are then FAILED with RW_ENOMEM).
 */
int core_batch_run(struct rw_api *api, struct core_batch *batch, int stop_fd,
		   core_batch_progress_fn progress, void *user);

/*
 * core_batch_run() in pieces, for a front-end whose own loop waits on the
 * keyboard and the network together (curses):
 *   core_batch_begin()  once: the api gets batch->parallel connections;
 *   core_batch_send()   starts what may go now; returns the ms until a
 *                       429 wait is over (0: call again at once), -1: wait
 *                       for an answer, -2: nothing in flight and nothing
 *                       left to send (call core_batch_end());
 *   core_batch_take()   offered every finished call: 1 when it was one of
 *                       the batch's (moved into its item), else 0;
 *   batch->stopped = 1  the user stopped it: nothing new starts;
 *   core_batch_end()    what was never sent is SKIPPED (or UNKNOWN).
 */
void core_batch_begin(struct rw_api *api, struct core_batch *batch);
int core_batch_send(struct rw_api *api, struct core_batch *batch, core_batch_progress_fn progress,
		    void *user);
int core_batch_take(struct core_batch *batch, struct rw_result *result,
		    core_batch_progress_fn progress, void *user);
int core_batch_end(struct core_batch *batch, core_batch_progress_fn progress, void *user);

/*
 * The exit code of decision 29: 0 when every item was created, 5 when any
 * outcome stayed unknown, else the code of the first failure in order
 * (a skipped item counts as 130, the code of an interrupted run).
 */
int core_batch_exit_code(const struct core_batch *batch);

/*
 * Decision 29's templates.  {app}: the app's display name made a valid
 * slug (lower case, every run of other characters one '-', trimmed, cut
 * to 64); {APP}: the same upper-cased with '_'.  out gets at most outsz
 * bytes (65 holds any).  "" when nothing is left.
 */
void core_batch_slug(const char *app_name, char *out, size_t outsz);
void core_batch_upper(const char *app_name, char *out, size_t outsz);

/*
 * The secret names of one of many rotations in a folder holding taken:
 * {APP}_CLIENT_ID and {APP}_CLIENT_SECRET (AZURE_CLIENT_ID and
 * AZURE_CLIENT_SECRET without an app name); a clash gets _2, _3...  id
 * and secret are CORE_NAME_MAX bytes (libcore/names.h).
 */
void core_batch_names(const struct rw_name_list *taken, const char *app_name, char *id,
		      char *secret);

#endif
