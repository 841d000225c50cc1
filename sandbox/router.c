#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sandbox/clock.h"
#include "sandbox/router.h"
#include "sandbox/routes.h"

enum auth {
	AUTH_NONE,	/* public */
	AUTH_ANY,	/* user session or machine identity */
	AUTH_USER,	/* user session only (JWT) */
};

struct route {
	const char *name;	/* "METHOD /pattern" */
	enum auth auth;
	sb_handler *handler;
};

#define ROT "/api/v2/secret-rotations/azure-client-secret"
#define CONN "/api/v1/app-connections/azure-client-secrets"

/* Where a static segment and a parameter could both match, the static route comes first. */
static const struct route routes[] = {
	{ "POST /api/v1/auth/universal-auth/login", AUTH_NONE, sb_h_login },
	{ "POST /api/v1/auth/token/renew", AUTH_NONE, sb_h_renew },
	{ "POST /api/v1/auth/token/revoke", AUTH_NONE, sb_h_revoke },
	{ "GET /api/v1/projects", AUTH_ANY, sb_h_projects },
	{ "GET /api/v1/projects/slug/:slug", AUTH_ANY, sb_h_project_by_slug },
	{ "GET /api/v1/projects/:projectId", AUTH_ANY, sb_h_project },
	{ "GET /api/v2/folders", AUTH_ANY, sb_h_folders },
	{ "GET /api/v4/secrets", AUTH_ANY, sb_h_secrets },
	{ "GET " CONN, AUTH_ANY, sb_h_connections },
	{ "GET " CONN "/available", AUTH_ANY, sb_h_connections_available },
	{ "GET " CONN "/connection-name/:connectionName", AUTH_ANY, sb_h_connection_by_name },
	{ "GET " CONN "/:connectionId", AUTH_ANY, sb_h_connection },
	{ "GET " CONN "/:connectionId/clients", AUTH_USER, sb_h_connection_clients },
	{ "GET /api/v2/secret-rotations/options", AUTH_ANY, sb_h_rotation_options },
	{ "GET /api/v2/secret-rotations", AUTH_ANY, sb_h_rotations_all },
	{ "GET " ROT, AUTH_ANY, sb_h_rotations },
	{ "GET " ROT "/rotation-name/:rotationName", AUTH_ANY, sb_h_rotation_by_name },
	{ "GET " ROT "/:rotationId", AUTH_ANY, sb_h_rotation },
	{ "GET " ROT "/:rotationId/generated-credentials", AUTH_ANY, sb_h_rotation_generated },
	{ "POST " ROT, AUTH_ANY, sb_h_rotation_create },
	{ "PATCH " ROT "/:rotationId", AUTH_ANY, sb_h_rotation_update },
	{ "DELETE " ROT "/:rotationId", AUTH_ANY, sb_h_rotation_delete },
	{ "POST " ROT "/:rotationId/rotate-secrets", AUTH_ANY, sb_h_rotation_rotate },
	{ "GET /sandbox/stats", AUTH_NONE, sb_h_stats },
	{ "POST /sandbox/rotations/:rotationId/fail-next", AUTH_NONE, sb_h_sandbox_fail_next },
	{ "POST /sandbox/rotations/:rotationId/busy-next", AUTH_NONE, sb_h_sandbox_busy_next },
};

#define ROUTE_COUNT (sizeof(routes) / sizeof(routes[0]))

size_t
sb_router_count(void)
{
	return ROUTE_COUNT;
}

const char *
sb_router_name(size_t index)
{
	return index < ROUTE_COUNT ? routes[index].name : NULL;
}

void
sb_router_params_free(char *params[2])
{
	free(params[0]);
	free(params[1]);
	params[0] = params[1] = NULL;
}

/* Next '/'-separated segment of *p (without the slash); length in *len. */
static const char *
segment(const char **p, size_t *len)
{
	const char *start;

	if (**p != '/')
		return NULL;
	start = ++*p;
	while (**p && **p != '/')
		++*p;
	*len = (size_t) (*p - start);
	return start;
}

/* Matches path against pattern; fills params on success. */
static int
match_pattern(const char *pattern, const char *path, size_t path_len, char *params[2])
{
	char *found[2] = { NULL, NULL };
	const char *p = pattern, *q;
	char *copy = strndup(path, path_len);
	int n = 0, ok = 1;

	if (!copy)
		return 0;
	q = copy;
	for (;;) {
		size_t plen, qlen;
		const char *ps, *qs;

		if (!*p && !*q)
			break;
		ps = segment(&p, &plen);
		qs = segment(&q, &qlen);
		if (!ps || !qs) {
			ok = 0;
			break;
		}
		if (ps[0] == ':') {
			if (qlen == 0 || n >= 2) {
				ok = 0;
				break;
			}
			found[n] = strndup(qs, qlen);
			if (!found[n++]) {
				ok = 0;
				break;
			}
		} else if (plen != qlen || strncmp(ps, qs, plen) != 0) {
			ok = 0;
			break;
		}
	}
	free(copy);
	if (!ok) {
		free(found[0]);
		free(found[1]);
		return 0;
	}
	params[0] = found[0];
	params[1] = found[1];
	return 1;
}

int
sb_router_match(const char *method, const char *path, char *params[2])
{
	size_t i, path_len = strlen(path), mlen;

	params[0] = params[1] = NULL;
	if (strcmp(method, "HEAD") == 0)
		method = "GET";		/* Fastify serves HEAD from every GET route */
	mlen = strlen(method);
	/* Infisical's Fastify ignores one trailing slash (the CLI sends ".../login/"). */
	if (path_len > 1 && path[path_len - 1] == '/')
		path_len--;
	for (i = 0; i < ROUTE_COUNT; i++) {
		const char *name = routes[i].name;

		if (strncmp(name, method, mlen) != 0 || name[mlen] != ' ')
			continue;
		if (match_pattern(name + mlen + 1, path, path_len, params))
			return (int) i;
	}
	return -1;
}

/* ---- auth (Infisical's injectIdentity and verifyAuth hooks) ---- */

/* Whether every part of a three-part token is base64url, as jws's pattern wants it. */
static int
base64url_parts(const char *token)
{
	const char *p;
	size_t run = 0;
	int part = 0;

	for (p = token;; p++) {
		if (*p == '.' || !*p) {
			if (run == 0 && part < 2)
				return 0;	/* only the signature may be empty */
			if (!*p)
				return 1;
			part++;
			run = 0;
		} else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			   (*p >= '0' && *p <= '9') || *p == '-' || *p == '_') {
			run++;
		} else {
			return 0;
		}
	}
}

/*
 * Answers for a token the server does not accept, in the words of
 * jsonwebtoken's errors as Infisical's error handler rewrites them.
 */
static void
token_refused(const char *token, enum sb_token_state state, struct sb_reply *reply)
{
	const char *dot;

	if (state == SB_TOKEN_EXPIRED)
		sb_reply_error(reply, 403, "TokenError", "Your token has expired. Please re-authenticate.");
	else if (state == SB_TOKEN_REVOKED)
		sb_reply_error(reply, 401, "UnauthorizedError", "Failed to authorize: token has been revoked");
	else if (!*token)
		sb_reply_error(reply, 403, "TokenError", "jwt must be provided");
	else if ((dot = strchr(token, '.')) && (dot = strchr(dot + 1, '.')) && !strchr(dot + 1, '.'))
		/* Three parts: jws.decode reads them only when all are base64url ("Bearer" and two spaces). */
		sb_reply_error(reply, 403, "TokenError", base64url_parts(token) ? "invalid signature"
									    : "invalid token");
	else
		sb_reply_error(reply, 403, "TokenError",
			       "The provided access token is malformed. Please use a valid token or generate a new one and try again.");
}

/* 0 with *actor set, or -1 with the reply filled. */
static int
authenticate(struct sb_world *world, const struct sb_incoming *in, enum auth auth,
	     enum sb_actor *actor, struct sb_reply *reply)
{
	enum sb_token_state state;
	const char *token;

	*actor = SB_ACTOR_NONE;
	if (auth == AUTH_NONE)
		return 0;
	if (!in->authorization || !*in->authorization) {
		sb_reply_error(reply, 401, "UnauthorizedError", "Token missing");
		return -1;
	}
	/* The server drops the first seven characters ("Bearer ") without looking at them. */
	token = strlen(in->authorization) > 7 ? in->authorization + 7 : "";
	*actor = sb_world_token_actor(world, token, &state);
	if (*actor == SB_ACTOR_NONE) {
		token_refused(token, state, reply);
		return -1;
	}
	if (auth == AUTH_USER && *actor != SB_ACTOR_USER) {
		char error[1200];

		snprintf(error, sizeof(error), "Forbidden access to %.1024s", in->url);
		sb_reply_error(reply, 403, error, "You are not allowed to access this resource");
		return -1;
	}
	return 0;
}

/* ---- body (Fastify's content-type parsers) ---- */

/* The media type without parameters, lower case, e.g. "application/json". */
static void
media_type(const char *content_type, char *out, size_t size)
{
	size_t i = 0;

	while (*content_type == ' ' || *content_type == '\t')
		content_type++;
	for (; content_type[i] && content_type[i] != ';' && i + 1 < size; i++)
		out[i] = (char) (content_type[i] >= 'A' && content_type[i] <= 'Z' ?
				 content_type[i] - 'A' + 'a' : content_type[i]);
	while (i > 0 && (out[i - 1] == ' ' || out[i - 1] == '\t'))
		i--;
	out[i] = '\0';
}

/* ---- JSON syntax: what JSON.parse takes (cJSON alone takes more, e.g. trailing text) ---- */

struct scan {
	const char *s;
	size_t len, at;
	int depth;
};

#define SCAN_MAX_DEPTH 900	/* below cJSON's nesting limit: deeper bodies are refused */

static void
scan_space(struct scan *sc)
{
	while (sc->at < sc->len && (sc->s[sc->at] == ' ' || sc->s[sc->at] == '\t' ||
				    sc->s[sc->at] == '\n' || sc->s[sc->at] == '\r'))
		sc->at++;
}

static int
scan_literal(struct scan *sc, const char *word)
{
	size_t i;

	for (i = 0; word[i]; i++, sc->at++)
		if (sc->at >= sc->len || sc->s[sc->at] != word[i])
			return -1;
	return 0;
}

static int
scan_digits(struct scan *sc)
{
	size_t start = sc->at;

	while (sc->at < sc->len && sc->s[sc->at] >= '0' && sc->s[sc->at] <= '9')
		sc->at++;
	return sc->at > start ? 0 : -1;
}

static int
scan_number(struct scan *sc)
{
	if (sc->s[sc->at] == '-')
		sc->at++;
	if (sc->at < sc->len && sc->s[sc->at] == '0')
		sc->at++;
	else if (scan_digits(sc) < 0)
		return -1;
	if (sc->at < sc->len && sc->s[sc->at] == '.') {
		sc->at++;
		if (scan_digits(sc) < 0)
			return -1;
	}
	if (sc->at < sc->len && (sc->s[sc->at] == 'e' || sc->s[sc->at] == 'E')) {
		sc->at++;
		if (sc->at < sc->len && (sc->s[sc->at] == '+' || sc->s[sc->at] == '-'))
			sc->at++;
		if (scan_digits(sc) < 0)
			return -1;
	}
	return 0;
}

static int
scan_string(struct scan *sc)
{
	sc->at++;	/* the opening quote */
	while (sc->at < sc->len) {
		unsigned char c = (unsigned char) sc->s[sc->at];

		if (c == '"') {
			sc->at++;
			return 0;
		}
		if (c < 0x20)
			return -1;
		if (c == '\\') {
			int i;

			sc->at++;
			if (sc->at >= sc->len)
				return -1;
			if (sc->s[sc->at] && strchr("\"\\/bfnrt", sc->s[sc->at])) {
				sc->at++;
				continue;
			}
			if (sc->s[sc->at] != 'u')
				return -1;
			sc->at++;
			for (i = 0; i < 4; i++, sc->at++)
				if (sc->at >= sc->len || !sc->s[sc->at] ||
				    !strchr("0123456789abcdefABCDEF", sc->s[sc->at]))
					return -1;
			continue;
		}
		sc->at++;
	}
	return -1;
}

static int scan_value(struct scan *sc);

/* An array or object; close is ']' or '}'. */
static int
scan_container(struct scan *sc, char close)
{
	if (++sc->depth > SCAN_MAX_DEPTH)
		return -1;
	sc->at++;
	scan_space(sc);
	if (sc->at < sc->len && sc->s[sc->at] == close) {
		sc->at++;
		sc->depth--;
		return 0;
	}
	for (;;) {
		if (close == '}') {
			if (sc->at >= sc->len || sc->s[sc->at] != '"' || scan_string(sc) < 0)
				return -1;
			scan_space(sc);
			if (sc->at >= sc->len || sc->s[sc->at] != ':')
				return -1;
			sc->at++;
		}
		if (scan_value(sc) < 0)
			return -1;
		scan_space(sc);
		if (sc->at >= sc->len)
			return -1;
		if (sc->s[sc->at] == close) {
			sc->at++;
			sc->depth--;
			return 0;
		}
		if (sc->s[sc->at] != ',')
			return -1;
		sc->at++;
		scan_space(sc);
	}
}

static int
scan_value(struct scan *sc)
{
	scan_space(sc);
	if (sc->at >= sc->len)
		return -1;
	switch (sc->s[sc->at]) {
	case '{': return scan_container(sc, '}');
	case '[': return scan_container(sc, ']');
	case '"': return scan_string(sc);
	case 't': return scan_literal(sc, "true");
	case 'f': return scan_literal(sc, "false");
	case 'n': return scan_literal(sc, "null");
	default:
		if (sc->s[sc->at] == '-' || (sc->s[sc->at] >= '0' && sc->s[sc->at] <= '9'))
			return scan_number(sc);
		return -1;
	}
}

/*
 * Where JSON.parse would stop on text: the offset of the first character it
 * cannot take (len when the text ends too soon), or -1 when it is valid.
 */
static long
json_error_at(const char *text, size_t len)
{
	struct scan sc = { text, len, 0, 0 };

	if (scan_value(&sc) == 0) {
		scan_space(&sc);
		if (sc.at == len)
			return -1;
	}
	return (long) (sc.at < len ? sc.at : len);
}

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_sequence(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/*
 * The body as the server's JavaScript sees it, in C: bytes that are not
 * UTF-8 become U+FFFD, as Node decodes them, and each \u0000 escape inside
 * a string becomes SB_NUL_MARK, a byte that UTF-8 text never holds, so that
 * a string keeps its NUL and what follows it (sb_has_nul()).  malloc'd.
 */
static char *
js_text(const char *body, size_t len, size_t *out_len)
{
	const unsigned char *s = (const unsigned char *) body;
	char *out = malloc(len * 3 + 1);
	size_t i = 0, o = 0;
	int in_string = 0;

	if (!out)
		return NULL;
	while (i < len) {
		size_t n = utf8_sequence(s + i, len - i);

		if (n == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
			continue;
		}
		if (in_string && s[i] == '\\' && i + 1 < len) {
			if (i + 5 < len && memcmp(s + i + 1, "u0000", 5) == 0) {
				out[o++] = SB_NUL_MARK;
				i += 6;
			} else {
				out[o++] = (char) s[i++];
				out[o++] = (char) s[i++];
			}
			continue;
		}
		if (s[i] == '"')
			in_string = !in_string;
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One form-encoded key or value: '+' is a space, %XX a byte (malloc'd). */
static char *
form_decode(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	size_t i, o = 0;

	if (!out)
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] == '+')
			out[o++] = ' ';
		else if (s[i] == '%' && i + 2 < len && hex_value(s[i + 1]) >= 0 &&
			 hex_value(s[i + 2]) >= 0) {
			out[o] = (char) (hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
			if (!out[o])
				out[o] = SB_NUL_MARK;	/* kept, as in a query */
			o++;
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

/* key=value&... as an object of strings; a repeated key becomes an array, as querystring makes it. */
static cJSON *
form_fields(const char *body, size_t len)
{
	cJSON *o = cJSON_CreateObject();
	size_t start = 0;

	while (o && start < len) {
		size_t end = start, eq;
		char *key, *value;
		cJSON *old;

		while (end < len && body[end] != '&')
			end++;
		for (eq = start; eq < end && body[eq] != '='; eq++)
			;
		key = form_decode(body + start, eq - start);
		value = form_decode(body + (eq < end ? eq + 1 : end), eq < end ? end - eq - 1 : 0);
		if (key && value && *key) {
			old = cJSON_GetObjectItemCaseSensitive(o, key);
			if (!old)
				cJSON_AddStringToObject(o, key, value);
			else if (cJSON_IsArray(old))
				cJSON_AddItemToArray(old, cJSON_CreateString(value));
			else {
				cJSON *array = cJSON_CreateArray();

				cJSON_AddItemToArray(array, cJSON_Duplicate(old, 0));
				cJSON_AddItemToArray(array, cJSON_CreateString(value));
				cJSON_ReplaceItemInObjectCaseSensitive(o, key, array);
			}
		}
		free(key);
		free(value);
		start = end + 1;
	}
	return o;
}

/*
 * Decodes the body as Fastify would for this method.  0 with *body set
 * (NULL: no body), or -1 with the reply filled.
 */
static int
decode_body(const struct sb_incoming *in, cJSON **body, struct sb_reply *reply)
{
	int post_like = strcmp(in->method, "POST") == 0 || strcmp(in->method, "PUT") == 0 ||
			strcmp(in->method, "PATCH") == 0;
	int declared = in->chunked || in->content_length;
	char type[128], *text;
	size_t text_len;

	*body = NULL;
	if (!post_like && strcmp(in->method, "DELETE") != 0 && strcmp(in->method, "OPTIONS") != 0)
		return 0;
	/* A POST without a body reaches Infisical's validation as null, not as undefined. */
	if (post_like && !in->chunked && (!in->content_length || strcmp(in->content_length, "0") == 0) &&
	    !in->content_type) {
		*body = cJSON_CreateNull();
		return 0;
	}
	if (!post_like && !(in->content_type && declared))
		return 0;	/* DELETE reads a body only when it has both headers */
	if (!in->content_type) {
		if (!in->chunked && (!in->content_length || strcmp(in->content_length, "0") == 0))
			return 0;
		sb_reply_error_ex(reply, 415, "Unsupported Media Type", "Unsupported Media Type: undefined",
				  "FST_ERR_CTP_INVALID_MEDIA_TYPE", NULL);
		return -1;
	}
	media_type(in->content_type, type, sizeof(type));
	if (strcmp(type, "text/plain") != 0 && strcmp(type, "application/json") != 0 &&
	    strcmp(type, "application/x-www-form-urlencoded") != 0) {
		char message[200];

		snprintf(message, sizeof(message), "Unsupported Media Type: %.150s", type);
		sb_reply_error_ex(reply, 415, "Unsupported Media Type", message,
				  "FST_ERR_CTP_INVALID_MEDIA_TYPE", NULL);
		return -1;
	}
	if (in->too_large) {
		sb_reply_error_ex(reply, 413, "Payload Too Large", "Request body is too large",
				  "FST_ERR_CTP_BODY_TOO_LARGE", NULL);
		return -1;
	}
	if (strcmp(type, "text/plain") == 0) {
		/* Fastify's other built-in parser: the body arrives as a string. */
		*body = cJSON_CreateString(in->body);
		return 0;
	}
	if (strcmp(type, "application/x-www-form-urlencoded") == 0) {
		/* Infisical registers @fastify/formbody: the fields arrive as strings. */
		*body = form_fields(in->body, in->body_len);
		if (!*body) {
			sb_reply_internal(reply);
			return -1;
		}
		return 0;
	}
	/*
	 * Infisical's own JSON parser throws a plain error for an empty or
	 * broken body, and its error handler makes every such error a 500.
	 */
	text = js_text(in->body, in->body_len, &text_len);
	if (!text || text_len == 0 || json_error_at(text, text_len) >= 0 ||
	    !(*body = cJSON_ParseWithLength(text, text_len))) {
		free(text);
		sb_reply_internal(reply);
		return -1;
	}
	free(text);
	return 0;
}

static void
not_found(const struct sb_incoming *in, struct sb_reply *reply)
{
	char message[1200];
	cJSON *o;

	snprintf(message, sizeof(message), "Route %s:%.1024s not found", in->method, in->url);
	/* Fastify's own 404, before Infisical's error handler: no reqId. */
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "message", message);
	cJSON_AddStringToObject(o, "error", "Not Found");
	cJSON_AddNumberToObject(o, "statusCode", 404);
	sb_reply_json(reply, 404, o);
}

int
sb_router_gate(struct sb_world *world, const struct sb_incoming *in, int route,
	       enum sb_actor *actor, struct sb_reply *reply)
{
	*actor = SB_ACTOR_NONE;
	if (route < 0 || (size_t) route >= ROUTE_COUNT) {
		not_found(in, reply);
		return -1;
	}
	return authenticate(world, in, routes[route].auth, actor, reply);
}

void
sb_router_handle(struct sb_world *world, const struct sb_stats *stats,
		 const struct sb_incoming *in, int route, char *params[2], struct sb_reply *reply)
{
	struct sb_request req;
	cJSON *body = NULL;
	int decoded;

	memset(&req, 0, sizeof(req));
	/*
	 * Scanning and parsing a body of up to SB_BODY_LIMIT needs nothing
	 * from the world, so it runs before the lock and does not hold up
	 * every other connection.  The server still answers in its order: a
	 * refusal by the gate replaces the body's error in reply.
	 */
	decoded = decode_body(in, &body, reply);
	sb_world_lock(world);
	if (sb_router_gate(world, in, route, &req.actor, reply) < 0 || decoded < 0)
		goto out;
	req.method = in->method;
	req.path = in->path;
	req.url = in->url;
	req.query = in->query;
	req.body = body;
	req.params[0] = params[0];
	req.params[1] = params[1];
	req.world = world;
	req.stats = stats;
	req.now = sb_now_ms();
	routes[route].handler(&req, reply);
out:
	sb_world_unlock(world);
	cJSON_Delete(body);
}
