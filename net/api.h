#ifndef ROTWIZ_NET_API_H
#define ROTWIZ_NET_API_H

/*
 * The Infisical endpoints rotwiz uses, over one libcurl multi handle and one
 * reused connection.  Every call is asynchronous: it starts a request and
 * returns at once; finished calls come back as rw_result structs from
 * rw_api_next_result().  A UI waits on the keyboard and the network together
 * with rw_api_wait(); batch and plain modes use rw_api_wait_for().
 *
 * No curses here.  curl.h is included by net/http.c alone.
 */

#include "common/status.h"
#include "net/response.h"

struct rw_api;
struct rw_call;

struct rw_api_config {
	const char *api_base;		/* "https://us.infisical.com/api": no trailing slash */
	const char *cacert;		/* extra CA file, or NULL */
	long connect_timeout_ms;	/* 0: default 10 s */
	long total_timeout_ms;		/* 0: default 30 s */
	const char *debug_log;		/* libcurl verbose output goes here (never the terminal); NULL: off */
};

enum rw_call_kind {
	RW_CALL_LOGIN,
	RW_CALL_PROJECTS,
	RW_CALL_FOLDERS,
	RW_CALL_CONNECTIONS,
	RW_CALL_AZURE_APPS,
	RW_CALL_SECRET_NAMES,
	RW_CALL_CREATE,
	RW_CALL_GET_BY_NAME,
	RW_CALL_GET_BY_ID,
	RW_CALL_LIST,
	RW_CALL_ROTATE_NOW,
	RW_CALL_GENERATED,
	RW_CALL_UPDATE,
	RW_CALL_DELETE,
};

struct rw_result {
	enum rw_call_kind kind;
	struct rw_call *call;		/* the handle the start function returned (now invalid) */
	void *user;			/* the caller's tag, as given */
	enum rw_status status;		/* RW_OK, or what class of failure */
	struct rw_api_error error;	/* when status != RW_OK */
	/*
	 * Create only: the request may have reached the server but no answer
	 * came (timeout or drop after sending).  rw_api_create() then looked
	 * the rotation up by name by itself:
	 *   recovered = 1: it exists; status is RW_OK and rotation is filled.
	 *   recovered = 0, outcome_checked = 1: it does not exist; safe to retry.
	 */
	int recovered;
	int outcome_checked;
	/*
	 * Rotate now (given the rotation as it was before) works the same way:
	 * when the reply is lost or unreadable after it may have been sent,
	 * rw_api_rotate_now() looks the rotation up by id and compares its
	 * activeIndex and lastRotatedAt with what they were:
	 *   recovered = 1: they changed, it rotated; status RW_OK, rotation is
	 *                  the one looked up.
	 *   recovered = 0, outcome_checked = 1: unchanged, it did not rotate
	 *                  (status and error stay the lost reply's).
	 *   outcome_unknown = 1: the lookup failed too.
	 */
	/*
	 * Create only: 1 when the request may have reached the server and
	 * neither an answer nor the lookup settled whether it was created
	 * (the lookup failed too, or the call was cancelled after sending).
	 * Look before creating again.  0 with status != RW_OK and
	 * outcome_checked = 0 means the server refused it or it was never
	 * sent: nothing was created.
	 * Edit and delete: 1 when the reply was lost or unreadable after the
	 * request may have reached the server; no lookup is made here (the
	 * caller looks the rotation up: libcore/manage.h, decision 24).
	 */
	int outcome_unknown;
	/*
	 * With outcome_unknown: why the lookup by name settled nothing, in
	 * words (owned; NULL when no lookup was made).
	 */
	char *lookup_cause;
	union {
		struct rw_login login;
		struct rw_project_list projects;
		struct rw_folder_list folders;
		struct rw_connection_list connections;
		struct rw_azure_app_list apps;
		struct rw_name_list secret_names;
		struct rw_rotation rotation;	/* create, get by name/id, rotate now, update, delete */
		struct rw_rotation_list rotations;
		struct rw_generated generated;
	} u;
};

void rw_result_free(struct rw_result *result);

/*
 * The first rw_api_new() loads libcurl (net/libcurl.h): RW_EIO when it could
 * not be loaded, rw_api_library_error() then names the library and the reason.
 */
enum rw_status rw_api_new(const struct rw_api_config *config, struct rw_api **out);
const char *rw_api_library_error(void);
void rw_api_free(struct rw_api **api);
/*
 * How many calls may be on the wire at once, each on its own reused
 * connection (1 by default; a batch of creates asks for more).  Clamped to
 * 1..RW_HTTP_SLOTS_MAX (32).
 */
void rw_api_set_parallel(struct rw_api *api, int calls);
/* Copies the token (secret); the old one is wiped.  NULL clears it. */
enum rw_status rw_api_set_token(struct rw_api *api, const char *token);

/* Starters: NULL only when out of memory.  user is handed back in the result. */
struct rw_call *rw_api_login(struct rw_api *api, const char *client_id,
			     const char *client_secret, void *user);
struct rw_call *rw_api_projects(struct rw_api *api, void *user);
struct rw_call *rw_api_folders(struct rw_api *api, const char *project_id,
			       const char *environment, const char *path, void *user);
struct rw_call *rw_api_connections(struct rw_api *api, const char *project_id, void *user);
struct rw_call *rw_api_azure_apps(struct rw_api *api, const char *connection_id, void *user);
struct rw_call *rw_api_secret_names(struct rw_api *api, const char *project_id,
				    const char *environment, const char *path, void *user);
/* body: the JSON text from rw_body_build(); name etc. are used to look it up after an unknown outcome. */
struct rw_call *rw_api_create(struct rw_api *api, const char *body, void *user);
/*
 * A create after an unknown outcome (decision 17): looks the rotation up
 * by name first.  Found (ours): recovered = 1, status RW_OK, nothing sent.
 * Not there: the POST goes as rw_api_create() sends it.  The lookup
 * failing: outcome_unknown = 1 with lookup_cause, and nothing was sent.
 */
struct rw_call *rw_api_create_looked(struct rw_api *api, const char *body, void *user);
struct rw_call *rw_api_get_by_name(struct rw_api *api, const char *name, const char *project_id,
				   const char *environment, const char *path, void *user);
struct rw_call *rw_api_get_by_id(struct rw_api *api, const char *id, void *user);
struct rw_call *rw_api_list(struct rw_api *api, const char *project_id, void *user);
/*
 * before: the rotation as last seen (its activeIndex and lastRotatedAt),
 * for the lookup after a lost reply; NULL: no lookup (the outcome of a lost
 * reply is then unknown).  Copied: the caller may free it at once.
 */
struct rw_call *rw_api_rotate_now(struct rw_api *api, const char *id,
				  const struct rw_rotation *before, void *user);
/* PATCH: body is a JSON object of what changes (libcore/manage.h builds it). */
struct rw_call *rw_api_update(struct rw_api *api, const char *id, const char *body, void *user);
/* DELETE ?deleteSecrets=&revokeGeneratedCredentials=: the answer is the rotation as it was. */
struct rw_call *rw_api_delete(struct rw_api *api, const char *id, int delete_secrets,
			      int revoke_credentials, void *user);
struct rw_call *rw_api_generated(struct rw_api *api, const char *id, void *user);

/* Cancels a call in flight; its result comes back with RW_ECANCEL. */
void rw_api_cancel(struct rw_api *api, struct rw_call *call);
/* How many calls are in flight or waiting to be collected. */
int rw_api_pending(const struct rw_api *api);

/*
 * Waits up to timeout_ms (-1: until something happens) for network activity,
 * a retry timer, or extra_fd (-1: none) to become readable, and drives the
 * transfers.  Returns 1 when extra_fd is readable, else 0.
 */
int rw_api_wait(struct rw_api *api, int extra_fd, int timeout_ms);
/* Microseconds rw_api_wait() spent blocked in poll so far (what is not busy time). */
long long rw_api_blocked_us(const struct rw_api *api);
/* Moves one finished call into *out (caller frees it).  Returns 1, or 0 when none is ready. */
int rw_api_next_result(struct rw_api *api, struct rw_result *out);
/*
 * Blocks until `call` finishes; other finished calls stay queued for
 * next_result.  A NULL call (its starter ran out of memory) gives RW_ENOMEM,
 * so a starter can be passed straight in.
 */
enum rw_status rw_api_wait_for(struct rw_api *api, struct rw_call *call, struct rw_result *out);

#endif
