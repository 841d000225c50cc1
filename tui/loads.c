#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tui/loads.h"

/* A ticket is (generation << SLOT_BITS) | slot. */
#define SLOT_BITS 4
#define SLOT_MASK ((1ul << SLOT_BITS) - 1)

void
tui_loads_init(struct tui_loads *loads)
{
	int i;

	memset(loads, 0, sizeof(*loads));
	for (i = 0; i < TUI_SLOT_COUNT; i++) {
		loads->slot[i].result.error.field = RW_FIELD_NONE;
		loads->slot[i].result.error.retry_after = -1;
	}
	loads->next_ticket = 1;
}

static void
slot_clear(struct tui_slot *slot)
{
	if (slot->state == TUI_LOAD_DONE || slot->state == TUI_LOAD_CANCELLED)
		rw_result_free(&slot->result);
	memset(&slot->result, 0, sizeof(slot->result));
	slot->result.error.field = RW_FIELD_NONE;
	slot->result.error.retry_after = -1;
	free(slot->key);
	slot->key = NULL;
	slot->call = NULL;
	slot->ticket = 0;
	slot->awaited = 0;
	slot->state = TUI_LOAD_IDLE;
}

void
tui_loads_free(struct tui_loads *loads)
{
	int i;

	for (i = 0; i < TUI_SLOT_COUNT; i++)
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
same_key(const struct tui_slot *slot, const char *a, const char *b, const char *c)
{
	const char *key = slot->key;

	return key && key_part(&key, a, '\x1f') && key_part(&key, b, '\x1f') &&
	       key_part(&key, c, '\0');
}

void *
tui_loads_begin(struct tui_loads *loads, enum tui_slot_id id)
{
	struct tui_slot *slot = &loads->slot[id];

	slot_clear(slot);
	slot->ticket = (loads->next_ticket++ << SLOT_BITS) | (unsigned long) id;
	return (void *) (uintptr_t) slot->ticket;
}

void
tui_loads_started(struct tui_loads *loads, enum tui_slot_id id, struct rw_call *call)
{
	struct tui_slot *slot = &loads->slot[id];

	if (!call) {
		/* Out of memory: say so through the slot like any failure. */
		slot->state = TUI_LOAD_DONE;
		slot->result.status = RW_ENOMEM;
		return;
	}
	slot->call = call;
	slot->state = TUI_LOAD_RUNNING;
	loads->started++;
}

void
tui_loads_want(struct tui_loads *loads, struct rw_api *api, enum tui_slot_id id,
	       const char *a, const char *b, const char *c)
{
	struct tui_slot *slot = &loads->slot[id];
	struct rw_call *call = NULL;
	void *user;

	if (!api)
		return;
	if (slot->state != TUI_LOAD_IDLE && same_key(slot, a, b, c))
		return;
	/* A reply for the old key may still come; its ticket no longer matches. */
	user = tui_loads_begin(loads, id);
	slot->key = make_key(a, b, c);
	switch (id) {
	case TUI_SLOT_CONNECTIONS:
		call = rw_api_connections(api, a, user);
		break;
	case TUI_SLOT_APPS:
		call = rw_api_azure_apps(api, a, user);
		break;
	case TUI_SLOT_FOLDERS:
		call = rw_api_folders(api, a, b, c, user);
		break;
	case TUI_SLOT_SECRET_NAMES:
		call = rw_api_secret_names(api, a, b, c, user);
		break;
	default:
		break;
	}
	tui_loads_started(loads, id, call);
}

const struct rw_result *
tui_loads_result(const struct tui_loads *loads, enum tui_slot_id id,
		 const char *a, const char *b, const char *c)
{
	const struct tui_slot *slot = &loads->slot[id];

	if (slot->state != TUI_LOAD_DONE || !same_key(slot, a, b, c))
		return NULL;
	return &slot->result;
}

enum tui_slot_state
tui_loads_state(const struct tui_loads *loads, enum tui_slot_id id,
		const char *a, const char *b, const char *c)
{
	const struct tui_slot *slot = &loads->slot[id];

	if (!same_key(slot, a, b, c))
		return TUI_LOAD_IDLE;
	return slot->state;
}

void
tui_loads_cancel(struct tui_loads *loads, struct rw_api *api, enum tui_slot_id id)
{
	struct tui_slot *slot = &loads->slot[id];

	if (slot->state == TUI_LOAD_RUNNING && slot->call)
		rw_api_cancel(api, slot->call);
}

void
tui_loads_forget(struct tui_loads *loads, enum tui_slot_id id)
{
	slot_clear(&loads->slot[id]);
}

enum tui_slot_id
tui_loads_take(struct tui_loads *loads, struct rw_result *result)
{
	unsigned long ticket = (unsigned long) (uintptr_t) result->user;
	unsigned long id = ticket & SLOT_MASK;
	struct tui_slot *slot;

	if (ticket == 0 || id >= TUI_SLOT_COUNT ||
	    loads->slot[id].ticket != ticket || loads->slot[id].state != TUI_LOAD_RUNNING) {
		rw_result_free(result);
		return TUI_SLOT_COUNT;
	}
	slot = &loads->slot[id];
	slot->call = NULL;
	slot->result = *result;
	memset(result, 0, sizeof(*result));
	slot->state = slot->result.status == RW_ECANCEL ? TUI_LOAD_CANCELLED : TUI_LOAD_DONE;
	return (enum tui_slot_id) id;
}

int
tui_loads_running(const struct tui_loads *loads, enum tui_slot_id id)
{
	return loads->slot[id].state == TUI_LOAD_RUNNING;
}

void
tui_loads_mark_awaited(struct tui_loads *loads, enum tui_slot_id id)
{
	struct tui_slot *slot = &loads->slot[id];

	if (slot->state == TUI_LOAD_RUNNING && !slot->awaited) {
		slot->awaited = 1;
		loads->waited++;
		loads->waited_on |= 1u << id;
	}
}
