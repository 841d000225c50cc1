#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/secret.h"
#include "sandbox/routes.h"

static const struct sb_zstring_rule trimmed = { .trim = 1, .min = -1, .max = -1 };
static const struct sb_zstring_rule trimmed_optional = { .optional = 1, .trim = 1, .min = -1, .max = -1 };

static void
token_reply(struct sb_reply *reply, const char *token)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "accessToken", token);
	cJSON_AddNumberToObject(o, "expiresIn", SB_TOKEN_TTL);
	cJSON_AddNumberToObject(o, "accessTokenMaxTTL", SB_TOKEN_TTL);
	cJSON_AddStringToObject(o, "tokenType", "Bearer");
	sb_reply_json(reply, 200, o);
}

/* Validates {accessToken} for renew and revoke; the token (malloc'd) or NULL when answered. */
static char *
access_token_body(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_zpath root = { { NULL }, 0 }, at = sb_zpath_at(&root, "accessToken");
	struct sb_zod z;
	char *token = NULL;

	sb_zod_init(&z);
	if (sb_zod_object(&z, &root, req->body, 0) > 0)
		sb_zod_string(&z, &at, sb_json_get(req->body, "accessToken"), &trimmed, &token);
	if (sb_zod_answer(&z, reply)) {
		secret_free(&token);
		token = NULL;
	}
	sb_zod_free(&z);
	return token;
}

/* A token that is not a live machine-identity token, as the token service refuses it. */
static void
refuse_token(const struct sb_request *req, const char *token, const char *user_message,
	     struct sb_reply *reply)
{
	enum sb_token_state state;
	enum sb_actor actor = sb_world_token_actor(req->world, token, &state);

	if (actor == SB_ACTOR_USER)
		sb_reply_error(reply, 401, "UnauthorizedError", "%s", user_message);
	else if (state == SB_TOKEN_EXPIRED)
		sb_reply_error(reply, 403, "TokenError", "Your token has expired. Please re-authenticate.");
	else
		sb_reply_error(reply, 403, "TokenError",
			       "The provided access token is malformed. Please use a valid token or generate a new one and try again.");
}

/* Whether the first units UTF-16 code units of text (as JavaScript counts them) hold a NUL. */
static int
nul_in_prefix(const char *text, int units)
{
	const unsigned char *p = (const unsigned char *) text;

	for (; *p && units > 0; p++) {
		if (*p == (unsigned char) SB_NUL_MARK)
			return 1;
		if ((*p & 0xc0) == 0x80)
			continue;		/* inside a character */
		units -= *p >= 0xf0 ? 2 : 1;	/* beyond U+FFFF: a surrogate pair */
	}
	return 0;
}

void
sb_h_login(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_zpath root = { { NULL }, 0 };
	struct sb_zpath p_id = sb_zpath_at(&root, "clientId");
	struct sb_zpath p_secret = sb_zpath_at(&root, "clientSecret");
	struct sb_zpath p_org = sb_zpath_at(&root, "subOrganizationName");
	char *client_id = NULL, *client_secret = NULL, *org = NULL;
	const char *token;
	struct sb_zod z;

	sb_zod_init(&z);
	if (sb_zod_object(&z, &root, req->body, 0) > 0) {
		sb_zod_string(&z, &p_id, sb_json_get(req->body, "clientId"), &trimmed, &client_id);
		sb_zod_string(&z, &p_secret, sb_json_get(req->body, "clientSecret"), &trimmed,
			      &client_secret);
		sb_zod_string(&z, &p_org, sb_json_get(req->body, "subOrganizationName"),
			      &trimmed_optional, &org);
	}
	if (sb_zod_answer(&z, reply))
		goto out;
	/* Postgres refuses a NUL in text: the lookup of the client id fails. */
	if (sb_has_nul(client_id)) {
		sb_reply_db_error(reply, "Find one");
		goto out;
	}
	/* The same answer for an unknown id and a wrong secret: no hint which one was wrong. */
	if (strcmp(client_id, SB_CLIENT_ID) != 0) {
		sb_reply_error(reply, 401, "UnauthorizedError", "Invalid credentials");
		goto out;
	}
	/* The secret is looked up by its first 4 characters: a NUL there fails that query. */
	if (nul_in_prefix(client_secret, 4)) {
		sb_reply_db_error(reply, "Find one");
		goto out;
	}
	if (strcmp(client_secret, SB_CLIENT_SECRET) != 0) {
		sb_reply_error(reply, 401, "UnauthorizedError", "Invalid credentials");
		goto out;
	}
	token = sb_world_token_issue(req->world);
	if (!token)
		sb_reply_internal(reply);
	else
		token_reply(reply, token);
out:
	free(client_id);
	secret_free(&client_secret);
	free(org);
	sb_zod_free(&z);
}

void
sb_h_renew(const struct sb_request *req, struct sb_reply *reply)
{
	char *token = access_token_body(req, reply);
	enum sb_token_state state;

	if (!token)
		return;
	if (sb_world_token_actor(req->world, token, &state) == SB_ACTOR_IDENTITY)
		token_reply(reply, token);	/* the same token, its lifetime restarted */
	else
		refuse_token(req, token, "Only identity access tokens can be renewed", reply);
	secret_free(&token);
}

void
sb_h_revoke(const struct sb_request *req, struct sb_reply *reply)
{
	char *token = access_token_body(req, reply);
	cJSON *o;

	if (!token)
		return;
	if (sb_world_token_revoke(req->world, token) == 0) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "message", "Successfully revoked access token");
		sb_reply_json(reply, 200, o);
	} else {
		refuse_token(req, token, "Only identity access tokens can be revoked", reply);
	}
	secret_free(&token);
}
