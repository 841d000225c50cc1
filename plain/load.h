#ifndef ROTWIZ_PLAIN_LOAD_H
#define ROTWIZ_PLAIN_LOAD_H

/*
 * Plain mode's side of the one list cache (libcore/lists.h): the blocking
 * read with plain's words ("Loading the folder list... (Ctrl-C cancels)")
 * and Ctrl-C, and the wait for a one-off call.  Every finished call,
 * whoever started it, passes through plain_load_pump(), so waiting for one
 * never loses another.
 */

#include "libcore/lists.h"
#include "net/api.h"

struct plain_loads {
	struct rw_api *api;		/* borrowed from struct app; NULL before sign-in */
	struct core_lists lists;	/* the one cache (libcore/lists.h) */
	int quiet;			/* no "Loading..." line (Tab completion is drawing) */
	/* A one-off call (create, rotate now) being waited for. */
	struct rw_call *awaited;
	struct rw_result awaited_result;
	int awaited_done;
	/* While a blocking read waits: said "Loading..." yet. */
	enum core_slot_id waiting_for;
	int said;
};

void plain_load_init(struct plain_loads *loads);
/* Cancels what is in flight and frees every result. */
void plain_load_free(struct plain_loads *loads);
/* Forgets one list (a folder that just changed). */
void plain_load_forget(struct plain_loads *loads, enum core_slot_id list);

/*
 * Starts loading a list for the key parts given (unused ones NULL), unless
 * it is already loaded or loading for them.  Does nothing without an api.
 */
void plain_load_start(struct plain_loads *loads, enum core_slot_id list,
		      const char *a, const char *b, const char *c);

/*
 * Nonzero when the list is loaded or loading for a key whose first two
 * parts are a and b, whatever the third (folders of this project and
 * environment, whichever folder).
 */
int plain_load_serves(const struct plain_loads *loads, enum core_slot_id list,
		      const char *a, const char *b);

/*
 * The list's finished result for those key parts, waiting for it when it
 * is still in flight (starting it when it was never asked for).  Ctrl-C
 * while waiting cancels the load: the result then says RW_ECANCEL.
 * NULL when there is no api or out of memory.
 */
const struct rw_result *plain_load_get(struct plain_loads *loads, enum core_slot_id list,
				       const char *a, const char *b, const char *c);

/*
 * One wait of a blocking read (core_lists_wait_fn): "Loading the ...
 * (Ctrl-C cancels)" once per read, the network, and Ctrl-C (nonzero:
 * cancel).  ctx is the struct plain_loads.
 */
int plain_load_wait_one(void *ctx);

/* Drives the transfers without blocking and files every finished call. */
void plain_load_pump(struct plain_loads *loads);

/*
 * plain_wait_fn for plain_io: waits on fd and the network together.
 * ctx is the struct plain_loads.
 */
int plain_load_wait_fd(void *ctx, int fd);

/*
 * Blocks until call (started by the caller) finishes; *out gets its
 * result (caller frees).  Ctrl-C cancels it when cancellable, else (a
 * create already sent) it only says that the answer is awaited.  SIGTERM
 * and SIGHUP cancel it always (plain_io_signal() then says so).
 */
enum rw_status plain_load_wait_call(struct plain_loads *loads, struct rw_call *call,
				    int cancellable, struct rw_result *out);

#endif
