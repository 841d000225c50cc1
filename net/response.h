#ifndef ROTWIZ_NET_RESPONSE_H
#define ROTWIZ_NET_RESPONSE_H

/*
 * Server replies parsed into plain C structs.  cJSON stays inside
 * response.c: nothing here exposes it.  Every parser treats its input as
 * untrusted: wrong types, missing keys, truncated or oversized bodies give
 * RW_EPROTO, never a crash.  Every struct is freed by its *_free(), which
 * NULLs what it freed and is safe on a zeroed or half-filled struct.
 */

#include <stddef.h>

#include "common/status.h"
#include "forms/field.h"

/*
 * Larger replies are refused before parsing.  The largest list the real
 * server sends in one reply is a tenant's Azure app registrations (every
 * one at once, about 120 bytes each: 100,000 apps are 11.9 MB), so 64 MiB
 * holds some 560,000 apps (decision 30).  The buffer grows with the
 * reply, to its Content-Length at once when the server sends one.
 */
#define RW_RESPONSE_MAX_BYTES (64u * 1024 * 1024)

/*
 * Refusals that need words of their own, whatever the call.  The
 * wording is libcore/report.c's; net only tells them apart.
 */
enum rw_refusal {
	RW_REFUSAL_OTHER = 0,
	/*
	 * 400 "Failed to <verb> secret rotation(s) due to plan restriction...":
	 * this instance's plan (a self-hosted licence) has no secret rotation
	 * (doc/api.md s.13, item 4).
	 */
	RW_REFUSAL_PLAN,
	/*
	 * Azure's "Insufficient privileges to complete the operation." (Graph's
	 * Authorization_RequestDenied), passed on by the server in its 400
	 * "Failed to add client secret to Azure app ...: ...": the
	 * connection's own app lacks a Microsoft Graph permission; the Object
	 * ID is not what is wrong (doc/contract.md s.6.1).
	 */
	RW_REFUSAL_AZURE_PRIVILEGES,
};

/* Longest reqId kept; a longer one, or one with other than printable ASCII, is dropped. */
#define RW_REQ_ID_MAX 64

/* What the server said when it refused, in plain data (doc/api.md s.4). */
struct rw_api_error {
	long http_status;	/* 0: no HTTP answer at all */
	char *error;		/* "BadRequest", "ValidationFailure", "TokenError"... or NULL */
	char *message;		/* human text; 422 issues joined with "; " */
	char *req_id;		/* "req-..." for support, or NULL (see RW_REQ_ID_MAX) */
	enum rw_refusal kind;
	enum rw_field field;	/* the field it is about (422 path, known 400 texts), or RW_FIELD_NONE */
	long retry_after;	/* seconds, from a 429; -1 when unknown */
};

struct rw_environment {
	char *id, *name, *slug;
};

struct rw_project {
	char *id, *name, *slug;
	struct rw_environment *environments;
	size_t environment_count;
};

struct rw_project_list { struct rw_project *items; size_t count; };

struct rw_folder { char *id, *name; };
struct rw_folder_list { struct rw_folder *items; size_t count; };

struct rw_connection { char *id, *name, *app; };
struct rw_connection_list { struct rw_connection *items; size_t count; };

/* One Azure app registration from .../:connectionId/clients. */
struct rw_azure_app {
	char *object_id;	/* "id": Graph application object id */
	char *name;		/* display name */
	char *client_id;	/* "appId" */
};
struct rw_azure_app_list { struct rw_azure_app *items; size_t count; };

/* Secret names in a folder (GET /api/v4/secrets): names only, never values. */
struct rw_name_list { char **items; size_t count; };

struct rw_login {
	char *access_token;	/* secret: wiped by rw_login_free() */
	long expires_in;
};

struct rw_rotation {
	char *id, *name, *description, *type;
	char *project_id, *connection_id, *connection_name;
	char *environment_slug, *environment_name, *folder_path;
	char *object_id, *client_id, *app_name;
	char *map_client_id, *map_client_secret;
	char *rotation_status;		/* "success" | "failed" */
	char *created_at, *next_rotation_at, *last_rotated_at, *last_message;
	int auto_rotation;
	long interval_days;
	int hours, minutes;
	int active_index;
};
struct rw_rotation_list { struct rw_rotation *items; size_t count; };

/*
 * GET .../generated-credentials.  client_secret is a secret (decision 26):
 * only a reveal the user asked for shows it, nothing writes it anywhere,
 * and rw_generated_free() wipes it.
 */
struct rw_generated {
	int active_index;
	size_t count;
	char *key_id[2];
	char *client_id[2];
	char *client_secret[2];
};

/*
 * Parses an error reply of any status.  Always fills err (a body that is not
 * JSON still gives http_status and a message describing what came back).
 */
void rw_parse_error(long http_status, const char *body, size_t len, struct rw_api_error *err);

/*
 * The status class of a parsed refusal: RW_EAUTH for 401 and a 403
 * TokenError (the token itself is bad), RW_ESERVER for any other 4xx/5xx
 * (the reason travels in err), RW_ENET when there was no HTTP answer
 * (http_status 0), RW_EPROTO for anything else (e.g. a 3xx).
 */
enum rw_status rw_api_error_status(const struct rw_api_error *err);

enum rw_status rw_parse_login(const char *body, size_t len, struct rw_login *out);
enum rw_status rw_parse_projects(const char *body, size_t len, struct rw_project_list *out);
enum rw_status rw_parse_folders(const char *body, size_t len, struct rw_folder_list *out);
enum rw_status rw_parse_connections(const char *body, size_t len, struct rw_connection_list *out);
enum rw_status rw_parse_azure_apps(const char *body, size_t len, struct rw_azure_app_list *out);
/*
 * The same, a slice at a time (decision 30): begin keeps body (not copied:
 * it must outlive the parse), run parses for about budget_us (-1: to the
 * end) and says 1 when nothing is left, end hands the list over (or frees
 * it on a failure) and frees the parse.  A NULL parse (begin ran out of
 * memory) ends with RW_EPROTO.  Whatever stage it is in, end frees it all.
 */
struct rw_apps_parse;
enum rw_status rw_apps_parse_begin(const char *body, size_t len, struct rw_apps_parse **out);
int rw_apps_parse_run(struct rw_apps_parse *parse, long budget_us);
enum rw_status rw_apps_parse_end(struct rw_apps_parse **parse, struct rw_azure_app_list *out);
enum rw_status rw_parse_secret_names(const char *body, size_t len, struct rw_name_list *out);
/* {"secretRotation": {...}} */
enum rw_status rw_parse_rotation(const char *body, size_t len, struct rw_rotation *out);
/* {"secretRotations": [...]} */
enum rw_status rw_parse_rotation_list(const char *body, size_t len, struct rw_rotation_list *out);
enum rw_status rw_parse_generated(const char *body, size_t len, struct rw_generated *out);

/* Frees and leaves err empty: NULL strings, RW_FIELD_NONE, retry_after -1. */
/* Whether the list holds exactly this name (the secret-name collision check). */
int rw_name_list_has(const struct rw_name_list *list, const char *name);
/* Appends a copy of name; -1 (list unchanged) when out of memory. */
int rw_name_list_add(struct rw_name_list *list, const char *name);

void rw_api_error_free(struct rw_api_error *err);
void rw_login_free(struct rw_login *login);
void rw_project_list_free(struct rw_project_list *list);
void rw_folder_list_free(struct rw_folder_list *list);
void rw_connection_list_free(struct rw_connection_list *list);
void rw_azure_app_list_free(struct rw_azure_app_list *list);
void rw_name_list_free(struct rw_name_list *list);
void rw_rotation_free(struct rw_rotation *rotation);
void rw_rotation_list_free(struct rw_rotation_list *list);
void rw_generated_free(struct rw_generated *generated);

/*
 * The rotation in the server's answer shape {"secretRotation": {...}},
 * pretty-printed, from the parsed fields (keys the parser does not keep
 * are not in it): what --json prints.  Caller frees; NULL when out of
 * memory.
 */
char *rw_rotation_json(const struct rw_rotation *rotation);

/*
 * Several, as {"secretRotations": [...]}, each with rotwiz's own
 * "rotwiz": {"health": health[i], "status": status[i]} added (either
 * array may be NULL: null).  What list and status print with --json.
 * Caller frees; NULL when out of memory.
 */
char *rw_rotations_json(const struct rw_rotation *const *items, const char *const *health,
			const char *const *status, size_t count);

#endif
