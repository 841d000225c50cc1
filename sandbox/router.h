#ifndef ROTWIZ_SANDBOX_ROUTER_H
#define ROTWIZ_SANDBOX_ROUTER_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sandbox/reply.h"
#include "sandbox/world.h"

struct sb_stats;

/*
 * The route table and what Fastify and Infisical's hooks do before a
 * handler runs, in their order: find the route (404), check the token
 * (401/403), decode the body (400/415).  No libmicrohttpd here: server.c
 * hands over what it read.
 */

/* The longest body accepted, as Fastify's default bodyLimit. */
#define SB_BODY_LIMIT (1024u * 1024u)

/* The route for method and path (HEAD finds GET routes), or -1; params are malloc'd copies. */
int sb_router_match(const char *method, const char *path, char *params[2]);
void sb_router_params_free(char *params[2]);

size_t sb_router_count(void);
/* "GET /api/v1/projects/:projectId": how /sandbox/stats names a route. */
const char *sb_router_name(size_t index);

/* What came over the wire. */
struct sb_incoming {
	const char *method;
	const char *path;		/* without the query */
	const char *url;		/* with the query */
	cJSON *query;			/* object built from the query string */
	const char *authorization;	/* NULL: no header */
	const char *content_type;	/* NULL: no header */
	const char *content_length;	/* NULL: no header */
	int chunked;			/* Transfer-Encoding was sent */
	const char *body;		/* NUL-terminated for convenience */
	size_t body_len;
	int too_large;			/* more than SB_BODY_LIMIT bytes came; body is cut */
};

/*
 * What Fastify and Infisical's hooks decide before the body is read: 404
 * for no route, 401/403 for the token.  0 with *actor set, or -1 with the
 * reply filled.  (The world must be locked: it holds the tokens.)
 */
int sb_router_gate(struct sb_world *world, const struct sb_incoming *in, int route,
		   enum sb_actor *actor, struct sb_reply *reply);

/*
 * Runs route `route` (from sb_router_match, -1 for none) and fills reply.
 * Takes the world's lock itself, for the gate and the handler only.
 */
void sb_router_handle(struct sb_world *world, const struct sb_stats *stats,
		      const struct sb_incoming *in, int route, char *params[2],
		      struct sb_reply *reply);

#endif
