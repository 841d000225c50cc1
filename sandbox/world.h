#ifndef ROTWIZ_SANDBOX_WORLD_H
#define ROTWIZ_SANDBOX_WORLD_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "sandbox/rand.h"
#include "sandbox/seed.h"

/*
 * The sandbox's state in memory: the seeded world (seed.h) plus what
 * requests change: secrets in folders, rotations, issued access tokens and
 * the client secrets "Azure" holds per app.  One mutex guards all of it;
 * server.c holds it around each handler, so handlers and everything below
 * run one at a time and need no locking of their own.
 */

enum sb_actor {
	SB_ACTOR_NONE,
	SB_ACTOR_USER,		/* a user session (JWT) */
	SB_ACTOR_IDENTITY,	/* a machine identity access token */
};

enum sb_token_state {
	SB_TOKEN_UNKNOWN,
	SB_TOKEN_EXPIRED,
	SB_TOKEN_REVOKED,	/* issued here, then revoked */
	SB_TOKEN_VALID,
};

struct sb_secret {
	char id[SB_UUID_LEN + 1];
	const struct sb_folder *folder;
	char *key, *value, *comment;
	int version;
	int64_t created, updated;
};

struct sb_credential {
	char *client_id;
	char *client_secret;
	char key_id[SB_UUID_LEN + 1];
};

struct sb_rotation {
	char id[SB_UUID_LEN + 1];
	char *name;
	char *description;		/* NULL: null */
	const struct sb_folder *folder;
	const struct sb_connection *connection;
	int auto_rotation;
	long interval;			/* days */
	double hours, minutes;		/* rotateAtUtc as sent */
	char *object_id, *client_id;
	char *app_name;			/* NULL: not sent */
	char *map_client_id, *map_client_secret;
	int64_t created, updated, last_rotated, last_attempted;
	int last_manual;
	int failed;			/* rotationStatus "failed" */
	int fail_next;			/* the next this many rotations fail (/sandbox/rotations/:id/fail-next) */
	int busy_next;			/* the next this many rotate-now find one running (/sandbox/rotations/:id/busy-next) */
	char *last_message;		/* lastRotationMessage; NULL: null */
	int has_next;			/* nextRotationAt is not null */
	int64_t next_rotation;
	int active_index;
	struct sb_credential creds[2];
	int cred_count;
};

struct sb_world {
	pthread_mutex_t lock;
	struct sb_secret **secrets;
	size_t secret_count, secret_cap;
	struct sb_rotation **rotations;
	size_t rotation_count, rotation_cap;
	char **tokens;			/* issued machine-identity tokens */
	size_t token_count, token_cap;
	char **revoked;			/* revoked ones: the server still knows them */
	size_t revoked_count, revoked_cap;
	int plan_free;			/* --plan free: no secret rotation in the plan */
	int *live_secrets;		/* per seeded app: client secrets Azure holds */
	size_t app_count;
};

/* Builds the seeded world as it stands at `now`.  NULL when out of memory. */
struct sb_world *sb_world_new(int64_t now);
void sb_world_free(struct sb_world **world);
/*
 * --seed-rotations N: N more rotations "bulk-0001"... (ids
 * 5eed0000-0000-4000-8000-000000000001...) spread over Payments
 * Platform's /workers folders, for lists of hundreds.  0, or -1 on no memory.
 */
int sb_world_seed_bulk(struct sb_world *world, long count, int64_t now);
void sb_world_lock(struct sb_world *world);
void sb_world_unlock(struct sb_world *world);

/* ---- seeded lookups (NULL when absent) ---- */
const struct sb_project *sb_world_project(const char *id);
const struct sb_project *sb_world_project_by_slug(const char *slug);
const struct sb_env *sb_world_env(const struct sb_project *project, const char *slug);
/* The folder at path; a trailing slash is ignored. */
const struct sb_folder *sb_world_folder(const struct sb_project *project,
					const struct sb_env *env, const char *path);
/* Seeded folders in order; iterate with index < count. */
const struct sb_folder *sb_world_folders(size_t *count);
/* Any connection by id, compared case-insensitively as Postgres compares uuids. */
const struct sb_connection *sb_world_connection(const char *id);
const struct sb_connection *sb_world_connections(size_t *count);
const struct sb_azure_app *sb_world_apps(size_t *count);

/* ---- tokens ---- */
/* Who a bearer token belongs to.  *state says why it is refused. */
enum sb_actor sb_world_token_actor(struct sb_world *world, const char *token,
				   enum sb_token_state *state);
/* Issues a machine-identity token; the world keeps it.  NULL on no memory. */
const char *sb_world_token_issue(struct sb_world *world);
/* 0 when the token was one of ours and is now revoked. */
int sb_world_token_revoke(struct sb_world *world, const char *token);

/* ---- secrets ---- */
struct sb_secret *sb_world_secret(struct sb_world *world, const struct sb_folder *folder,
				  const char *key);
/* Adds a secret (copies); NULL on no memory. */
struct sb_secret *sb_world_secret_add(struct sb_world *world, const struct sb_folder *folder,
				      const char *key, const char *value, int64_t now);
int sb_world_secret_set(struct sb_secret *secret, const char *value, int64_t now);
int sb_world_secret_rename(struct sb_secret *secret, const char *key, int64_t now);
void sb_world_secret_remove(struct sb_world *world, struct sb_secret *secret);

/* ---- rotations ---- */
struct sb_rotation *sb_world_rotation(struct sb_world *world, const char *id);
/* The rotation whose mapping wrote secret, or NULL. */
const struct sb_rotation *sb_world_secret_rotation(const struct sb_world *world,
						   const struct sb_secret *secret);
struct sb_rotation *sb_world_rotation_by_name(struct sb_world *world,
					      const struct sb_folder *folder, const char *name);
/* Takes ownership of a rotation built by the caller (calloc + strdup'd fields). */
int sb_world_rotation_add(struct sb_world *world, struct sb_rotation *rotation);
/* Unlinks and frees it. */
void sb_world_rotation_remove(struct sb_world *world, struct sb_rotation *rotation);
void sb_rotation_free(struct sb_rotation *rotation);

/* ---- Azure, as far as Graph would tell ---- */
/*
 * addPassword on the app: 0 with a new credential in *out (caller owns its
 * strings), or -1 when Graph refuses: *graph_error is then its message, or
 * NULL when the app does not exist in the connection's tenant (Graph's
 * "Resource ... does not exist" names the id, so the caller words it).
 */
int sb_world_azure_add_password(struct sb_world *world, const struct sb_connection *connection,
				const char *object_id, const char *client_id,
				struct sb_credential *out, const char **graph_error);
/* removePassword: forgets one client secret of the app. */
void sb_world_azure_remove_password(struct sb_world *world, const struct sb_connection *connection,
				    const char *object_id);
/* Client secrets Azure holds over all apps, for /sandbox/stats. */
long sb_world_azure_live_secrets(const struct sb_world *world);
void sb_credential_clear(struct sb_credential *credential);

#endif
