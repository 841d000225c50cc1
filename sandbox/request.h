#ifndef ROTWIZ_SANDBOX_REQUEST_H
#define ROTWIZ_SANDBOX_REQUEST_H

#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sandbox/reply.h"
#include "sandbox/world.h"

struct sb_stats;

/*
 * One request as a handler sees it: already routed, authenticated and
 * decoded.  Everything is borrowed for the duration of the call.
 */
struct sb_request {
	const char *method;
	const char *path;		/* without the query */
	const char *url;		/* path and query as sent */
	const cJSON *query;		/* object: name -> string, or array when repeated */
	const cJSON *body;		/* the decoded body; NULL when none was sent */
	const char *params[2];		/* path parameters in the order of the pattern */
	enum sb_actor actor;
	struct sb_world *world;		/* locked for the duration of the call */
	const struct sb_stats *stats;
	int64_t now;
};

/*
 * A JSON string's \u0000 as the sandbox holds it (router.c): a byte that
 * UTF-8 never has, so C strings keep the NUL's place and what follows it.
 * Answers print it back as \u0000 (reply.c).
 */
#define SB_NUL_MARK '\xff'

/* Whether s held a NUL in the request. */
#define sb_has_nul(s) (strchr((s), SB_NUL_MARK) != NULL)

typedef void sb_handler(const struct sb_request *req, struct sb_reply *reply);

#endif
