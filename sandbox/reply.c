#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "sandbox/rand.h"
#include "sandbox/reply.h"
#include "sandbox/request.h"

static const char json_type[] = "application/json; charset=utf-8";

void
sb_reply_init(struct sb_reply *reply)
{
	memset(reply, 0, sizeof(*reply));
	reply->retry_after = -1;
	memcpy(reply->req_id, "req-", 4);
	sb_random_alnum(reply->req_id + 4, SB_REQ_ID_LEN - 4);
}

void
sb_reply_free(struct sb_reply *reply)
{
	free(reply->body);
	reply->body = NULL;
	reply->len = 0;
}

static void
set_body(struct sb_reply *reply, unsigned status, const char *type, char *body, size_t len)
{
	free(reply->body);
	reply->status = status;
	reply->content_type = type;
	reply->body = body;
	reply->len = body ? len : 0;
}

/* text with every SB_NUL_MARK byte written as the escape \u0000 it came in as (text is taken). */
static char *
nul_escapes(char *text)
{
	size_t marks = 0, i, o = 0;
	char *out;

	for (i = 0; text && text[i]; i++)
		marks += text[i] == SB_NUL_MARK;
	if (!marks)
		return text;
	out = malloc(i + marks * 5 + 1);
	for (i = 0; out && text[i]; i++) {
		if (text[i] == SB_NUL_MARK) {
			memcpy(out + o, "\\u0000", 6);
			o += 6;
		} else {
			out[o++] = text[i];
		}
	}
	if (out)
		out[o] = '\0';
	free(text);
	return out;
}

void
sb_reply_json(struct sb_reply *reply, unsigned status, cJSON *json)
{
	char *text = json ? cJSON_PrintUnformatted(json) : NULL;

	cJSON_Delete(json);
	text = nul_escapes(text);
	if (!text) {
		/* Out of memory: still answer, with a body that needs no allocation. */
		status = 500;
		text = strdup("{\"statusCode\":500,\"error\":\"InternalServerError\","
			      "\"message\":\"Something went wrong\"}");
	}
	set_body(reply, status, json_type, text, text ? strlen(text) : 0);
}

void
sb_reply_error_ex(struct sb_reply *reply, unsigned status, const char *error,
		  const char *message, const char *code, cJSON *details)
{
	cJSON *body = cJSON_CreateObject();

	cJSON_AddStringToObject(body, "reqId", reply->req_id);
	cJSON_AddNumberToObject(body, "statusCode", status);
	if (code)
		cJSON_AddStringToObject(body, "code", code);
	cJSON_AddStringToObject(body, "message", message);
	cJSON_AddStringToObject(body, "error", error);
	if (details)
		cJSON_AddItemToObject(body, "details", details);
	sb_reply_json(reply, status, body);
}

void
sb_reply_error(struct sb_reply *reply, unsigned status, const char *error, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	sb_reply_error_ex(reply, status, error, strbuf_str(&sb), NULL, NULL);
	strbuf_free(&sb);
}

void
sb_reply_internal(struct sb_reply *reply)
{
	sb_reply_error(reply, 500, "InternalServerError", "Something went wrong");
}

void
sb_reply_db_error(struct sb_reply *reply, const char *operation)
{
	sb_reply_error(reply, 500, operation, "Something went wrong");
}

void
sb_reply_issues(struct sb_reply *reply, cJSON *issues)
{
	cJSON *body = cJSON_CreateObject();

	cJSON_AddStringToObject(body, "reqId", reply->req_id);
	cJSON_AddNumberToObject(body, "statusCode", 422);
	cJSON_AddStringToObject(body, "error", "ValidationFailure");
	if (issues)
		cJSON_AddItemToObject(body, "message", issues);
	else
		cJSON_AddItemToObject(body, "message", cJSON_CreateArray());
	sb_reply_json(reply, 422, body);
}

void
sb_reply_raw(struct sb_reply *reply, unsigned status, const char *content_type,
	     const char *data, size_t len)
{
	char *copy = malloc(len + 1);

	if (copy) {
		memcpy(copy, data, len);
		copy[len] = '\0';
	}
	set_body(reply, status, content_type, copy, len);
}

const char *
sb_error_name(unsigned status)
{
	switch (status) {
	case 400: return "BadRequest";
	case 401: return "UnauthorizedError";
	case 403: return "PermissionDenied";
	case 404: return "NotFound";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 422: return "ValidationFailure";
	case 429: return "RateLimitExceeded";
	case 500: return "InternalServerError";
	case 502: return "BadGateway";
	case 503: return "ServiceUnavailable";
	case 504: return "GatewayTimeout";
	default: return status >= 500 ? "InternalServerError" : "BadRequest";
	}
}
