#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libcore/manage.h"
#include "libcore/report.h"
#include "forms/field.h"

enum core_health
core_manage_health(const struct rw_rotation *r, time_t now, char *buf, size_t bufsz)
{
	time_t next;
	long long ahead;

	if (r->rotation_status && strcmp(r->rotation_status, "failed") == 0) {
		snprintf(buf, bufsz, "rotation failed: %s",
			 r->last_message && *r->last_message ? r->last_message : "(the server gave no reason)");
		return CORE_HEALTH_FAILED;
	}
	if (!r->auto_rotation) {
		snprintf(buf, bufsz, "auto-rotation off");
		return CORE_HEALTH_OFF;
	}
	if (!r->next_rotation_at || report_parse_time(r->next_rotation_at, &next) < 0) {
		/* Auto-rotation on and no next time: the server's job has lost it. */
		snprintf(buf, bufsz, "overdue: no next rotation is scheduled");
		return CORE_HEALTH_OVERDUE;
	}
	ahead = (long long) next - (long long) now;
	if (ahead < -CORE_OVERDUE_GRACE_S) {
		long long ago = -ahead;

		if (ago >= 86400)
			snprintf(buf, bufsz, "overdue: due %lld day%s ago", ago / 86400,
				 ago / 86400 == 1 ? "" : "s");
		else
			snprintf(buf, bufsz, "overdue: due %lld hour%s ago", ago / 3600,
				 ago / 3600 == 1 ? "" : "s");
		return CORE_HEALTH_OVERDUE;
	}
	if (ahead >= 86400)
		snprintf(buf, bufsz, "rotates in %lld day%s", ahead / 86400, ahead / 86400 == 1 ? "" : "s");
	else if (ahead >= 3600)
		snprintf(buf, bufsz, "rotates in %lld hour%s", ahead / 3600, ahead / 3600 == 1 ? "" : "s");
	else
		snprintf(buf, bufsz, "rotates in under an hour");
	return CORE_HEALTH_OK;
}

/* The path as the server shows it: a leading "/", no trailing one (but "/"). */
static int
same_path(const char *a, const char *b)
{
	size_t la, lb;

	if (!a || !b)
		return 0;
	while (*a == '/')
		a++;
	while (*b == '/')
		b++;
	la = strlen(a);
	lb = strlen(b);
	while (la && a[la - 1] == '/')
		la--;
	while (lb && b[lb - 1] == '/')
		lb--;
	return la == lb && strncmp(a, b, la) == 0;
}

int
core_manage_in_scope(const struct app *app, const struct rw_rotation *r)
{
	const char *env = rw_answers_get(&app->answers, RW_FIELD_ENVIRONMENT);
	const char *path = rw_answers_get(&app->answers, RW_FIELD_SECRET_PATH);

	if (env && *env && (!r->environment_slug || strcmp(env, r->environment_slug) != 0))
		return 0;
	if (path && *path && !same_path(path, r->folder_path))
		return 0;
	return 1;
}

int
core_manage_is_id(const char *text)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	size_t i;

	if (!text || strlen(text) != sizeof(shape) - 1)
		return 0;
	for (i = 0; shape[i]; i++)
		if (shape[i] == '-' ? text[i] != '-' : !isxdigit((unsigned char) text[i]))
			return 0;
	return 1;
}

static char *
dup_or_null(const char *s, int *failed)
{
	char *d;

	if (!s)
		return NULL;
	if (!(d = strdup(s)))
		*failed = 1;
	return d;
}

int
core_manage_copy(struct rw_rotation *to, const struct rw_rotation *from)
{
	int failed = 0;

	*to = *from;
#define DUP(f) to->f = dup_or_null(from->f, &failed)
	DUP(id); DUP(name); DUP(description); DUP(type);
	DUP(project_id); DUP(connection_id); DUP(connection_name);
	DUP(environment_slug); DUP(environment_name); DUP(folder_path);
	DUP(object_id); DUP(client_id); DUP(app_name);
	DUP(map_client_id); DUP(map_client_secret);
	DUP(rotation_status);
	DUP(created_at); DUP(next_rotation_at); DUP(last_rotated_at); DUP(last_message);
#undef DUP
	if (failed) {
		rw_rotation_free(to);
		return -1;
	}
	return 0;
}

static void
say_where(const struct app *app, struct strbuf *msg)
{
	const char *env = rw_answers_get(&app->answers, RW_FIELD_ENVIRONMENT);
	const char *path = rw_answers_get(&app->answers, RW_FIELD_SECRET_PATH);

	strbuf_puts(msg, "in project ");
	strbuf_puts(msg, rw_answers_get(&app->answers, RW_FIELD_PROJECT));
	strbuf_puts(msg, env && *env ? ", environment " : ", any environment");
	if (env && *env)
		strbuf_puts(msg, env);
	strbuf_puts(msg, path && *path ? ", folder " : ", any folder");
	if (path && *path)
		strbuf_puts(msg, path);
}

enum core_resolve
core_manage_resolve(struct app *app, const char *target, struct rw_rotation *out,
		    struct rw_result *result, struct strbuf *msg)
{
	const struct rw_rotation *match = NULL;
	size_t i, found = 0;

	memset(out, 0, sizeof(*out));
	memset(result, 0, sizeof(*result));
	if (core_manage_is_id(target)) {
		/* An id is the rotation itself, wherever it lives (decision 23). */
		if (rw_api_wait_for(app->api, rw_api_get_by_id(app->api, target, NULL), result) != RW_OK)
			return CORE_RESOLVE_FAILED;
		*out = result->u.rotation;
		memset(&result->u.rotation, 0, sizeof(result->u.rotation));
		rw_result_free(result);
		return CORE_RESOLVE_FOUND;
	}
	if (rw_api_wait_for(app->api, rw_api_list(app->api, rw_answers_get(&app->answers,
							RW_FIELD_PROJECT), NULL), result) != RW_OK)
		return CORE_RESOLVE_FAILED;
	for (i = 0; i < result->u.rotations.count; i++) {
		const struct rw_rotation *r = &result->u.rotations.items[i];

		if (r->name && strcmp(r->name, target) == 0 && core_manage_in_scope(app, r)) {
			match = r;
			found++;
		}
	}
	if (found == 1) {
		int rc = core_manage_copy(out, match);

		rw_result_free(result);
		if (rc < 0) {
			result->status = RW_ENOMEM;
			return CORE_RESOLVE_FAILED;
		}
		return CORE_RESOLVE_FOUND;
	}
	if (!found) {
		strbuf_printf(msg, "no rotation named \"%s\" ", target);
		say_where(app, msg);
		strbuf_puts(msg, " -- see rotwiz list");
	} else {
		strbuf_printf(msg, "%zu rotations are named \"%s\" ", found, target);
		say_where(app, msg);
		strbuf_puts(msg, ":");
		for (i = 0; i < result->u.rotations.count; i++) {
			const struct rw_rotation *r = &result->u.rotations.items[i];

			if (r->name && strcmp(r->name, target) == 0 && core_manage_in_scope(app, r))
				strbuf_printf(msg, " %s %s (%s);", r->environment_slug ? r->environment_slug : "?",
					      r->folder_path ? r->folder_path : "?", r->id ? r->id : "?");
		}
		strbuf_puts(msg, " -- add --environment and --secret-path, or give the ID");
	}
	rw_result_free(result);
	return found ? CORE_RESOLVE_AMBIGUOUS : CORE_RESOLVE_NOT_FOUND;
}

void
core_manage_delete_words(const struct rw_rotation *r, int delete_secrets, int revoke_credentials,
			 struct strbuf *out)
{
	const char *env = r->environment_slug ? r->environment_slug : "?";
	const char *path = r->folder_path ? r->folder_path : "?";

	if (delete_secrets)
		strbuf_printf(out, "the mapped secrets %s and %s in %s %s are deleted",
			      r->map_client_id ? r->map_client_id : "?",
			      r->map_client_secret ? r->map_client_secret : "?", env, path);
	else
		strbuf_printf(out, "the mapped secrets %s and %s stay in %s %s, no longer rotated "
			      "(--delete-secrets deletes them)",
			      r->map_client_id ? r->map_client_id : "?",
			      r->map_client_secret ? r->map_client_secret : "?", env, path);
	if (revoke_credentials)
		strbuf_printf(out, "; the client secrets it made are revoked in Azure on app %s",
			      r->object_id ? r->object_id : "?");
	else
		strbuf_printf(out, "; the client secrets it made stay live in Azure on app %s "
			      "(--revoke-credentials revokes them)", r->object_id ? r->object_id : "?");
}
