#include "config.h"

/*
 * Sign-in and tokens (doc/api.md s.5): Universal Auth login, renew and
 * revoke, and how every protected route treats a missing, unknown, expired
 * or user-only token.
 */

#include <stdlib.h>
#include <string.h>

#include "tests/sandbox/client.h"
#include "tests/tap.h"

#define LOGIN "/api/v1/auth/universal-auth/login"
#define GOOD_LOGIN "{\"clientId\":\"sandbox-client-id\",\"clientSecret\":\"sandbox-client-secret\"}"

static void
post(const struct sbc_server *s, const char *path, const char *body, struct sbc_reply *r)
{
	struct sbc_options o = { .body = body };

	sbc_request(s, "POST", path, &o, r);
}

/* GET /api/v1/projects with this Authorization header value (NULL: none). */
static void
projects_with(const struct sbc_server *s, const char *authorization, struct sbc_reply *r)
{
	struct sbc_options o = { .authorization = authorization };

	sbc_request(s, "GET", "/api/v1/projects", &o, r);
}

/* A fresh machine-identity token (malloc'd), or NULL. */
static char *
login(const struct sbc_server *s)
{
	struct sbc_reply r;
	char *token;

	post(s, LOGIN, GOOD_LOGIN, &r);
	token = sbc_str(r.json, "accessToken") ? strdup(sbc_str(r.json, "accessToken")) : NULL;
	sbc_reply_free(&r);
	return token;
}

int
main(void)
{
	struct sbc_server s;
	struct sbc_reply r, r2;
	char *token, *other, header[2048], body[2048];
	char req_id[64];
	double tokens_before;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (sbc_start(&s, NULL) < 0)
		return done_testing();

	/* Nasty cases first. */
	post(&s, LOGIN, NULL, &r);
	/* A POST without a body reaches validation as null (the real server's words, issue 8). */
	ok(sbc_issue_is(&r, "", "invalid_type", "Expected object, received null"),
	   "login_without_body_is_422_received_null");
	sbc_reply_free(&r);

	post(&s, LOGIN, "{\"clientId\":\"sandbox-client-id\"}", &r);
	ok(sbc_issue_is(&r, "clientSecret", "invalid_type", "Required") && sbc_issue_count(&r) == 1,
	   "login_without_client_secret_names_that_field");
	sbc_reply_free(&r);

	post(&s, LOGIN, "{\"clientId\":42,\"clientSecret\":\"x\"}", &r);
	ok(sbc_issue_is(&r, "clientId", "invalid_type", "Expected string, received number"),
	   "login_with_a_number_for_client_id_is_422");
	sbc_reply_free(&r);

	post(&s, LOGIN, "{\"clientId\":\"sandbox-client-id\",\"clientSecret\":\"wrong\"}", &r);
	ok(sbc_error_is(&r, 401, "UnauthorizedError", "Invalid credentials"),
	   "login_with_a_wrong_secret_is_401");
	sbc_reply_free(&r);

	post(&s, LOGIN, "{\"clientId\":\"someone-else\",\"clientSecret\":\"sandbox-client-secret\"}", &r);
	ok(sbc_error_is(&r, 401, "UnauthorizedError", "Invalid credentials"),
	   "login_with_an_unknown_client_id_is_401_with_the_same_words");
	sbc_reply_free(&r);

	projects_with(&s, NULL, &r);
	ok(sbc_error_is(&r, 401, "UnauthorizedError", "Token missing"), "missing_token_is_401_token_missing");
	sbc_reply_free(&r);

	projects_with(&s, "", &r);
	ok(sbc_error_is(&r, 401, "UnauthorizedError", "Token missing"), "empty_authorization_is_401");
	sbc_reply_free(&r);

	projects_with(&s, "Bearer ", &r);
	ok(sbc_error_is(&r, 403, "TokenError", "jwt must be provided"), "bearer_without_token_is_403");
	sbc_reply_free(&r);

	projects_with(&s, "Bearer not-a-token", &r);
	ok(sbc_error_is(&r, 403, "TokenError",
			"The provided access token is malformed. Please use a valid token or generate a new one and try again."),
	   "unknown_token_is_403_token_error");
	sbc_reply_free(&r);

	projects_with(&s, "Bearer sandbox-expired-token", &r);
	ok(sbc_error_is(&r, 403, "TokenError", "Your token has expired. Please re-authenticate."),
	   "expired_token_is_403_not_401");
	sbc_reply_free(&r);

	projects_with(&s, "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.Zm9yZ2Vk", &r);
	ok(sbc_error_is(&r, 403, "TokenError", "invalid signature"), "forged_jwt_is_403_invalid_signature");
	sbc_reply_free(&r);

	projects_with(&s, "Bearer  sandbox-user-token", &r);
	ok(sbc_error_is(&r, 403, "TokenError", NULL), "two_spaces_after_bearer_make_the_token_wrong");
	sbc_reply_free(&r);

	projects_with(&s, "Token sandbox-user-token", &r);
	ok(sbc_error_is(&r, 403, "TokenError", NULL), "other_scheme_is_refused");
	sbc_reply_free(&r);

	/* Infisical drops the first seven characters unread: the scheme's case does not matter. */
	projects_with(&s, "bearer sandbox-user-token", &r);
	ok(r.status == 200, "scheme_is_not_read_as_on_the_real_server");
	sbc_reply_free(&r);

	projects_with(&s, "Bearer sandbox-user-token", &r);
	ok(r.status == 200 && cJSON_IsArray(sbc_at(r.json, "projects")), "user_token_is_accepted");
	sbc_reply_free(&r);

	/* Every error has its own request id. */
	projects_with(&s, NULL, &r);
	projects_with(&s, NULL, &r2);
	snprintf(req_id, sizeof(req_id), "%s", sbc_str(r.json, "reqId") ? sbc_str(r.json, "reqId") : "");
	ok(strlen(req_id) == 18 && sbc_str(r2.json, "reqId") && strcmp(req_id, sbc_str(r2.json, "reqId")) != 0,
	   "each_error_has_its_own_req_id");
	sbc_reply_free(&r);
	sbc_reply_free(&r2);

	/* Login. */
	post(&s, LOGIN, GOOD_LOGIN, &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"expiresIn\":2592000,\"accessTokenMaxTTL\":2592000,"
					      "\"tokenType\":\"Bearer\"}") &&
	   sbc_str(r.json, "accessToken") && strlen(sbc_str(r.json, "accessToken")) > 40,
	   "login_answers_a_bearer_token_for_30_days");
	sbc_reply_free(&r);

	post(&s, LOGIN, "{\"clientId\":\"  sandbox-client-id \",\"clientSecret\":\"sandbox-client-secret\\n\"}", &r);
	ok(r.status == 200, "login_trims_what_it_is_given");
	sbc_reply_free(&r);

	post(&s, LOGIN "/", GOOD_LOGIN, &r);
	ok(r.status == 200, "login_with_a_trailing_slash_works_as_the_cli_sends_it");
	sbc_reply_free(&r);

	token = login(&s);
	other = login(&s);
	ok(token && other && strcmp(token, other) != 0, "each_login_issues_a_new_token");
	snprintf(header, sizeof(header), "Bearer %s", token ? token : "");
	projects_with(&s, header, &r);
	ok(r.status == 200, "issued_token_opens_the_api");
	sbc_reply_free(&r);

	/* Renew and revoke. */
	snprintf(body, sizeof(body), "{\"accessToken\":\"%s\"}", token ? token : "");
	post(&s, "/api/v1/auth/token/renew", body, &r);
	ok(r.status == 200 && sbc_str(r.json, "accessToken") && token &&
	   strcmp(sbc_str(r.json, "accessToken"), token) == 0 &&
	   sbc_num(r.json, "expiresIn", 0) == 2592000, "renew_answers_the_same_token_with_a_fresh_ttl");
	sbc_reply_free(&r);

	post(&s, "/api/v1/auth/token/renew", "{\"accessToken\":\"nope\"}", &r);
	ok(sbc_error_is(&r, 403, "TokenError", NULL), "renew_of_an_unknown_token_is_403");
	sbc_reply_free(&r);

	post(&s, "/api/v1/auth/token/renew", "{\"accessToken\":\"sandbox-expired-token\"}", &r);
	ok(sbc_error_is(&r, 403, "TokenError", "Your token has expired. Please re-authenticate."),
	   "renew_of_an_expired_token_is_403_expired");
	sbc_reply_free(&r);

	post(&s, "/api/v1/auth/token/renew", "{\"accessToken\":\"sandbox-user-token\"}", &r);
	ok(sbc_error_is(&r, 401, "UnauthorizedError", NULL), "renew_of_a_user_session_is_401");
	sbc_reply_free(&r);

	post(&s, "/api/v1/auth/token/renew", "{}", &r);
	ok(sbc_issue_is(&r, "accessToken", "invalid_type", "Required"), "renew_without_token_is_422");
	sbc_reply_free(&r);

	tokens_before = sbc_stat(&s, "tokens");
	post(&s, "/api/v1/auth/token/revoke", body, &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"message\":\"Successfully revoked access token\"}"),
	   "revoke_answers_a_message");
	sbc_reply_free(&r);

	projects_with(&s, header, &r);
	ok(sbc_error_is(&r, 401, "UnauthorizedError", "Failed to authorize: token has been revoked"),
	   "revoked_token_is_401_revoked");
	sbc_reply_free(&r);

	snprintf(header, sizeof(header), "Bearer %s", other ? other : "");
	projects_with(&s, header, &r);
	ok(r.status == 200, "revoking_one_token_leaves_the_other");
	sbc_reply_free(&r);

	ok(tokens_before == 5 && sbc_stat(&s, "tokens") == 4, "stats_count_issued_tokens_less_revoked_ones");
	free(token);
	free(other);
	ok(sbc_stop(&s), "sandbox_exits_cleanly");
	curl_global_cleanup();
	return done_testing();
}
