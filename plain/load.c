#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "plain/io.h"
#include "plain/load.h"

/* How long one wait may block before the loop looks at Ctrl-C again. */
#define PLAIN_WAIT_MS 200

static const char *const list_name[PLAIN_LIST_COUNT] = {
	[PLAIN_LIST_PROJECTS] = "project list",
	[PLAIN_LIST_CONNECTIONS] = "connection list",
	[PLAIN_LIST_APPS] = "Azure app list",
	[PLAIN_LIST_FOLDERS] = "folder list",
	[PLAIN_LIST_SECRET_NAMES] = "list of secrets in the folder",
};

void
plain_load_init(struct plain_loads *loads)
{
	memset(loads, 0, sizeof(*loads));
}

static void
slot_clear(struct plain_loads *loads, struct plain_slot *s)
{
	/* The cancelled call's result comes back later and is dropped by file_result(). */
	if (s->call && loads->api)
		rw_api_cancel(loads->api, s->call);
	if (s->done)
		rw_result_free(&s->result);
	free(s->key);
	memset(s, 0, sizeof(*s));
}

static struct plain_slot *
slot_of(struct plain_loads *loads, enum plain_list list)
{
	return (unsigned) list < PLAIN_LIST_COUNT ? &loads->slot[list] : NULL;
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
plain_load_forget(struct plain_loads *loads, enum plain_list list)
{
	struct plain_slot *s = slot_of(loads, list);

	if (s)
		slot_clear(loads, s);
}

static void
file_result(struct plain_loads *loads, struct rw_result *r)
{
	int i;

	for (i = 0; i < PLAIN_LIST_COUNT; i++) {
		struct plain_slot *s = &loads->slot[i];

		if (s->call && s->call == r->call) {
			s->result = *r;
			s->call = NULL;
			s->done = 1;
			return;
		}
	}
	if (loads->awaited && loads->awaited == r->call) {
		loads->awaited_result = *r;
		loads->awaited = NULL;
		loads->awaited_done = 1;
		return;
	}
	/* A load nobody wants any more (its key changed). */
	rw_result_free(r);
}

static void
file_results(struct plain_loads *loads)
{
	struct rw_result r;

	while (rw_api_next_result(loads->api, &r))
		file_result(loads, &r);
}

void
plain_load_free(struct plain_loads *loads)
{
	int i;

	for (i = 0; i < PLAIN_LIST_COUNT; i++)
		slot_clear(loads, &loads->slot[i]);
	if (loads->awaited && loads->api)
		rw_api_cancel(loads->api, loads->awaited);
	if (loads->awaited_done)
		rw_result_free(&loads->awaited_result);
	/* Collect what the cancellations sent back, so nothing stays allocated. */
	for (i = 0; loads->api && rw_api_pending(loads->api) > 0 && i < 50; i++) {
		rw_api_wait(loads->api, -1, PLAIN_WAIT_MS);
		file_results(loads);
	}
	memset(loads, 0, sizeof(*loads));
}

static char *
make_key(const char *a, const char *b, const char *c)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "%s\n%s\n%s", a ? a : "", b ? b : "", c ? c : "");
	return strbuf_detach(&sb);
}

static struct rw_call *
start_call(struct rw_api *api, enum plain_list list, const char *a, const char *b, const char *c)
{
	switch (list) {
	case PLAIN_LIST_PROJECTS:
		return rw_api_projects(api, NULL);
	case PLAIN_LIST_CONNECTIONS:
		return rw_api_connections(api, a, NULL);
	case PLAIN_LIST_APPS:
		return rw_api_azure_apps(api, a, NULL);
	case PLAIN_LIST_FOLDERS:
		return rw_api_folders(api, a, b, c, NULL);
	case PLAIN_LIST_SECRET_NAMES:
		return rw_api_secret_names(api, a, b, c, NULL);
	default:
		return NULL;
	}
}

/* key starts with part, then a newline: the rest of key after it, else NULL. */
static const char *
key_part(const char *key, const char *part)
{
	size_t n = strlen(part);

	return strncmp(key, part, n) == 0 && key[n] == '\n' ? key + n + 1 : NULL;
}

int
plain_load_serves(const struct plain_loads *loads, enum plain_list list,
		  const char *a, const char *b)
{
	const char *key = (unsigned) list < PLAIN_LIST_COUNT ? loads->slot[list].key : NULL;

	return key && (key = key_part(key, a ? a : "")) && key_part(key, b ? b : "");
}

/* 1 when the slot holds or awaits exactly this key. */
static int
slot_has(const struct plain_slot *s, const char *key)
{
	return s->key && strcmp(s->key, key) == 0 && (s->call || s->done);
}

void
plain_load_start(struct plain_loads *loads, enum plain_list list,
		 const char *a, const char *b, const char *c)
{
	struct plain_slot *s = slot_of(loads, list);
	char *key;

	if (!loads->api || !s)
		return;
	if (!(key = make_key(a, b, c)))
		return;
	if (slot_has(s, key)) {
		free(key);
		return;
	}
	slot_clear(loads, s);
	s->key = key;
	s->call = start_call(loads->api, list, a, b, c);
	if (!s->call) {
		s->done = 1;
		set_nomem(&s->result);
	}
}

const struct rw_result *
plain_load_get(struct plain_loads *loads, enum plain_list list,
	       const char *a, const char *b, const char *c)
{
	struct plain_slot *s = slot_of(loads, list);
	int said = 0, cancelled = 0;

	if (!loads->api || !s)
		return NULL;
	plain_load_start(loads, list, a, b, c);
	if (!s->key)
		return NULL;
	plain_load_pump(loads);
	while (s->call) {
		if (!said && !loads->quiet) {
			printf("Loading the %s... (Ctrl-C cancels)\n", list_name[s - loads->slot]);
			fflush(stdout);
			said = 1;
		}
		rw_api_wait(loads->api, -1, PLAIN_WAIT_MS);
		file_results(loads);
		if (s->call && !cancelled && plain_io_take_interrupt()) {
			rw_api_cancel(loads->api, s->call);
			cancelled = 1;
		}
	}
	return s->done ? &s->result : NULL;
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
		if (cancellable && !cancelled) {
			rw_api_cancel(loads->api, call);
			cancelled = 1;
		} else if (!cancellable && !told) {
			/* Leaving now would leave the user not knowing whether it exists. */
			printf("The request is already on its way; waiting for the server's "
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
