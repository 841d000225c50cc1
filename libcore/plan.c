#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "forms/field.h"
#include "forms/validate.h"
#include "libcore/batch.h"
#include "libcore/plan.h"

#define SLUG_MAX 64

/* The length of tmpl with its {app} / {APP} taken out, and how many there are. */
static size_t
fixed_length(const char *tmpl, int *holes)
{
	size_t n = 0;

	*holes = 0;
	while (*tmpl) {
		if (!strncmp(tmpl, "{app}", 5) || !strncmp(tmpl, "{APP}", 5)) {
			(*holes)++;
			tmpl += 5;
		} else {
			n++;
			tmpl++;
		}
	}
	return n;
}

void
core_plan_expand(const char *tmpl, const char *app_name, int is_name, char *out, size_t outsz)
{
	char lower[SLUG_MAX + 1], upper[SLUG_MAX + 1];
	size_t room = sizeof(lower), n = 0, fixed;
	int holes;

	fixed = fixed_length(tmpl ? tmpl : "", &holes);
	if (is_name && holes > 0) {
		/* Each {app} gets an equal share of what the rule leaves. */
		room = fixed < SLUG_MAX ? (SLUG_MAX - fixed) / (size_t) holes + 1 : 1;
		if (room > sizeof(lower))
			room = sizeof(lower);
	}
	core_batch_slug(app_name, lower, room);
	core_batch_upper(app_name, upper, room);
	/* A cut may leave a trailing hyphen: the slug rule has none. */
	while (lower[0] && lower[strlen(lower) - 1] == '-')
		lower[strlen(lower) - 1] = '\0';
	while (upper[0] && upper[strlen(upper) - 1] == '_')
		upper[strlen(upper) - 1] = '\0';
	if (!lower[0]) {
		snprintf(lower, sizeof(lower), "azure");
		snprintf(upper, sizeof(upper), "AZURE");
	}
	for (tmpl = tmpl ? tmpl : ""; *tmpl && n + 1 < outsz;) {
		const char *put = NULL;

		if (!strncmp(tmpl, "{app}", 5))
			put = lower;
		else if (!strncmp(tmpl, "{APP}", 5))
			put = upper;
		if (put) {
			size_t len = strlen(put);

			if (len > outsz - 1 - n)
				len = outsz - 1 - n;
			memcpy(out + n, put, len);
			n += len;
			tmpl += 5;
		} else {
			out[n++] = *tmpl++;
		}
	}
	if (outsz)
		out[n] = '\0';
}

int
core_plan_check_template(enum core_plan_template which, const char *tmpl, char *msg,
			 size_t msgsz)
{
	static const char *const labels[] = {
		"Rotation name template", "Client ID secret template", "Client secret template",
	};
	static const enum rw_field fields[] = {
		RW_FIELD_NAME, RW_FIELD_MAP_CLIENT_ID, RW_FIELD_MAP_CLIENT_SECRET,
	};
	char made[CORE_NAME_MAX], why[RW_MESSAGE_MAX];

	if (which < 0 || which >= CORE_PLAN_TMPL_COUNT) {
		snprintf(msg, msgsz, "no such template");
		return -1;
	}
	core_plan_expand(tmpl, "app", which == CORE_PLAN_TMPL_NAME, made, sizeof(made));
	if (rw_validate_field(fields[which], made, why, sizeof(why)) == RW_OK)
		return 0;
	snprintf(msg, msgsz, "%s \"%s\" makes \"%s\" for an app called app -- %s", labels[which],
		 tmpl ? tmpl : "", made, why);
	return -1;
}

/* base with "-N" (a rotation name, cut to stay within 64) or "_N" (a secret name). */
static void
suffixed(const char *base, int nth, int is_name, char *out, size_t outsz)
{
	char tail[16];
	size_t len = strlen(base), tlen;

	snprintf(tail, sizeof(tail), is_name ? "-%d" : "_%d", nth);
	tlen = strlen(tail);
	if (is_name && len + tlen > SLUG_MAX)
		len = SLUG_MAX - tlen;
	while (is_name && len > 0 && base[len - 1] == '-')
		len--;
	snprintf(out, outsz, "%.*s%s", (int) len, base, tail);
}

static int
rotation_taken(const struct rw_rotation_list *rotations, const char *environment,
	       const char *folder, const char *name)
{
	size_t i;

	for (i = 0; rotations && i < rotations->count; i++) {
		const struct rw_rotation *r = &rotations->items[i];

		if (r->name && !strcmp(r->name, name) && r->environment_slug &&
		    !strcmp(r->environment_slug, environment) && r->folder_path &&
		    !strcmp(r->folder_path, folder))
			return 1;
	}
	return 0;
}

static const char *
existing_rotation(const struct rw_rotation_list *rotations, const char *environment,
		  const char *folder, const char *object_id)
{
	size_t i;

	for (i = 0; rotations && object_id && i < rotations->count; i++) {
		const struct rw_rotation *r = &rotations->items[i];

		if (r->object_id && !strcasecmp(r->object_id, object_id) && r->environment_slug &&
		    !strcmp(r->environment_slug, environment) && r->folder_path &&
		    !strcmp(r->folder_path, folder))
			return r->name ? r->name : "";
	}
	return NULL;
}

/* The first rule a row breaks, in the validator's words. */
static void
check_row(struct core_plan_row *row)
{
	static const enum rw_field fields[] = {
		RW_FIELD_NAME, RW_FIELD_MAP_CLIENT_ID, RW_FIELD_MAP_CLIENT_SECRET,
	};
	const char *values[] = { row->name, row->map_id, row->map_secret };
	char msg[RW_MESSAGE_MAX];
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]) && !row->problem[0]; i++)
		if (rw_validate_field(fields[i], values[i], msg, sizeof(msg)) != RW_OK)
			snprintf(row->problem, sizeof(row->problem), "%s", msg);
	if (!row->problem[0] && !strcmp(row->map_id, row->map_secret))
		snprintf(row->problem, sizeof(row->problem), "%s: must differ from the %s, got "
			 "\"%s\" for both", rw_field_info(RW_FIELD_MAP_CLIENT_SECRET)->label,
			 rw_field_info(RW_FIELD_MAP_CLIENT_ID)->label, row->map_id);
}

int
core_plan_build(const struct core_plan_app *apps, size_t n, const char *name_tmpl,
		const char *id_tmpl, const char *secret_tmpl, const int *keep,
		const struct rw_name_list *taken, const struct rw_rotation_list *rotations,
		const char *environment, const char *folder, struct core_plan_row *rows)
{
	struct rw_name_list names = { NULL, 0 }, secrets = { NULL, 0 };
	char base[CORE_NAME_MAX], base_id[CORE_NAME_MAX], base_secret[CORE_NAME_MAX];
	size_t i, k;
	int bad = 0, nth;
	const char *env = environment ? environment : "", *path = folder ? folder : "/";

	for (k = 0; taken && k < taken->count; k++)
		if (rw_name_list_add(&secrets, taken->items[k]) < 0)
			goto nomem;
	for (i = 0; i < n; i++) {
		struct core_plan_row *row = &rows[i];
		const char *had;

		row->problem[0] = '\0';
		had = existing_rotation(rotations, env, path, apps[i].object_id);
		snprintf(row->existing, sizeof(row->existing), "%s", had ? (*had ? had : "?") : "");
		if (keep && keep[i]) {
			/* Typed by hand: checked, never changed. */
			check_row(row);
			if (!row->problem[0] && (rotation_taken(rotations, env, path, row->name) ||
						 rw_name_list_has(&names, row->name)))
				snprintf(row->problem, sizeof(row->problem), "Name: already used in "
					 "this folder, got \"%s\"", row->name);
			else if (!row->problem[0] && (rw_name_list_has(&secrets, row->map_id) ||
						      rw_name_list_has(&secrets, row->map_secret)))
				snprintf(row->problem, sizeof(row->problem), "%s: already in the "
					 "folder or an earlier row, got \"%s\"",
					 rw_field_info(rw_name_list_has(&secrets, row->map_id) ?
						       RW_FIELD_MAP_CLIENT_ID :
						       RW_FIELD_MAP_CLIENT_SECRET)->label,
					 rw_name_list_has(&secrets, row->map_id) ? row->map_id :
					 row->map_secret);
		} else {
			core_plan_expand(name_tmpl, apps[i].name, 1, base, sizeof(base));
			core_plan_expand(id_tmpl, apps[i].name, 0, base_id, sizeof(base_id));
			core_plan_expand(secret_tmpl, apps[i].name, 0, base_secret, sizeof(base_secret));
			snprintf(row->name, sizeof(row->name), "%s", base);
			for (nth = 2; rotation_taken(rotations, env, path, row->name) ||
				      rw_name_list_has(&names, row->name); nth++)
				suffixed(base, nth, 1, row->name, sizeof(row->name));
			snprintf(row->map_id, sizeof(row->map_id), "%s", base_id);
			snprintf(row->map_secret, sizeof(row->map_secret), "%s", base_secret);
			for (nth = 2; rw_name_list_has(&secrets, row->map_id) ||
				      rw_name_list_has(&secrets, row->map_secret); nth++) {
				suffixed(base_id, nth, 0, row->map_id, sizeof(row->map_id));
				suffixed(base_secret, nth, 0, row->map_secret, sizeof(row->map_secret));
			}
			check_row(row);
		}
		if (row->problem[0])
			bad++;
		if (rw_name_list_add(&names, row->name) < 0 ||
		    rw_name_list_add(&secrets, row->map_id) < 0 ||
		    rw_name_list_add(&secrets, row->map_secret) < 0)
			goto nomem;
	}
	rw_name_list_free(&names);
	rw_name_list_free(&secrets);
	return bad;
nomem:
	rw_name_list_free(&names);
	rw_name_list_free(&secrets);
	return -1;
}
