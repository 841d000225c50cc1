#ifndef ROTWIZ_SANDBOX_ROUTES_H
#define ROTWIZ_SANDBOX_ROUTES_H

#include "sandbox/request.h"
#include "sandbox/zod.h"

/*
 * The handlers behind router.c's table, one file per group of routes.
 * Each validates its input the way the real route's zod schemas do
 * (params, then body, then query: the first group with issues is
 * answered), then applies Infisical's rules in Infisical's order.
 */

/* routes_auth.c: doc/api.md s.5 */
sb_handler sb_h_login, sb_h_renew, sb_h_revoke;

/* routes_projects.c: projects, folders, secret names (s.6, s.11) */
sb_handler sb_h_projects, sb_h_project, sb_h_project_by_slug, sb_h_folders, sb_h_secrets;

/* routes_connections.c: Azure app connections and their apps (s.6) */
sb_handler sb_h_connections, sb_h_connections_available, sb_h_connection,
	   sb_h_connection_by_name, sb_h_connection_clients;

/* routes_rotations.c: s.1 to s.3 */
sb_handler sb_h_rotation_options, sb_h_rotations_all, sb_h_rotations, sb_h_rotation,
	   sb_h_rotation_by_name, sb_h_rotation_create, sb_h_rotation_update,
	   sb_h_rotation_delete, sb_h_rotation_rotate, sb_h_rotation_generated;

/* routes_sandbox.c: the sandbox's own /sandbox/stats */
sb_handler sb_h_stats;
/* routes_rotations.c: POST /sandbox/rotations/:id/fail-next, the sandbox's own */
sb_handler sb_h_sandbox_fail_next;
sb_handler sb_h_sandbox_busy_next;

struct strbuf;
/*
 * One rotation as the server's rotation job makes it (rotate now: manual
 * 1; the scheduler: 0): a new client secret in the slot not in use, the
 * mapped secrets set, or on Azure's refusal the rotation marked failed with
 * the server's message, which also goes into err.  0, or -1 when it failed.
 */
int sb_rotation_rotate(struct sb_world *world, struct sb_rotation *r, int64_t now, int manual,
		       struct strbuf *err);

/* ---- shared by the handlers (routes_common.c) ---- */

/* A query parameter: a string, an array when repeated, or NULL. */
const cJSON *sb_query(const struct sb_request *req, const char *name);

/*
 * The path parameter (params[0]) checked as zod checks it, reported under
 * `name`: the value after the rule (malloc'd), or NULL when the 422 has
 * been answered.
 */
char *sb_path_param(const struct sb_request *req, const char *name,
		    const struct sb_zstring_rule *rule, struct sb_reply *reply);

/* Any project by id: 404 when unknown.  NULL when the reply has been filled. */
const struct sb_project *sb_find_project(const char *project_id, struct sb_reply *reply);

/*
 * The project a secret-manager route acts in, as Infisical's permission
 * check finds it: 404 when unknown, 400 when it is not a secret-manager
 * project.  NULL when the reply has been filled.
 */
const struct sb_project *sb_secret_project(const char *project_id, struct sb_reply *reply);

/* Whether a connection is of the one app the sandbox rotates for. */
int sb_is_azure(const struct sb_connection *connection);

/*
 * An app connection usable for Azure Client Secrets: 404 when unknown, 400
 * when it belongs to another app.  NULL when the reply has been filled.
 */
const struct sb_connection *sb_azure_connection(const char *id, struct sb_reply *reply);

/* Answers 422 with the issues when there are any; returns 1 then. */
int sb_zod_answer(struct sb_zod *z, struct sb_reply *reply);

/* Infisical's folder lookup by path, with its two 400s.  NULL when the reply has been filled. */
const struct sb_folder *sb_find_folder(const struct sb_project *project, const char *project_id,
				       const char *environment, const char *path,
				       struct sb_reply *reply);

/*
 * The plan check of the secret-rotation routes: with --plan free, 400 with
 * the route's refusal (the real server's words) and 0; else 1.
 */
int sb_plan_allows(const struct sb_request *req, const char *refusal, struct sb_reply *reply);

/*
 * Whether Postgres would store text in a varchar(max_chars) column (-1: text):
 * no NUL, at most max_chars characters.  NULL is fine.
 */
int sb_db_text_ok(const char *text, long max_chars);

/* Infisical's isValidSecretPath (every segment of letters, digits, '-' and '_'): 1, or 0 with the 400 filled. */
int sb_secret_path_ok(const char *path, struct sb_reply *reply);

/* A path with a leading slash added and one trailing slash removed (malloc'd). */
char *sb_normalise_path(const char *path);

#endif
