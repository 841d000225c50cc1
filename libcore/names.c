#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libcore/names.h"

/* The app's name as a prefix: "Billing Worker (v2)" -> "BILLING_WORKER_V2"; "" when nothing is left. */
static void
app_prefix(const char *name, char *buf, size_t bufsz)
{
	size_t n = 0;
	int gap = 0;

	for (; name && *name && n + 2 < bufsz; name++) {
		unsigned char c = (unsigned char) *name;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			/* A run of other characters is one '_', and none leads. */
			if (gap && n)
				buf[n++] = '_';
			gap = 0;
			buf[n++] = (char) (c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
		} else {
			gap = 1;
		}
	}
	buf[n] = '\0';
}

static int
both_free(const struct rw_name_list *taken, const char *id, const char *secret)
{
	return !taken || (!rw_name_list_has(taken, id) && !rw_name_list_has(taken, secret));
}

void
core_names_suggest(const struct rw_name_list *taken, const char *app_name, char *id,
		   char *secret)
{
	/* Room for "_CLIENT_SECRET_" and a number after the prefix. */
	char prefix[CORE_NAME_MAX - 32];
	const char *base;
	int n;

	snprintf(id, CORE_NAME_MAX, "AZURE_CLIENT_ID");
	snprintf(secret, CORE_NAME_MAX, "AZURE_CLIENT_SECRET");
	if (both_free(taken, id, secret))
		return;
	app_prefix(app_name, prefix, sizeof(prefix));
	if (prefix[0]) {
		snprintf(id, CORE_NAME_MAX, "%s_CLIENT_ID", prefix);
		snprintf(secret, CORE_NAME_MAX, "%s_CLIENT_SECRET", prefix);
		if (both_free(taken, id, secret))
			return;
	}
	base = prefix[0] ? prefix : "AZURE";
	/* A folder holds finitely many names: one of these is free. */
	for (n = 2;; n++) {
		snprintf(id, CORE_NAME_MAX, "%s_CLIENT_ID_%d", base, n);
		snprintf(secret, CORE_NAME_MAX, "%s_CLIENT_SECRET_%d", base, n);
		if (both_free(taken, id, secret))
			return;
	}
}

static const enum rw_field maps[2] = { RW_FIELD_MAP_CLIENT_ID, RW_FIELD_MAP_CLIENT_SECRET };

/* Field i holds what the core put there, and the core puts value there now. */
static int
offer_one(struct app *app, int i, const char *value)
{
	char *copy = strdup(value);

	if (!copy || rw_answers_set(&app->answers, maps[i], value) < 0) {
		free(copy);
		return -1;
	}
	free(app->names_offered[i]);
	app->names_offered[i] = copy;
	return 0;
}

int
core_names_claim(struct app *app)
{
	int i;

	for (i = 0; i < 2; i++) {
		free(app->names_offered[i]);
		app->names_offered[i] = NULL;
		if (!rw_answers_is_set(&app->answers, maps[i]) &&
		    offer_one(app, i, rw_field_info(maps[i])->default_value) < 0)
			return -1;
	}
	return 0;
}

static int
map_index(enum rw_field field)
{
	return field == RW_FIELD_MAP_CLIENT_ID ? 0 : field == RW_FIELD_MAP_CLIENT_SECRET ? 1 : -1;
}

void
core_names_take(struct app *app, enum rw_field field)
{
	int i = map_index(field);

	if (i >= 0) {
		free(app->names_offered[i]);
		app->names_offered[i] = NULL;
	}
}

int
core_names_is_offered(const struct app *app, enum rw_field field)
{
	int i = map_index(field);

	return i >= 0 && app->names_offered[i] &&
	       strcmp(app->names_offered[i], rw_answers_get(&app->answers, field)) == 0;
}

int
core_names_offer(struct app *app, const struct rw_name_list *taken, int *changed)
{
	char pair[2][CORE_NAME_MAX];
	int i;

	if (changed)
		*changed = 0;
	for (i = 0; i < 2; i++) {
		if (app->names_offered[i] && !core_names_is_offered(app, maps[i])) {
			/* Typed over: the user's from now on. */
			free(app->names_offered[i]);
			app->names_offered[i] = NULL;
		}
	}
	if (!app->names_offered[0] && !app->names_offered[1])
		return 0;
	core_names_suggest(taken, rw_answers_get(&app->answers, RW_FIELD_APP_NAME), pair[0], pair[1]);
	for (i = 0; i < 2; i++) {
		if (!app->names_offered[i] || strcmp(app->names_offered[i], pair[i]) == 0)
			continue;
		if (offer_one(app, i, pair[i]) < 0)
			return -1;
		if (changed)
			*changed = 1;
	}
	return 0;
}

void
core_names_free(struct app *app)
{
	free(app->names_offered[0]);
	free(app->names_offered[1]);
	app->names_offered[0] = app->names_offered[1] = NULL;
}
