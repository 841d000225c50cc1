#ifndef ROTWIZ_CORE_NAMES_H
#define ROTWIZ_CORE_NAMES_H

/*
 * The secret names offered for a rotation (doc/contract.md, decided
 * behaviour 11), decided once for every front-end: AZURE_CLIENT_ID and
 * AZURE_CLIENT_SECRET when both are free in the folder; else from the
 * app's name (upper case, every run of other characters one '_':
 * "billing-worker" -> BILLING_WORKER_CLIENT_ID, BILLING_WORKER_CLIENT_SECRET);
 * else that pair (or the AZURE one, without an app name) with _2, _3...
 *
 * A name the user gave (a flag, a file, a draft, typed) is never changed:
 * app->names_offered remembers what the core put in each field, and only a
 * field still holding that is offered anew when the folder or the app
 * changes.  core_flow_names_offer() (libcore/flow.h) reads the folder's
 * names from the list cache and calls core_names_offer().
 */

#include <stddef.h>

#include "libcore/app.h"
#include "net/response.h"

/* Longest name offered, with its NUL. */
#define CORE_NAME_MAX 128

/*
 * The pair for a folder holding taken (may be NULL: nothing known) and an
 * app named app_name (may be NULL or ""), into id and secret (each
 * CORE_NAME_MAX bytes).
 */
void core_names_suggest(const struct rw_name_list *taken, const char *app_name, char *id,
			char *secret);

/*
 * At the start of a run, after a draft was resumed, and for "create
 * another": a mapping field with no answer is the core's to fill (it gets
 * the first default, AZURE_CLIENT_ID / AZURE_CLIENT_SECRET); one with an
 * answer is the user's.  Returns 0, or -1 when out of memory.
 */
int core_names_claim(struct app *app);

/*
 * Offers the pair for the folder's names in taken: each field still
 * holding what the core put there gets the new name; a field the user
 * changed becomes the user's.  *changed (may be NULL) says whether an
 * answer changed.  Returns 0, or -1 when out of memory.
 */
int core_names_offer(struct app *app, const struct rw_name_list *taken, int *changed);

/* The user answered field (a mapping field): whatever it holds is theirs from now on. */
void core_names_take(struct app *app, enum rw_field field);

/* Whether field (a mapping field) holds the name the core offered, not one the user gave. */
int core_names_is_offered(const struct app *app, enum rw_field field);

/* Frees what core_names_claim() and core_names_offer() kept in app. */
void core_names_free(struct app *app);

#endif
