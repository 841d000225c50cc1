#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libcore/lists.h"

/* A ticket is (generation << SLOT_BITS) | slot: unique, and it names the list it asked. */
#define SLOT_BITS 4

void
core_lists_init(struct core_lists *loads)
{
	int i;

	memset(loads, 0, sizeof(*loads));
	for (i = 0; i < CORE_SLOT_COUNT; i++) {
		loads->slot[i].result.error.field = RW_FIELD_NONE;
		loads->slot[i].result.error.retry_after = -1;
	}
	loads->prefetch.result.error.field = RW_FIELD_NONE;
	loads->prefetch.result.error.retry_after = -1;
	loads->next_ticket = 1;
}

static void
slot_clear(struct core_slot *slot)
{
	if (slot->state == CORE_LOAD_DONE || slot->state == CORE_LOAD_CANCELLED)
		rw_result_free(&slot->result);
	memset(&slot->result, 0, sizeof(slot->result));
	slot->result.error.field = RW_FIELD_NONE;
	slot->result.error.retry_after = -1;
	free(slot->key);
	slot->key = NULL;
	slot->call = NULL;
	slot->ticket = 0;
	slot->awaited = 0;
	slot->state = CORE_LOAD_IDLE;
}

static void
shelved_clear(struct core_shelved *kept)
{
	if (kept->key)
		rw_result_free(&kept->result);
	free(kept->key);
	memset(kept, 0, sizeof(*kept));
}

void
core_lists_free(struct core_lists *loads)
{
	int i;

	for (i = 0; i < CORE_SLOT_COUNT; i++)
		slot_clear(&loads->slot[i]);
	slot_clear(&loads->prefetch);
	for (i = 0; i < CORE_SHELF_MAX; i++)
		shelved_clear(&loads->shelf[i]);
	free(loads->prefetch_of);
	loads->prefetch_of = NULL;
	loads->prefetch_next = 0;
	loads->apps_refused = 0;
	loads->closing = 0;
}

/* "a\x1fb\x1fc": the parts can hold anything but the unit separator. */
static char *
make_key(const char *a, const char *b, const char *c)
{
	size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0, lc = c ? strlen(c) : 0;
	char *key = malloc(la + lb + lc + 3);

	if (!key)
		return NULL;
	memcpy(key, a ? a : "", la);
	key[la] = '\x1f';
	memcpy(key + la + 1, b ? b : "", lb);
	key[la + 1 + lb] = '\x1f';
	memcpy(key + la + lb + 2, c ? c : "", lc);
	key[la + lb + lc + 2] = '\0';
	return key;
}

/* Whether *key starts with part then sep; moves *key past them.  NULL reads as "". */
static int
key_part(const char **key, const char *part, char sep)
{
	size_t len = part ? strlen(part) : 0;

	if (strncmp(*key, part ? part : "", len) != 0 || (*key)[len] != sep)
		return 0;
	*key += len + 1;
	return 1;
}

/* make_key(a, b, c) equals the slot's key; compared in place, as every frame asks. */
static int
same_key(const struct core_slot *slot, const char *a, const char *b, const char *c)
{
	const char *key = slot->key;

	return key && key_part(&key, a, '\x1f') && key_part(&key, b, '\x1f') &&
	       key_part(&key, c, '\0');
}

/* ---- the shelf of app lists ---- */

static struct core_shelved *
shelf_find(const struct core_lists *loads, const char *a, const char *b, const char *c)
{
	int i;

	for (i = 0; i < CORE_SHELF_MAX; i++) {
		const char *key = loads->shelf[i].key;

		if (key && key_part(&key, a, '\x1f') && key_part(&key, b, '\x1f') &&
		    key_part(&key, c, '\0'))
			return (struct core_shelved *) &loads->shelf[i];
	}
	return NULL;
}

/* Moves a slot's list that loaded fine onto the shelf (the oldest there makes room). */
static void
shelve(struct core_lists *loads, struct core_slot *slot)
{
	struct core_shelved *kept = NULL;
	int i;

	if (slot->state != CORE_LOAD_DONE || slot->result.status != RW_OK || !slot->key)
		return;
	/* The same connection's older list, else a free place, else the oldest. */
	for (i = 0; !kept && i < CORE_SHELF_MAX; i++)
		if (loads->shelf[i].key && strcmp(loads->shelf[i].key, slot->key) == 0)
			kept = &loads->shelf[i];
	for (i = 0; !kept && i < CORE_SHELF_MAX; i++)
		if (!loads->shelf[i].key)
			kept = &loads->shelf[i];
	if (!kept) {
		kept = &loads->shelf[0];
		for (i = 1; i < CORE_SHELF_MAX; i++)
			if (loads->shelf[i].stamp < kept->stamp)
				kept = &loads->shelf[i];
	}
	shelved_clear(kept);
	kept->key = slot->key;
	kept->result = slot->result;
	kept->stamp = loads->next_ticket++;
	/* The shelf owns them now. */
	slot->key = NULL;
	slot->state = CORE_LOAD_IDLE;
	slot_clear(slot);
}

/* Moves one slot's state (a running call, a finished list) into another, which was cleared. */
static void
slot_move(struct core_slot *to, struct core_slot *from)
{
	*to = *from;
	memset(from, 0, sizeof(*from));
	from->result.error.field = RW_FIELD_NONE;
	from->result.error.retry_after = -1;
}

/*
 * The APPS slot turns to the connection a, b, c: what it held is kept (a
 * finished list on the shelf, a running one as the prefetch when that is
 * free), and the new key's list comes from the shelf or the prefetch when
 * one of them has it.  Returns 1 when the slot now serves the key.
 */
static int
apps_turn(struct core_lists *loads, const char *a, const char *b, const char *c)
{
	struct core_slot *slot = &loads->slot[CORE_SLOT_APPS];
	struct core_shelved *kept;

	if (slot->state == CORE_LOAD_DONE)
		shelve(loads, slot);
	else if (slot->state == CORE_LOAD_RUNNING && loads->prefetch.state == CORE_LOAD_IDLE)
		slot_move(&loads->prefetch, slot);
	if ((kept = shelf_find(loads, a, b, c)) != NULL) {
		slot_clear(slot);
		slot->key = kept->key;
		slot->result = kept->result;
		slot->state = CORE_LOAD_DONE;
		kept->key = NULL;
		memset(&kept->result, 0, sizeof(kept->result));
		shelved_clear(kept);
		return 1;
	}
	if (loads->prefetch.state == CORE_LOAD_RUNNING && same_key(&loads->prefetch, a, b, c)) {
		/* Asked for while it was fetched ahead: the same call answers it. */
		slot_clear(slot);
		slot_move(slot, &loads->prefetch);
		return 1;
	}
	return 0;
}

int
core_lists_serves(const struct core_lists *loads, enum core_slot_id id, const char *a,
		  const char *b)
{
	const struct core_slot *slot = &loads->slot[id];
	const char *key = slot->key;

	return slot->state != CORE_LOAD_IDLE && key && key_part(&key, a, '\x1f') &&
	       key_part(&key, b, '\x1f');
}

const struct rw_result *
core_lists_ready(const struct core_lists *loads, enum core_slot_id id)
{
	const struct core_slot *slot = &loads->slot[id];

	return slot->state == CORE_LOAD_DONE && slot->result.status == RW_OK ? &slot->result : NULL;
}

void *
core_lists_begin(struct core_lists *loads, enum core_slot_id id)
{
	struct core_slot *slot = &loads->slot[id];

	slot_clear(slot);
	slot->ticket = (loads->next_ticket++ << SLOT_BITS) | (unsigned long) id;
	return (void *) (uintptr_t) slot->ticket;
}

void
core_lists_started(struct core_lists *loads, enum core_slot_id id, struct rw_call *call)
{
	struct core_slot *slot = &loads->slot[id];

	if (!call) {
		/* Out of memory: say so through the slot like any failure. */
		slot->state = CORE_LOAD_DONE;
		slot->result.status = RW_ENOMEM;
		return;
	}
	slot->call = call;
	slot->state = CORE_LOAD_RUNNING;
	loads->started++;
}

void
core_lists_want(struct core_lists *loads, struct rw_api *api, enum core_slot_id id,
	       const char *a, const char *b, const char *c)
{
	struct core_slot *slot = &loads->slot[id];
	struct rw_call *call = NULL;
	void *user;

	if (!api)
		return;
	if (slot->state != CORE_LOAD_IDLE && same_key(slot, a, b, c))
		return;
	if (id == CORE_SLOT_APPS && apps_turn(loads, a, b, c))
		return;
	/* A reply for the old key may still come; its ticket no longer matches. */
	user = core_lists_begin(loads, id);
	slot->key = make_key(a, b, c);
	switch (id) {
	case CORE_SLOT_PROJECTS:
		call = rw_api_projects(api, user);
		break;
	case CORE_SLOT_CONNECTIONS:
		call = rw_api_connections(api, a, user);
		break;
	case CORE_SLOT_APPS:
		call = rw_api_azure_apps(api, a, user);
		break;
	case CORE_SLOT_FOLDERS:
	case CORE_SLOT_FOLDER_CHECK:
		call = rw_api_folders(api, a, b, c, user);
		break;
	case CORE_SLOT_SECRET_NAMES:
		call = rw_api_secret_names(api, a, b, c, user);
		break;
	default:
		break;
	}
	core_lists_started(loads, id, call);
}

const struct rw_result *
core_lists_result(const struct core_lists *loads, enum core_slot_id id,
		 const char *a, const char *b, const char *c)
{
	const struct core_slot *slot = &loads->slot[id];
	const struct core_shelved *kept;

	if (slot->state == CORE_LOAD_DONE && same_key(slot, a, b, c))
		return &slot->result;
	if (id == CORE_SLOT_APPS && (kept = shelf_find(loads, a, b, c)) != NULL)
		return &kept->result;
	return NULL;
}

enum core_slot_state
core_lists_state(const struct core_lists *loads, enum core_slot_id id,
		const char *a, const char *b, const char *c)
{
	const struct core_slot *slot = &loads->slot[id];

	if (same_key(slot, a, b, c))
		return slot->state;
	if (id == CORE_SLOT_APPS && shelf_find(loads, a, b, c))
		return CORE_LOAD_DONE;
	if (id == CORE_SLOT_APPS && loads->prefetch.state == CORE_LOAD_RUNNING &&
	    same_key(&loads->prefetch, a, b, c))
		return CORE_LOAD_RUNNING;
	return CORE_LOAD_IDLE;
}

void
core_lists_cancel(struct core_lists *loads, struct rw_api *api, enum core_slot_id id)
{
	struct core_slot *slot = &loads->slot[id];

	if (slot->state == CORE_LOAD_RUNNING && slot->call)
		rw_api_cancel(api, slot->call);
}

void
core_lists_cancel_all(struct core_lists *loads, struct rw_api *api)
{
	int i;

	loads->closing = 1;
	for (i = 0; i < CORE_SLOT_COUNT; i++)
		core_lists_cancel(loads, api, (enum core_slot_id) i);
	if (loads->prefetch.state == CORE_LOAD_RUNNING && loads->prefetch.call)
		rw_api_cancel(api, loads->prefetch.call);
}

void
core_lists_forget(struct core_lists *loads, enum core_slot_id id)
{
	slot_clear(&loads->slot[id]);
}

/* A list fetched ahead came: kept on the shelf when it loaded, else forgotten. */
static void
prefetch_done(struct core_lists *loads, struct rw_result *result)
{
	struct core_slot *slot = &loads->prefetch;

	if (result->status != RW_OK && result->error.http_status == 403)
		loads->apps_refused = 1;
	slot->call = NULL;
	slot->result = *result;
	memset(result, 0, sizeof(*result));
	slot->state = CORE_LOAD_DONE;
	shelve(loads, slot);
	slot_clear(slot);
}

enum core_slot_id
core_lists_take(struct core_lists *loads, struct rw_result *result)
{
	unsigned long ticket = (unsigned long) (uintptr_t) result->user;
	unsigned long id;
	struct core_slot *slot;

	if (ticket != 0 && loads->prefetch.ticket == ticket &&
	    loads->prefetch.state == CORE_LOAD_RUNNING) {
		prefetch_done(loads, result);
		return CORE_SLOT_COUNT;
	}
	/* A call moved between the APPS slot and the prefetch keeps its ticket. */
	for (id = 0; id < CORE_SLOT_COUNT; id++)
		if (ticket != 0 && loads->slot[id].ticket == ticket)
			break;
	if (id == CORE_SLOT_COUNT || loads->slot[id].state != CORE_LOAD_RUNNING) {
		rw_result_free(result);
		return CORE_SLOT_COUNT;
	}
	slot = &loads->slot[id];
	slot->call = NULL;
	slot->result = *result;
	memset(result, 0, sizeof(*result));
	slot->state = slot->result.status == RW_ECANCEL ? CORE_LOAD_CANCELLED : CORE_LOAD_DONE;
	if (id == CORE_SLOT_APPS && slot->result.status != RW_OK &&
	    slot->result.error.http_status == 403)
		loads->apps_refused = 1;
	return (enum core_slot_id) id;
}

void
core_lists_prefetch_apps(struct core_lists *loads, struct rw_api *api)
{
	const struct core_slot *conns = &loads->slot[CORE_SLOT_CONNECTIONS];
	const struct rw_connection_list *list;
	struct core_slot *slot = &loads->prefetch;
	const char *id;
	void *user;

	if (!api || loads->apps_refused || loads->closing || conns->state != CORE_LOAD_DONE ||
	    conns->result.status != RW_OK || !conns->key ||
	    slot->state == CORE_LOAD_RUNNING || core_lists_running(loads, CORE_SLOT_APPS))
		return;
	if (!loads->prefetch_of || strcmp(loads->prefetch_of, conns->key) != 0) {
		/* Another project's connections: walk them from the first. */
		free(loads->prefetch_of);
		if (!(loads->prefetch_of = strdup(conns->key)))
			return;
		loads->prefetch_next = 0;
	}
	list = &conns->result.u.connections;
	while (loads->prefetch_next < list->count && loads->prefetch_next < CORE_PREFETCH_MAX) {
		id = list->items[loads->prefetch_next++].id;
		if (!id || core_lists_state(loads, CORE_SLOT_APPS, id, NULL, NULL) != CORE_LOAD_IDLE)
			continue;
		slot_clear(slot);
		slot->ticket = (loads->next_ticket++ << SLOT_BITS) | (unsigned long) CORE_SLOT_APPS;
		user = (void *) (uintptr_t) slot->ticket;
		if (!(slot->key = make_key(id, NULL, NULL)) ||
		    !(slot->call = rw_api_azure_apps(api, id, user))) {
			slot_clear(slot);
			return;
		}
		slot->state = CORE_LOAD_RUNNING;
		loads->started++;
		return;
	}
}

void
core_lists_pump(struct core_lists *loads, struct rw_api *api)
{
	struct rw_result r;

	if (!api)
		return;
	rw_api_wait(api, -1, 0);
	while (rw_api_next_result(api, &r))
		core_lists_take(loads, &r);
}

/* How long one wait may block when the front-end gives no wait of its own. */
#define CORE_LISTS_WAIT_MS 200

const struct rw_result *
core_lists_get(struct core_lists *loads, struct rw_api *api, enum core_slot_id id,
	       const char *a, const char *b, const char *c, core_lists_wait_fn wait, void *ctx)
{
	struct core_slot *slot = &loads->slot[id];
	int cancelled = 0;

	if (!api)
		return NULL;
	/* A list cancelled earlier is asked again: this read wants an answer. */
	if (slot->state == CORE_LOAD_CANCELLED && same_key(slot, a, b, c))
		slot_clear(slot);
	core_lists_want(loads, api, id, a, b, c);
	core_lists_pump(loads, api);
	while (slot->state == CORE_LOAD_RUNNING && same_key(slot, a, b, c)) {
		if (!wait) {
			rw_api_wait(api, -1, CORE_LISTS_WAIT_MS);
			core_lists_pump(loads, api);
		} else if (wait(ctx) && !cancelled && slot->state == CORE_LOAD_RUNNING) {
			core_lists_cancel(loads, api, id);
			cancelled = 1;
		}
	}
	if ((slot->state != CORE_LOAD_DONE && slot->state != CORE_LOAD_CANCELLED) ||
	    !same_key(slot, a, b, c))
		return NULL;
	return &slot->result;
}

int
core_lists_running(const struct core_lists *loads, enum core_slot_id id)
{
	return loads->slot[id].state == CORE_LOAD_RUNNING;
}

int
core_lists_any_running(const struct core_lists *loads)
{
	int i;

	for (i = 0; i < CORE_SLOT_COUNT; i++)
		if (loads->slot[i].state == CORE_LOAD_RUNNING)
			return 1;
	return 0;
}

void
core_lists_mark_awaited(struct core_lists *loads, enum core_slot_id id)
{
	struct core_slot *slot = &loads->slot[id];

	if (slot->state == CORE_LOAD_RUNNING && !slot->awaited) {
		slot->awaited = 1;
		loads->waited++;
		loads->waited_on |= 1u << id;
	}
}
