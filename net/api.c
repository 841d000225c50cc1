#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "common/clock.h"
#include "common/secret.h"
#include "common/strbuf.h"
#include "net/api.h"
#include "net/http.h"

/*
 * Idempotent GETs are retried after 0.25 s, 0.5 s and 1 s on a connect
 * failure, a reset or empty reply, 429, 502, 503 and 504.  A 429's
 * Retry-After (header, else "try again in N seconds") replaces the backoff,
 * capped so that a UI never sits silent for long.  POSTs are never resent.
 */
#define RETRY_MAX 3
#define RETRY_BASE_MS 250L
#define RETRY_AFTER_CAP_S 5L

enum call_state {
	CALL_RUNNING,	/* a request is queued or on the wire */
	CALL_WAITING,	/* a retry timer is set */
	CALL_PARSING,	/* a list reply is read a slice at a time between waits */
	CALL_DONE,	/* the result waits in api->done */
};

/*
 * A list reply is parsed at most this long per wait, so that a UI reads
 * keys between slices (decision 30): 100,000 apps take some 30 slices.
 */
#define PARSE_SLICE_US 4000L

struct rw_call {
	struct rw_call *next;
	enum call_state state;
	enum rw_http_method method;
	int flags;		/* RW_HTTP_NO_RESEND */
	int auth;		/* send the token */
	char *url;		/* of the current request; never holds a secret */
	char *label;		/* "GET https://host/api/v1/projects", for messages */
	int attempts;		/* retries so far */
	long long retry_at;	/* monotonic ms, while CALL_WAITING */
	struct rw_http_request *req;
	/* Create only: how to look the rotation up when the outcome is unknown. */
	char *lookup_url;
	char *want_connection_id, *want_object_id;
	/* Rotate now only: the rotation as it was, to tell whether a lost rotate happened. */
	int before_index;
	char *before_rotated_at;
	int looking_up;
	int created_unread;	/* the server said 2xx but its reply could not be read */
	/* rw_api_create_looked(): the body, POSTed only when the lookup finds no rotation. */
	char *post_body;
	/* CALL_PARSING: the reply's body (owned, wiped when freed), the parse, its HTTP status. */
	char *body;
	size_t body_len;
	struct rw_apps_parse *parse;
	long parse_code;
	struct rw_result result;
};

struct rw_api {
	struct rw_http *http;
	char *base;		/* no trailing slash */
	char *token;		/* secret */
	struct rw_call *active;	/* running or waiting for a retry */
	struct rw_call *done;	/* finished, oldest first */
	long long blocked_us;	/* time spent in rw_http_poll */
};

static void
call_append(struct rw_call **head, struct rw_call *call)
{
	while (*head)
		head = &(*head)->next;
	call->next = NULL;
	*head = call;
}

static int
call_remove(struct rw_call **head, struct rw_call *call)
{
	for (; *head; head = &(*head)->next) {
		if (*head == call) {
			*head = call->next;
			call->next = NULL;
			return 1;
		}
	}
	return 0;
}

static int
call_in(const struct rw_call *head, const struct rw_call *call)
{
	for (; head; head = head->next)
		if (head == call)
			return 1;
	return 0;
}

/* ---- results ---- */

static void
result_free_payload(struct rw_result *result)
{
	switch (result->kind) {
	case RW_CALL_LOGIN:
		rw_login_free(&result->u.login);
		break;
	case RW_CALL_PROJECTS:
		rw_project_list_free(&result->u.projects);
		break;
	case RW_CALL_FOLDERS:
		rw_folder_list_free(&result->u.folders);
		break;
	case RW_CALL_CONNECTIONS:
		rw_connection_list_free(&result->u.connections);
		break;
	case RW_CALL_AZURE_APPS:
		rw_azure_app_list_free(&result->u.apps);
		break;
	case RW_CALL_SECRET_NAMES:
		rw_name_list_free(&result->u.secret_names);
		break;
	case RW_CALL_CREATE:
	case RW_CALL_GET_BY_NAME:
	case RW_CALL_GET_BY_ID:
	case RW_CALL_ROTATE_NOW:
	case RW_CALL_UPDATE:
	case RW_CALL_DELETE:
		rw_rotation_free(&result->u.rotation);
		break;
	case RW_CALL_LIST:
		rw_rotation_list_free(&result->u.rotations);
		break;
	case RW_CALL_GENERATED:
		rw_generated_free(&result->u.generated);
		break;
	}
	memset(&result->u, 0, sizeof(result->u));
}

static enum rw_status
result_parse_payload(struct rw_result *result, const char *body, size_t len)
{
	switch (result->kind) {
	case RW_CALL_LOGIN:
		return rw_parse_login(body, len, &result->u.login);
	case RW_CALL_PROJECTS:
		return rw_parse_projects(body, len, &result->u.projects);
	case RW_CALL_FOLDERS:
		return rw_parse_folders(body, len, &result->u.folders);
	case RW_CALL_CONNECTIONS:
		return rw_parse_connections(body, len, &result->u.connections);
	case RW_CALL_AZURE_APPS:
		return rw_parse_azure_apps(body, len, &result->u.apps);
	case RW_CALL_SECRET_NAMES:
		return rw_parse_secret_names(body, len, &result->u.secret_names);
	case RW_CALL_CREATE:
	case RW_CALL_GET_BY_NAME:
	case RW_CALL_GET_BY_ID:
	case RW_CALL_ROTATE_NOW:
	case RW_CALL_UPDATE:
	case RW_CALL_DELETE:
		return rw_parse_rotation(body, len, &result->u.rotation);
	case RW_CALL_LIST:
		return rw_parse_rotation_list(body, len, &result->u.rotations);
	case RW_CALL_GENERATED:
		return rw_parse_generated(body, len, &result->u.generated);
	}
	return RW_EPROTO;
}

/* An empty result: no payload, no error (as rw_api_error_free() leaves one). */
static void
result_clear(struct rw_result *result)
{
	memset(result, 0, sizeof(*result));
	result->error.field = RW_FIELD_NONE;
	result->error.retry_after = -1;
}

void
rw_result_free(struct rw_result *result)
{
	if (!result)
		return;
	result_free_payload(result);
	rw_api_error_free(&result->error);
	free(result->lookup_cause);
	result_clear(result);
}

static void
result_fail(struct rw_result *result, enum rw_status status, long http_status, char *message)
{
	result_free_payload(result);
	rw_api_error_free(&result->error);
	result->status = status;
	result->error.http_status = http_status;
	result->error.message = message;
}

/*
 * Turns one HTTP reply into the call's result: the parsed payload, or the
 * failure class of doc/contract.md section 6 with the server's words.
 */
static void
result_from_reply(struct rw_call *call, struct rw_http_reply *reply)
{
	struct rw_result *result = &call->result;
	long code = reply->http_status;
	enum rw_status st;

	result_free_payload(result);
	rw_api_error_free(&result->error);
	if (reply->status != RW_OK) {
		result_fail(result, reply->status, 0, reply->message);
		reply->message = NULL;
		return;
	}
	if (code >= 200 && code < 300) {
		st = result_parse_payload(result, reply->body, reply->len);
		if (st == RW_OK) {
			result->status = RW_OK;
		} else {
			result_fail(result, st == RW_ENOMEM ? RW_ENOMEM : RW_EPROTO, code,
				    strbuf_format("unexpected reply to %s (HTTP %ld): not what the API promises",
					 call->label, code));
		}
		return;
	}
	if (code >= 300 && code < 400) {
		/* Not followed: a token must not be sent wherever a redirect points. */
		result_fail(result, RW_EPROTO, code,
			    strbuf_format("%s was redirected (HTTP %ld) to %s; check the server URL",
				 call->label, code, reply->location ? reply->location : "elsewhere"));
		return;
	}
	if (code < 400 || code > 599) {
		result_fail(result, RW_EPROTO, code,
			    strbuf_format("unexpected HTTP status %ld from %s", code, call->label));
		return;
	}
	rw_parse_error(code, reply->body, reply->len, &result->error);
	if (reply->retry_after >= 0)
		result->error.retry_after = reply->retry_after;
	if (!result->error.message)
		result->error.message = strbuf_format("HTTP %ld from %s", code, call->label);
	/* 401, or 403 TokenError (Infisical's expired token): RW_EAUTH; other 4xx/5xx: RW_ESERVER. */
	result->status = rw_api_error_status(&result->error);
}

/* ---- calls ---- */

static struct rw_call *
call_new(enum rw_call_kind kind, void *user)
{
	struct rw_call *call = calloc(1, sizeof(*call));

	if (!call)
		return NULL;
	result_clear(&call->result);
	call->result.kind = kind;
	call->result.call = call;
	call->result.user = user;
	return call;
}

/* Drops a parse under way and the body it reads (quitting, a cancel, a free). */
static void
parse_drop(struct rw_call *call)
{
	struct rw_azure_app_list unused;

	if (call->parse) {
		rw_apps_parse_end(&call->parse, &unused);
		rw_azure_app_list_free(&unused);
	}
	if (call->body) {
		secret_wipe(call->body, call->body_len);
		free(call->body);
		call->body = NULL;
	}
	call->body_len = 0;
}

static void
call_free(struct rw_call *call)
{
	if (!call)
		return;
	parse_drop(call);
	rw_result_free(&call->result);
	free(call->url);
	free(call->label);
	free(call->lookup_url);
	free(call->before_rotated_at);
	free(call->want_connection_id);
	free(call->want_object_id);
	free(call->post_body);
	free(call);
}

/* The call is over: its result joins the queue of finished calls. */
static void
call_finish(struct rw_api *api, struct rw_call *call)
{
	call_remove(&api->active, call);
	call->state = CALL_DONE;
	call->req = NULL;
	call_append(&api->done, call);
}

static char *
label_for(enum rw_http_method method, const char *url)
{
	size_t n = strcspn(url, "?");

	static const char *const names[] = { "GET", "POST", "PATCH", "DELETE" };

	return strbuf_format("%s %.*s", names[method], (int) n, url);
}

/* Sends the call's current request (again).  -1 when out of memory. */
static int
call_send(struct rw_api *api, struct rw_call *call, const char *body, size_t len)
{
	call->req = rw_http_start(api->http, call->method, call->url, body, len,
				  call->auth ? api->token : NULL, call->flags, call);
	if (!call->req)
		return -1;
	call->state = CALL_RUNNING;
	return 0;
}

/*
 * Starts a call whose URL is in *url (taken over).  NULL (and the call
 * freed) when out of memory.
 */
static struct rw_call *
call_start(struct rw_api *api, struct rw_call *call, enum rw_http_method method, char *url,
	   const char *body, size_t len, int flags)
{
	if (!call || !url)
		goto fail;
	call->method = method;
	call->flags = flags;
	call->auth = call->result.kind != RW_CALL_LOGIN;
	call->url = url;
	url = NULL;
	call->label = label_for(method, call->url);
	if (!call->label || call_send(api, call, body, len) < 0)
		goto fail;
	call_append(&api->active, call);
	return call;
fail:
	free(url);
	call_free(call);
	return NULL;
}

/* ---- URLs ---- */

static void
url_segment(struct strbuf *sb, const char *value)
{
	char *e = rw_http_escape(value);

	if (!e) {
		sb->failed = 1;
		return;
	}
	strbuf_puts(sb, "/");
	strbuf_puts(sb, e);
	free(e);
}

static void
url_query(struct strbuf *sb, const char *key, const char *value)
{
	char *e = rw_http_escape(value);

	if (!e) {
		sb->failed = 1;
		return;
	}
	strbuf_puts(sb, strchr(strbuf_str(sb), '?') ? "&" : "?");
	strbuf_puts(sb, key);
	strbuf_puts(sb, "=");
	strbuf_puts(sb, e);
	free(e);
}

static void
url_begin(struct strbuf *sb, const struct rw_api *api, const char *path)
{
	strbuf_init(sb, 0);
	strbuf_puts(sb, api->base);
	strbuf_puts(sb, path);
}

#define ROTATIONS "/v2/secret-rotations/azure-client-secret"

/* ---- JSON bodies ---- */

/* s as a JSON string into sb, which wipes what it outgrows (the client secret). */
static void
json_string(struct strbuf *sb, const char *s)
{
	const unsigned char *p;

	strbuf_puts(sb, "\"");
	for (p = (const unsigned char *) (s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\') {
			char esc[2] = { '\\', (char) *p };

			strbuf_append(sb, esc, 2);
		} else if (*p < 0x20 || *p == 0x7f) {
			strbuf_printf(sb, "\\u%04x", *p);
		} else {
			strbuf_append(sb, (const char *) p, 1);
		}
	}
	strbuf_puts(sb, "\"");
}

static char *
trimmed(const char *s)
{
	const char *end;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	return strndup(s, (size_t) (end - s));
}

static const char *
json_str(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

/*
 * Reads what rw_api_create() needs to find the rotation after an unknown
 * outcome.  -1: the body is not a JSON object.  Missing keys leave
 * lookup_url NULL (the server will refuse such a body anyway).
 */
static int
create_prepare(struct rw_api *api, struct rw_call *call, const char *body)
{
	cJSON *root;
	const char *name, *project, *env, *path, *conn, *object = NULL;
	char *tname = NULL, *tpath = NULL;
	struct strbuf sb;
	size_t n;
	int rc = 0;

	root = cJSON_Parse(body);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return -1;
	}
	name = json_str(root, "name");
	project = json_str(root, "projectId");
	env = json_str(root, "environment");
	path = json_str(root, "secretPath");
	conn = json_str(root, "connectionId");
	object = json_str(cJSON_GetObjectItemCaseSensitive(root, "parameters"), "objectId");
	if (name && project && env && path) {
		/* As the server stores them: trimmed, no trailing slash but on "/". */
		tname = trimmed(name);
		tpath = trimmed(path);
		if (tname && tpath) {
			n = strlen(tpath);
			while (n > 1 && tpath[n - 1] == '/')
				tpath[--n] = '\0';
			url_begin(&sb, api, ROTATIONS "/rotation-name");
			url_segment(&sb, tname);
			url_query(&sb, "projectId", project);
			url_query(&sb, "secretPath", tpath);
			url_query(&sb, "environment", env);
			call->lookup_url = strbuf_detach(&sb);
		}
		if (!call->lookup_url)
			rc = -2;
	}
	if (conn && !(call->want_connection_id = strdup(conn)))
		rc = -2;
	if (object && !(call->want_object_id = strdup(object)))
		rc = -2;
	free(tname);
	free(tpath);
	cJSON_Delete(root);
	return rc;
}

/* ---- replies ---- */

static int
retry_delay_ms(struct rw_call *call, struct rw_http_reply *reply, long *delay)
{
	long code = reply->http_status, ra = reply->retry_after;

	if (call->method != RW_HTTP_GET || call->attempts >= RETRY_MAX)
		return 0;
	if (reply->status != RW_OK) {
		if (!reply->transient)
			return 0;
	} else if (code != 429 && code != 502 && code != 503 && code != 504) {
		return 0;
	}
	*delay = RETRY_BASE_MS << call->attempts;
	if (reply->status == RW_OK && code == 429) {
		if (ra < 0) {
			struct rw_api_error err;

			memset(&err, 0, sizeof(err));
			rw_parse_error(code, reply->body, reply->len, &err);
			ra = err.retry_after;
			rw_api_error_free(&err);
		}
		if (ra > 0)
			*delay = (ra < RETRY_AFTER_CAP_S ? ra : RETRY_AFTER_CAP_S) * 1000;
	}
	return 1;
}

static int
rotation_is_ours(const struct rw_call *call, const struct rw_rotation *rot)
{
	if (call->want_connection_id && rot->connection_id &&
	    strcmp(call->want_connection_id, rot->connection_id) != 0)
		return 0;
	if (call->want_object_id && rot->object_id &&
	    strcmp(call->want_object_id, rot->object_id) != 0)
		return 0;
	return 1;
}

/* The create's (or rotate's) request may have reached the server: go and look. */
static void
create_look_up(struct rw_api *api, struct rw_call *call)
{
	free(call->url);
	free(call->label);
	call->url = strdup(call->lookup_url);
	call->label = call->url ? label_for(RW_HTTP_GET, call->url) : NULL;
	call->method = RW_HTTP_GET;
	call->flags = 0;
	call->attempts = 0;
	call->looking_up = 1;
	if (!call->url || !call->label || call_send(api, call, NULL, 0) < 0) {
		call->result.outcome_unknown = 1;
		call_finish(api, call);
	}
}

/* Create and rotate now: a lost or unreadable reply is looked up (on_lookup_reply). */
static void
on_create_reply(struct rw_api *api, struct rw_call *call, struct rw_http_reply *reply)
{
	long code = reply->http_status;
	int created_unread;

	result_from_reply(call, reply);
	/* Created (or rotated) for sure (2xx) but the reply was unreadable: fetch it. */
	created_unread = reply->status == RW_OK && code >= 200 && code < 300 &&
			 call->result.status == RW_EPROTO;
	call->created_unread = created_unread;
	if (call->result.status == RW_OK || (reply->status == RW_OK && !created_unread) ||
	    (reply->status != RW_OK && !reply->sent)) {
		/* A known outcome: created, refused, or never sent. */
		call_finish(api, call);
		return;
	}
	if (!call->lookup_url) {
		call->result.outcome_unknown = !created_unread;
		call_finish(api, call);
		return;
	}
	create_look_up(api, call);
}

/* Whether the rotation looked up has rotated since the rotate was sent. */
static int
rotated_since(const struct rw_call *call, const struct rw_rotation *now)
{
	if (now->active_index != call->before_index)
		return 1;
	if (!now->last_rotated_at || !call->before_rotated_at)
		return now->last_rotated_at != call->before_rotated_at;
	return strcmp(now->last_rotated_at, call->before_rotated_at) != 0;
}

/*
 * The lookup after an unknown outcome.  Create: the rotation by name, ours
 * when its connection and app match; a 404 means not created.  Rotate now:
 * the rotation by id, rotated when activeIndex or lastRotatedAt moved.
 */
/* Why a lookup settled nothing, in words (the caller owns them). */
static char *
lookup_cause(struct rw_call *call, struct rw_http_reply *reply, enum rw_status *status)
{
	struct rw_api_error err;
	long code = reply->http_status;
	char *cause;

	*status = reply->status != RW_OK ? reply->status : RW_EPROTO;
	if (reply->status != RW_OK) {
		cause = reply->message ? reply->message : strbuf_format("%s got no answer", call->label);
		reply->message = NULL;
		return cause;
	}
	if (code >= 200 && code < 300)
		return strbuf_format("the answer to %s could not be read (HTTP %ld)", call->label, code);
	if (code == 404)
		return strbuf_format("the server answered the create as done, yet %s finds no "
				     "rotation of that name", call->label);
	memset(&err, 0, sizeof(err));
	rw_parse_error(code, reply->body, reply->len, &err);
	*status = rw_api_error_status(&err);
	cause = strbuf_format("%s answered HTTP %ld%s%s", call->label, code,
			      err.message ? ": " : "", err.message ? err.message : "");
	rw_api_error_free(&err);
	return cause;
}

/* rw_api_create_looked(): the lookup found nothing, so the create is sent now, for the first time. */
static void
create_post(struct rw_api *api, struct rw_call *call)
{
	struct strbuf url;

	free(call->url);
	free(call->label);
	url_begin(&url, api, ROTATIONS);
	call->url = strbuf_detach(&url);
	call->label = call->url ? label_for(RW_HTTP_POST, call->url) : NULL;
	call->method = RW_HTTP_POST;
	call->flags = RW_HTTP_NO_RESEND;
	call->attempts = 0;
	call->looking_up = 0;
	call->result.outcome_checked = 0;
	if (!call->url || !call->label ||
	    call_send(api, call, call->post_body, strlen(call->post_body)) < 0) {
		/* Not sent: nothing was made by this call. */
		result_fail(&call->result, RW_ENOMEM, 0, NULL);
		call_finish(api, call);
	}
	/* Sent (http keeps its copy): from here on it is a create like any other. */
	free(call->post_body);
	call->post_body = NULL;
}

static void
on_lookup_reply(struct rw_api *api, struct rw_call *call, struct rw_http_reply *reply)
{
	struct rw_result *result = &call->result;
	int rotate = result->kind == RW_CALL_ROTATE_NOW;
	enum rw_status looked = RW_OK;
	struct rw_rotation rot;
	long code = reply->http_status;

	memset(&rot, 0, sizeof(rot));
	if (reply->status == RW_OK && code >= 200 && code < 300 &&
	    rw_parse_rotation(reply->body, reply->len, &rot) == RW_OK) {
		result->outcome_checked = 1;
		if (rotate ? rotated_since(call, &rot) : rotation_is_ours(call, &rot)) {
			result_free_payload(result);
			rw_api_error_free(&result->error);
			result->status = RW_OK;
			result->recovered = 1;
			result->u.rotation = rot;
			call_finish(api, call);
			return;
		}
		if (!rotate && call->post_body) {
			/* Another rotation holds the name, and the create looked first: send it now, so the server refuses the name in its own words. */
			rw_rotation_free(&rot);
			create_post(api, call);
			return;
		}
		/* Create: another rotation holds the name, so ours cannot exist. */
		if (rotate && call->created_unread) {
			/* "Rotated" yet unchanged: nothing is settled. */
			result->outcome_checked = 0;
			result->outcome_unknown = 1;
		}
	} else if (!rotate && reply->status == RW_OK && code == 404 && !call->created_unread) {
		result->outcome_checked = 1;
		if (call->post_body) {
			create_post(api, call);
			return;
		}
	} else {
		/* No answer, or "created" yet not found: nothing is settled. */
		result->outcome_unknown = 1;
		free(result->lookup_cause);
		result->lookup_cause = lookup_cause(call, reply, &looked);
		if (call->post_body && result->status == RW_OK) {
			/* Looked first and could not tell: nothing was sent, nothing is known. */
			result_fail(result, looked, code, strbuf_format("an earlier create got no "
				    "answer; this one was not sent"));
		}
	}
	rw_rotation_free(&rot);
	call_finish(api, call);
}

static void
on_reply(struct rw_api *api, struct rw_call *call, struct rw_http_reply *reply)
{
	long delay;

	call->req = NULL;
	if (retry_delay_ms(call, reply, &delay)) {
		call->attempts++;
		call->state = CALL_WAITING;
		call->retry_at = rw_monotonic_ms() + delay;
		return;
	}
	if (call->looking_up) {
		on_lookup_reply(api, call, reply);
	} else if (call->result.kind == RW_CALL_CREATE || call->result.kind == RW_CALL_ROTATE_NOW) {
		on_create_reply(api, call, reply);
	} else {
		enum rw_call_kind kind = call->result.kind;
		long code = reply->http_status;

		if (kind == RW_CALL_AZURE_APPS && reply->status == RW_OK && code >= 200 && code < 300 &&
		    rw_apps_parse_begin(reply->body, reply->len, &call->parse) == RW_OK) {
			/* The body is the call's now: parse_slices() reads it between waits. */
			call->body = reply->body;
			call->body_len = reply->len;
			reply->body = NULL;
			reply->len = 0;
			call->parse_code = code;
			call->state = CALL_PARSING;
			return;
		}
		result_from_reply(call, reply);
		/*
		 * Edit and delete: a reply lost after the request went out, or a
		 * 2xx that could not be read, may have changed the rotation; the
		 * caller looks it up (libcore/manage.c, decision 24).
		 */
		if ((kind == RW_CALL_UPDATE || kind == RW_CALL_DELETE) && call->result.status != RW_OK &&
		    (reply->status != RW_OK ? reply->sent : code >= 200 && code < 300))
			call->result.outcome_unknown = 1;
		call_finish(api, call);
	}
}

static void
collect(struct rw_api *api)
{
	struct rw_http_reply reply;

	while (rw_http_next_reply(api->http, &reply)) {
		struct rw_call *call = reply.user;

		if (call && call_in(api->active, call))
			on_reply(api, call, &reply);
		rw_http_reply_free(&reply);
	}
}

/* Resends the calls whose retry time has come; returns ms to the next timer, or -1. */
static long
start_due_retries(struct rw_api *api)
{
	struct rw_call *call, *next;
	long long now = rw_monotonic_ms(), soonest = -1;

	for (call = api->active; call; call = next) {
		next = call->next;
		if (call->state != CALL_WAITING)
			continue;
		if (call->retry_at <= now) {
			if (call_send(api, call, NULL, 0) < 0) {
				result_fail(&call->result, RW_ENOMEM, 0, NULL);
				call_finish(api, call);
			}
		} else if (soonest < 0 || call->retry_at < soonest) {
			soonest = call->retry_at;
		}
	}
	return soonest < 0 ? -1 : (long) (soonest - now);
}

static int
parsing(const struct rw_api *api)
{
	const struct rw_call *call;

	for (call = api->active; call; call = call->next)
		if (call->state == CALL_PARSING)
			return 1;
	return 0;
}

/* Reads on in the list replies being parsed, for one slice in all; files those done. */
static void
parse_slices(struct rw_api *api)
{
	struct rw_call *call, *next;
	struct rw_result *result;
	long long until = rw_monotonic_us() + PARSE_SLICE_US, now;
	enum rw_status st;

	for (call = api->active; call; call = next) {
		next = call->next;
		if (call->state != CALL_PARSING)
			continue;
		now = rw_monotonic_us();
		if (now >= until)
			break;
		if (!rw_apps_parse_run(call->parse, (long) (until - now)))
			continue;
		result = &call->result;
		st = rw_apps_parse_end(&call->parse, &result->u.apps);
		parse_drop(call);	/* the body goes as soon as it is read */
		if (st == RW_OK)
			result->status = RW_OK;
		else
			result_fail(result, st == RW_ENOMEM ? RW_ENOMEM : RW_EPROTO, call->parse_code,
				    strbuf_format("unexpected reply to %s (HTTP %ld): not what the API promises",
						  call->label, call->parse_code));
		call_finish(api, call);
	}
}

/* One round: start due retries, wait, drive, collect.  Returns extra_fd readiness. */
static int
api_round(struct rw_api *api, int extra_fd, int timeout_ms, int stop_when_ready)
{
	long long since;
	long next;
	int readable;

	next = start_due_retries(api);
	if ((stop_when_ready && api->done) || parsing(api))
		timeout_ms = 0;
	if (next >= 0 && (timeout_ms < 0 || next < timeout_ms))
		timeout_ms = (int) next;
	since = rw_monotonic_us();
	readable = rw_http_poll(api->http, extra_fd, timeout_ms);
	api->blocked_us += rw_monotonic_us() - since;
	collect(api);
	parse_slices(api);
	start_due_retries(api);
	return readable;
}

/* ---- public ---- */

void
rw_api_set_parallel(struct rw_api *api, int calls)
{
	if (api)
		rw_http_set_slots(api->http, calls);
}

enum rw_status
rw_api_new(const struct rw_api_config *config, struct rw_api **out)
{
	struct rw_http_config hc;
	struct rw_api *api;
	enum rw_status st;
	size_t n;

	if (!out)
		return RW_EUSAGE;
	*out = NULL;
	if (!config || !config->api_base)
		return RW_EUSAGE;
	/* Plain http only on loopback: the caller refuses it too, this is the backstop. */
	st = rw_http_check_url(config->api_base);
	if (st != RW_OK)
		return st;
	api = calloc(1, sizeof(*api));
	if (!api)
		return RW_ENOMEM;
	api->base = strdup(config->api_base);
	if (!api->base) {
		free(api);
		return RW_ENOMEM;
	}
	n = strlen(api->base);
	while (n > 0 && api->base[n - 1] == '/')
		api->base[--n] = '\0';
	memset(&hc, 0, sizeof(hc));
	hc.cacert = config->cacert;
	hc.connect_timeout_ms = config->connect_timeout_ms;
	hc.total_timeout_ms = config->total_timeout_ms;
	hc.debug_log = config->debug_log;
	st = rw_http_new(&hc, &api->http);
	if (st != RW_OK) {
		free(api->base);
		free(api);
		return st;
	}
	*out = api;
	return RW_OK;
}

const char *
rw_api_library_error(void)
{
	return rw_http_library_error();
}

void
rw_api_free(struct rw_api **apip)
{
	struct rw_api *api;
	struct rw_call *call;

	if (!apip || !*apip)
		return;
	api = *apip;
	rw_http_free(&api->http);	/* drops every request still queued or running */
	while ((call = api->active)) {
		api->active = call->next;
		call_free(call);
	}
	while ((call = api->done)) {
		api->done = call->next;
		call_free(call);
	}
	free(api->base);
	secret_free(&api->token);
	free(api);
	*apip = NULL;
}

enum rw_status
rw_api_set_token(struct rw_api *api, const char *token)
{
	const unsigned char *p;
	char *copy = NULL;

	if (!api)
		return RW_EUSAGE;
	if (token && *token) {
		/* It goes into a header line: no CR, LF or other control bytes. */
		for (p = (const unsigned char *) token; *p; p++)
			if (*p < 0x20 || *p == 0x7f)
				return RW_EINVAL;
		copy = strdup(token);
		if (!copy)
			return RW_ENOMEM;
	}
	secret_free(&api->token);
	api->token = copy;
	return RW_OK;
}

struct rw_call *
rw_api_login(struct rw_api *api, const char *client_id, const char *client_secret, void *user)
{
	struct strbuf body;
	struct strbuf url;
	struct rw_call *call;

	if (!api)
		return NULL;
	strbuf_init(&body, 0);
	strbuf_puts(&body, "{\"clientId\":");
	json_string(&body, client_id);
	strbuf_puts(&body, ",\"clientSecret\":");
	json_string(&body, client_secret);
	strbuf_puts(&body, "}");
	url_begin(&url, api, "/v1/auth/universal-auth/login");
	call = NULL;
	if (!body.failed)
		call = call_start(api, call_new(RW_CALL_LOGIN, user), RW_HTTP_POST,
				  strbuf_detach(&url), body.data, body.len, 0);
	else
		strbuf_free(&url);
	strbuf_free(&body);	/* wipes the client secret */
	return call;
}

static struct rw_call *
start_get(struct rw_api *api, enum rw_call_kind kind, struct strbuf *url, void *user)
{
	return call_start(api, call_new(kind, user), RW_HTTP_GET, strbuf_detach(url), NULL, 0, 0);
}

struct rw_call *
rw_api_projects(struct rw_api *api, void *user)
{
	struct strbuf url;

	if (!api)
		return NULL;
	url_begin(&url, api, "/v1/projects");
	url_query(&url, "type", "secret-manager");
	return start_get(api, RW_CALL_PROJECTS, &url, user);
}

struct rw_call *
rw_api_folders(struct rw_api *api, const char *project_id, const char *environment,
	       const char *path, void *user)
{
	struct strbuf url;

	if (!api)
		return NULL;
	url_begin(&url, api, "/v2/folders");
	url_query(&url, "projectId", project_id);
	url_query(&url, "environment", environment);
	url_query(&url, "path", path && *path ? path : "/");
	return start_get(api, RW_CALL_FOLDERS, &url, user);
}

struct rw_call *
rw_api_connections(struct rw_api *api, const char *project_id, void *user)
{
	struct strbuf url;

	if (!api)
		return NULL;
	url_begin(&url, api, "/v1/app-connections/azure-client-secrets/available");
	url_query(&url, "projectId", project_id);
	return start_get(api, RW_CALL_CONNECTIONS, &url, user);
}

struct rw_call *
rw_api_azure_apps(struct rw_api *api, const char *connection_id, void *user)
{
	struct strbuf url;

	if (!api)
		return NULL;
	url_begin(&url, api, "/v1/app-connections/azure-client-secrets");
	url_segment(&url, connection_id);
	strbuf_puts(&url, "/clients");
	return start_get(api, RW_CALL_AZURE_APPS, &url, user);
}

struct rw_call *
rw_api_secret_names(struct rw_api *api, const char *project_id, const char *environment,
		    const char *path, void *user)
{
	struct strbuf url;

	if (!api)
		return NULL;
	url_begin(&url, api, "/v4/secrets");
	url_query(&url, "projectId", project_id);
	url_query(&url, "environment", environment);
	url_query(&url, "secretPath", path && *path ? path : "/");
	/* Names only: a secret's value must never come down the wire. */
	url_query(&url, "viewSecretValue", "false");
	return start_get(api, RW_CALL_SECRET_NAMES, &url, user);
}

/* A create, looking the rotation up by name first when look_first (and it can be looked up). */
static struct rw_call *
create_start(struct rw_api *api, const char *body, void *user, int look_first)
{
	struct rw_call *call;
	struct strbuf url;
	int rc;

	if (!api)
		return NULL;
	call = call_new(RW_CALL_CREATE, user);
	if (!call)
		return NULL;
	rc = create_prepare(api, call, body ? body : "");
	if (rc == -2) {
		call_free(call);
		return NULL;
	}
	if (rc == -1) {
		/* Never sent, so nothing was created. */
		result_fail(&call->result, RW_EINVAL, 0,
			    strbuf_format("the create body is not a JSON object"));
		if (!call->result.error.message) {
			call_free(call);
			return NULL;
		}
		call->state = CALL_DONE;
		call_append(&api->done, call);
		return call;
	}
	/* Without the keys to look it up by, the server refuses the body in its own words. */
	if (look_first && call->lookup_url) {
		if (!(call->post_body = strdup(body))) {
			call_free(call);
			return NULL;
		}
		call->looking_up = 1;
		return call_start(api, call, RW_HTTP_GET, strdup(call->lookup_url), NULL, 0, 0);
	}
	url_begin(&url, api, ROTATIONS);
	/* Never resent blindly: after a drop, rw_api_create() looks it up instead. */
	return call_start(api, call, RW_HTTP_POST, strbuf_detach(&url), body, strlen(body),
			  RW_HTTP_NO_RESEND);
}

struct rw_call *
rw_api_create(struct rw_api *api, const char *body, void *user)
{
	return create_start(api, body, user, 0);
}

struct rw_call *
rw_api_create_looked(struct rw_api *api, const char *body, void *user)
{
	return create_start(api, body, user, 1);
}

struct rw_call *
rw_api_get_by_name(struct rw_api *api, const char *name, const char *project_id,
		   const char *environment, const char *path, void *user)
{
	struct strbuf url;

	if (!api)
		return NULL;
	url_begin(&url, api, ROTATIONS "/rotation-name");
	url_segment(&url, name);
	url_query(&url, "projectId", project_id);
	url_query(&url, "secretPath", path && *path ? path : "/");
	url_query(&url, "environment", environment);
	return start_get(api, RW_CALL_GET_BY_NAME, &url, user);
}

struct rw_call *
rw_api_get_by_id(struct rw_api *api, const char *id, void *user)
{
	struct strbuf url;

	if (!api)
		return NULL;
	url_begin(&url, api, ROTATIONS);
	url_segment(&url, id);
	return start_get(api, RW_CALL_GET_BY_ID, &url, user);
}

struct rw_call *
rw_api_list(struct rw_api *api, const char *project_id, void *user)
{
	struct strbuf url;

	if (!api)
		return NULL;
	url_begin(&url, api, ROTATIONS);
	url_query(&url, "projectId", project_id);
	return start_get(api, RW_CALL_LIST, &url, user);
}

struct rw_call *
rw_api_rotate_now(struct rw_api *api, const char *id, const struct rw_rotation *before,
		  void *user)
{
	struct rw_call *call;
	struct strbuf url, lookup;

	if (!api)
		return NULL;
	if (!(call = call_new(RW_CALL_ROTATE_NOW, user)))
		return NULL;
	if (before) {
		url_begin(&lookup, api, ROTATIONS);
		url_segment(&lookup, id);
		call->lookup_url = strbuf_detach(&lookup);
		call->before_index = before->active_index;
		if (before->last_rotated_at)
			call->before_rotated_at = strdup(before->last_rotated_at);
		if (!call->lookup_url || (before->last_rotated_at && !call->before_rotated_at)) {
			call_free(call);
			return NULL;
		}
	}
	url_begin(&url, api, ROTATIONS);
	url_segment(&url, id);
	strbuf_puts(&url, "/rotate-secrets");
	/* "{}" rather than nothing: Fastify may refuse an empty JSON body. */
	return call_start(api, call, RW_HTTP_POST, strbuf_detach(&url), "{}", 2, RW_HTTP_NO_RESEND);
}

struct rw_call *
rw_api_update(struct rw_api *api, const char *id, const char *body, void *user)
{
	struct strbuf url;

	if (!api)
		return NULL;
	url_begin(&url, api, ROTATIONS);
	url_segment(&url, id);
	return call_start(api, call_new(RW_CALL_UPDATE, user), RW_HTTP_PATCH, strbuf_detach(&url),
			  body ? body : "{}", body ? strlen(body) : 2, RW_HTTP_NO_RESEND);
}

struct rw_call *
rw_api_delete(struct rw_api *api, const char *id, int delete_secrets, int revoke_credentials,
	      void *user)
{
	struct strbuf url;

	if (!api)
		return NULL;
	url_begin(&url, api, ROTATIONS);
	url_segment(&url, id);
	url_query(&url, "deleteSecrets", delete_secrets ? "true" : "false");
	url_query(&url, "revokeGeneratedCredentials", revoke_credentials ? "true" : "false");
	return call_start(api, call_new(RW_CALL_DELETE, user), RW_HTTP_DELETE, strbuf_detach(&url),
			  NULL, 0, RW_HTTP_NO_RESEND);
}

struct rw_call *
rw_api_generated(struct rw_api *api, const char *id, void *user)
{
	struct strbuf url;

	if (!api)
		return NULL;
	url_begin(&url, api, ROTATIONS);
	url_segment(&url, id);
	strbuf_puts(&url, "/generated-credentials");
	return start_get(api, RW_CALL_GENERATED, &url, user);
}

void
rw_api_cancel(struct rw_api *api, struct rw_call *call)
{
	int maybe_sent;

	if (!api || !call || !call_in(api->active, call))
		return;		/* finished already (its result stands), or not ours */
	maybe_sent = call->looking_up || (call->req && rw_http_sent(call->req));
	if (call->req)
		rw_http_cancel(api->http, call->req);
	call->req = NULL;
	parse_drop(call);
	result_fail(&call->result, RW_ECANCEL, 0, strbuf_format("cancelled"));
	if (call->result.kind == RW_CALL_CREATE && maybe_sent)
		call->result.outcome_unknown = 1;
	call_finish(api, call);
}

int
rw_api_pending(const struct rw_api *api)
{
	const struct rw_call *call;
	int n = 0;

	if (!api)
		return 0;
	for (call = api->active; call; call = call->next)
		n++;
	for (call = api->done; call; call = call->next)
		n++;
	return n;
}

int
rw_api_wait(struct rw_api *api, int extra_fd, int timeout_ms)
{
	if (!api)
		return 0;
	return api_round(api, extra_fd, timeout_ms, 1);
}

/* Hands call's result to *out and forgets the call. */
static void
take_result(struct rw_api *api, struct rw_call *call, struct rw_result *out)
{
	call_remove(&api->done, call);
	*out = call->result;
	out->call = call;
	memset(&call->result, 0, sizeof(call->result));
	call_free(call);
}

long long
rw_api_blocked_us(const struct rw_api *api)
{
	return api ? api->blocked_us : 0;
}

int
rw_api_next_result(struct rw_api *api, struct rw_result *out)
{
	result_clear(out);
	if (!api || !api->done)
		return 0;
	take_result(api, api->done, out);
	return 1;
}

enum rw_status
rw_api_wait_for(struct rw_api *api, struct rw_call *call, struct rw_result *out)
{
	result_clear(out);
	if (!call) {
		/* Its starter ran out of memory: callers may pass a starter straight in. */
		out->status = RW_ENOMEM;
		return RW_ENOMEM;
	}
	if (!api || (!call_in(api->active, call) && !call_in(api->done, call))) {
		out->status = RW_EUSAGE;
		return RW_EUSAGE;
	}
	while (call->state != CALL_DONE) {
		/* Something is always in flight or on a timer while the call is active. */
		if (call->state == CALL_RUNNING && rw_http_pending(api->http) == 0) {
			result_fail(&call->result, RW_ENOMEM, 0, strbuf_format("request lost"));
			call_finish(api, call);
			break;
		}
		api_round(api, -1, -1, 0);
	}
	take_result(api, call, out);
	return out->status;
}
