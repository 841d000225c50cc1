#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/status.h"
#include "forms/field.h"
#include "common/strbuf.h"
#include "net/response.h"
#include "tests/tap.h"

#ifndef RW_RESPONSE_DATA
#error "RW_RESPONSE_DATA must name tests/data/responses"
#endif

/* ---- helpers ---- */

/* A sample reply from tests/data/responses; aborts the test when missing. */
static char *
slurp(const char *name, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", RW_RESPONSE_DATA, name);
	if (!(f = fopen(path, "rb")) || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || !(buf = malloc((size_t) n + 1)) ||
	    fread(buf, 1, (size_t) n, f) != (size_t) n) {
		printf("Bail out! cannot read %s\n", path);
		exit(1);
	}
	fclose(f);
	buf[n] = '\0';
	*len = (size_t) n;
	return buf;
}

static int
all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		if (*b++)
			return 0;
	return 1;
}

static int
printable_ascii(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char) *s < 0x20 || (unsigned char) *s > 0x7e)
			return 0;
	return s != NULL;
}

static void
perr(long status, const char *body, struct rw_api_error *err)
{
	rw_parse_error(status, body, body ? strlen(body) : 0, err);
}

/*
 * Checks every member of a parsed error.  message: exact text; a leading
 * '~' means "contains".  error/req_id NULL means "must be NULL".
 */
static int
error_is(const struct rw_api_error *e, long status, const char *error, const char *message,
	 enum rw_field field, long retry, const char *name)
{
	int msg_ok, good;

	if (message && message[0] == '~')
		msg_ok = e->message && strstr(e->message, message + 1);
	else
		msg_ok = e->message && message && strcmp(e->message, message) == 0;
	good = e->http_status == status && msg_ok && e->field == field &&
	       e->retry_after == retry &&
	       ((!error && !e->error) || (error && e->error && strcmp(error, e->error) == 0));
	if (!ok(good, "%s", name))
		diag("got status %ld error \"%s\" message \"%s\" field %d retry %ld",
		     e->http_status, e->error ? e->error : "(null)",
		     e->message ? e->message : "(null)", (int) e->field, e->retry_after);
	return good;
}

static void
bad_400(const char *message, enum rw_field field, const char *name)
{
	char body[1024];
	struct rw_api_error e;

	snprintf(body, sizeof(body),
		 "{\"reqId\":\"r1\",\"statusCode\":400,\"message\":\"%s\",\"error\":\"BadRequest\"}",
		 message);
	perr(400, body, &e);
	error_is(&e, 400, "BadRequest", "~already", field, -1, name);
	rw_api_error_free(&e);
}

/* A rotation reply with one member's JSON text replaced (or removed: value NULL). */
static char *
rotation_with(const char *key_line, const char *replacement)
{
	size_t len;
	char *base = slurp("rotation-created.json", &len), *at, *eol, *out;

	at = strstr(base, key_line);
	if (!at) {
		printf("Bail out! %s not in rotation-created.json\n", key_line);
		exit(1);
	}
	eol = strchr(at, '\n');
	out = malloc(len + strlen(replacement) + 1);
	memcpy(out, base, (size_t) (at - base));
	strcpy(out + (at - base), replacement);
	strcat(out, eol);
	free(base);
	return out;
}

static enum rw_status
rotation_variant(const char *key_line, const char *replacement, struct rw_rotation *r)
{
	char *body = rotation_with(key_line, replacement);
	enum rw_status st = rw_parse_rotation(body, strlen(body), r);

	free(body);
	return st;
}

/* ---- error replies: hostile and broken bodies first ---- */

static void
test_broken_error_bodies(void)
{
	struct rw_api_error e;
	char *big, *html;
	size_t len, i;
	static const char binary[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x01\x02\x1b[2J";

	perr(502, "", &e);
	error_is(&e, 502, NULL, "the server answered HTTP 502 with an empty body",
		 RW_FIELD_NONE, -1, "empty_502_body_says_it_was_empty");
	rw_api_error_free(&e);

	rw_parse_error(503, NULL, 99, &e);
	error_is(&e, 503, NULL, "the server answered HTTP 503 with an empty body",
		 RW_FIELD_NONE, -1, "null_body_with_a_length_is_an_empty_body");
	rw_api_error_free(&e);

	perr(0, NULL, &e);
	error_is(&e, 0, NULL, "no HTTP answer came from the server", RW_FIELD_NONE, -1,
		 "no_http_answer_says_so");
	ok(rw_api_error_status(&e) == RW_ENET, "no_http_answer_is_a_network_failure");
	rw_api_error_free(&e);

	html = slurp("proxy-502.html", &len);
	rw_parse_error(502, html, len, &e);
	error_is(&e, 502, NULL,
		 "the server answered HTTP 502 with a body that is not JSON: \"502 Bad Gateway\"",
		 RW_FIELD_NONE, -1, "html_proxy_page_is_named_by_its_title");
	ok(rw_api_error_status(&e) == RW_ESERVER, "html_proxy_502_is_a_server_refusal");
	rw_api_error_free(&e);
	free(html);

	big = malloc(100001);
	for (i = 0; i < 100000; i++)
		big[i] = (char) ('a' + i % 26);
	big[100000] = '\0';
	perr(500, big, &e);
	ok(e.message && strlen(e.message) < 320 && strstr(e.message, "not JSON") &&
	   strstr(e.message, "...\""), "huge_text_body_is_quoted_short");
	rw_api_error_free(&e);

	rw_parse_error(500, binary, sizeof(binary) - 1, &e);
	error_is(&e, 500, NULL, "the server answered HTTP 500 with a binary body that is not JSON",
		 RW_FIELD_NONE, -1, "binary_body_is_not_quoted");
	rw_api_error_free(&e);

	perr(502, "Fehler \xff\xfe \x1b[31m rot \xc3\xa4 <b>bold</b>\r\n", &e);
	ok(printable_ascii(e.message) && strstr(e.message, "Fehler") && strstr(e.message, "bold") &&
	   !strstr(e.message, "<b>"), "non_json_excerpt_keeps_printable_ascii_only");
	rw_api_error_free(&e);

	perr(400, "{\"reqId\":\"x\",\"statusCode\":400,\"message\":\"A Secr", &e);
	error_is(&e, 400, NULL, "the server answered HTTP 400 with JSON that was cut short",
		 RW_FIELD_NONE, -1, "truncated_json_is_called_cut_short");
	rw_api_error_free(&e);

	perr(400, "{\"message\":\"x\"} <html>", &e);
	error_is(&e, 400, NULL, "~with a body that is not JSON", RW_FIELD_NONE, -1,
		 "json_followed_by_garbage_is_not_json");
	rw_api_error_free(&e);

	perr(400, "[1,2,3]", &e);
	error_is(&e, 400, NULL, "the server answered HTTP 400 with JSON that is not an error object",
		 RW_FIELD_NONE, -1, "json_array_is_not_an_error_object");
	rw_api_error_free(&e);

	perr(400, "{\"error\":\"BadRequest\",\"message\":\"a\\u0000b\"}", &e);
	ok(e.message && strstr(e.message, "NUL") && !e.error,
	   "nul_escape_in_a_string_is_refused");
	rw_api_error_free(&e);

	len = RW_RESPONSE_MAX_BYTES + 1;
	big = realloc(big, len);
	memset(big, ' ', len);
	memcpy(big, "{\"message\":\"x\"}", 15);
	rw_parse_error(413, big, len, &e);
	{
		char said[32];

		snprintf(said, sizeof(said), "%zu bytes", len);
		ok(e.message && strstr(e.message, "too large") && strstr(e.message, said),
		   "oversized_body_is_refused_before_parsing");
	}
	rw_api_error_free(&e);

	len = 200000;
	memset(big, '[', len);
	rw_parse_error(500, big, len, &e);
	ok(e.message != NULL && e.error == NULL, "deeply_nested_arrays_do_not_crash");
	rw_api_error_free(&e);
	for (i = 0; i + 5 < len; i += 5)
		memcpy(big + i, "{\"a\":", 5);
	rw_parse_error(500, big, i, &e);
	ok(e.message != NULL, "deeply_nested_objects_do_not_crash");
	rw_api_error_free(&e);
	free(big);
}

static void
test_error_texts(void)
{
	struct rw_api_error e;
	char body[16384], *p;
	int i;

	perr(400, "{\"message\":\"bad\\u001b[2Jthing\\nnext \\u009b31m \\u2713 \xff \xed\xa0\x80\","
	     "\"error\":\"BadRequest\"}", &e);
	is_str(e.message, "bad\\x1b[2Jthing\\x0anext \\u009b31m \xe2\x9c\x93 \\xff \\xed\\xa0\\x80",
	       "control_characters_and_bad_utf8_escaped_in_messages");
	rw_api_error_free(&e);

	p = body + sprintf(body, "{\"error\":\"BadRequest\",\"message\":\"");
	for (i = 0; i < 10000; i++)
		*p++ = 'x';
	strcpy(p, "\"}");
	perr(400, body, &e);
	ok(e.message && strlen(e.message) <= 2048 + 3 &&
	   strcmp(e.message + strlen(e.message) - 3, "...") == 0,
	   "very_long_message_is_cut_with_ellipsis");
	rw_api_error_free(&e);

	perr(500, "{\"statusCode\":500,\"error\":\"InternalServerError\"}", &e);
	error_is(&e, 500, "InternalServerError",
		 "the server answered HTTP 500 with InternalServerError but no message",
		 RW_FIELD_NONE, -1, "error_without_message_still_gets_a_message");
	rw_api_error_free(&e);

	perr(400, "{\"error\":42,\"message\":{\"a\":1},\"reqId\":[]}", &e);
	error_is(&e, 400, NULL, "the server answered HTTP 400 with an error without a message",
		 RW_FIELD_NONE, -1, "wrong_types_in_error_body_are_ignored");
	ok(e.req_id == NULL, "wrong_typed_req_id_is_dropped");
	rw_api_error_free(&e);
}

/* A fixture answered by the real server (doc/api.md s.13), parsed as the client would. */
static void
real_error(const char *file, long status, struct rw_api_error *e)
{
	size_t len;
	char *body = slurp(file, &len);

	rw_parse_error(status, body, len, e);
	free(body);
}

/*
 * The error bodies the real server sent on 2026-12-01 (tests/data/responses,
 * verbatim): the plan restriction is its own kind on create, list and get;
 * the request id is kept where there is one and absent where the server
 * sent none.
 */
static void
test_real_server_errors(void)
{
	struct rw_api_error e;

	real_error("error-400-plan-create.json", 400, &e);
	ok(e.kind == RW_REFUSAL_PLAN, "real_plan_restriction_on_create_is_its_own_kind");
	is_str(e.req_id, "req-uVbDUry2jSnBEF", "real_plan_restriction_keeps_its_request_id");
	ok(rw_api_error_status(&e) == RW_ESERVER, "plan_restriction_is_a_server_refusal_exit_1");
	ok(e.field == RW_FIELD_NONE, "plan_restriction_is_about_no_field");
	rw_api_error_free(&e);
	real_error("error-400-plan-list.json", 400, &e);
	ok(e.kind == RW_REFUSAL_PLAN, "real_plan_restriction_on_list_is_its_own_kind");
	rw_api_error_free(&e);
	real_error("error-400-plan-get.json", 400, &e);
	ok(e.kind == RW_REFUSAL_PLAN, "real_plan_restriction_on_get_is_its_own_kind");
	rw_api_error_free(&e);
	ok(e.kind == RW_REFUSAL_OTHER, "freed_error_is_of_no_kind");

	/* Only a 400 about secret rotation is the plan restriction. */
	perr(400, "{\"message\":\"Failed to create secret rotation: name taken\",\"error\":\"BadRequest\"}",
	     &e);
	ok(e.kind == RW_REFUSAL_OTHER, "other_rotation_400_is_not_the_plan_restriction");
	rw_api_error_free(&e);
	perr(500, "{\"message\":\"Failed to create secret rotation due to plan restriction.\"}", &e);
	ok(e.kind == RW_REFUSAL_OTHER, "plan_text_in_a_500_is_not_the_plan_restriction");
	rw_api_error_free(&e);
	perr(400, "{\"message\":\"Failed to create group due to plan restriction. Upgrade plan "
	     "to create group.\",\"error\":\"BadRequest\"}", &e);
	ok(e.kind == RW_REFUSAL_OTHER, "another_features_plan_restriction_is_not_ours");
	rw_api_error_free(&e);

	real_error("error-500-create-database.json", 500, &e);
	error_is(&e, 500, "Create", "Something went wrong", RW_FIELD_NONE, -1,
		 "real_database_500_on_create_keeps_error_and_message");
	is_str(e.req_id, "req-UsL7LKSTfo3BIt", "real_database_500_keeps_its_request_id");
	ok(e.kind == RW_REFUSAL_OTHER && rw_api_error_status(&e) == RW_ESERVER,
	   "real_database_500_is_a_server_refusal");
	rw_api_error_free(&e);

	real_error("error-500-broken-json.json", 500, &e);
	error_is(&e, 500, "InternalServerError", "Something went wrong", RW_FIELD_NONE, -1,
		 "real_broken_json_500_parses");
	rw_api_error_free(&e);

	real_error("error-404-secret-path.json", 404, &e);
	error_is(&e, 404, "SecretPathNotFound", "~Folder with path '/no-such-folder-x' in "
		 "environment 'dev' was not found", RW_FIELD_NONE, -1,
		 "real_secret_path_not_found_parses");
	is_str(e.req_id, "req-TkToOMYZ6ULvfN", "real_secret_path_not_found_keeps_request_id");
	rw_api_error_free(&e);

	real_error("error-404-unknown-route.json", 404, &e);
	error_is(&e, 404, "Not Found", "Route GET:/api/v1/nope not found", RW_FIELD_NONE, -1,
		 "real_unknown_route_parses");
	ok(e.req_id == NULL, "real_unknown_route_has_no_request_id");
	rw_api_error_free(&e);
}

/* A request id reaches the terminal only as printable ASCII, at most RW_REQ_ID_MAX long. */
static void
test_request_ids(void)
{
	struct rw_api_error e;
	char body[512], id[RW_REQ_ID_MAX + 2];

	perr(400, "{\"reqId\":\"req-\\u001b[2Jx\",\"message\":\"m\"}", &e);
	ok(e.req_id == NULL, "request_id_with_escape_is_dropped");
	rw_api_error_free(&e);
	perr(400, "{\"reqId\":\"req-1\\nrotwiz: fake\",\"message\":\"m\"}", &e);
	ok(e.req_id == NULL, "request_id_with_newline_is_dropped");
	rw_api_error_free(&e);
	perr(400, "{\"reqId\":\"req 1\",\"message\":\"m\"}", &e);
	ok(e.req_id == NULL, "request_id_with_space_is_dropped");
	rw_api_error_free(&e);
	perr(400, "{\"reqId\":\"req-\xc3\xa9\",\"message\":\"m\"}", &e);
	ok(e.req_id == NULL, "request_id_with_non_ascii_is_dropped");
	rw_api_error_free(&e);
	perr(400, "{\"reqId\":\"req-\\u009b31m\",\"message\":\"m\"}", &e);
	ok(e.req_id == NULL, "request_id_with_c1_control_is_dropped");
	rw_api_error_free(&e);
	perr(400, "{\"reqId\":\"\",\"message\":\"m\"}", &e);
	ok(e.req_id == NULL, "empty_request_id_is_dropped");
	rw_api_error_free(&e);
	perr(400, "{\"reqId\":7,\"message\":\"m\"}", &e);
	ok(e.req_id == NULL, "numeric_request_id_is_dropped");
	rw_api_error_free(&e);

	memset(id, 'a', RW_REQ_ID_MAX);
	id[RW_REQ_ID_MAX] = '\0';
	snprintf(body, sizeof(body), "{\"reqId\":\"%s\",\"message\":\"m\"}", id);
	perr(400, body, &e);
	is_str(e.req_id, id, "request_id_of_the_longest_length_is_kept");
	rw_api_error_free(&e);
	id[RW_REQ_ID_MAX] = 'a';
	id[RW_REQ_ID_MAX + 1] = '\0';
	snprintf(body, sizeof(body), "{\"reqId\":\"%s\",\"message\":\"m\"}", id);
	perr(400, body, &e);
	ok(e.req_id == NULL, "request_id_one_longer_is_dropped");
	rw_api_error_free(&e);
	perr(400, "{\"reqId\":\"req-Ab9_~!\",\"message\":\"m\"}", &e);
	is_str(e.req_id, "req-Ab9_~!", "request_id_of_printable_ascii_is_kept_as_sent");
	rw_api_error_free(&e);
}

static void
test_error_shapes(void)
{
	struct rw_api_error e;
	char *body;
	size_t len;

	perr(400, "{\"reqId\":\"req-1\",\"statusCode\":400,\"message\":\"Failed to create secret "
	     "rotation due to plan restriction. Upgrade plan to create secret rotations.\","
	     "\"error\":\"BadRequest\"}", &e);
	error_is(&e, 400, "BadRequest", "Failed to create secret rotation due to plan restriction. "
		 "Upgrade plan to create secret rotations.", RW_FIELD_NONE, -1,
		 "bad_request_keeps_error_and_message");
	is_str(e.req_id, "req-1", "bad_request_keeps_req_id");
	ok(rw_api_error_status(&e) == RW_ESERVER, "bad_request_is_a_server_refusal");
	rw_api_error_free(&e);

	body = slurp("error-400-name-conflict.json", &len);
	rw_parse_error(400, body, len, &e);
	error_is(&e, 400, "BadRequest", "A Secret Rotation with the name \"billing-api-secret\" "
		 "already exists at the secret path \"/azure/billing\"", RW_FIELD_NAME, -1,
		 "name_conflict_points_at_name");
	free(body);
	rw_api_error_free(&e);

	bad_400("The following secrets already exist at the path \\\"/a\\\": AZURE_CLIENT_ID",
		RW_FIELD_MAP_CLIENT_ID, "existing_secrets_point_at_secret_names");

	perr(400, "{\"statusCode\":400,\"message\":\"Secrets mapping keys must be unique. \\\"X, X\\\" "
	     "contains duplicate keys.\",\"error\":\"BadRequest\"}", &e);
	error_is(&e, 400, "BadRequest", "~must be unique", RW_FIELD_MAP_CLIENT_ID, -1,
		 "duplicate_mapping_points_at_secret_names");
	rw_api_error_free(&e);

	perr(400, "{\"statusCode\":400,\"message\":\"Could not find folder with path \\\"/nope\\\" in "
	     "environment \\\"dev\\\" for project with ID \\\"p1\\\"\",\"error\":\"BadRequest\"}", &e);
	error_is(&e, 400, "BadRequest", "~/nope", RW_FIELD_SECRET_PATH, -1,
		 "missing_folder_points_at_secret_path");
	rw_api_error_free(&e);

	perr(400, "{\"statusCode\":400,\"message\":\"Invalid secret path. Only alphanumeric characters, "
	     "dashes, and underscores are allowed.\",\"error\":\"BadRequest\"}", &e);
	error_is(&e, 400, "BadRequest", "~Only alphanumeric", RW_FIELD_SECRET_PATH, -1,
		 "invalid_path_points_at_secret_path");
	rw_api_error_free(&e);

	perr(404, "{\"reqId\":\"r\",\"statusCode\":404,\"message\":\"Could not find App Connection with "
	     "ID 3c90c3cc-0d44-4b50-8888-8dd25736052a\",\"error\":\"NotFound\"}", &e);
	error_is(&e, 404, "NotFound", "~Could not find App Connection", RW_FIELD_CONNECTION, -1,
		 "unknown_connection_404_points_at_connection");
	rw_api_error_free(&e);

	perr(400, "{\"statusCode\":400,\"message\":\"AWS Connection with ID c1 cannot be used to connect "
	     "to Azure Client Secrets\",\"error\":\"BadRequest\"}", &e);
	error_is(&e, 400, "BadRequest", "~cannot be used", RW_FIELD_CONNECTION, -1,
		 "wrong_app_connection_points_at_connection");
	rw_api_error_free(&e);

	perr(400, "{\"statusCode\":400,\"message\":\"Azure does not support token duration over 5 years\","
	     "\"error\":\"BadRequest\"}", &e);
	error_is(&e, 400, "BadRequest", "Azure does not support token duration over 5 years",
		 RW_FIELD_INTERVAL, -1, "azure_duration_points_at_interval");
	rw_api_error_free(&e);

	perr(400, "{\"statusCode\":400,\"message\":\"Failed to add client secret to Azure app abc: "
	     "Insufficient privileges to complete the operation.\",\"error\":\"BadRequest\"}", &e);
	error_is(&e, 400, "BadRequest", "~Insufficient privileges", RW_FIELD_OBJECT_ID, -1,
		 "azure_add_failure_points_at_object_id");
	ok(e.kind == RW_REFUSAL_AZURE_PRIVILEGES,
	   "azure_insufficient_privileges_is_its_own_kind_of_refusal");
	rw_api_error_free(&e);

	/* Graph's other refusals inside the same wrapping are not about permissions. */
	perr(400, "{\"statusCode\":400,\"message\":\"Failed to add client secret to Azure app abc: "
	     "Resource 'abc' does not exist or one of its queried reference-property objects are "
	     "not present.\",\"error\":\"BadRequest\"}", &e);
	ok(e.kind == RW_REFUSAL_OTHER && e.field == RW_FIELD_OBJECT_ID,
	   "azure_unknown_app_is_about_the_object_id_not_permissions");
	rw_api_error_free(&e);

	perr(400, "{\"statusCode\":400,\"message\":\"A Secret Rotation with the name \\\"x\\\" is being "
	     "deleted\",\"error\":\"BadRequest\"}", &e);
	ok(e.field == RW_FIELD_NONE, "name_text_without_already_exists_points_nowhere");
	rw_api_error_free(&e);

	perr(401, "{\"reqId\":\"r\",\"statusCode\":401,\"message\":\"Token missing\","
	     "\"error\":\"UnauthorizedError\"}", &e);
	error_is(&e, 401, "UnauthorizedError", "Token missing", RW_FIELD_NONE, -1,
		 "unauthorized_token_missing");
	ok(rw_api_error_status(&e) == RW_EAUTH, "unauthorized_is_an_auth_failure");
	rw_api_error_free(&e);

	body = slurp("error-403-permission.json", &len);
	rw_parse_error(403, body, len, &e);
	error_is(&e, 403, "PermissionDenied", "You are not allowed to create on secret-rotation",
		 RW_FIELD_NONE, -1, "permission_denied_with_details");
	ok(rw_api_error_status(&e) == RW_ESERVER, "permission_denied_is_not_a_token_failure");
	free(body);
	rw_api_error_free(&e);

	perr(403, "{\"reqId\":\"r\",\"statusCode\":403,\"message\":\"Your token has expired. Please "
	     "re-authenticate.\",\"error\":\"TokenError\"}", &e);
	error_is(&e, 403, "TokenError", "Your token has expired. Please re-authenticate.",
		 RW_FIELD_NONE, -1, "expired_token_403");
	ok(rw_api_error_status(&e) == RW_EAUTH, "expired_token_403_is_an_auth_failure");
	rw_api_error_free(&e);

	perr(403, "{\"reqId\":\"r\",\"statusCode\":403,\"message\":\"You are not allowed to access this "
	     "resource\",\"error\":\"Forbidden access to https://app.infisical.com/api/v1/"
	     "app-connections/azure-client-secrets/c1/clients\"}", &e);
	error_is(&e, 403, "Forbidden access to https://app.infisical.com/api/v1/app-connections/"
		 "azure-client-secrets/c1/clients", "You are not allowed to access this resource",
		 RW_FIELD_NONE, -1, "forbidden_access_keeps_the_url_in_error");
	ok(rw_api_error_status(&e) == RW_ESERVER, "forbidden_access_is_a_refusal_not_a_bad_token");
	rw_api_error_free(&e);

	perr(404, "{\"reqId\":\"r\",\"statusCode\":404,\"message\":\"Could not find Azure Client Secret "
	     "Rotation with ID \\\"x\\\"\",\"error\":\"NotFound\"}", &e);
	error_is(&e, 404, "NotFound", "Could not find Azure Client Secret Rotation with ID \"x\"",
		 RW_FIELD_NONE, -1, "not_found_rotation");
	rw_api_error_free(&e);

	body = slurp("error-429.json", &len);
	rw_parse_error(429, body, len, &e);
	error_is(&e, 429, "RateLimitExceeded", "Rate limit exceeded. Please try again in 42 seconds",
		 RW_FIELD_NONE, 42, "rate_limit_gives_retry_after");
	free(body);
	rw_api_error_free(&e);

	perr(429, "{\"statusCode\":429,\"error\":\"RateLimitExceeded\",\"message\":\"Rate limit "
	     "exceeded. Please try again in 1 minute\"}", &e);
	ok(e.retry_after == 60, "rate_limit_in_minutes_becomes_seconds");
	rw_api_error_free(&e);

	perr(429, "{\"statusCode\":429,\"error\":\"RateLimitExceeded\",\"message\":\"Rate limit "
	     "exceeded. Please try again in 99999999999999999999 seconds\"}", &e);
	ok(e.retry_after == -1, "absurd_retry_after_is_unknown");
	rw_api_error_free(&e);

	perr(429, "{\"statusCode\":429,\"error\":\"RateLimitExceeded\",\"message\":\"Slow down\"}", &e);
	ok(e.retry_after == -1, "rate_limit_without_a_number_is_unknown");
	rw_api_error_free(&e);

	perr(400, "{\"statusCode\":400,\"error\":\"BadRequest\",\"message\":\"Please try again in 5 "
	     "seconds\"}", &e);
	ok(e.retry_after == -1, "retry_text_outside_a_429_is_ignored");
	rw_api_error_free(&e);

	perr(500, "{\"reqId\":\"r\",\"statusCode\":500,\"message\":\"Something went wrong\","
	     "\"error\":\"InternalServerError\"}", &e);
	error_is(&e, 500, "InternalServerError", "Something went wrong", RW_FIELD_NONE, -1,
		 "internal_server_error");
	ok(rw_api_error_status(&e) == RW_ESERVER, "internal_server_error_is_a_server_refusal");
	rw_api_error_free(&e);
}

static void
test_validation_failures(void)
{
	struct rw_api_error e;
	char many[8192];
	char *body, *p;
	size_t len;
	int i;

	body = slurp("error-422-validation.json", &len);
	rw_parse_error(422, body, len, &e);
	error_is(&e, 422, "ValidationFailure", "rotateAtUtc.hours: Number must be less than or "
		 "equal to 23; parameters.objectId: Object ID Required", RW_FIELD_HOURS, -1,
		 "validation_issues_are_joined_and_hours_path_mapped");
	is_str(e.req_id, "req-7fQ2kLmN", "validation_failure_keeps_req_id");
	free(body);
	rw_api_error_free(&e);

	perr(422, "{\"statusCode\":422,\"error\":\"ValidationFailure\",\"message\":[{\"code\":"
	     "\"too_small\",\"message\":\"Object ID Required\",\"path\":[\"parameters\",\"objectId\"]}]}",
	     &e);
	error_is(&e, 422, "ValidationFailure", "parameters.objectId: Object ID Required",
		 RW_FIELD_OBJECT_ID, -1, "validation_parameters_path_maps_to_object_id");
	rw_api_error_free(&e);

	perr(422, "{\"statusCode\":422,\"error\":\"ValidationFailure\",\"message\":[{\"code\":"
	     "\"custom\",\"message\":\"Secret name cannot contain colon or forward slash.\",\"path\":"
	     "[\"secretsMapping\",\"clientSecret\"]}]}", &e);
	ok(e.field == RW_FIELD_MAP_CLIENT_SECRET, "validation_mapping_path_maps_to_client_secret_name");
	rw_api_error_free(&e);

	perr(422, "{\"error\":\"ValidationFailure\",\"message\":[{\"message\":\"name field can only "
	     "contain lowercase letters, numbers, and hyphens\",\"path\":[\"name\"]}]}", &e);
	ok(e.field == RW_FIELD_NAME, "validation_name_path_maps_to_name");
	rw_api_error_free(&e);

	perr(422, "{\"error\":\"ValidationFailure\",\"message\":[{\"message\":\"Unrecognized\","
	     "\"path\":[\"bogus\"]},{\"message\":\"Number must be greater than or equal to 1\","
	     "\"path\":[\"rotationInterval\"]}]}", &e);
	ok(e.field == RW_FIELD_INTERVAL, "validation_first_known_path_wins_over_unknown_ones");
	rw_api_error_free(&e);

	perr(422, "{\"error\":\"ValidationFailure\",\"message\":[{\"message\":\"Expected object\","
	     "\"path\":[\"rotateAtUtc\"]},{\"message\":\"Too big\",\"path\":[\"rotateAtUtc\","
	     "\"minutes\"]},{\"message\":\"x\",\"path\":[\"name\"]}]}", &e);
	ok(e.field == RW_FIELD_MINUTES, "validation_first_mapped_issue_sets_field_not_a_later_one");
	rw_api_error_free(&e);

	perr(422, "{\"error\":\"ValidationFailure\",\"message\":[7,null,\"plain text issue\","
	     "{\"message\":5,\"path\":\"name\"},{\"path\":[\"secrets\",0,{},\"secretKey\"],"
	     "\"message\":\"Required\"}]}", &e);
	is_str(e.message, "plain text issue; invalid value; secrets.0.secretKey: Required",
	       "validation_issues_of_odd_shapes_do_not_crash");
	ok(e.field == RW_FIELD_NONE, "validation_path_that_is_not_an_array_maps_nothing");
	rw_api_error_free(&e);

	perr(422, "{\"error\":\"ValidationFailure\",\"message\":[]}", &e);
	error_is(&e, 422, "ValidationFailure",
		 "the server answered HTTP 422 with ValidationFailure but no message",
		 RW_FIELD_NONE, -1, "validation_with_no_issues_still_has_a_message");
	rw_api_error_free(&e);

	p = many + sprintf(many, "{\"error\":\"ValidationFailure\",\"message\":[");
	for (i = 0; i < 50; i++)
		p += sprintf(p, "%s{\"message\":\"m%d\",\"path\":[\"k%d\"]}", i ? "," : "", i, i);
	strcpy(p, "]}");
	perr(422, many, &e);
	ok(e.message && strstr(e.message, "k19: m19; and 30 more") && !strstr(e.message, "k20"),
	   "validation_lists_twenty_issues_and_counts_the_rest");
	rw_api_error_free(&e);

	perr(422, "{\"error\":\"ValidationFailure\",\"message\":\"name: Required\"}", &e);
	error_is(&e, 422, "ValidationFailure", "name: Required", RW_FIELD_NONE, -1,
		 "validation_message_as_plain_string_is_kept");
	rw_api_error_free(&e);
}

static void
test_error_free(void)
{
	struct rw_api_error e;

	rw_api_error_free(NULL);
	perr(401, "{\"error\":\"UnauthorizedError\",\"message\":\"Token missing\",\"reqId\":\"r\"}", &e);
	rw_api_error_free(&e);
	ok(!e.error && !e.message && !e.req_id && e.http_status == 0 &&
	   e.field == RW_FIELD_NONE && e.retry_after == -1, "error_free_leaves_an_empty_error");
	rw_api_error_free(&e);
	ok(1, "error_free_twice_is_harmless");
	ok(rw_api_error_status(NULL) == RW_ENET, "error_status_of_null_is_no_answer");
}

/* ---- success replies ---- */

static void
test_every_parser_refuses_junk(void)
{
	static const char *const junk[] = {
		"", "null", "[]", "\"text\"", "{}", "<html>502</html>", "{\"a\":", "{}{}",
	};
	size_t i;
	int good = 1;

	for (i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		const char *b = junk[i];
		size_t n = strlen(b);
		struct rw_login l;
		struct rw_project_list pl;
		struct rw_folder_list fl;
		struct rw_connection_list cl;
		struct rw_azure_app_list al;
		struct rw_name_list nl;
		struct rw_rotation r;
		struct rw_rotation_list rl;
		struct rw_generated g;

		memset(&l, 0xa5, sizeof(l));
		memset(&r, 0xa5, sizeof(r));
		good &= rw_parse_login(b, n, &l) == RW_EPROTO && all_zero(&l, sizeof(l));
		good &= rw_parse_projects(b, n, &pl) == RW_EPROTO && all_zero(&pl, sizeof(pl));
		good &= rw_parse_folders(b, n, &fl) == RW_EPROTO && all_zero(&fl, sizeof(fl));
		good &= rw_parse_connections(b, n, &cl) == RW_EPROTO && all_zero(&cl, sizeof(cl));
		good &= rw_parse_azure_apps(b, n, &al) == RW_EPROTO && all_zero(&al, sizeof(al));
		good &= rw_parse_secret_names(b, n, &nl) == RW_EPROTO && all_zero(&nl, sizeof(nl));
		good &= rw_parse_rotation(b, n, &r) == RW_EPROTO && all_zero(&r, sizeof(r));
		good &= rw_parse_rotation_list(b, n, &rl) == RW_EPROTO && all_zero(&rl, sizeof(rl));
		good &= rw_parse_generated(b, n, &g) == RW_EPROTO && all_zero(&g, sizeof(g));
		if (!good) {
			diag("accepted or left data for \"%s\"", b);
			break;
		}
	}
	ok(good, "every_parser_refuses_junk_and_leaves_a_zeroed_struct");
	{
		struct rw_project_list pl;

		ok(rw_parse_projects(NULL, 10, &pl) == RW_EPROTO, "null_body_is_refused");
	}
}

static void
test_free_functions_are_null_safe(void)
{
	struct rw_login l;
	struct rw_rotation r;
	struct rw_generated g;

	rw_login_free(NULL);
	rw_project_list_free(NULL);
	rw_folder_list_free(NULL);
	rw_connection_list_free(NULL);
	rw_azure_app_list_free(NULL);
	rw_name_list_free(NULL);
	rw_rotation_free(NULL);
	rw_rotation_list_free(NULL);
	rw_generated_free(NULL);
	memset(&l, 0, sizeof(l));
	memset(&r, 0, sizeof(r));
	memset(&g, 0, sizeof(g));
	rw_login_free(&l);
	rw_rotation_free(&r);
	rw_generated_free(&g);
	ok(all_zero(&l, sizeof(l)) && all_zero(&r, sizeof(r)) && all_zero(&g, sizeof(g)),
	   "free_functions_accept_null_and_zeroed_structs");
}

static void
test_login(void)
{
	struct rw_login l;
	char *body;
	size_t len;
	const char *s;

	body = slurp("login.json", &len);
	ok(rw_parse_login(body, len, &l) == RW_OK, "login_reply_parses");
	is_str(l.access_token, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZGVudGl0eUlkIjoidGVzdCJ9."
	       "c2lnbmF0dXJl", "login_keeps_the_access_token");
	ok(l.expires_in == 2592000, "login_keeps_expires_in");
	rw_login_free(&l);
	ok(all_zero(&l, sizeof(l)), "login_free_clears_the_struct");
	free(body);

	s = "{\"expiresIn\":10}";
	ok(rw_parse_login(s, strlen(s), &l) == RW_EPROTO && !l.access_token,
	   "login_without_token_is_refused");
	s = "{\"accessToken\":12345,\"expiresIn\":10}";
	ok(rw_parse_login(s, strlen(s), &l) == RW_EPROTO, "login_token_of_wrong_type_is_refused");
	s = "{\"accessToken\":\"\",\"expiresIn\":10}";
	ok(rw_parse_login(s, strlen(s), &l) == RW_EPROTO, "login_empty_token_is_refused");
	s = "{\"accessToken\":\"t\",\"expiresIn\":-1}";
	ok(rw_parse_login(s, strlen(s), &l) == RW_EPROTO && all_zero(&l, sizeof(l)),
	   "login_negative_expiry_is_refused_and_token_dropped");
	s = "{\"accessToken\":\"t\",\"expiresIn\":1e300}";
	ok(rw_parse_login(s, strlen(s), &l) == RW_EPROTO, "login_huge_expiry_is_refused");
	s = "{\"accessToken\":\"t\",\"expiresIn\":1.5}";
	ok(rw_parse_login(s, strlen(s), &l) == RW_EPROTO, "login_fractional_expiry_is_refused");
}

static void
test_projects_folders_connections_apps(void)
{
	struct rw_project_list pl;
	struct rw_folder_list fl;
	struct rw_connection_list cl;
	struct rw_azure_app_list al;
	char *body;
	size_t len;
	const char *s;

	body = slurp("projects.json", &len);
	ok(rw_parse_projects(body, len, &pl) == RW_OK && pl.count == 2, "projects_reply_parses");
	ok(pl.count == 2 && strcmp(pl.items[0].id, "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f") == 0 &&
	   strcmp(pl.items[0].name, "Billing") == 0 && strcmp(pl.items[0].slug, "billing-x7k2") == 0 &&
	   pl.items[0].environment_count == 3 &&
	   strcmp(pl.items[0].environments[2].slug, "prod") == 0 &&
	   strcmp(pl.items[0].environments[2].name, "Production") == 0 &&
	   strcmp(pl.items[0].environments[0].id, "f1a2b3c4-d5e6-4f7a-8b9c-0d1e2f3a4b5c") == 0,
	   "projects_carry_their_environments");
	ok(pl.count == 2 && pl.items[1].environment_count == 0 && !pl.items[1].environments,
	   "project_without_environments_has_none");
	rw_project_list_free(&pl);
	free(body);

	s = "{\"projects\":[{\"id\":\"p\",\"name\":\"n\",\"environments\":[{\"name\":\"Dev\"}]}]}";
	ok(rw_parse_projects(s, strlen(s), &pl) == RW_EPROTO && all_zero(&pl, sizeof(pl)),
	   "environment_without_slug_is_refused");
	s = "{\"projects\":{\"id\":\"p\"}}";
	ok(rw_parse_projects(s, strlen(s), &pl) == RW_EPROTO, "projects_that_are_not_a_list_are_refused");
	s = "{\"projects\":[]}";
	ok(rw_parse_projects(s, strlen(s), &pl) == RW_OK && pl.count == 0 && !pl.items,
	   "empty_project_list_is_fine");

	body = slurp("folders.json", &len);
	ok(rw_parse_folders(body, len, &fl) == RW_OK && fl.count == 2 &&
	   strcmp(fl.items[0].name, "billing") == 0 && strcmp(fl.items[1].name, "reports") == 0 &&
	   strcmp(fl.items[1].id, "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e") == 0,
	   "folders_reply_parses");
	rw_folder_list_free(&fl);
	free(body);
	s = "{\"folders\":[{\"id\":\"f1\",\"name\":\"a\"},{\"id\":\"f2\"}]}";
	ok(rw_parse_folders(s, strlen(s), &fl) == RW_EPROTO && all_zero(&fl, sizeof(fl)),
	   "folder_without_name_is_refused_and_nothing_leaks");

	body = slurp("connections-available.json", &len);
	ok(rw_parse_connections(body, len, &cl) == RW_OK && cl.count == 2 &&
	   strcmp(cl.items[1].id, "4da1d4dd-1e55-4c61-9999-9ee36847163b") == 0 &&
	   strcmp(cl.items[1].name, "azure-billing-project") == 0 &&
	   strcmp(cl.items[0].app, "azure-client-secrets") == 0, "available_connections_parse");
	rw_connection_list_free(&cl);
	free(body);
	s = "{\"appConnections\":[{\"id\":[\"x\"],\"name\":\"n\"}]}";
	ok(rw_parse_connections(s, strlen(s), &cl) == RW_EPROTO,
	   "connection_id_of_wrong_type_is_refused");

	body = slurp("azure-clients.json", &len);
	ok(rw_parse_azure_apps(body, len, &al) == RW_OK && al.count == 3 &&
	   strcmp(al.items[0].object_id, "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") == 0 &&
	   strcmp(al.items[0].client_id, "11112222-3333-4444-8555-666677778888") == 0 &&
	   strcmp(al.items[0].name, "Billing API") == 0 &&
	   strcmp(al.items[2].name, "\xc3\x9c" "n\xc3\xaf" "c\xc3\xb8" "d\xc3\xa9 app \xe2\x9c\x93") == 0,
	   "azure_apps_map_id_name_and_app_id");
	rw_azure_app_list_free(&al);
	free(body);
	s = "{\"clients\":[{\"id\":\"o\",\"name\":null,\"appId\":\"c\"},"
	    "{\"id\":\"o2\",\"appId\":\"c2\"}]}";
	ok(rw_parse_azure_apps(s, strlen(s), &al) == RW_OK && al.count == 2 && !al.items[0].name &&
	   !al.items[1].name, "azure_app_without_name_is_tolerated");
	rw_azure_app_list_free(&al);
	s = "{\"clients\":[{\"id\":\"o\",\"name\":\"n\"}]}";
	ok(rw_parse_azure_apps(s, strlen(s), &al) == RW_EPROTO, "azure_app_without_app_id_is_refused");

	/*
	 * A large tenant (issue 14): 100,000 apps in the real server's shape
	 * are about 12 MB in one reply, which the cap and the item limit must
	 * take with room: 120,000 here.
	 */
	{
		struct strbuf sb = STRBUF_INIT;
		size_t k;

		strbuf_puts(&sb, "{\"clients\":[");
		for (k = 0; k < 120000; k++)
			strbuf_printf(&sb, "%s{\"id\":\"5ca1e004-5ca1-4e00-8004-%012zx\",\"name\":"
				      "\"Scale App %06zu\",\"appId\":\"5ca1e005-5ca1-4e00-8005-%012zx\"}",
				      k ? "," : "", k, k + 1, k);
		strbuf_puts(&sb, "]}");
		ok(sb.len > 13000000 && (size_t) RW_RESPONSE_MAX_BYTES >= 4 * sb.len,
		   "the_cap_holds_a_120000_app_reply_four_times_over");
		ok(rw_parse_azure_apps(strbuf_str(&sb), sb.len, &al) == RW_OK && al.count == 120000 &&
		   strcmp(al.items[119999].name, "Scale App 120000") == 0,
		   "a_120000_app_reply_parses_whole");
		rw_azure_app_list_free(&al);
		strbuf_free(&sb);
	}
}

static void
test_secret_names(void)
{
	struct rw_name_list nl;
	char *body;
	size_t len, i, n;
	const char *s;
	int leaked = 0;

	body = slurp("secrets-v4.json", &len);
	ok(rw_parse_secret_names(body, len, &nl) == RW_OK && nl.count == 2 &&
	   strcmp(nl.items[0], "DATABASE_URL") == 0 && strcmp(nl.items[1], "AZURE_CLIENT_ID") == 0,
	   "secret_names_are_collected");
	ok(rw_name_list_has(&nl, "AZURE_CLIENT_ID"), "name_list_finds_a_listed_name");
	ok(!rw_name_list_has(&nl, "azure_client_id") && !rw_name_list_has(&nl, "AZURE_CLIENT"),
	   "name_list_matches_whole_names_and_case");
	ok(!rw_name_list_has(NULL, "X") && !rw_name_list_has(&nl, NULL),
	   "name_list_lookup_takes_null");
	rw_name_list_free(&nl);
	free(body);

	s = "{\"secrets\":[{\"secretKey\":\"K\",\"secretValue\":\"TOPSECRET\"}]}";
	ok(rw_parse_secret_names(s, strlen(s), &nl) == RW_OK && nl.count == 1,
	   "names_parse_with_values_present");
	for (i = 0; i < nl.count; i++)
		leaked |= strstr(nl.items[i], "TOPSECRET") != NULL;
	ok(!leaked && strcmp(nl.items[0], "K") == 0, "secret_values_are_never_collected");
	rw_name_list_free(&nl);

	/* A raw NUL would cut the name short in C: "AB" is not the key the server has. */
	ok(rw_parse_secret_names("{\"secrets\":[{\"secretKey\":\"AB\0CD\"}]}", 35, &nl) ==
	   RW_EPROTO, "raw_nul_byte_in_a_name_is_refused");
	ok(rw_parse_secret_names("{\"secrets\":[{\"secretKey\":\"AB\\u0000CD\"}]}", 40, &nl) ==
	   RW_EPROTO, "escaped_nul_in_a_name_is_refused");

	s = "{\"secrets\":[{\"secretValue\":\"v\"}]}";
	ok(rw_parse_secret_names(s, strlen(s), &nl) == RW_EPROTO, "secret_without_key_is_refused");

	/* The list bound: 100000 entries are read, one more is refused. */
	n = 100001;
	body = malloc(32 + n * 18);
	len = (size_t) sprintf(body, "{\"secrets\":[");
	for (i = 0; i < n - 1; i++)
		len += (size_t) sprintf(body + len, "%s{\"secretKey\":\"K\"}", i ? "," : "");
	strcpy(body + len, "]}");
	ok(rw_parse_secret_names(body, len + 2, &nl) == RW_OK && nl.count == 100000,
	   "hundred_thousand_names_are_read");
	rw_name_list_free(&nl);
	len += (size_t) sprintf(body + len, ",{\"secretKey\":\"K\"}]}");
	ok(rw_parse_secret_names(body, len, &nl) == RW_EPROTO && all_zero(&nl, sizeof(nl)),
	   "more_than_hundred_thousand_names_are_refused");
	free(body);
}

static void
test_rotation(void)
{
	struct rw_rotation r;
	char *body, *big;
	size_t len;

	body = slurp("rotation-created.json", &len);
	ok(rw_parse_rotation(body, len, &r) == RW_OK, "created_rotation_parses");
	is_str(r.id, "5b2c7e0a-2f0d-4d8e-9f43-1c4e2a7b9d10", "rotation_id");
	is_str(r.name, "billing-api-secret", "rotation_name");
	ok(r.description == NULL, "null_description_is_null");
	is_str(r.type, "azure-client-secret", "rotation_type");
	is_str(r.project_id, "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "rotation_project_id");
	ok(strcmp(r.connection_id, "3c90c3cc-0d44-4b50-8888-8dd25736052a") == 0 &&
	   strcmp(r.connection_name, "azure-prod") == 0, "rotation_connection_id_and_name");
	ok(strcmp(r.environment_slug, "prod") == 0 && strcmp(r.environment_name, "Production") == 0,
	   "rotation_environment_slug_and_name");
	is_str(r.folder_path, "/azure/billing", "rotation_folder_path");
	ok(strcmp(r.object_id, "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") == 0 &&
	   strcmp(r.client_id, "11112222-3333-4444-8555-666677778888") == 0 &&
	   strcmp(r.app_name, "Billing API") == 0, "rotation_parameters");
	ok(strcmp(r.map_client_id, "AZURE_CLIENT_ID") == 0 &&
	   strcmp(r.map_client_secret, "AZURE_CLIENT_SECRET") == 0, "rotation_secrets_mapping");
	ok(r.auto_rotation == 1 && r.interval_days == 30 && r.hours == 3 && r.minutes == 45 &&
	   r.active_index == 0, "rotation_schedule");
	ok(strcmp(r.rotation_status, "success") == 0 &&
	   strcmp(r.created_at, "2026-03-02T10:15:30.123Z") == 0 &&
	   strcmp(r.next_rotation_at, "2026-04-02T03:45:00.000Z") == 0 &&
	   strcmp(r.last_rotated_at, "2026-03-02T10:15:30.123Z") == 0 && r.last_message == NULL,
	   "rotation_status_and_times");
	rw_rotation_free(&r);
	ok(all_zero(&r, sizeof(r)), "rotation_free_clears_the_struct");
	free(body);

	ok(rotation_variant("\"nextRotationAt\"", "\"nextRotationAt\": null,", &r) == RW_OK &&
	   r.next_rotation_at == NULL, "null_next_rotation_is_tolerated");
	rw_rotation_free(&r);
	ok(rotation_variant("\"appName\"", "", &r) == RW_OK && r.app_name == NULL &&
	   r.object_id && r.client_id, "missing_app_name_is_tolerated");
	rw_rotation_free(&r);
	ok(rotation_variant("\"rotateAtUtc\"", "", &r) == RW_OK && r.hours == 0 && r.minutes == 0,
	   "missing_rotate_at_means_midnight");
	rw_rotation_free(&r);
	ok(rotation_variant("\"rotateAtUtc\"", "\"rotateAtUtc\": { \"hours\": 24, \"minutes\": 0 },",
			    &r) == RW_EPROTO && all_zero(&r, sizeof(r)), "hours_24_is_refused");
	ok(rotation_variant("\"rotateAtUtc\"", "\"rotateAtUtc\": { \"hours\": 7.5, \"minutes\": 0 },",
			    &r) == RW_EPROTO, "fractional_hours_are_refused");
	ok(rotation_variant("\"rotateAtUtc\"", "\"rotateAtUtc\": { \"hours\": 1, \"minutes\": 60 },",
			    &r) == RW_EPROTO, "minutes_60_are_refused");
	ok(rotation_variant("\"rotationInterval\"", "\"rotationInterval\": \"30\",", &r) == RW_EPROTO,
	   "interval_as_string_is_refused");
	ok(rotation_variant("\"isAutoRotationEnabled\"", "\"isAutoRotationEnabled\": \"true\",", &r) ==
	   RW_EPROTO, "auto_rotation_as_string_is_refused");
	ok(rotation_variant("\"id\": \"5b2c", "", &r) == RW_EPROTO, "rotation_without_id_is_refused");
	ok(rotation_variant("\"clientId\": \"1111", "\"appName\": \"x\"", &r) == RW_EPROTO,
	   "azure_rotation_without_client_id_is_refused");
	ok(rotation_variant("\"connection\": {", "\"connection\": \"azure-prod\", \"x\": {", &r) ==
	   RW_EPROTO, "connection_that_is_not_an_object_is_refused");
	ok(rotation_variant("\"activeIndex\"", "\"activeIndex\": 2,", &r) == RW_EPROTO,
	   "active_index_2_is_refused");

	big = malloc(70 * 1024 + 64);
	len = (size_t) sprintf(big, "\"description\": \"");
	memset(big + len, 'd', 70 * 1024);
	strcpy(big + len + 70 * 1024, "\",");
	ok(rotation_variant("\"description\"", big, &r) == RW_EPROTO,
	   "string_over_64_kib_is_refused");
	free(big);

	body = slurp("rotation-created.json", &len);
	ok(rw_parse_rotation(body, len - 10, &r) == RW_EPROTO, "truncated_rotation_is_refused");
	free(body);

	ok(rw_parse_rotation("{\"secretRotations\":[]}", 22, &r) == RW_EPROTO,
	   "rotation_without_its_wrapper_is_refused");
}

static void
test_rotation_list(void)
{
	struct rw_rotation_list rl;
	char *body, *bad;
	size_t len;
	const char *s;

	body = slurp("rotation-list.json", &len);
	ok(rw_parse_rotation_list(body, len, &rl) == RW_OK && rl.count == 2, "rotation_list_parses");
	ok(rl.count == 2 && strcmp(rl.items[0].description, "Billing API service principal") == 0 &&
	   rl.items[0].active_index == 1 && rl.items[1].auto_rotation == 0 &&
	   rl.items[1].next_rotation_at == NULL && rl.items[1].app_name == NULL &&
	   rl.items[1].hours == 23 && rl.items[1].minutes == 59 && rl.items[1].interval_days == 90 &&
	   strcmp(rl.items[1].rotation_status, "failed") == 0 &&
	   strstr(rl.items[1].last_message, "Insufficient privileges") &&
	   strcmp(rl.items[1].folder_path, "/") == 0, "rotation_list_items_keep_their_own_values");
	rw_rotation_list_free(&rl);

	/* A bad second item spoils the list; the first one's strings must not leak. */
	bad = strdup(body);
	memcpy(strstr(bad, "\"rotationInterval\": 90"), "\"rotationInterval\": -9", 22);
	ok(rw_parse_rotation_list(bad, strlen(bad), &rl) == RW_EPROTO && all_zero(&rl, sizeof(rl)),
	   "one_bad_rotation_spoils_the_list_and_nothing_leaks");
	free(bad);
	free(body);

	s = "{\"secretRotations\":[]}";
	ok(rw_parse_rotation_list(s, strlen(s), &rl) == RW_OK && rl.count == 0,
	   "empty_rotation_list_is_fine");
	s = "{\"secretRotations\":[null]}";
	ok(rw_parse_rotation_list(s, strlen(s), &rl) == RW_EPROTO, "null_rotation_in_list_is_refused");
}

/* True when any string of g contains needle. */
static int
generated_holds(const struct rw_generated *g, const char *needle)
{
	int i;

	for (i = 0; i < 2; i++)
		if ((g->key_id[i] && strstr(g->key_id[i], needle)) ||
		    (g->client_id[i] && strstr(g->client_id[i], needle)))
			return 1;
	return 0;
}

static void
test_generated(void)
{
	struct rw_generated g;
	char *body;
	size_t len;
	const char *s;

	body = slurp("generated-credentials.json", &len);
	ok(rw_parse_generated(body, len, &g) == RW_OK && g.count == 2 && g.active_index == 1,
	   "generated_credentials_parse");
	ok(strcmp(g.key_id[0], "aaaa1111-bbbb-4ccc-8ddd-eeeeffff0000") == 0 &&
	   strcmp(g.key_id[1], "bbbb2222-cccc-4ddd-8eee-ffff00001111") == 0 &&
	   strcmp(g.client_id[1], "11112222-3333-4444-8555-666677778888") == 0,
	   "generated_keeps_key_ids_and_client_ids");
	ok(!generated_holds(&g, "SECRET-VALUE") && !generated_holds(&g, "Zq8~"),
	   "generated_keeps_the_client_secret_out_of_the_ids");
	ok(g.client_secret[1] && g.client_secret[0] &&
	   (strstr(g.client_secret[0], "SECRET-VALUE") || strstr(g.client_secret[0], "Zq8~") ||
	    strstr(g.client_secret[1], "SECRET-VALUE") || strstr(g.client_secret[1], "Zq8~")),
	   "generated_keeps_the_client_secret_apart_for_a_reveal");
	rw_generated_free(&g);
	ok(all_zero(&g, sizeof(g)), "generated_free_clears_the_struct");
	free(body);

	s = "{\"generatedCredentials\":[{\"clientId\":\"c\",\"keyId\":\"k\"}],\"activeIndex\":0}";
	ok(rw_parse_generated(s, strlen(s), &g) == RW_OK && g.count == 1 && !g.key_id[1],
	   "one_generated_credential_is_fine");
	rw_generated_free(&g);
	s = "{\"generatedCredentials\":[{\"clientId\":\"c\",\"keyId\":\"k\"}],\"activeIndex\":1}";
	ok(rw_parse_generated(s, strlen(s), &g) == RW_EPROTO, "active_index_past_the_list_is_refused");
	s = "{\"generatedCredentials\":[{\"clientId\":\"c\",\"keyId\":\"k\"},{\"clientId\":\"c\","
	    "\"keyId\":\"k\"},{\"clientId\":\"c\",\"keyId\":\"k\"}],\"activeIndex\":0}";
	ok(rw_parse_generated(s, strlen(s), &g) == RW_EPROTO, "three_generated_credentials_are_refused");
	s = "{\"generatedCredentials\":[],\"activeIndex\":0}";
	ok(rw_parse_generated(s, strlen(s), &g) == RW_EPROTO, "no_generated_credentials_are_refused");
	s = "{\"generatedCredentials\":[{\"clientId\":\"c\",\"keyId\":\"k\"},{\"clientId\":\"c\","
	    "\"clientSecret\":\"s\"}],\"activeIndex\":0}";
	ok(rw_parse_generated(s, strlen(s), &g) == RW_EPROTO && all_zero(&g, sizeof(g)),
	   "generated_without_key_id_is_refused_and_nothing_leaks");
}

/*
 * Decision 30: a tenant's apps are read a slice at a time, an entry at a
 * time.  What it takes and refuses must be what one parse of the whole
 * body would: the object walked by hand is where a mistake would hide.
 */
static void
test_apps_in_slices(void)
{
	static const struct {
		const char *body;
		enum rw_status want;
		size_t count;
	} cases[] = {
		{ "{\"clients\":[]}", RW_OK, 0 },
		{ " \n{\"a\":{\"b\":[1,{\"c\":\"]}\\\"\"}]},\"clients\":[{\"id\":\"o\",\"appId\":\"c\"}],"
		  "\"z\":null} \n", RW_OK, 1 },
		{ "{\"clients\":[{\"id\":\"o\",\"appId\":\"c\"}],\"clients\":5}", RW_OK, 1 },
		{ "{\"client\\u0073\":[{\"id\":\"o\",\"appId\":\"c\"},{\"id\":\"p\",\"appId\":\"d\"}]}",
		  RW_OK, 2 },
		{ "{\"clients\" : [ {\"id\":\"o\",\"appId\":\"c\"} , {\"id\":\"p\",\"appId\":\"d\"} ] }",
		  RW_OK, 2 },
		{ "{}", RW_EPROTO, 0 },
		{ "{\"other\":[]}", RW_EPROTO, 0 },
		{ "[{\"clients\":[]}]", RW_EPROTO, 0 },
		{ "{\"clients\":null}", RW_EPROTO, 0 },
		{ "{\"clients\":{}}", RW_EPROTO, 0 },
		{ "{\"clients\":[1]}", RW_EPROTO, 0 },
		{ "{\"clients\":[{\"id\":\"o\",\"appId\":\"c\"},]}", RW_EPROTO, 0 },
		{ "{\"clients\":[,{\"id\":\"o\",\"appId\":\"c\"}]}", RW_EPROTO, 0 },
		{ "{\"clients\":[{\"id\":\"o\",\"appId\":\"c\"}]", RW_EPROTO, 0 },
		{ "{\"clients\":[{\"id\":\"o\",\"appId\":\"c\"}]}x", RW_EPROTO, 0 },
		{ "{\"clients\":[{\"id\":\"o\",\"appId\":\"c\"}]}{}", RW_EPROTO, 0 },
		{ "{\"clients\":[{\"id\":\"o\",\"appId\":\"c\"}],}", RW_EPROTO, 0 },
		{ "{,\"clients\":[]}", RW_EPROTO, 0 },
		{ "{\"clients\" []}", RW_EPROTO, 0 },
		{ "{clients:[]}", RW_EPROTO, 0 },
		{ "{\"x\":\"a\\u0000b\",\"clients\":[]}", RW_EPROTO, 0 },
		{ "{\"clients\":[],\"x\":\"a\\u0000b\"}", RW_EPROTO, 0 },
		{ "{\"clients\":[{\"id\":\"o\",\"appId\":\"c\",\"v\":\"\\u0000\"}]}", RW_EPROTO, 0 },
		{ "{\"clients\":[{\"id\":\"\",\"appId\":\"c\"}]}", RW_EPROTO, 0 },
		{ "{\"clients\":[{\"id\":\"o\",\"appId\":\"c\"}]} garbage", RW_EPROTO, 0 },
	};
	struct rw_azure_app_list al;
	struct rw_apps_parse *p;
	struct strbuf sb = STRBUF_INIT;
	size_t i, slices;
	int good = 1;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum rw_status st = rw_parse_azure_apps(cases[i].body, strlen(cases[i].body), &al);

		if (st != cases[i].want || al.count != cases[i].count ||
		    (st != RW_OK && !all_zero(&al, sizeof(al)))) {
			diag("\"%s\": status %d, %zu apps", cases[i].body, (int) st, al.count);
			good = 0;
		}
		rw_azure_app_list_free(&al);
	}
	ok(good, "apps_walk_takes_and_refuses_what_one_whole_parse_would");
	{
		static const char raw_nul[] = "{\"clients\":[{\"id\":\"o\0x\",\"appId\":\"c\"}]}";

		ok(rw_parse_azure_apps(raw_nul, sizeof(raw_nul) - 1, &al) == RW_EPROTO,
		   "apps_with_a_raw_nul_are_refused");
	}

	/* 5,000 apps with a member before and after: many slices, the same list. */
	strbuf_puts(&sb, "{\"before\":{\"n\":[1,2,{\"k\":\"v\"}]},\"clients\":[");
	for (i = 0; i < 5000; i++)
		strbuf_printf(&sb, "%s{\"id\":\"obj-%05zu\",\"name\":\"app %05zu\",\"appId\":\"cli-%05zu\"}",
			       i ? "," : "", i, i, i);
	strbuf_puts(&sb, "],\"after\":\"x\"}");
	ok(rw_apps_parse_begin(sb.data, sb.len, &p) == RW_OK, "a_sliced_parse_begins");
	for (slices = 1; !rw_apps_parse_run(p, 0); slices++)
		;
	ok(rw_apps_parse_end(&p, &al) == RW_OK && !p && al.count == 5000 &&
	   strcmp(al.items[0].object_id, "obj-00000") == 0 &&
	   strcmp(al.items[4999].name, "app 04999") == 0 &&
	   strcmp(al.items[4999].client_id, "cli-04999") == 0, "slices_give_every_app_in_order");
	ok(slices > 10, "a_zero_budget_stops_every_few_entries");
	diag("5,000 apps in %zu slices", slices);
	rw_azure_app_list_free(&al);

	/* Stopped half-way (a cancel, quitting): everything goes, nothing is handed over. */
	ok(rw_apps_parse_begin(sb.data, sb.len, &p) == RW_OK && !rw_apps_parse_run(p, 0) &&
	   rw_apps_parse_end(&p, &al) == RW_EPROTO && !p && all_zero(&al, sizeof(al)),
	   "a_parse_ended_half_way_frees_what_it_read");
	/* A body cut in the middle of an entry, after many were read. */
	ok(rw_apps_parse_begin(sb.data, sb.len / 2, &p) == RW_OK && rw_apps_parse_run(p, -1) &&
	   rw_apps_parse_end(&p, &al) == RW_EPROTO && all_zero(&al, sizeof(al)),
	   "a_body_cut_short_after_thousands_of_apps_is_refused");
	al.count = 7;
	ok(rw_apps_parse_end(&p, &al) == RW_EPROTO && al.count == 0, "ending_no_parse_says_so");
	strbuf_free(&sb);
}

int
main(void)
{
	test_broken_error_bodies();
	test_error_texts();
	test_error_shapes();
	test_real_server_errors();
	test_request_ids();
	test_validation_failures();
	test_error_free();
	test_every_parser_refuses_junk();
	test_free_functions_are_null_safe();
	test_login();
	test_projects_folders_connections_apps();
	test_apps_in_slices();
	test_secret_names();
	test_rotation();
	test_rotation_list();
	test_generated();
	return done_testing();
}
