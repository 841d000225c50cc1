#ifndef ROTWIZ_SANDBOX_SEED_H
#define ROTWIZ_SANDBOX_SEED_H

#include <stddef.h>

/*
 * The sandbox's seeded world: fixed ids, names and credentials that tests
 * and documentation may name (sandbox/README.md lists them).  Constant data
 * only; what changes at run time lives in world.c.
 */

#define SB_ORG_ID "04f54e26-44f8-49eb-ad88-c9fe379a1e8d"

#define SB_CLIENT_ID "sandbox-client-id"
#define SB_CLIENT_SECRET "sandbox-client-secret"
#define SB_USER_TOKEN "sandbox-user-token"
#define SB_EXPIRED_TOKEN "sandbox-expired-token"
#define SB_TOKEN_TTL 2592000	/* seconds: Infisical's default for Universal Auth */

struct sb_env {
	const char *id, *slug, *name;
};

struct sb_project {
	const char *id, *name, *slug, *description, *type, *created_at;
	const struct sb_env *envs;
	size_t env_count;
};

struct sb_folder {
	const char *id;
	const struct sb_project *project;
	const struct sb_env *env;
	const char *path;		/* "/" or "/api/billing" */
	const char *created_at;
};

struct sb_connection {
	const char *id, *name, *description;
	const char *app;		/* "azure-client-secrets", "aws" */
	const char *app_label;		/* "Azure Client Secrets", "AWS": used in messages */
	const char *method;
	const char *tenant_id, *client_id;	/* client_id NULL for OAuth */
	const char *created_at;
	int identity_may_connect;	/* the machine identity has `connect` on it */
	const char *credentials_hash;	/* what the server answers as credentialsHash (64 hex digits) */
};

struct sb_azure_app {
	const char *object_id;		/* Graph application object id */
	const char *app_id;		/* application (client) id */
	const char *name;		/* display name */
	const struct sb_connection *connection;
	const char *graph_error;	/* non-NULL: Graph refuses addPassword with this */
};

struct sb_seed_secret {
	const struct sb_folder *folder;
	const char *key, *value, *comment;
};

/* A rotation that exists from the start, so lists and name conflicts have something to show. */
struct sb_seed_rotation {
	const char *id, *name, *description;
	const struct sb_folder *folder;
	const struct sb_connection *connection;
	const struct sb_azure_app *app;
	const char *key_id[2];
	long interval;
	const char *map_client_id, *map_client_secret;
	/*
	 * 1: its last rotation (the scheduler's, a day ago) failed with Azure's
	 * refusal: the app's Graph permission went away after it was set up.
	 */
	int failed;
};

/* --hostile-names: seed the project, apps and secret named to attack a terminal too. */
void sb_seed_hostile(int on);

/*
 * Large worlds: apps_per_connection more Azure apps on each Azure connection
 * ("azure-contoso-prod app 00001"..., ids 5eedaa00-...), more_projects projects ("Scale Project 000001",
 * dev/staging/prod, a root folder each) and secrets_per_folder secrets
 * (SCALE_SECRET_000001...) in every folder.  Names and ids depend on the
 * counts only.  Call before sb_world_new(), after sb_seed_hostile().
 * Returns -1 when out of memory.
 */
int sb_seed_large(size_t apps_per_connection, size_t more_projects, size_t secrets_per_folder);
void sb_seed_large_free(void);

const struct sb_project *sb_seed_projects(size_t *count);
const struct sb_folder *sb_seed_folders(size_t *count);
const struct sb_connection *sb_seed_connections(size_t *count);
const struct sb_azure_app *sb_seed_apps(size_t *count);
const struct sb_seed_secret *sb_seed_secrets(size_t *count);
const struct sb_seed_rotation *sb_seed_rotations(size_t *count);

#endif
