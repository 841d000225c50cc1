#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libcore/lists.h"

/* A ticket is (generation << SLOT_BITS) | slot. */
#define SLOT_BITS 4
#define SLOT_MASK ((1ul << SLOT_BITS) - 1)

void
core_lists_init(struct core_lists *loads)
{
	int i;

	memset(loads, 0, sizeof(*loads));
	for (i = 0; i < CORE_SLOT_COUNT; i++) {
		loads->slot[i].result.error.field = RW_FIELD_NONE;
		loads->slot[i].result.error.retry_after = -1;
	}
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

void
core_lists_free(struct core_lists *loads)
{
	int i;

	for (i = 0; i < CORE_SLOT_COUNT; i++)
		slot_clear(&loads->slot[i]);
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

	if (slot->state != CORE_LOAD_DONE || !same_key(slot, a, b, c))
		return NULL;
	return &slot->result;
}

enum core_slot_state
core_lists_state(const struct core_lists *loads, enum core_slot_id id,
		const char *a, const char *b, const char *c)
{
	const struct core_slot *slot = &loads->slot[id];

	if (!same_key(slot, a, b, c))
		return CORE_LOAD_IDLE;
	return slot->state;
}

void
core_lists_cancel(struct core_lists *loads, struct rw_api *api, enum core_slot_id id)
{
	struct core_slot *slot = &loads->slot[id];

	if (slot->state == CORE_LOAD_RUNNING && slot->call)
		rw_api_cancel(api, slot->call);
}

void
core_lists_forget(struct core_lists *loads, enum core_slot_id id)
{
	slot_clear(&loads->slot[id]);
}

enum core_slot_id
core_lists_take(struct core_lists *loads, struct rw_result *result)
{
	unsigned long ticket = (unsigned long) (uintptr_t) result->user;
	unsigned long id = ticket & SLOT_MASK;
	struct core_slot *slot;

	if (ticket == 0 || id >= CORE_SLOT_COUNT ||
	    loads->slot[id].ticket != ticket || loads->slot[id].state != CORE_LOAD_RUNNING) {
		rw_result_free(result);
		return CORE_SLOT_COUNT;
	}
	slot = &loads->slot[id];
	slot->call = NULL;
	slot->result = *result;
	memset(result, 0, sizeof(*result));
	slot->state = slot->result.status == RW_ECANCEL ? CORE_LOAD_CANCELLED : CORE_LOAD_DONE;
	return (enum core_slot_id) id;
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
