#ifndef ROTWIZ_SANDBOX_REPLY_H
#define ROTWIZ_SANDBOX_REPLY_H

#include <stddef.h>

#include <cjson/cJSON.h>

/*
 * What a handler wants sent back.  Handlers fill one of these and return;
 * only server.c talks to libmicrohttpd.  Error bodies have the shape of
 * Infisical's error handler (doc/api.md s.4):
 * {reqId, statusCode, message, error} and sometimes details or code.
 */

#define SB_REQ_ID_LEN 18	/* "req-" and 14 letters or digits, as Infisical's ids */

struct sb_reply {
	unsigned status;
	char *body;			/* malloc'd; NULL: nothing to send yet */
	size_t len;
	const char *content_type;	/* static string */
	long retry_after;		/* seconds for a Retry-After header; -1: none */
	char req_id[SB_REQ_ID_LEN + 1];
};

/* Empties the reply and gives it a fresh request id. */
void sb_reply_init(struct sb_reply *reply);
void sb_reply_free(struct sb_reply *reply);

/*
 * The calls below each replace whatever body the reply held, so a later
 * answer (say the token check's) overrides an earlier one.
 */

/* Sends json (ownership taken, NULL means out of memory). */
void sb_reply_json(struct sb_reply *reply, unsigned status, cJSON *json);

/* {reqId, statusCode, message, error}. */
void sb_reply_error(struct sb_reply *reply, unsigned status, const char *error,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * The same with the extra keys some errors carry: Fastify's own errors add
 * `code`, a CASL refusal adds `details` (ownership taken).  NULL leaves a
 * key out.
 */
void sb_reply_error_ex(struct sb_reply *reply, unsigned status, const char *error,
		       const char *message, const char *code, cJSON *details);

/* 500 InternalServerError "Something went wrong": what the server says when it fails inside. */
void sb_reply_internal(struct sb_reply *reply);

/*
 * 500 "Something went wrong" for a query the database refused: `error` is
 * the name of the data-access call that failed ("Create", "Update by id"),
 * as Infisical's DatabaseError carries it.
 */
void sb_reply_db_error(struct sb_reply *reply, const char *operation);

/* 422 ValidationFailure whose message is the array of zod issues (ownership taken). */
void sb_reply_issues(struct sb_reply *reply, cJSON *issues);

/* A body that is not JSON, sent as given. */
void sb_reply_raw(struct sb_reply *reply, unsigned status, const char *content_type,
		  const char *data, size_t len);

/* The `error` word Infisical uses for a status, for injected faults. */
const char *sb_error_name(unsigned status);

#endif
