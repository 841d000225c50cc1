#ifndef ROTWIZ_TUI_LOADS_H
#define ROTWIZ_TUI_LOADS_H

/*
 * Everything the wizard asks the server, each in a slot: the lists that
 * load in the background as soon as their inputs are known (keyed by what
 * they were asked for, so asking again for the same key costs nothing),
 * and the one-off calls (sign-in, create, rotate now).  A call's user tag
 * is a ticket naming its slot and generation, so a reply to a question no
 * longer asked is recognised and dropped.  Nothing here draws or waits:
 * the event loop waits, hands every finished call to tui_loads_take() and
 * acts on what the slot then holds.
 */

#include <stddef.h>

#include "net/api.h"

enum tui_slot_id {
	TUI_SLOT_CONNECTIONS,	/* key: project id */
	TUI_SLOT_APPS,		/* key: connection id */
	TUI_SLOT_FOLDERS,	/* key: project, environment, parent folder */
	TUI_SLOT_SECRET_NAMES,	/* key: project, environment, path */
	TUI_SLOT_SIGNIN,	/* login, then the projects check */
	TUI_SLOT_CREATE,
	TUI_SLOT_ROTATE,	/* rotate now */
	TUI_SLOT_COUNT
};

enum tui_slot_state {
	TUI_LOAD_IDLE = 0,	/* nothing asked */
	TUI_LOAD_RUNNING,
	TUI_LOAD_DONE,		/* result holds the answer, success or failure */
	TUI_LOAD_CANCELLED,	/* Esc: not asked again for this key until retried */
};

struct tui_slot {
	enum tui_slot_state state;
	char *key;
	struct rw_call *call;
	unsigned long ticket;
	struct rw_result result;	/* when DONE */
	int awaited;			/* the user was shown this load running */
};

struct tui_loads {
	struct tui_slot slot[TUI_SLOT_COUNT];
	unsigned long next_ticket;
	/* For the measurements: calls started, and how many the user waited on. */
	int started;
	int waited;
	unsigned waited_on;	/* bit per slot id */
};

void tui_loads_init(struct tui_loads *loads);
/* Cancels nothing (the api goes away with its calls) and frees every result. */
void tui_loads_free(struct tui_loads *loads);

/*
 * Asks for a list (a, b, c: the key parts, unused ones NULL) unless it is
 * loaded, loading or cancelled for the same key.  A reply still coming for
 * an older key is dropped when it arrives.  No api: nothing happens.
 */
void tui_loads_want(struct tui_loads *loads, struct rw_api *api, enum tui_slot_id id,
		    const char *a, const char *b, const char *c);

/* The slot's finished result when it was asked for this key, else NULL. */
const struct rw_result *tui_loads_result(const struct tui_loads *loads, enum tui_slot_id id,
					 const char *a, const char *b, const char *c);
/* The slot's state for this key (IDLE when it holds another key). */
enum tui_slot_state tui_loads_state(const struct tui_loads *loads, enum tui_slot_id id,
				    const char *a, const char *b, const char *c);

/* For a one-off call: the user tag to start it with, then the call itself. */
void *tui_loads_begin(struct tui_loads *loads, enum tui_slot_id id);
void tui_loads_started(struct tui_loads *loads, enum tui_slot_id id, struct rw_call *call);

/* Esc: cancels the slot's running call; its result comes back as RW_ECANCEL. */
void tui_loads_cancel(struct tui_loads *loads, struct rw_api *api, enum tui_slot_id id);
/* Forgets the slot (a retry, or a folder whose contents just changed). */
void tui_loads_forget(struct tui_loads *loads, enum tui_slot_id id);

/*
 * Files a finished call into its slot (the result is moved; *result is
 * left empty) and returns the slot, or TUI_SLOT_COUNT when nobody waits
 * for it any more (then *result is freed).
 */
enum tui_slot_id tui_loads_take(struct tui_loads *loads, struct rw_result *result);

int tui_loads_running(const struct tui_loads *loads, enum tui_slot_id id);
/* Marks a running slot as waited on by the user (counted once, in waited). */
void tui_loads_mark_awaited(struct tui_loads *loads, enum tui_slot_id id);

#endif
