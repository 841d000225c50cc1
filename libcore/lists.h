#ifndef ROTWIZ_CORE_LISTS_H
#define ROTWIZ_CORE_LISTS_H

/*
 * The one list cache of every front-end: everything the wizard asks the
 * server, each in a slot -- the lists that load in the background as soon
 * as their inputs are known (keyed by what they were asked for, so asking
 * again for the same key costs nothing), and the one-off calls (sign-in,
 * create, rotate now).  A call's user tag is a ticket naming its slot and
 * generation, so a reply to a question no longer asked is recognised and
 * dropped.
 *
 * Two ways to read a list:
 *   - non-blocking (curses): core_lists_want(), then the event loop waits,
 *     hands every finished call to core_lists_take() and reads
 *     core_lists_result() when it is there;
 *   - blocking (plain, flag mode): core_lists_get() asks and waits, with
 *     the front-end's own wait (plain: Ctrl-C cancels) or none.
 * Nothing here prints.
 */

#include <stddef.h>

#include "net/api.h"

enum core_slot_id {
	CORE_SLOT_PROJECTS,	/* no key: a fresh project list after a failed one */
	CORE_SLOT_CONNECTIONS,	/* key: project id */
	CORE_SLOT_APPS,		/* key: connection id */
	CORE_SLOT_FOLDERS,	/* key: project, environment, parent folder (completion, the pick) */
	CORE_SLOT_FOLDER_CHECK,	/* the same, for the folder answer's parent: does it exist */
	CORE_SLOT_SECRET_NAMES,	/* key: project, environment, path */
	CORE_SLOT_SIGNIN,	/* login, then the projects check */
	CORE_SLOT_CREATE,
	CORE_SLOT_ROTATE,	/* rotate now */
	CORE_SLOT_COUNT
};

enum core_slot_state {
	CORE_LOAD_IDLE = 0,	/* nothing asked */
	CORE_LOAD_RUNNING,
	CORE_LOAD_DONE,		/* result holds the answer, success or failure */
	CORE_LOAD_CANCELLED,	/* Esc: not asked again for this key until retried */
};

struct core_slot {
	enum core_slot_state state;
	char *key;
	struct rw_call *call;
	unsigned long ticket;
	struct rw_result result;	/* when DONE */
	int awaited;			/* the user was shown this load running */
};

/*
 * The app lists of connections other than the one in the APPS slot: moved
 * here when the slot turns to another connection, and filled by the
 * prefetch (core_lists_prefetch_apps).  Only lists that loaded fine.
 */
#define CORE_SHELF_MAX 24
/* Decision 9: the app lists of a project's first 20 connections are fetched ahead. */
#define CORE_PREFETCH_MAX 20

struct core_shelved {
	char *key;			/* NULL: free */
	struct rw_result result;
	unsigned long stamp;		/* when shelved: the oldest goes first */
};

struct core_lists {
	struct core_slot slot[CORE_SLOT_COUNT];
	struct core_slot prefetch;	/* the one app list fetched ahead, not yet asked for */
	struct core_shelved shelf[CORE_SHELF_MAX];
	char *prefetch_of;		/* the connection list's key the prefetch walks */
	size_t prefetch_next;		/* the next of its connections to look at */
	int apps_refused;		/* an app list answered 403: the rest would too */
	int closing;			/* core_lists_cancel_all: nothing more is fetched ahead */
	unsigned long next_ticket;
	/* For the measurements: calls started, and how many the user waited on. */
	int started;
	int waited;
	unsigned waited_on;	/* bit per slot id */
};

void core_lists_init(struct core_lists *loads);
/* Cancels nothing (the api goes away with its calls) and frees every result. */
void core_lists_free(struct core_lists *loads);

/*
 * Asks for a list (a, b, c: the key parts, unused ones NULL) unless it is
 * loaded, loading or cancelled for the same key.  A reply still coming for
 * an older key is dropped when it arrives.  No api: nothing happens.
 */
void core_lists_want(struct core_lists *loads, struct rw_api *api, enum core_slot_id id,
		    const char *a, const char *b, const char *c);

/*
 * The slot's finished result when it was asked for this key, else NULL
 * (APPS: also a list of that connection kept from before or fetched ahead).
 */
const struct rw_result *core_lists_result(const struct core_lists *loads, enum core_slot_id id,
					 const char *a, const char *b, const char *c);
/* The slot's state for this key (IDLE when it holds another key). */
enum core_slot_state core_lists_state(const struct core_lists *loads, enum core_slot_id id,
				    const char *a, const char *b, const char *c);

/*
 * Nonzero when the slot holds or awaits a key whose first two parts are a
 * and b, whatever the third (folders of this project and environment,
 * whichever folder).
 */
int core_lists_serves(const struct core_lists *loads, enum core_slot_id id,
		      const char *a, const char *b);
/* The slot's result when it is done and loaded fine, whatever its key, else NULL. */
const struct rw_result *core_lists_ready(const struct core_lists *loads, enum core_slot_id id);

/* For a one-off call: the user tag to start it with, then the call itself. */
void *core_lists_begin(struct core_lists *loads, enum core_slot_id id);
void core_lists_started(struct core_lists *loads, enum core_slot_id id, struct rw_call *call);

/* Esc: cancels the slot's running call; its result comes back as RW_ECANCEL. */
void core_lists_cancel(struct core_lists *loads, struct rw_api *api, enum core_slot_id id);
/* Cancels every running call, the prefetch too, and fetches nothing more ahead (a front-end going away). */
void core_lists_cancel_all(struct core_lists *loads, struct rw_api *api);
/* Forgets the slot (a retry, or a folder whose contents just changed). */
void core_lists_forget(struct core_lists *loads, enum core_slot_id id);

/*
 * Files a finished call into its slot (the result is moved; *result is
 * left empty) and returns the slot, or CORE_SLOT_COUNT when nobody waits
 * for it any more (then *result is freed).
 */
enum core_slot_id core_lists_take(struct core_lists *loads, struct rw_result *result);

/*
 * Files every finished call (core_lists_take); results for nobody are
 * freed.  Without blocking.
 */
void core_lists_pump(struct core_lists *loads, struct rw_api *api);

/*
 * One wait while a blocking read is running: drives the network (and files
 * what finished, e.g. with core_lists_pump) and returns nonzero to cancel
 * the read (Ctrl-C).  ctx is the front-end's.
 */
typedef int (*core_lists_wait_fn)(void *ctx);

/*
 * The blocking read: asks for the list like core_lists_want() and waits
 * until its answer is there (done or cancelled: the result then says
 * RW_ECANCEL).  wait NULL: waits on the network alone.  NULL without an
 * api.  A cancelled list is asked again by the next read.
 */
const struct rw_result *core_lists_get(struct core_lists *loads, struct rw_api *api,
				       enum core_slot_id id, const char *a, const char *b,
				       const char *c, core_lists_wait_fn wait, void *ctx);

/*
 * Decision 9 (doc/contract.md s.2.2): once the CONNECTIONS slot holds a
 * project's connection list, the app lists of its first CORE_PREFETCH_MAX
 * connections are fetched, one at a time and only while no app list is
 * loading (so the one the user asks for is never queued behind them), each
 * connection once per connection list; a 403 for one stops it (the server
 * lists apps for user sessions only).  A list asked for while it is being
 * fetched ahead is taken over, not asked twice; one fetched ahead is moved
 * into the APPS slot when asked for, without a request.  The front-ends
 * that show lists call this whenever results were filed; flag mode never.
 */
void core_lists_prefetch_apps(struct core_lists *loads, struct rw_api *api);

/* Whether the slot's call is running (APPS: the slot's, not the prefetch). */
int core_lists_running(const struct core_lists *loads, enum core_slot_id id);
/* Whether any call of the cache is running, the prefetch aside. */
int core_lists_any_running(const struct core_lists *loads);
/* Marks a running slot as waited on by the user (counted once, in waited). */
void core_lists_mark_awaited(struct core_lists *loads, enum core_slot_id id);

#endif
