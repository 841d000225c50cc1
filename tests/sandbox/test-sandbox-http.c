#include "config.h"

/*
 * The sandbox as an HTTP server: injected faults seen from the client,
 * latency, statistics, keep-alive, many connections at once, body limits,
 * broken input, and a clean stop while requests hang.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/sandbox/client.h"
#include "tests/tap.h"

#define PROJECTS "/api/v1/projects"

static size_t
discard(char *data, size_t size, size_t n, void *user)
{
	(void) data;
	(void) user;
	return size * n;
}

/* Runs n GETs of path at once on separate connections; returns how many got 200. */
static int
parallel(const struct sbc_server *s, const char *path, int n, long timeout_ms, double *seconds)
{
	CURLM *multi = curl_multi_init();
	CURL *handles[128];
	struct curl_slist *auth = curl_slist_append(NULL, "Authorization: Bearer " USER_TOKEN);
	char url[512];
	int running = 0, i, good = 0;
	double start = sbc_now();
	CURLMsg *msg;
	int left;

	snprintf(url, sizeof(url), "%s%s", s->url, path);
	curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
	for (i = 0; i < n && i < 128; i++) {
		handles[i] = curl_easy_init();
		curl_easy_setopt(handles[i], CURLOPT_URL, url);
		curl_easy_setopt(handles[i], CURLOPT_PROXY, "");
		curl_easy_setopt(handles[i], CURLOPT_HTTPHEADER, auth);
		curl_easy_setopt(handles[i], CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(handles[i], CURLOPT_TIMEOUT_MS, timeout_ms);
		curl_easy_setopt(handles[i], CURLOPT_WRITEFUNCTION, discard);
		curl_multi_add_handle(multi, handles[i]);
	}
	do {
		curl_multi_perform(multi, &running);
		if (running)
			curl_multi_poll(multi, NULL, 0, 100, NULL);
	} while (running);
	while ((msg = curl_multi_info_read(multi, &left))) {
		long status = 0;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
		if (msg->data.result == CURLE_OK && status == 200)
			good++;
	}
	for (i = 0; i < n && i < 128; i++) {
		curl_multi_remove_handle(multi, handles[i]);
		curl_easy_cleanup(handles[i]);
	}
	curl_multi_cleanup(multi);
	curl_slist_free_all(auth);
	*seconds = sbc_now() - start;
	return good;
}

static void
faults(void)
{
	struct sbc_server s;
	struct sbc_reply r, full;
	struct sbc_options quick = { .token = USER_TOKEN, .timeout_ms = 1000 };
	char *body;

	if (sbc_start(&s, (const char *const[]) {
		"--fault", "GET " PROJECTS "=503@1",
		"--fault", "GET " PROJECTS "=drop@1",
		"--fault", "GET /api/v2/folders=429",
		"--fault", "GET /api/v1/app-connections/azure-client-secrets=500",
		"--fault", "GET /api/v1/app-connections/azure-client-secrets/available=drop",
		"--fault", "GET /api/v2/secret-rotations/options=stall",
		"--fault", "GET /api/v4/secrets=garbage",
		"--fault", "GET /api/v1/projects/" PAYMENTS "=truncate",
		"--fault", "POST " ROT_PATH "=drop-after@1",
		"--fault", "POST /api/v1/auth/universal-auth/login=422",
		NULL }) < 0)
		return;

	sbc_get(&s, PROJECTS, &r);
	ok(sbc_error_is(&r, 503, "ServiceUnavailable", "Service Unavailable"), "fault_503_answers_an_infisical_body");
	sbc_reply_free(&r);
	sbc_get(&s, PROJECTS, &r);
	ok(r.code == CURLE_GOT_NOTHING, "next_fault_drops_the_connection_unanswered");
	sbc_reply_free(&r);
	sbc_get(&s, PROJECTS, &r);
	ok(r.status == 200, "after_their_counts_the_route_works_again");
	sbc_reply_free(&r);
	sbc_get(&s, PROJECTS "?type=secret-manager", &r);
	ok(r.status == 200, "the_query_is_no_part_of_the_match");
	sbc_reply_free(&r);

	sbc_get(&s, "/api/v2/folders?projectId=" PAYMENTS "&environment=dev&path=/", &r);
	ok(sbc_error_is(&r, 429, "RateLimitExceeded", "Rate limit exceeded. Please try again in 1 seconds") &&
	   r.retry_after && strcmp(r.retry_after, "1") == 0, "fault_429_says_retry_after_1");
	sbc_reply_free(&r);
	sbc_get(&s, "/api/v2/folders?projectId=" PAYMENTS "&environment=dev&path=/", &r);
	ok(r.status == 429, "fault_without_count_fails_every_time");
	sbc_reply_free(&r);

	sbc_get(&s, "/api/v1/app-connections/azure-client-secrets", &r);
	ok(sbc_error_is(&r, 500, "InternalServerError", "Something went wrong"), "fault_500");
	sbc_reply_free(&r);

	sbc_get(&s, "/api/v1/app-connections/azure-client-secrets/available", &r);
	ok(r.code == CURLE_GOT_NOTHING, "fault_drop");
	sbc_reply_free(&r);

	sbc_request(&s, "GET", "/api/v2/secret-rotations/options", &quick, &r);
	ok(r.code == CURLE_OPERATION_TIMEDOUT && r.seconds >= 0.9, "fault_stall_never_answers");
	sbc_reply_free(&r);

	sbc_get(&s, "/api/v4/secrets?projectId=" PAYMENTS "&environment=dev", &r);
	ok(r.status == 200 && !r.json && r.len > 0 && r.content_type && strstr(r.content_type, "text/html"),
	   "fault_garbage_is_200_with_no_json");
	sbc_reply_free(&r);

	sbc_get(&s, "/api/v1/projects/" TOOLS, &full);
	sbc_get(&s, "/api/v1/projects/" PAYMENTS, &r);
	ok(r.status == 200 && !r.json && r.len > 100 && r.body[0] == '{' &&
	   r.len < full.len, "fault_truncate_cuts_the_json_in_half");
	sbc_reply_free(&r);
	sbc_reply_free(&full);

	sbc_send(&s, "POST", "/api/v1/auth/universal-auth/login", "{}", &r);
	ok(sbc_issue_is(&r, "", "custom", "Injected fault"), "fault_422_keeps_the_issue_array_shape");
	sbc_reply_free(&r);

	body = sbc_create_body("lost-answer", NULL);
	sbc_send(&s, "POST", ROT_PATH, body, &r);
	ok(r.code == CURLE_GOT_NOTHING, "drop_after_loses_the_answer");
	sbc_reply_free(&r);
	sbc_get(&s, ROT_PATH "/rotation-name/lost-answer?projectId=" PAYMENTS "&environment=dev&secretPath=/workers", &r);
	ok(r.status == 200, "drop_after_still_made_the_rotation");
	sbc_reply_free(&r);
	sbc_send(&s, "POST", ROT_PATH, body, &r);
	ok(sbc_error_is(&r, 400, "BadRequest", NULL), "retrying_the_lost_create_meets_its_own_name");
	sbc_reply_free(&r);
	free(body);

	ok(sbc_stat(&s, "routes.GET /api/v1/projects") == 4 &&
	   sbc_stat(&s, "routes.GET /api/v1/app-connections/azure-client-secrets/available") == 1,
	   "faulted_requests_are_counted");
	ok(sbc_stop(&s), "sandbox_with_faults_exits_cleanly");
}

static void
stall_and_stop(void)
{
	struct sbc_server s;
	CURLM *multi = curl_multi_init();
	CURL *stalled = curl_easy_init();
	struct sbc_reply r;
	char url[256];
	int running = 0;
	double start;

	if (sbc_start(&s, (const char *const[]) { "--fault", "GET /api/v2/secret-rotations/options=stall",
						     "--fault", "POST " ROT_PATH "=stall-after", NULL }) < 0)
		return;
	snprintf(url, sizeof(url), "%s/api/v2/secret-rotations/options", s.url);
	curl_easy_setopt(stalled, CURLOPT_URL, url);
	curl_easy_setopt(stalled, CURLOPT_PROXY, "");
	curl_easy_setopt(stalled, CURLOPT_TIMEOUT_MS, 10000L);
	curl_easy_setopt(stalled, CURLOPT_WRITEFUNCTION, discard);
	curl_multi_add_handle(multi, stalled);
	start = sbc_now();
	while (sbc_now() - start < 0.3) {
		curl_multi_perform(multi, &running);
		curl_multi_poll(multi, NULL, 0, 50, NULL);
	}
	sbc_get(&s, PROJECTS, &r);
	ok(r.status == 200 && r.seconds < 0.5, "a_stalled_request_does_not_hold_up_others");
	sbc_reply_free(&r);

	{
		char *body = sbc_create_body("stalled-create", NULL);
		struct sbc_options o = { .token = USER_TOKEN, .body = body, .timeout_ms = 500 };

		sbc_request(&s, "POST", ROT_PATH, &o, &r);
		ok(r.code == CURLE_OPERATION_TIMEDOUT, "stall_after_never_answers");
		sbc_reply_free(&r);
		free(body);
		ok(sbc_stat(&s, "rotations") == 3, "stall_after_still_made_the_rotation");
	}

	start = sbc_now();
	ok(sbc_stop(&s), "sigterm_while_a_request_stalls_exits_0");
	ok(sbc_now() - start < 2.0, "stop_does_not_wait_for_the_stalled_client");
	curl_multi_perform(multi, &running);
	curl_multi_remove_handle(multi, stalled);
	curl_easy_cleanup(stalled);
	curl_multi_cleanup(multi);
}

static void
latency(void)
{
	struct sbc_server s;
	struct sbc_reply r;
	double seconds;
	int good;

	if (sbc_start(&s, (const char *const[]) { "--latency", "300", NULL }) < 0)
		return;
	sbc_get(&s, PROJECTS, &r);
	ok(r.status == 200 && r.seconds >= 0.3, "latency_delays_the_answer");
	sbc_reply_free(&r);
	good = parallel(&s, PROJECTS, 20, 5000, &seconds);
	ok(good == 20 && seconds < 1.5, "latency_is_per_request_not_serialised");
	diag("20 requests with 300 ms latency each, in parallel: %.3f s", seconds);
	ok(sbc_stop(&s), "sandbox_with_latency_exits_cleanly");
}

static void
stats_and_load(void)
{
	struct sbc_server s;
	struct sbc_options o = { .token = USER_TOKEN };
	struct sbc_reply r;
	double seconds, connections;
	int good, i;

	if (sbc_start(&s, NULL) < 0)
		return;
	o.handle = curl_easy_init();
	for (i = 0; i < 3; i++) {
		sbc_request(&s, "GET", PROJECTS, &o, &r);
		sbc_reply_free(&r);
	}
	sbc_request(&s, "GET", "/api/v1/nothing", &o, &r);
	sbc_reply_free(&r);
	sbc_request(&s, "GET", "/sandbox/stats", &o, &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"connections\":1,\"requests\":5,"
					      "\"routes\":{\"GET /api/v1/projects\":3,\"GET /sandbox/stats\":1,"
					      "\"unmatched\":1},\"rotations\":2}"),
	   "keep_alive_requests_count_one_connection");
	sbc_reply_free(&r);
	curl_easy_cleanup(o.handle);

	good = parallel(&s, PROJECTS, 100, 10000, &seconds);
	ok(good == 100, "a_hundred_parallel_requests_are_all_answered");
	diag("100 parallel GET /api/v1/projects: %.3f s", seconds);
	ok(sbc_stat(&s, "requests") == 105 + 1, "stats_count_every_parallel_request");
	connections = sbc_stat(&s, "connections");
	ok(connections >= 50, "parallel_requests_came_on_many_connections_at_once");
	diag("connections after the parallel run: %.0f", connections);
	ok(sbc_stop(&s), "sandbox_after_load_exits_cleanly");
}

static void
bodies(void)
{
	struct sbc_server s;
	struct sbc_options o = { .token = USER_TOKEN };
	struct sbc_reply r;
	size_t big = 1024 * 1024 + 1, i;
	char *body = malloc(big + 64), raw[4096];

	if (!body || sbc_start(&s, NULL) < 0) {
		free(body);
		return;
	}
	/* Nasty input first; the server must live through all of it. */
	sbc_raw(&s, "GARBAGE\r\n\r\n", 11, raw, sizeof(raw), 2000);
	ok(strncmp(raw, "HTTP/1.1 400", 12) == 0 || raw[0] == '\0', "garbage_request_line_is_refused");
	sbc_raw(&s, "\x00\xff\xfe\x01\r\n\r\n", 8, raw, sizeof(raw), 2000);
	sbc_raw(&s, "GET /api/v1/projects HTTP/1.1\r\nHost: x\r\n", 40, raw, sizeof(raw), 500);
	sbc_raw(&s, "POST " ROT_PATH " HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"na", 80, raw,
		sizeof(raw), 500);
	memset(body, 'A', 20000);
	memcpy(body, "GET / HTTP/1.1\r\nX-Long: ", 24);
	memcpy(body + 19996, "\r\n\r\n", 4);
	sbc_raw(&s, body, 20000, raw, sizeof(raw), 2000);
	ok(strstr(raw, "431") != NULL || strstr(raw, "413") != NULL || raw[0] == '\0' ||
	   strncmp(raw, "HTTP/1.1 4", 10) == 0, "huge_header_is_refused");
	sbc_get(&s, PROJECTS, &r);
	ok(r.status == 200, "server_survives_broken_requests");
	sbc_reply_free(&r);

	o.body = "{\"name\": \"x\",}";
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	/* Infisical's own JSON parser throws, and its error handler makes that a 500 (issue 8). */
	ok(sbc_error_is(&r, 500, "InternalServerError", "Something went wrong"),
	   "broken_json_is_500_as_on_the_real_server");
	sbc_reply_free(&r);

	o.body = "{\"name\":";
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(sbc_error_is(&r, 500, "InternalServerError", "Something went wrong"), "cut_json_is_500");
	sbc_reply_free(&r);

	/* The token is judged before the body, however broken the body is. */
	o.token = NULL;
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(sbc_error_is(&r, 401, "UnauthorizedError", "Token missing"),
	   "missing_token_is_reported_before_broken_json");
	sbc_reply_free(&r);
	o.token = "not-a-token";
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(sbc_error_is(&r, 403, "TokenError", NULL), "bad_token_is_reported_before_broken_json");
	sbc_reply_free(&r);
	o.token = USER_TOKEN;

	o.body = "{\"a\":1}\0{}";
	o.body_len = 10;
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(sbc_error_is(&r, 500, "InternalServerError", "Something went wrong"), "nul_inside_json_is_500");
	sbc_reply_free(&r);
	o.body_len = 0;

	o.body = "{} {}";
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(sbc_error_is(&r, 500, "InternalServerError", "Something went wrong"), "trailing_json_is_500");
	sbc_reply_free(&r);

	for (i = 0; i < 5000; i++)
		body[i] = '[';
	body[i] = '\0';
	o.body = body;
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(r.status == 500, "deeply_nested_json_is_refused_not_crashed_on");
	sbc_reply_free(&r);

	o.body = "";
	o.content_type = "application/json";
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(sbc_error_is(&r, 500, "InternalServerError", "Something went wrong"), "empty_json_body_is_500");
	sbc_reply_free(&r);

	o.body = "name=x";
	o.content_type = "application/x-www-form-urlencoded";
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	/* @fastify/formbody reads it: name is there, as a string, the rest is missing. */
	ok(sbc_issue_is(&r, "projectId", "invalid_type", "Required") && sbc_issue_count(&r) == 7,
	   "form_body_is_read_as_fields");
	sbc_reply_free(&r);

	o.body = "{}";
	o.content_type = "";
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(sbc_error_is(&r, 415, "Unsupported Media Type", "Unsupported Media Type: undefined"),
	   "body_without_content_type_is_415");
	sbc_reply_free(&r);

	o.body = "{}";
	o.content_type = "Application/JSON; charset=UTF-8";
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(r.status == 422, "json_media_type_is_read_case_insensitively_with_parameters");
	sbc_reply_free(&r);

	/* Exactly the limit is read; one byte more is 413. */
	memset(body, ' ', big);
	body[0] = '{';
	body[big - 2] = '}';
	o.content_type = NULL;
	o.body = body;
	o.body_len = (long) big - 1;
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(r.status == 422, "body_of_exactly_1_mib_is_read");
	sbc_reply_free(&r);

	o.body_len = (long) big;
	body[big - 1] = ' ';
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(sbc_error_is(&r, 413, "Payload Too Large", "Request body is too large"), "body_over_1_mib_is_413");
	sbc_reply_free(&r);

	o.no_expect = 1;
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(sbc_error_is(&r, 413, "Payload Too Large", NULL), "body_over_1_mib_sent_without_expect_is_413");
	sbc_reply_free(&r);
	o.no_expect = 0;

	o.token = NULL;
	o.body = body;
	o.body_len = (long) big;
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(sbc_error_is(&r, 401, "UnauthorizedError", "Token missing"), "missing_token_is_reported_before_the_size");
	sbc_reply_free(&r);

	o.no_expect = 1;
	sbc_request(&s, "POST", ROT_PATH, &o, &r);
	ok(sbc_error_is(&r, 401, "UnauthorizedError", "Token missing"),
	   "missing_token_is_reported_before_the_size_of_a_body_sent_whole");
	sbc_reply_free(&r);
	o.no_expect = 0;

	sbc_get(&s, PROJECTS, &r);
	ok(r.status == 200, "server_still_answers_after_large_bodies");
	sbc_reply_free(&r);
	free(body);
	ok(sbc_stop(&s), "sandbox_after_broken_input_exits_cleanly");
}

int
main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	faults();
	stall_and_stop();
	latency();
	stats_and_load();
	bodies();
	curl_global_cleanup();
	return done_testing();
}
