#ifndef ROTWIZ_CORE_MANAGE_H
#define ROTWIZ_CORE_MANAGE_H

/*
 * After create: the rotations of a scope, one of them by NAME|ID, its
 * status in words, and what an edit or a delete sends -- shared by the
 * commands for scripts (app/manage.c) and the Rotations screens to come
 * (issue 12).  Blocking calls on app->api (signed in); no output here.
 *
 * The scope is the answers' project (required), environment and secret
 * path (each optional: absent means every one), decision 23.
 */

#include <stddef.h>
#include <time.h>

#include "libcore/app.h"
#include "common/strbuf.h"
#include "net/api.h"

/* A nextRotationAt further in the past than this is "overdue" (the job queue may lag a little). */
#define CORE_OVERDUE_GRACE_S 3600

enum core_health {
	CORE_HEALTH_OK,		/* rotates in N days */
	CORE_HEALTH_OFF,	/* auto-rotation off: rotates only when asked */
	CORE_HEALTH_FAILED,	/* the last rotation failed */
	CORE_HEALTH_OVERDUE,	/* due more than CORE_OVERDUE_GRACE_S ago and not rotated */
};

/*
 * r's status at now, and in buf its words: "rotation failed: <the server's
 * message>", "auto-rotation off", "rotates in 12 days" ("in 5 hours", "in
 * under an hour"), "overdue: due 3 days ago".  The server's message is
 * copied as it is: clean it where it reaches a terminal.
 */
enum core_health core_manage_health(const struct rw_rotation *r, time_t now, char *buf,
				    size_t bufsz);

/* Whether a rotation lies in the answers' scope (environment and path, when given). */
int core_manage_in_scope(const struct app *app, const struct rw_rotation *r);

/* Whether text has the shape of an id (a UUID): then it is used as one, never as a name. */
int core_manage_is_id(const char *text);

enum core_resolve {
	CORE_RESOLVE_FOUND,		/* *out filled */
	CORE_RESOLVE_NOT_FOUND,		/* no rotation of that name in scope (msg says where it looked) */
	CORE_RESOLVE_AMBIGUOUS,		/* several: msg lists them with environment and folder */
	CORE_RESOLVE_FAILED,		/* the request failed: *result holds why (caller frees it) */
};

/*
 * The rotation that target names in the scope: an id is fetched as it is
 * (GET by id, one request); a name is looked for in the project's list
 * (one request), within the environment and path when given.  msg gets
 * one line for NOT_FOUND and AMBIGUOUS (without "rotwiz: ").  On FAILED,
 * *result is the failed call's result for report_failure(); otherwise it
 * is empty.
 */
enum core_resolve core_manage_resolve(struct app *app, const char *target, struct rw_rotation *out,
				      struct rw_result *result, struct strbuf *msg);

/* A deep copy of a rotation's fields (for "the rotation as it was").  0, or -1 on no memory. */
int core_manage_copy(struct rw_rotation *to, const struct rw_rotation *from);

/*
 * What the delete leaves behind, in words, for its question and its
 * result: "the mapped secrets AZURE_CLIENT_ID and AZURE_CLIENT_SECRET stay
 * in staging /api (--delete-secrets removes them); the client secrets stay
 * live in Azure on app <objectId> (--revoke-credentials revokes them)".
 */
void core_manage_delete_words(const struct rw_rotation *r, int delete_secrets,
			      int revoke_credentials, struct strbuf *out);

#endif
