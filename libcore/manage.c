#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libcore/lost.h"
#include "libcore/manage.h"
#include "libcore/report.h"
#include "forms/field.h"
#include "forms/schedule.h"
#include "forms/validate.h"

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
	/* The words of the switches (decision 27), with the flag that turns each on. */
	core_manage_switch_words(r, CORE_DELETE_SECRETS, delete_secrets, out);
	if (!delete_secrets)
		strbuf_puts(out, " (--delete-secrets deletes them)");
	strbuf_puts(out, "; ");
	core_manage_switch_words(r, CORE_DELETE_REVOKE, revoke_credentials, out);
	if (!revoke_credentials)
		strbuf_puts(out, " (--revoke-credentials revokes it)");
}

/* ---- what every front-end shows and asks (decision 25) ---- */

void
core_manage_row(const struct rw_rotation *r, time_t now, struct core_manage_row *row)
{
	time_t next;

	row->health = core_manage_health(r, now, row->status, sizeof(row->status));
	if (!r->next_rotation_at || report_parse_time(r->next_rotation_at, &next) < 0) {
		snprintf(row->next_utc, sizeof(row->next_utc), "-");
		snprintf(row->next_local, sizeof(row->next_local), "-");
		return;
	}
	rw_schedule_format_time(next, 0, row->next_utc, sizeof(row->next_utc));
	rw_schedule_format_time(next, 1, row->next_local, sizeof(row->next_local));
}

/* Whether needle is part of hay, ignoring ASCII case. */
static int
has_word(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	for (; hay && *hay; hay++) {
		for (i = 0; i < n && hay[i] &&
		     tolower((unsigned char) hay[i]) == tolower((unsigned char) needle[i]); i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

int
core_manage_matches(const struct rw_rotation *r, const char *filter)
{
	if (!filter || !*filter)
		return 1;
	return has_word(r->name, filter) || has_word(r->environment_slug, filter) ||
	       has_word(r->folder_path, filter) || has_word(r->app_name, filter);
}

const enum rw_field core_manage_editable[] = {
	RW_FIELD_NAME, RW_FIELD_DESCRIPTION, RW_FIELD_AUTO_ROTATION, RW_FIELD_INTERVAL,
	RW_FIELD_HOURS, RW_FIELD_MINUTES, RW_FIELD_MAP_CLIENT_ID, RW_FIELD_MAP_CLIENT_SECRET,
};
const size_t core_manage_editable_count = sizeof(core_manage_editable) / sizeof(core_manage_editable[0]);

/* An editable field's value in r, as the wizard's answers hold it. */
static void
field_value(const struct rw_rotation *r, enum rw_field f, char *buf, size_t bufsz)
{
	const char *s = NULL;

	switch (f) {
	case RW_FIELD_NAME: s = r->name; break;
	case RW_FIELD_DESCRIPTION: s = r->description; break;
	case RW_FIELD_AUTO_ROTATION: s = r->auto_rotation ? "yes" : "no"; break;
	case RW_FIELD_INTERVAL: snprintf(buf, bufsz, "%ld", r->interval_days); return;
	case RW_FIELD_HOURS: snprintf(buf, bufsz, "%d", r->hours); return;
	case RW_FIELD_MINUTES: snprintf(buf, bufsz, "%d", r->minutes); return;
	case RW_FIELD_MAP_CLIENT_ID: s = r->map_client_id; break;
	case RW_FIELD_MAP_CLIENT_SECRET: s = r->map_client_secret; break;
	default: break;
	}
	snprintf(buf, bufsz, "%s", s ? s : "");
}

int
core_manage_edit_start(const struct rw_rotation *r, struct rw_answers *answers)
{
	char value[512];
	size_t i;

	for (i = 0; i < core_manage_editable_count; i++) {
		field_value(r, core_manage_editable[i], value, sizeof(value));
		if (rw_answers_set(answers, core_manage_editable[i], value) < 0)
			return -1;
	}
	return 0;
}

/* Whether a set answer says the same as r (both as the validator normalises them). */
static int
same_value(const struct rw_rotation *r, enum rw_field f, const char *answer)
{
	char now[512], *a, *b;
	int same;

	field_value(r, f, now, sizeof(now));
	a = rw_normalize_field(f, answer ? answer : "");
	b = rw_normalize_field(f, now);
	same = a && b && strcmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}

int
core_manage_edit_diff(const struct rw_rotation *r, const struct rw_answers *edited,
		      struct rw_answers *changes)
{
	size_t i;
	int n = 0;

	for (i = 0; i < core_manage_editable_count; i++) {
		enum rw_field f = core_manage_editable[i];

		if (!rw_answers_is_set(edited, f) || same_value(r, f, rw_answers_get(edited, f)))
			continue;
		if (rw_answers_set(changes, f, rw_answers_get(edited, f)) < 0)
			return -1;
		n++;
	}
	return n;
}

int
core_manage_edit_complete(const struct rw_rotation *r, struct rw_answers *changes, char *msg,
			  size_t msgsz)
{
	static const enum rw_field pairs[2][2] = {
		{ RW_FIELD_HOURS, RW_FIELD_MINUTES },
		{ RW_FIELD_MAP_CLIENT_ID, RW_FIELD_MAP_CLIENT_SECRET },
	};
	char value[512];
	size_t i;

	/* The server takes rotateAtUtc and secretsMapping whole: keep the other half as it is. */
	for (i = 0; i < 2; i++) {
		int a = rw_answers_is_set(changes, pairs[i][0]);
		int b = rw_answers_is_set(changes, pairs[i][1]);

		if (a == b)
			continue;
		field_value(r, pairs[i][a ? 1 : 0], value, sizeof(value));
		if (rw_answers_set(changes, pairs[i][a ? 1 : 0], value) < 0) {
			snprintf(msg, msgsz, "out of memory");
			return -1;
		}
	}
	if (rw_answers_is_set(changes, RW_FIELD_MAP_CLIENT_ID) &&
	    strcmp(rw_answers_get(changes, RW_FIELD_MAP_CLIENT_ID),
		   rw_answers_get(changes, RW_FIELD_MAP_CLIENT_SECRET)) == 0) {
		char shown[RW_SHOWN_MAX];

		rw_show_value(rw_answers_get(changes, RW_FIELD_MAP_CLIENT_ID), shown, sizeof(shown));
		snprintf(msg, msgsz, "Secret names: the client ID and the client secret need two "
			 "different names, got \"%s\" for both", shown);
		return -1;
	}
	return 0;
}

const char *
core_manage_switch_label(enum core_delete_switch which)
{
	return which == CORE_DELETE_SECRETS ? "Delete the mapped secrets too"
					    : "Revoke the client secrets in Azure";
}

void
core_manage_switch_words(const struct rw_rotation *r, enum core_delete_switch which, int on,
			 struct strbuf *out)
{
	const char *id = r->map_client_id ? r->map_client_id : "?";
	const char *secret = r->map_client_secret ? r->map_client_secret : "?";
	const char *env = r->environment_slug ? r->environment_slug : "?";
	const char *path = r->folder_path ? r->folder_path : "?";

	if (which == CORE_DELETE_SECRETS && on)
		strbuf_printf(out, "the secrets %s and %s in %s %s are deleted", id, secret, env, path);
	else if (which == CORE_DELETE_SECRETS)
		strbuf_printf(out, "the secrets %s and %s stay in %s %s, no longer rotated", id,
			      secret, env, path);
	else if (on)
		strbuf_printf(out, "the client secrets it made are revoked in Azure on app %s",
			      r->object_id ? r->object_id : "?");
	else
		strbuf_printf(out, "the client secret stays valid in Azure until it expires: revoke "
			      "it there (app %s)", r->object_id ? r->object_id : "?");
}

void
core_manage_delete_question(const struct rw_rotation *r, int delete_secrets, int revoke_credentials,
			    struct strbuf *out)
{
	strbuf_printf(out, "Delete the rotation \"%s\" (%s %s)? Then ", r->name ? r->name : "",
		      r->environment_slug ? r->environment_slug : "?",
		      r->folder_path ? r->folder_path : "?");
	core_manage_switch_words(r, CORE_DELETE_SECRETS, delete_secrets, out);
	strbuf_puts(out, "; ");
	core_manage_switch_words(r, CORE_DELETE_REVOKE, revoke_credentials, out);
	strbuf_puts(out, ". Type its name to confirm:");
}

void
core_manage_slot_words(const struct rw_generated *g, int slot, struct strbuf *out)
{
	strbuf_printf(out, "slot %d (%s): client ID %s, key ID %s, client secret ******** (hidden)",
		      slot, slot == g->active_index ? "active" : "retired: revoked by the next rotation",
		      g->client_id[slot] ? g->client_id[slot] : "?",
		      g->key_id[slot] ? g->key_id[slot] : "?");
}

void
core_manage_reveal_question(const struct rw_rotation *r, struct strbuf *out)
{
	strbuf_printf(out, "Show the client secret of \"%s\" on screen?", r->name ? r->name : "");
}

/* ---- changes whose reply was lost (decision 24) ---- */

/*
 * After a lost reply: the rotation looked up by id (blocking), and
 * libcore/lost.c's words for what that found -- the same the Rotations
 * screen says.  *now gets the rotation when the server still has it.
 */
static enum core_lost_outcome
look_up(struct app *app, const char *id, int is_delete, struct rw_rotation *now, char *buf,
	size_t bufsz)
{
	struct rw_result got;
	enum core_lost_outcome o;

	memset(now, 0, sizeof(*now));
	rw_api_wait_for(app->api, rw_api_get_by_id(app->api, id, NULL), &got);
	o = core_lost_outcome(is_delete, &got, app->api_base, buf, bufsz);
	if (got.status == RW_OK) {
		*now = got.u.rotation;
		memset(&got.u.rotation, 0, sizeof(got.u.rotation));
	}
	rw_result_free(&got);
	return o;
}

enum core_change
core_manage_delete(struct app *app, const struct rw_rotation *r, int delete_secrets,
		   int revoke_credentials, struct rw_result *result, char *buf, size_t bufsz)
{
	struct strbuf words = STRBUF_INIT;
	struct rw_rotation now;
	char why[REPORT_FAILURE_MAX];
	enum core_change outcome;

	rw_api_wait_for(app->api, rw_api_delete(app->api, r->id, delete_secrets, revoke_credentials,
						NULL), result);
	core_manage_switch_words(r, CORE_DELETE_SECRETS, delete_secrets, &words);
	strbuf_puts(&words, "; ");
	core_manage_switch_words(r, CORE_DELETE_REVOKE, revoke_credentials, &words);
	if (result->status == RW_OK) {
		snprintf(buf, bufsz, "deleted the rotation \"%s\" (%s): %s", r->name ? r->name : "",
			 r->id ? r->id : "", strbuf_str(&words));
		outcome = CORE_CHANGE_DONE;
	} else if (!result->outcome_unknown) {
		report_failure(result, app->api_base, NULL, REPORT_CLI, why, sizeof(why));
		snprintf(buf, bufsz, "not deleted: %s", why);
		outcome = CORE_CHANGE_FAILED;
	} else {
		switch (look_up(app, r->id, 1, &now, why, sizeof(why))) {
		case CORE_LOST_DONE:
			snprintf(buf, bufsz, "%s: %s", why, strbuf_str(&words));
			outcome = CORE_CHANGE_FOUND;
			break;
		case CORE_LOST_NOT_DONE:
			snprintf(buf, bufsz, "%s", why);
			outcome = CORE_CHANGE_NOT_DONE;
			break;
		default:
			snprintf(buf, bufsz, "%s", why);
			outcome = CORE_CHANGE_UNKNOWN;
			break;
		}
		rw_rotation_free(&now);
	}
	strbuf_free(&words);
	return outcome;
}

enum core_change
core_manage_edit(struct app *app, const struct rw_rotation *r, const struct rw_answers *changes,
		 const char *body, struct rw_result *result, char *buf, size_t bufsz)
{
	struct rw_rotation now;
	char why[REPORT_FAILURE_MAX];
	size_t i;
	int applied = 1;

	rw_api_wait_for(app->api, rw_api_update(app->api, r->id, body, NULL), result);
	if (result->status == RW_OK) {
		snprintf(buf, bufsz, "edited the rotation \"%s\"", result->u.rotation.name ?
			 result->u.rotation.name : "");
		return CORE_CHANGE_DONE;
	}
	if (!result->outcome_unknown) {
		report_failure(result, app->api_base, NULL, REPORT_CLI, why, sizeof(why));
		snprintf(buf, bufsz, "not edited: %s", why);
		return CORE_CHANGE_FAILED;
	}
	if (look_up(app, r->id, 0, &now, why, sizeof(why)) != CORE_LOST_DONE) {
		snprintf(buf, bufsz, "%s", why);
		return CORE_CHANGE_UNKNOWN;
	}
	/* The server still has it: whether the edit is there, its values tell. */
	for (i = 0; i < core_manage_editable_count; i++)
		if (rw_answers_is_set(changes, core_manage_editable[i]) &&
		    !same_value(&now, core_manage_editable[i],
				rw_answers_get(changes, core_manage_editable[i])))
			applied = 0;
	if (!applied) {
		snprintf(buf, bufsz, "not edited: the reply was lost and the server shows the values as "
			 "they were -- it is safe to edit again");
		rw_rotation_free(&now);
		return CORE_CHANGE_NOT_DONE;
	}
	/* The result becomes the rotation as the server now holds it. */
	rw_result_free(result);
	memset(result, 0, sizeof(*result));
	result->kind = RW_CALL_UPDATE;
	result->status = RW_OK;
	result->recovered = 1;
	result->u.rotation = now;
	snprintf(buf, bufsz, "edited: the reply was lost, and the server shows the new values");
	return CORE_CHANGE_FOUND;
}

int
core_manage_change_exit(enum core_change outcome, const struct rw_result *result)
{
	switch (outcome) {
	case CORE_CHANGE_DONE:
	case CORE_CHANGE_FOUND:
		return 0;
	case CORE_CHANGE_UNKNOWN:
		return RW_EXIT_OUTCOME_UNKNOWN;
	default:
		return rw_status_exit_code(result->status);
	}
}
