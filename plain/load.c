#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plain/io.h"
#include "common/term.h"
#include "plain/load.h"

/* How long one wait may block before the loop looks at Ctrl-C again. */
#define PLAIN_WAIT_MS 200

static const char *const list_name[CORE_SLOT_COUNT] = {
	[CORE_SLOT_PROJECTS] = "project list",
	[CORE_SLOT_CONNECTIONS] = "connection list",
	[CORE_SLOT_APPS] = "Azure app list",
	[CORE_SLOT_FOLDERS] = "folder list",
	[CORE_SLOT_FOLDER_CHECK] = "folder list",
	[CORE_SLOT_SECRET_NAMES] = "list of secrets in the folder",
};

void
plain_load_init(struct plain_loads *loads)
{
	memset(loads, 0, sizeof(*loads));
	core_lists_init(&loads->lists);
}

/* A result for a call that could not even start. */
static void
set_nomem(struct rw_result *r)
{
	r->status = RW_ENOMEM;
	r->error.field = RW_FIELD_NONE;
	r->error.retry_after = -1;
}

void
plain_load_forget(struct plain_loads *loads, enum core_slot_id list)
{
	if (core_lists_running(&loads->lists, list) && loads->api)
		core_lists_cancel(&loads->lists, loads->api, list);
	/* The cancelled call's result comes back later and is dropped by its ticket. */
	core_lists_forget(&loads->lists, list);
}

/* Files every finished call: the awaited one-off here, the lists in the cache. */
static void
file_results(struct plain_loads *loads)
{
	struct rw_result r;

	while (rw_api_next_result(loads->api, &r)) {
		if (loads->awaited && loads->awaited == r.call) {
			loads->awaited_result = r;
			loads->awaited = NULL;
			loads->awaited_done = 1;
		} else {
			core_lists_take(&loads->lists, &r);
		}
	}
	/* While a question waits, the app lists of the project's connections come (decision 9). */
	core_lists_prefetch_apps(&loads->lists, loads->api);
}

void
plain_load_free(struct plain_loads *loads)
{
	int i;

	if (loads->api)
		core_lists_cancel_all(&loads->lists, loads->api);
	if (loads->awaited && loads->api)
		rw_api_cancel(loads->api, loads->awaited);
	/* Collect what the cancellations sent back, so nothing stays allocated. */
	for (i = 0; loads->api && rw_api_pending(loads->api) > 0 && i < 50; i++) {
		rw_api_wait(loads->api, -1, PLAIN_WAIT_MS);
		file_results(loads);
	}
	if (loads->awaited_done)
		rw_result_free(&loads->awaited_result);
	core_lists_free(&loads->lists);
	memset(loads, 0, sizeof(*loads));
	core_lists_init(&loads->lists);
}

int
plain_load_serves(const struct plain_loads *loads, enum core_slot_id list,
		  const char *a, const char *b)
{
	return core_lists_serves(&loads->lists, list, a, b);
}

void
plain_load_start(struct plain_loads *loads, enum core_slot_id list,
		 const char *a, const char *b, const char *c)
{
	core_lists_want(&loads->lists, loads->api, list, a, b, c);
}

/* The blocking read's wait: plain's words once, the network, and Ctrl-C. */
int
plain_load_wait_one(void *ctx)
{
	struct plain_loads *loads = ctx;

	if (!loads->said && !loads->quiet) {
		rw_term_printf(stdout, "Loading the %s... (Ctrl-C cancels)\n",
		       (unsigned) loads->waiting_for < CORE_SLOT_COUNT && list_name[loads->waiting_for] ?
		       list_name[loads->waiting_for] : "lists the answers are checked against");
		fflush(stdout);
		loads->said = 1;
	}
	rw_api_wait(loads->api, -1, PLAIN_WAIT_MS);
	file_results(loads);
	return plain_io_take_interrupt();
}

const struct rw_result *
plain_load_get(struct plain_loads *loads, enum core_slot_id list,
	       const char *a, const char *b, const char *c)
{
	if (!loads->api || (unsigned) list >= CORE_SLOT_COUNT)
		return NULL;
	plain_load_pump(loads);
	loads->waiting_for = list;
	loads->said = 0;
	return core_lists_get(&loads->lists, loads->api, list, a, b, c, plain_load_wait_one,
			      loads);
}

void
plain_load_pump(struct plain_loads *loads)
{
	if (!loads->api)
		return;
	rw_api_wait(loads->api, -1, 0);
	file_results(loads);
}

int
plain_load_wait_fd(void *ctx, int fd)
{
	struct plain_loads *loads = ctx;
	struct pollfd p = { fd, POLLIN, 0 };
	int ready;

	if (!loads || !loads->api)
		return poll(&p, 1, PLAIN_WAIT_MS) > 0;
	ready = rw_api_wait(loads->api, fd, PLAIN_WAIT_MS);
	file_results(loads);
	return ready;
}
enum rw_status
plain_load_wait_call(struct plain_loads *loads, struct rw_call *call, int cancellable,
		     struct rw_result *out)
{
	int told = 0, cancelled = 0;

	memset(out, 0, sizeof(*out));
	if (!call || !loads->api) {
		set_nomem(out);
		return out->status;
	}
	loads->awaited = call;
	loads->awaited_done = 0;
	while (!loads->awaited_done) {
		rw_api_wait(loads->api, -1, PLAIN_WAIT_MS);
		file_results(loads);
		if (loads->awaited_done || !plain_io_take_interrupt())
			continue;
		if (plain_io_signal()) {
			/* SIGTERM, SIGHUP: the run ends now; a create cut off says so (decision 17). */
			if (!cancelled)
				rw_api_cancel(loads->api, call);
			cancelled = 1;
			continue;
		}
		if (cancellable && !cancelled) {
			rw_api_cancel(loads->api, call);
			cancelled = 1;
		} else if (!cancellable && !told) {
			/* Leaving now would leave the user not knowing whether it exists. */
			rw_term_printf(stdout, "The request is already on its way; waiting for the server's "
			       "answer so that you know the outcome.\n");
			fflush(stdout);
			told = 1;
		}
	}
	*out = loads->awaited_result;
	memset(&loads->awaited_result, 0, sizeof(loads->awaited_result));
	loads->awaited_done = 0;
	return out->status;
}
