/*
 * net/http.c + net/api.c against a scripted fake server: what goes on the
 * wire (headers, encoding, how often a POST is sent), how replies and
 * transport failures map to statuses, retries and their timing, the
 * reply size cap, redirects, TLS failures and the debug log.
 */
#include "config.h"

#include "net/api.h"
#include "tests/net/harness.h"
#include "tests/tap.h"

#define ROTATION_JSON \
	"{\"secretRotation\":{\"id\":\"7d2a6a0e-1b7c-4f2e-9d7e-3f9d2b6c1a11\"," \
	"\"name\":\"my-rotation\",\"description\":null,\"type\":\"azure-client-secret\"," \
	"\"isAutoRotationEnabled\":true,\"activeIndex\":0," \
	"\"folderId\":\"0b6c1a11-7d2a-4f2e-9d7e-3f9d2b6c1a11\"," \
	"\"connectionId\":\"1e0c7f4a-2b8d-4c3e-9f1a-5d6e7f8a9b0c\",\"projectId\":\"proj-1\"," \
	"\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"updatedAt\":\"2026-01-01T00:00:00.000Z\"," \
	"\"rotationInterval\":30,\"rotateAtUtc\":{\"hours\":0,\"minutes\":0}," \
	"\"rotationStatus\":\"success\",\"lastRotationAttemptedAt\":\"2026-01-01T00:00:00.000Z\"," \
	"\"lastRotatedAt\":\"2026-01-01T00:00:00.000Z\",\"lastRotationJobId\":null," \
	"\"nextRotationAt\":\"2026-01-31T00:00:00.000Z\",\"isLastRotationManual\":true," \
	"\"lastRotationMessage\":null," \
	"\"connection\":{\"app\":\"azure-client-secrets\",\"name\":\"azure-main\"," \
	"\"id\":\"1e0c7f4a-2b8d-4c3e-9f1a-5d6e7f8a9b0c\"}," \
	"\"environment\":{\"slug\":\"dev\",\"name\":\"Development\",\"id\":\"env-1\"}," \
	"\"folder\":{\"id\":\"0b6c1a11-7d2a-4f2e-9d7e-3f9d2b6c1a11\",\"path\":\"/\"}," \
	"\"parameters\":{\"objectId\":\"obj-1\",\"appName\":\"app\",\"clientId\":\"cid-1\"}," \
	"\"secretsMapping\":{\"clientId\":\"AZURE_CLIENT_ID\",\"clientSecret\":\"AZURE_CLIENT_SECRET\"}}}"

#define CREATE_BODY \
	"{\"name\":\"my-rotation\",\"projectId\":\"proj-1\"," \
	"\"connectionId\":\"1e0c7f4a-2b8d-4c3e-9f1a-5d6e7f8a9b0c\",\"environment\":\"dev\"," \
	"\"secretPath\":\"/\",\"isAutoRotationEnabled\":true,\"rotationInterval\":30," \
	"\"rotateAtUtc\":{\"hours\":0,\"minutes\":0}," \
	"\"parameters\":{\"objectId\":\"obj-1\",\"clientId\":\"cid-1\"}," \
	"\"secretsMapping\":{\"clientId\":\"AZURE_CLIENT_ID\",\"clientSecret\":\"AZURE_CLIENT_SECRET\"}}"

#define PROJECTS_JSON "{\"projects\":[]}"

static struct rw_api *
api_for(const char *base, long total_ms, const char *debug_log)
{
	struct rw_api_config cfg;
	struct rw_api *api = NULL;

	memset(&cfg, 0, sizeof(cfg));
	cfg.api_base = base;
	cfg.connect_timeout_ms = 1000;
	cfg.total_timeout_ms = total_ms;
	cfg.debug_log = debug_log;
	if (rw_api_new(&cfg, &api) != RW_OK)
		return NULL;
	return api;
}

/* Runs one call to completion. */
static enum rw_status
run(struct rw_api *api, struct rw_call *call, struct rw_result *r)
{
	if (!call) {
		memset(r, 0, sizeof(*r));
		r->status = RW_ENOMEM;
		return RW_ENOMEM;
	}
	return rw_api_wait_for(api, call, r);
}

static void
base_url_rules(void)
{
	static const struct {
		const char *url;
		enum rw_status want;
		const char *name;
	} cases[] = {
		{ NULL, RW_EUSAGE, "null_base_is_refused" },
		{ "", RW_EUSAGE, "empty_base_is_refused" },
		{ "example.com/api", RW_EUSAGE, "base_without_scheme_is_refused" },
		{ "ftp://127.0.0.1/api", RW_EUSAGE, "ftp_base_is_refused" },
		{ "http://example.com/api", RW_EUSAGE, "plain_http_to_a_remote_host_is_refused" },
		{ "http://127.0.0.1@example.com/api", RW_EUSAGE,
		  "plain_http_with_loopback_userinfo_is_refused" },
		{ "http://127.0.0.1.example.com/api", RW_EUSAGE,
		  "plain_http_to_a_name_starting_127_is_refused" },
		{ "http://10.0.0.1/api", RW_EUSAGE, "plain_http_to_a_private_address_is_refused" },
		{ "http://[::2]/api", RW_EUSAGE, "plain_http_to_another_ipv6_is_refused" },
		{ "http://127.0.0.1:8080/api", RW_OK, "plain_http_to_127_0_0_1_is_accepted" },
		{ "http://127.9.8.7/api", RW_OK, "plain_http_to_127_slash_8_is_accepted" },
		{ "http://localhost:1/api/", RW_OK, "plain_http_to_localhost_is_accepted" },
		{ "http://[::1]:1/api", RW_OK, "plain_http_to_ipv6_loopback_is_accepted" },
		{ "https://us.infisical.com/api", RW_OK, "https_anywhere_is_accepted" },
		{ "HTTPS://EU.INFISICAL.COM/api", RW_OK, "scheme_case_does_not_matter" },
	};
	struct rw_api_config cfg;
	struct rw_api *api;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&cfg, 0, sizeof(cfg));
		cfg.api_base = cases[i].url;
		api = NULL;
		ok(rw_api_new(&cfg, &api) == cases[i].want && (api != NULL) == (cases[i].want == RW_OK),
		   "%s", cases[i].name);
		rw_api_free(&api);
		ok(api == NULL, "%s_frees_to_null", cases[i].name);
	}
	ok(rw_api_new(NULL, &api) == RW_EUSAGE, "null_config_is_refused");
	memset(&cfg, 0, sizeof(cfg));
	cfg.api_base = "http://127.0.0.1:1/api";
	cfg.debug_log = "/nonexistent-dir/rotwiz.log";
	api = NULL;
	ok(rw_api_new(&cfg, &api) == RW_EIO && !api, "unwritable_debug_log_is_eio");
}

static void
token_rules(void)
{
	struct rw_api *api = api_for("http://127.0.0.1:1/api", 1000, NULL);

	ok(rw_api_set_token(api, "a\r\nX-Evil: 1") == RW_EINVAL, "token_with_crlf_is_refused");
	ok(rw_api_set_token(api, "tab\there") == RW_EINVAL, "token_with_control_byte_is_refused");
	ok(rw_api_set_token(api, "good.token") == RW_OK, "plain_token_is_taken");
	ok(rw_api_set_token(api, NULL) == RW_OK, "null_token_clears");
	rw_api_free(&api);
}

/* Headers of request number n (0-based) in a capture, or NULL. */
static const char *
nth_request(const char *cap, int n)
{
	const char *p = cap;

	while (p && n-- > 0) {
		p = strstr(p, "\n=====\n");
		if (p)
			p += 7;
	}
	return p && *p ? p : NULL;
}

/* Whether the request starting at req has header line `line` (exact, case-sensitive value). */
static int
has_header(const char *req, const char *line)
{
	const char *end = strstr(req, "\r\n\r\n");
	const char *p = req;
	size_t n = strlen(line);

	while ((p = strstr(p, "\r\n")) && p < end) {
		p += 2;
		if (strncasecmp(p, line, n) == 0 && p[n] == '\r')
			return 1;
	}
	return 0;
}

static int
has_header_named(const char *req, const char *name)
{
	const char *end = strstr(req, "\r\n\r\n");
	const char *p = req;
	size_t n = strlen(name);

	while ((p = strstr(p, "\r\n")) && p < end) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':')
			return 1;
	}
	return 0;
}

static void
get_headers_on_the_wire(void)
{
	char *r1 = h_reply(200, "", PROJECTS_JSON);
	const char *replies[] = { r1, NULL };
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	char *cap;
	const char *req;

	fake_start(&f, replies);
	api = api_for(f.api, 5000, NULL);
	rw_api_set_token(api, "tok.abc-123");
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_OK, "projects_against_fake_is_ok");
	rw_result_free(&r);
	cap = fake_captured(&f);
	req = nth_request(cap, 0);
	ok(req && strstr(req, "GET /api/v1/projects?type=secret-manager HTTP/1.1\r\n"),
	   "projects_request_line_is_exact");
	ok(req && has_header(req, "Authorization: Bearer tok.abc-123"),
	   "authorization_is_bearer_with_one_space");
	ok(req && has_header(req, "Accept: application/json"), "accept_is_json");
	ok(req && has_header(req, "User-Agent: rotwiz/" PACKAGE_VERSION), "user_agent_names_rotwiz");
	ok(req && !has_header_named(req, "Content-Type"), "get_has_no_content_type");
	ok(req && !has_header_named(req, "Expect"), "get_has_no_expect");
	free(cap);
	rw_api_free(&api);
	fake_stop(&f);
	free(r1);
}

static int
json_equal_text(const char *got, const char *want)
{
	cJSON *a = cJSON_Parse(got), *b = cJSON_Parse(want);
	int same = a && b && cJSON_Compare(a, b, 1);

	cJSON_Delete(a);
	cJSON_Delete(b);
	return same;
}

static void
login_on_the_wire(void)
{
	char *r1 = h_reply(200, "", "{\"accessToken\":\"at-SECRET-1\",\"expiresIn\":7200,"
				    "\"accessTokenMaxTTL\":7200,\"tokenType\":\"Bearer\"}");
	const char *replies[] = { r1, NULL };
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	char *cap;
	const char *req, *body;

	fake_start(&f, replies);
	api = api_for(f.api, 5000, NULL);
	rw_api_set_token(api, "old-token");
	ok(run(api, rw_api_login(api, "id \"quoted\"", "se\\cret\x01", NULL), &r) == RW_OK,
	   "login_against_fake_is_ok");
	is_str(r.u.login.access_token, "at-SECRET-1", "login_returns_the_access_token");
	ok(r.u.login.expires_in == 7200, "login_returns_expires_in");
	rw_result_free(&r);
	ok(r.u.login.access_token == NULL, "result_free_clears_the_token");
	cap = fake_captured(&f);
	req = nth_request(cap, 0);
	body = req ? strstr(req, "\r\n\r\n") : NULL;
	ok(req && strstr(req, "POST /api/v1/auth/universal-auth/login HTTP/1.1\r\n"),
	   "login_request_line_is_exact");
	ok(req && has_header(req, "Content-Type: application/json"), "post_has_json_content_type");
	ok(req && !has_header_named(req, "Authorization"), "login_sends_no_authorization");
	ok(req && !has_header_named(req, "Expect"), "post_has_no_expect");
	if (body) {
		char *copy = strdup(body + 4), *end = strstr(copy, "\n=====\n");

		if (end)
			*end = '\0';
		ok(json_equal_text(copy, "{\"clientId\":\"id \\\"quoted\\\"\","
					 "\"clientSecret\":\"se\\\\cret\\u0001\"}"),
		   "login_body_escapes_quotes_backslashes_and_controls");
		free(copy);
	} else {
		ok(0, "login_body_escapes_quotes_backslashes_and_controls");
	}
	free(cap);
	rw_api_free(&api);
	fake_stop(&f);
	free(r1);
}

static void
query_values_are_encoded(void)
{
	char *r1 = h_reply(200, "", "{\"folders\":[]}");
	char *r2 = h_reply(200, "", "{\"secrets\":[]}");
	char *r3 = h_reply(200, "", "{\"clients\":[]}");
	const char *replies[] = { r1, r2, r3, NULL };
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	char *cap;
	const char *req;

	fake_start(&f, replies);
	api = api_for(f.api, 5000, NULL);
	ok(run(api, rw_api_folders(api, "p&1", "dev", "/a b/c", NULL), &r) == RW_OK,
	   "folders_against_fake_is_ok");
	rw_result_free(&r);
	ok(run(api, rw_api_secret_names(api, "p1", "dev", "/x", NULL), &r) == RW_OK,
	   "secret_names_against_fake_is_ok");
	rw_result_free(&r);
	ok(run(api, rw_api_azure_apps(api, "../../v1/x?y", NULL), &r) == RW_OK,
	   "azure_apps_against_fake_is_ok");
	rw_result_free(&r);
	cap = fake_captured(&f);
	req = nth_request(cap, 0);
	ok(req && strstr(req, "GET /api/v2/folders?projectId=p%261&environment=dev&path=%2Fa%20b%2Fc "),
	   "folder_query_values_are_percent_encoded");
	req = nth_request(cap, 1);
	ok(req && strstr(req, "GET /api/v4/secrets?projectId=p1&environment=dev&secretPath=%2Fx"
			      "&viewSecretValue=false "),
	   "secret_names_never_ask_for_values");
	req = nth_request(cap, 2);
	ok(req && strstr(req, "GET /api/v1/app-connections/azure-client-secrets/..%2F..%2Fv1%2Fx%3Fy/clients "),
	   "path_segment_cannot_escape_its_route");
	ok(h_count(cap, "[conn 1]") == 3, "three_calls_share_one_connection");
	free(cap);
	rw_api_free(&api);
	fake_stop(&f);
	free(r1);
	free(r2);
	free(r3);
}

static void
status_mapping(void)
{
	char *r401 = h_reply(401, "", "{\"statusCode\":401,\"error\":\"UnauthorizedError\","
				      "\"message\":\"Token missing\"}");
	char *r403t = h_reply(403, "", "{\"statusCode\":403,\"error\":\"TokenError\","
				       "\"message\":\"Your token has expired. Please re-authenticate.\"}");
	char *r403f = h_reply(403, "", "{\"statusCode\":403,\"error\":\"Forbidden access to GET x\","
				       "\"message\":\"You are not allowed to access this resource\"}");
	char *r404 = h_reply(404, "", "{\"statusCode\":404,\"error\":\"NotFound\","
				      "\"message\":\"Could not find Azure Client Secret Rotation\"}");
	char *r200bad = h_reply(200, "", "{\"projects\":\"not a list\"}");
	char *r200html = h_reply(200, "", "<html>hello</html>");
	char *r302 = NULL;
	const char *replies[8];
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	char *cap;

	r302 = strdup("HTTP/1.1 302 Found\r\nLocation: https://evil.example/api/v1/projects\r\n"
		      "Content-Length: 0\r\n\r\n");
	replies[0] = r401;
	replies[1] = r403t;
	replies[2] = r403f;
	replies[3] = r404;
	replies[4] = r200bad;
	replies[5] = r200html;
	replies[6] = r302;
	replies[7] = NULL;
	fake_start(&f, replies);
	api = api_for(f.api, 5000, NULL);
	rw_api_set_token(api, "t");

	ok(run(api, rw_api_projects(api, NULL), &r) == RW_EAUTH && r.error.http_status == 401,
	   "status_401_is_eauth");
	is_str(r.error.message, "Token missing", "status_401_keeps_the_server_message");
	rw_result_free(&r);
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_EAUTH && r.error.http_status == 403,
	   "status_403_token_error_is_eauth");
	rw_result_free(&r);
	ok(run(api, rw_api_azure_apps(api, "c", NULL), &r) == RW_ESERVER && r.error.http_status == 403,
	   "status_403_forbidden_access_is_eserver_keeping_403");
	ok(r.error.message && strstr(r.error.message, "not allowed"),
	   "status_403_keeps_the_server_message");
	rw_result_free(&r);
	ok(run(api, rw_api_get_by_id(api, "x", NULL), &r) == RW_ESERVER && r.error.http_status == 404,
	   "status_404_is_eserver");
	rw_result_free(&r);
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_EPROTO && r.error.http_status == 200,
	   "status_200_with_wrong_shape_is_eproto");
	ok(r.error.message != NULL, "eproto_has_a_message");
	rw_result_free(&r);
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_EPROTO, "status_200_with_html_is_eproto");
	rw_result_free(&r);
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_EPROTO && r.error.http_status == 302,
	   "redirect_is_reported_not_followed");
	ok(r.error.message && strstr(r.error.message, "evil.example"), "redirect_message_names_target");
	rw_result_free(&r);
	cap = fake_captured(&f);
	ok(h_count(cap, "=====") == 7, "no_request_was_repeated_or_followed");
	free(cap);
	rw_api_free(&api);
	fake_stop(&f);
	free(r401);
	free(r403t);
	free(r403f);
	free(r404);
	free(r200bad);
	free(r200html);
	free(r302);
}

static void
retries(void)
{
	char *r429 = h_reply(429, "Retry-After: 1\r\n", "{\"statusCode\":429,\"error\":\"RateLimitExceeded\","
				     "\"message\":\"Rate limit exceeded. Please try again in 1 seconds\"}");
	char *r503 = h_reply(503, "", "{\"statusCode\":503,\"error\":\"ServiceUnavailable\","
				      "\"message\":\"down\"}");
	char *r500 = h_reply(500, "", "{\"statusCode\":500,\"error\":\"InternalServerError\","
				      "\"message\":\"Something went wrong\"}");
	char *ok200 = h_reply(200, "", PROJECTS_JSON);
	char *r429text = h_reply(429, "", "{\"statusCode\":429,\"error\":\"RateLimitExceeded\","
					  "\"message\":\"Rate limit exceeded. Please try again in 1 seconds\"}");
	const char *replies[] = { r429, ok200, r503, r503, r503, r503, r503, r500, r429text, ok200,
				  NULL };
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	double t0, dt;
	char *cap;

	fake_start(&f, replies);
	api = api_for(f.api, 5000, NULL);
	t0 = h_now();
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_OK, "get_after_429_is_retried_to_success");
	dt = h_now() - t0;
	ok(dt >= 0.9 && dt < 3.0, "retry_after_header_is_honoured");
	diag("429 then 200 took %.2f s (Retry-After: 1)", dt);
	rw_result_free(&r);

	t0 = h_now();
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_ESERVER && r.error.http_status == 503,
	   "get_gives_up_after_three_retries");
	dt = h_now() - t0;
	ok(dt >= 1.7 && dt < 3.5, "backoff_is_quarter_half_one_second");
	diag("4 x 503 took %.2f s", dt);
	rw_result_free(&r);

	ok(run(api, rw_api_rotate_now(api, "id-1", NULL, NULL), &r) == RW_ESERVER &&
	   r.error.http_status == 503, "post_is_never_retried");
	rw_result_free(&r);
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_ESERVER && r.error.http_status == 500,
	   "status_500_is_not_retried");
	is_str(r.error.message, "Something went wrong", "status_500_keeps_the_server_message");
	rw_result_free(&r);
	t0 = h_now();
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_OK, "get_after_429_without_header_is_retried");
	dt = h_now() - t0;
	ok(dt >= 0.9 && dt < 3.0, "try_again_in_n_seconds_text_is_honoured");
	diag("429 (text only) then 200 took %.2f s", dt);
	rw_result_free(&r);
	cap = fake_captured(&f);
	ok(h_count(cap, "GET /api/v1/projects") == 9, "gets_went_out_2_plus_4_plus_1_plus_2_times");
	ok(h_count(cap, "POST /api/v2/secret-rotations/azure-client-secret/id-1/rotate-secrets") == 1,
	   "rotate_now_went_out_once");
	free(cap);
	rw_api_free(&api);
	fake_stop(&f);
	free(r429);
	free(r429text);
	free(r503);
	free(r500);
	free(ok200);
}

/*
 * The nastiest case: the create reached the server on a reused
 * connection, which then closed unanswered.  libcurl would resend it by
 * itself; net/ must not, and must look the rotation up instead.
 */
static void
create_outcome_unknown(void)
{
	char *ok200 = h_reply(200, "", PROJECTS_JSON);
	char *found = h_reply(200, "", ROTATION_JSON);
	char *missing = h_reply(404, "", "{\"statusCode\":404,\"error\":\"NotFound\","
					 "\"message\":\"Secret Rotation with name not found\"}");
	char *r400 = h_reply(400, "", "{\"statusCode\":400,\"error\":\"BadRequest\","
				      "\"message\":\"A Secret Rotation with the name \\\"my-rotation\\\" "
				      "already exists at the secret path \\\"/\\\"\"}");
	const char *replies[] = { ok200, "DROP", found, ok200, "DROP", missing, r400, NULL };
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	char *cap;
	const char *req;

	fake_start(&f, replies);
	api = api_for(f.api, 5000, NULL);
	rw_api_set_token(api, "t");
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_OK, "warm_up_connection");
	rw_result_free(&r);
	ok(run(api, rw_api_create(api, CREATE_BODY, NULL), &r) == RW_OK,
	   "dropped_create_that_exists_is_recovered");
	ok(r.recovered == 1 && r.outcome_checked == 1 && r.outcome_unknown == 0,
	   "recovered_flags_are_set");
	is_str(r.u.rotation.id, "7d2a6a0e-1b7c-4f2e-9d7e-3f9d2b6c1a11", "recovered_rotation_is_filled");
	rw_result_free(&r);

	ok(run(api, rw_api_projects(api, NULL), &r) == RW_OK, "warm_up_again");
	rw_result_free(&r);
	ok(run(api, rw_api_create(api, CREATE_BODY, NULL), &r) == RW_ENET,
	   "dropped_create_that_does_not_exist_is_enet");
	ok(r.recovered == 0 && r.outcome_checked == 1 && r.outcome_unknown == 0,
	   "not_created_is_checked_and_safe_to_retry");
	ok(r.error.message && strstr(r.error.message, "without answering"),
	   "drop_message_says_no_answer");
	rw_result_free(&r);

	ok(run(api, rw_api_create(api, CREATE_BODY, NULL), &r) == RW_ESERVER &&
	   r.error.http_status == 400, "refused_create_is_eserver");
	ok(r.recovered == 0 && r.outcome_checked == 0 && r.outcome_unknown == 0,
	   "refused_create_is_a_known_outcome_without_lookup");
	rw_result_free(&r);

	cap = fake_captured(&f);
	ok(h_count(cap, "POST /api/v2/secret-rotations/azure-client-secret HTTP") == 3,
	   "create_was_sent_once_per_call_never_resent");
	req = strstr(cap, "GET /api/v2/secret-rotations/azure-client-secret/rotation-name/my-rotation?");
	ok(req && strncmp(req, "GET /api/v2/secret-rotations/azure-client-secret/rotation-name/"
			       "my-rotation?projectId=proj-1&secretPath=%2F&environment=dev ", 118) == 0,
	   "lookup_uses_name_project_path_and_environment_from_the_body");
	ok(h_count(cap, "/rotation-name/") == 2, "one_lookup_per_unknown_outcome");
	free(cap);

	ok(run(api, rw_api_create(api, "not json", NULL), &r) == RW_EINVAL,
	   "create_body_that_is_not_json_is_einval_unsent");
	rw_result_free(&r);
	rw_api_free(&api);
	fake_stop(&f);
	free(ok200);
	free(found);
	free(missing);
	free(r400);
}

/* The server said 200 to the create but the reply was unreadable: it exists, so fetch it. */
static void
create_reply_unreadable(void)
{
	char *garbled = h_reply(200, "", "{\"secretRotation\": {\"id\": ");
	char *found = h_reply(200, "", ROTATION_JSON);
	char *missing = h_reply(404, "", "{\"statusCode\":404,\"error\":\"NotFound\","
					 "\"message\":\"not found\"}");
	const char *replies[] = { garbled, found, garbled, missing, NULL };
	struct fake f;
	struct rw_api *api;
	struct rw_result r;

	fake_start(&f, replies);
	api = api_for(f.api, 5000, NULL);
	ok(run(api, rw_api_create(api, CREATE_BODY, NULL), &r) == RW_OK && r.recovered == 1,
	   "created_but_unreadable_create_is_fetched_by_name");
	is_str(r.u.rotation.name, "my-rotation", "fetched_rotation_is_filled_in");
	rw_result_free(&r);
	ok(run(api, rw_api_create(api, CREATE_BODY, NULL), &r) == RW_EPROTO,
	   "created_but_unreadable_and_not_found_is_eproto");
	ok(r.outcome_unknown == 1 && r.outcome_checked == 0 && r.recovered == 0,
	   "created_but_not_found_is_not_called_safe_to_retry");
	rw_result_free(&r);
	rw_api_free(&api);
	fake_stop(&f);
	free(garbled);
	free(found);
	free(missing);
}

/* The create got no answer and neither did the lookup: nothing is settled. */
static void
create_lookup_fails_too(void)
{
	const char *replies[] = { "STALL", NULL };
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	double t0, dt;

	fake_start(&f, replies);
	api = api_for(f.api, 500, NULL);
	t0 = h_now();
	ok(run(api, rw_api_create(api, CREATE_BODY, NULL), &r) == RW_ETIMEOUT,
	   "unanswered_create_with_unanswered_lookup_is_etimeout");
	dt = h_now() - t0;
	ok(r.outcome_unknown == 1 && r.outcome_checked == 0 && r.recovered == 0,
	   "unsettled_create_says_outcome_unknown");
	ok(dt >= 0.9 && dt < 2.0, "create_then_lookup_each_get_one_timeout");
	rw_result_free(&r);
	rw_api_free(&api);
	fake_stop(&f);
}

static void
size_cap(void)
{
	size_t big = RW_RESPONSE_MAX_BYTES + 1024;
	char *with_len = malloc(big + 200), *no_len = malloc(big + 200);
	const char *replies[3];
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	int n;

	n = snprintf(with_len, 200, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n", big);
	memset(with_len + n, ' ', big);
	with_len[n + big] = '\0';
	n = snprintf(no_len, 200, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
	memset(no_len + n, ' ', big);
	no_len[n + big] = '\0';
	replies[0] = with_len;
	replies[1] = no_len;
	replies[2] = NULL;
	fake_start(&f, replies);
	/* The streamed one is 64 MiB over loopback before the cap is seen: room for a loaded machine. */
	api = api_for(f.api, 60000, NULL);
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_EPROTO, "declared_oversized_reply_is_eproto");
	ok(r.error.message && strstr(r.error.message, "larger than"), "oversized_message_says_so");
	rw_result_free(&r);
	n = run(api, rw_api_projects(api, NULL), &r);
	ok(n == RW_EPROTO, "streamed_oversized_reply_is_eproto");
	if (n != RW_EPROTO)
		diag("got status %d: %s", n, r.error.message ? r.error.message : "(no message)");
	rw_result_free(&r);
	rw_api_free(&api);
	fake_stop(&f);
	free(with_len);
	free(no_len);
}

static void
transport_failures(void)
{
	const char *tls_replies[] = { "!HTTP/1.1 400 Bad Request\r\n\r\n",
				      "!HTTP/1.1 400 Bad Request\r\n\r\n", NULL };
	const char *stall[] = { "STALL", NULL };
	struct rw_api_config cfg;
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	char base[128], msg[128];
	double t0, dt;
	int port, fd;
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);

	/* A port that was free a moment ago: nothing listens there. */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *) &sa, sizeof(sa));
	getsockname(fd, (struct sockaddr *) &sa, &sl);
	port = ntohs(sa.sin_port);
	close(fd);
	snprintf(base, sizeof(base), "http://127.0.0.1:%d/api", port);
	api = api_for(base, 1000, NULL);
	t0 = h_now();
	ok(run(api, rw_api_login(api, "id", "secret", NULL), &r) == RW_ENET,
	   "nothing_listening_is_enet");
	snprintf(msg, sizeof(msg), "could not connect to 127.0.0.1 port %d: Connection refused", port);
	is_str(r.error.message, msg, "connect_failure_message_names_host_port_and_reason");
	ok(r.error.http_status == 0, "connect_failure_has_no_http_status");
	rw_result_free(&r);
	ok(run(api, rw_api_create(api, CREATE_BODY, NULL), &r) == RW_ENET &&
	   r.outcome_checked == 0 && r.outcome_unknown == 0 && r.recovered == 0,
	   "create_that_could_not_connect_was_not_sent_and_not_looked_up");
	rw_result_free(&r);
	ok(h_now() - t0 < 0.5, "posts_to_a_closed_port_fail_at_once");
	t0 = h_now();
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_ENET, "get_to_a_closed_port_is_enet");
	dt = h_now() - t0;
	ok(dt >= 1.7 && dt < 3.0, "get_to_a_closed_port_is_retried_three_times");
	diag("GET to a closed port: %.2f s", dt);
	rw_result_free(&r);
	rw_api_free(&api);

	fake_start(&f, tls_replies);
	snprintf(base, sizeof(base), "https://127.0.0.1:%d/api", f.port);
	api = api_for(base, 2000, NULL);
	ok(run(api, rw_api_login(api, "id", "secret", NULL), &r) == RW_ETLS,
	   "https_to_a_plain_server_is_etls");
	ok(r.error.message && strstr(r.error.message, "TLS"), "tls_message_says_tls");
	rw_result_free(&r);
	rw_api_free(&api);
	memset(&cfg, 0, sizeof(cfg));
	cfg.api_base = base;
	cfg.cacert = "/nonexistent/ca.pem";
	cfg.total_timeout_ms = 2000;
	rw_api_new(&cfg, &api);
	ok(run(api, rw_api_login(api, "id", "secret", NULL), &r) == RW_ETLS,
	   "unreadable_cacert_is_etls");
	rw_result_free(&r);
	rw_api_free(&api);
	fake_stop(&f);

	fake_start(&f, stall);
	api = api_for(f.api, 1000, NULL);
	t0 = h_now();
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_ETIMEOUT, "stalled_get_is_etimeout");
	dt = h_now() - t0;
	ok(dt >= 0.9 && dt < 1.8, "stall_ends_at_the_total_timeout");
	diag("stall: %.2f s for a 1 s timeout; message: %s", dt, r.error.message ? r.error.message : "");
	ok(r.error.message && strstr(r.error.message, "no answer"), "timeout_message_says_no_answer");
	rw_result_free(&r);
	rw_api_free(&api);
	fake_stop(&f);
}

/* Replies that are not HTTP as libcurl reads it: each named for what it is. */
static void
replies_not_http(void)
{
	const char *http09[] = { "!hello, this is not HTTP\n", "!hello, this is not HTTP\n",
				 "!hello, this is not HTTP\n", NULL };
	const char *big[] = { NULL, NULL };
	size_t n = 1024 * 1024, len;
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	char *reply;

	fake_start(&f, http09);
	api = api_for(f.api, 2000, NULL);
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_EPROTO,
	   "a_reply_without_a_status_line_is_eproto_not_a_usage_error");
	ok(r.error.message && strstr(r.error.message, "answered without an HTTP status line "
				     "(HTTP/0.9, or not HTTP at all)"),
	   "a_reply_without_a_status_line_says_so");
	diag("HTTP/0.9: %s", r.error.message ? r.error.message : "(none)");
	rw_result_free(&r);
	rw_api_free(&api);
	fake_stop(&f);

	reply = malloc(n + 128);
	strcpy(reply, "!HTTP/1.1 200 OK\r\nX-Big: ");
	len = strlen(reply);
	memset(reply + len, 'a', n);
	strcpy(reply + len + n, "\r\nContent-Length: 2\r\n\r\n{}");
	big[0] = reply;
	fake_start(&f, big);
	api = api_for(f.api, 2000, NULL);
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_EPROTO,
	   "a_1_mb_header_line_is_eproto_not_out_of_memory");
	ok(r.error.message && strstr(r.error.message, "has a header line too large to read"),
	   "a_1_mb_header_line_says_so");
	diag("big header: %s", r.error.message ? r.error.message : "(none)");
	rw_result_free(&r);
	rw_api_free(&api);
	fake_stop(&f);
	free(reply);
}

static void
async_behaviour(void)
{
	const char *stall[] = { "STALL", NULL };
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	struct rw_call *c1, *c2;
	int tag1 = 1, tag2 = 2, pipefd[2], got, rounds;
	double t0;
	char byte = 'k';

	fake_start(&f, stall);
	api = api_for(f.api, 5000, NULL);
	ok(pipe(pipefd) == 0, "pipe_made");
	t0 = h_now();
	c1 = rw_api_projects(api, &tag1);
	c2 = rw_api_list(api, "p", &tag2);
	ok(c1 && c2 && h_now() - t0 < 0.1, "starters_return_at_once");
	ok(rw_api_pending(api) == 2, "two_calls_pending");
	ok(rw_api_wait(api, pipefd[0], 200) == 0, "wait_times_out_with_nothing_readable");
	ok(write(pipefd[1], &byte, 1) == 1, "key_pressed");
	t0 = h_now();
	got = rw_api_wait(api, pipefd[0], 5000);
	ok(got == 1 && h_now() - t0 < 0.5, "wait_returns_1_when_the_extra_fd_is_readable");
	ok(rw_api_pending(api) == 2 && !rw_api_next_result(api, &r),
	   "requests_stay_in_flight_while_the_ui_runs");
	rw_api_cancel(api, c2);
	ok(rw_api_next_result(api, &r) == 1 && r.status == RW_ECANCEL && r.user == &tag2 &&
	   r.kind == RW_CALL_LIST, "cancelled_queued_call_comes_back_ecancel");
	rw_result_free(&r);
	rw_api_cancel(api, c1);
	ok(rw_api_next_result(api, &r) == 1 && r.status == RW_ECANCEL && r.user == &tag1,
	   "cancelled_running_call_comes_back_ecancel");
	rw_result_free(&r);
	ok(rw_api_pending(api) == 0, "nothing_pending_after_cancel");
	t0 = h_now();
	rounds = rw_api_wait(api, -1, -1);
	ok(rounds == 0 && h_now() - t0 < 0.1, "wait_with_nothing_to_wait_for_returns");
	/* A closed keyboard (EOF, POLLHUP only) must wake the loop too. */
	close(pipefd[1]);
	rw_api_list(api, "p", &tag2);
	ok(read(pipefd[0], &byte, 1) == 1, "key_read");
	t0 = h_now();
	ok(rw_api_wait(api, pipefd[0], 5000) == 1 && h_now() - t0 < 0.5,
	   "wait_returns_1_when_the_extra_fd_hung_up");
	close(pipefd[0]);
	rw_api_free(&api);
	ok(api == NULL, "free_with_a_call_in_flight_is_clean");
	fake_stop(&f);
}

static void
debug_log_is_redacted(void)
{
	char *r1 = h_reply(200, "", "{\"accessToken\":\"at-SECRET-2\",\"expiresIn\":60,"
				    "\"accessTokenMaxTTL\":60,\"tokenType\":\"Bearer\"}");
	char *r2 = h_reply(200, "Set-Cookie: sid=COOKIE-SECRET\r\n", PROJECTS_JSON);
	const char *replies[] = { r1, r2, NULL };
	char logpath[64];
	struct fake f;
	struct rw_api *api;
	struct rw_result r;
	char *log;
	int fd;
	struct stat st;

	snprintf(logpath, sizeof(logpath), "/tmp/rotwiz-net-log.XXXXXX");
	fd = mkstemp(logpath);
	close(fd);
	unlink(logpath);
	fake_start(&f, replies);
	api = api_for(f.api, 5000, logpath);
	ok(run(api, rw_api_login(api, "client-id", "CLIENT-SECRET-X", NULL), &r) == RW_OK,
	   "login_with_debug_log_is_ok");
	rw_api_set_token(api, r.u.login.access_token);
	rw_result_free(&r);
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_OK, "projects_with_debug_log_is_ok");
	rw_result_free(&r);
	rw_api_free(&api);
	log = h_read_file(logpath);
	ok(log && strstr(log, "GET /api/v1/projects"), "debug_log_shows_the_requests");
	ok(log && strstr(log, "Authorization: [redacted]"), "debug_log_marks_authorization_redacted");
	ok(log && !strstr(log, "at-SECRET-2"), "debug_log_never_holds_the_token");
	ok(log && !strstr(log, "CLIENT-SECRET-X"), "debug_log_never_holds_the_client_secret");
	ok(log && !strstr(log, "COOKIE-SECRET"), "debug_log_never_holds_cookies");
	ok(stat(logpath, &st) == 0 && (st.st_mode & 077) == 0, "debug_log_is_private");
	free(log);
	unlink(logpath);
	fake_stop(&f);
	free(r1);
	free(r2);
}

int
main(void)
{
	signal(SIGPIPE, SIG_IGN);
	base_url_rules();
	token_rules();
	get_headers_on_the_wire();
	login_on_the_wire();
	query_values_are_encoded();
	status_mapping();
	create_outcome_unknown();
	create_reply_unreadable();
	create_lookup_fails_too();
	size_cap();
	transport_failures();
	replies_not_http();
	async_behaviour();
	debug_log_is_redacted();
	retries();
	return done_testing();
}
