#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libcore/report.h"
#include "tests/tap.h"

/* The structs hold char *; the literals here are never written to. */
#define S(text) ((char *) (text))

static int
has(const char *haystack, const char *needle)
{
	return haystack && strstr(haystack, needle) != NULL;
}

/* A "--flag" in text (the " -- " before a fix is not one). */
static int
names_flag(const char *text)
{
	const char *p = text;

	while (p && (p = strstr(p, "--"))) {
		if (p[2] >= 'a' && p[2] <= 'z')
			return 1;
		p += 2;
	}
	return 0;
}

static time_t
utc(int year, int mon, int day, int hour, int min, int sec)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	return timegm(&tm);
}

static void
test_parse_time(void)
{
	static const char *const refused[] = {
		"", "garbage", "2026-11-28", "2026-11-28T00:00:00", "2026-02-31T00:00:00Z",
		"2026-11-28T24:00:00Z", "2026-13-01T00:00:00Z", "2026-11-28T00:00:00.Z",
		"2026-11-28T00:00:00Zjunk", "2026-11-28T00:00:00+0100", "20261128T000000Z",
		"2026-11-28T00:00:00+25:00",
	};
	time_t t = 0;
	size_t i;

	ok(report_parse_time(NULL, &t) < 0, "null_time_is_refused");
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		ok(report_parse_time(refused[i], &t) < 0, "time_%s_is_refused",
		   refused[i][0] ? refused[i] : "empty");
	ok(report_parse_time("2026-11-28T00:00:00.000Z", &t) == 0 &&
	   t == utc(2026, 11, 28, 0, 0, 0), "server_time_with_millis_parses");
	ok(report_parse_time("2026-11-28T07:05:09Z", &t) == 0 &&
	   t == utc(2026, 11, 28, 7, 5, 9), "time_without_fraction_parses");
	ok(report_parse_time("2026-11-28T01:00:00+01:00", &t) == 0 &&
	   t == utc(2026, 11, 28, 0, 0, 0), "positive_offset_is_taken_off");
	ok(report_parse_time("2026-11-27T23:30:00.5-00:30", &t) == 0 &&
	   t == utc(2026, 11, 28, 0, 0, 0), "negative_offset_is_added");
	ok(report_parse_time("2028-02-29T00:00:00Z", &t) == 0, "leap_day_parses");
}

static void
fill(struct rw_rotation *r)
{
	memset(r, 0, sizeof(*r));
	r->id = S("2f0a9c1e-0000-4000-8000-000000000001");
	r->name = S("azure-app-secret");
	r->description = NULL;
	r->type = S("azure-client-secret");
	r->project_id = S("proj-1");
	r->connection_id = S("3d1f7a52-8c6b-4e0f-9a2d-5b7e1c9f4a10");
	r->connection_name = S("azure-main");
	r->environment_slug = S("prod");
	r->environment_name = S("Production");
	r->folder_path = S("/azure");
	r->object_id = S("0b8c2f4e-1d3a-4c5b-8e7f-9a0b1c2d3e4f");
	r->client_id = S("7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3921");
	r->app_name = S("Billing API");
	r->map_client_id = S("BILLING_CLIENT_ID");
	r->map_client_secret = S("BILLING_CLIENT_SECRET");
	r->rotation_status = S("success");
	r->created_at = S("2026-10-29T12:00:01.000Z");
	r->next_rotation_at = S("2026-11-28T07:05:00.000Z");
	r->last_rotated_at = S("2026-10-29T12:00:01.000Z");
	r->auto_rotation = 1;
	r->interval_days = 30;
	r->hours = 7;
	r->minutes = 5;
}

static void
test_summary(void)
{
	struct rw_rotation r;
	char *text, *line;

	fill(&r);
	text = report_summary(&r);
	ok(text != NULL, "summary_is_made");
	ok(has(text, "azure-app-secret") && has(text, r.id) && has(text, "success") &&
	   has(text, "azure-main") && has(text, "Production (prod)") && has(text, "/azure") &&
	   has(text, "BILLING_CLIENT_ID") && has(text, "BILLING_CLIENT_SECRET"),
	   "summary_names_name_id_status_connection_environment_folder_secrets");
	ok(has(text, "every 30 days at 07:05 UTC"), "summary_states_interval_and_time");
	ok(has(text, "2026-11-28 07:05 UTC (local time 2026-11-28 07:05 UTC)"),
	   "summary_states_next_rotation_in_utc_and_local");
	ok(has(text, "2026-10-29 12:00 UTC"), "summary_states_created_at");
	ok(text && text[strlen(text) - 1] != '\n', "summary_has_no_trailing_newline");
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		diag("%s", line);
	free(text);

	{
		/* A failed first rotation's message is shown whole, however long (decision 15). */
		char said[1201];

		memset(said, 'y', sizeof(said) - 1);
		memcpy(said + sizeof(said) - 5, " end", 5);
		r.rotation_status = S("failed");
		r.last_message = said;
		text = report_summary(&r);
		ok(has(text, said), "a_long_rotation_message_is_in_the_summary_whole");
		free(text);
		r.rotation_status = S("success");
		r.last_message = NULL;
	}

	r.name = S("evil\x1b[2Jname");
	r.auto_rotation = 0;
	r.next_rotation_at = NULL;
	r.interval_days = 1;
	text = report_summary(&r);
	ok(text && !strchr(text, '\x1b') && has(text, "evil\\x1b[2Jname"),
	   "summary_escapes_control_characters_from_the_server");
	ok(has(text, "none (auto-rotation is off)") && has(text, "every 1 day at"),
	   "summary_without_auto_rotation_says_so");
	free(text);

	memset(&r, 0, sizeof(r));
	text = report_summary(&r);
	ok(text != NULL, "summary_of_an_empty_rotation_does_not_crash");
	free(text);

	fill(&r);
	r.created_at = S("yesterday");
	text = report_summary(&r);
	ok(has(text, "yesterday"), "summary_shows_an_unreadable_time_as_given");
	free(text);
}

static const char *
str_at(const cJSON *root, const char *a, const char *b, const char *c)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, a);

	if (b)
		item = cJSON_GetObjectItemCaseSensitive(item, b);
	if (c)
		item = cJSON_GetObjectItemCaseSensitive(item, c);
	return cJSON_IsString(item) ? item->valuestring : NULL;
}

static void
test_rotation_json(void)
{
	struct rw_rotation r;
	cJSON *root, *rot;
	char *text;

	fill(&r);
	text = rw_rotation_json(&r);
	root = text ? cJSON_Parse(text) : NULL;
	rot = cJSON_GetObjectItemCaseSensitive(root, "secretRotation");
	ok(cJSON_IsObject(rot), "json_has_the_server_wrapper");
	is_str(str_at(rot, "id", NULL, NULL), r.id, "json_id");
	is_str(str_at(rot, "name", NULL, NULL), r.name, "json_name");
	ok(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(rot, "description")),
	   "json_null_description_stays_null");
	is_str(str_at(rot, "environment", "slug", NULL), "prod", "json_environment_slug");
	is_str(str_at(rot, "folder", "path", NULL), "/azure", "json_folder_path");
	is_str(str_at(rot, "secretsMapping", "clientSecret", NULL), "BILLING_CLIENT_SECRET",
	       "json_mapping");
	is_str(str_at(rot, "parameters", "objectId", NULL), r.object_id, "json_object_id");
	ok(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(rot, "rotationInterval")) == 30 &&
	   cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(
		   cJSON_GetObjectItemCaseSensitive(rot, "rotateAtUtc"), "minutes")) == 5,
	   "json_numbers_are_numbers");
	ok(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rot, "isAutoRotationEnabled")),
	   "json_bool_is_bool");
	is_str(str_at(rot, "nextRotationAt", NULL, NULL), r.next_rotation_at,
	       "json_next_rotation_as_the_server_wrote_it");
	cJSON_Delete(root);
	free(text);
}

/* "MM-DD-YYYY" of now in UTC, as Infisical names the client secret it adds. */
static void
utc_date(char *buf, size_t bufsz)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, bufsz, "%m-%d-%Y", &tm);
}

/*
 * A 500 on create: the real server's database failure after Azure issued
 * a secret (doc/api.md s.13, items 1 and 2).  Not "try again later": the
 * rotation was not made, and the secret Azure may hold is named with how
 * to remove it, in both styles.
 */
static void
test_create_500(struct rw_result *r, const char *base, struct rw_answers *answers)
{
	char line[1024], want[128], before[16], after[16];
	int style;

	rw_answers_set(answers, RW_FIELD_OBJECT_ID, "607e495a-aa5b-4896-9125-08d1a22c504c");
	r->error.http_status = 500;
	r->error.message = S("Something went wrong");
	for (style = REPORT_CLI; style <= REPORT_WIZARD; style++) {
		utc_date(before, sizeof(before));
		report_failure(r, base, answers, (enum report_style) style, line, sizeof(line));
		utc_date(after, sizeof(after));
		snprintf(want, sizeof(want), "\"Infisical Rotated Secret (%s)\"", before);
		if (!has(line, want))
			snprintf(want, sizeof(want), "\"Infisical Rotated Secret (%s)\"", after);
		ok(has(line, "the server failed (500 Internal Server Error): Something went wrong;") &&
		   has(line, "the rotation \"my-rotation\" was not created") &&
		   has(line, "Azure may now hold an extra client secret named") && has(line, want) &&
		   has(line, "object ID 607e495a-aa5b-4896-9125-08d1a22c504c") &&
		   has(line, "App registrations > the app > Certificates & secrets") &&
		   has(line, "az ad app credential list --id 607e495a-aa5b-4896-9125-08d1a22c504c") &&
		   has(line, "az ad app credential delete --id 607e495a-aa5b-4896-9125-08d1a22c504c "
		       "--key-id <keyId>") &&
		   !has(line, "try again later") && !strchr(line, '\n'),
		   "create_500_says_not_created_and_how_to_remove_the_azure_secret_%s",
		   style == REPORT_CLI ? "cli" : "wizard");
		if (style == REPORT_CLI)
			diag("%s", line);
	}
	rw_answers_set(answers, RW_FIELD_OBJECT_ID, NULL);
	report_failure(r, base, answers, REPORT_CLI, line, sizeof(line));
	ok(has(line, "object ID <objectId>") && has(line, "--id <objectId>"),
	   "create_500_without_an_object_id_shows_the_placeholder");
	report_failure(r, base, NULL, REPORT_CLI, line, sizeof(line));
	ok(has(line, "; the rotation was not created"), "create_500_without_answers_names_no_rotation");
	rw_answers_set(answers, RW_FIELD_OBJECT_ID, "607e495a-aa5b-4896-9125-08d1a22c504c");
	r->error.http_status = 503;
	report_failure(r, base, answers, REPORT_CLI, line, sizeof(line));
	ok(!has(line, "Azure may now hold"), "create_503_is_not_told_as_a_database_failure");
	r->error.http_status = 500;
}

/* The stock self-hosted server's plan check (doc/api.md s.13, item 4). */
static void
test_plan_restriction(struct rw_result *r, const char *base, struct rw_answers *answers)
{
	char line[1024];

	r->error.http_status = 400;
	r->error.kind = RW_REFUSAL_PLAN;
	r->error.message = S("Failed to create secret rotation due to plan restriction. "
			     "Upgrade plan to create secret rotations.");
	report_failure(r, base, answers, REPORT_CLI, line, sizeof(line));
	ok(has(line, "this Infisical instance's plan does not include secret rotation") &&
	   has(line, "a self-hosted Infisical needs a licence that includes secret rotation") &&
	   has(line, "https://infisical.com/pricing") && has(line, "(HTTP 400)") &&
	   has(line, "due to plan restriction") && !strchr(line, '\n'),
	   "plan_restriction_says_the_plan_lacks_rotation_and_where_to_get_it");
	diag("%s", line);
	r->kind = RW_CALL_LIST;
	report_failure(r, base, answers, REPORT_WIZARD, line, sizeof(line));
	ok(has(line, "plan does not include secret rotation"), "plan_restriction_on_a_list_too");
	r->kind = RW_CALL_CREATE;
	r->error.kind = RW_REFUSAL_OTHER;
}

/* Every server error ends with its request id, for support; kept whole when space is short. */
#define ID_TAIL " (request id: req-UsL7LKSTfo3BIt)"
static void
test_request_id(struct rw_result *r, const char *base, struct rw_answers *answers)
{
	char line[1024], small[200];
	size_t n;

	r->error.http_status = 400;
	r->error.message = S("Could not find App Connection with ID x");
	r->error.req_id = S("req-UsL7LKSTfo3BIt");
	report_failure(r, base, answers, REPORT_CLI, line, sizeof(line));
	n = strlen(line);
	ok(n > strlen(ID_TAIL) && strcmp(line + n - strlen(ID_TAIL), ID_TAIL) == 0,
	   "server_refusal_ends_with_its_request_id");
	r->error.http_status = 500;
	report_failure(r, base, answers, REPORT_WIZARD, small, sizeof(small));
	n = strlen(small);
	ok(n < sizeof(small) && n > strlen(ID_TAIL) &&
	   strcmp(small + n - strlen(ID_TAIL), ID_TAIL) == 0,
	   "request_id_survives_a_message_cut_to_fit");
	r->status = RW_EAUTH;
	r->error.http_status = 403;
	report_failure(r, base, answers, REPORT_CLI, line, sizeof(line));
	ok(has(line, "(request id: req-UsL7LKSTfo3BIt)"), "auth_refusal_shows_its_request_id");
	r->status = RW_ESERVER;
	r->error.req_id = NULL;
	report_failure(r, base, answers, REPORT_CLI, line, sizeof(line));
	ok(!has(line, "request id"), "no_request_id_when_the_server_sent_none");
	r->error.http_status = 400;
}

/*
 * Azure's "Insufficient privileges" (Graph's Authorization_RequestDenied,
 * wrapped by the server as "Failed to add client secret to Azure app ...")
 * is not a wrong Object ID: the connection's own app lacks a Microsoft
 * Graph permission.  The fix names them and where they are granted.
 */
static void
test_azure_privileges(struct rw_result *r, const char *base, struct rw_answers *answers)
{
	char line[2048];
	int style;

	r->error.http_status = 400;
	r->error.kind = RW_REFUSAL_AZURE_PRIVILEGES;
	r->error.field = RW_FIELD_OBJECT_ID;
	r->error.message = S("Failed to add client secret to Azure app f903695a-233e-405e-9480-"
			     "34d9c384bd99: Insufficient privileges to complete the operation.");
	for (style = REPORT_CLI; style <= REPORT_WIZARD; style++) {
		report_failure(r, base, answers, (enum report_style) style, line, sizeof(line));
		ok(has(line, "Insufficient privileges to complete the operation. (HTTP 400)") &&
		   has(line, "Microsoft Graph") && has(line, "Application.ReadWrite.All") &&
		   has(line, "Application.ReadWrite.OwnedBy") && has(line, "Grant admin consent") &&
		   has(line, "API permissions") &&
		   has(line, "https://infisical.com/docs/integrations/app-connections/azure-client-secrets") &&
		   !has(line, "Object ID field") && !has(line, "check --object-id") &&
		   !strchr(line, '\n'),
		   "insufficient_privileges_names_the_graph_permissions_and_admin_consent_%s",
		   style == REPORT_CLI ? "cli" : "wizard");
		if (style == REPORT_CLI) {
			ok(has(line, "--connection"), "insufficient_privileges_cli_offers_another_connection");
			diag("%s", line);
		} else {
			ok(!names_flag(line), "insufficient_privileges_wizard_names_no_flag");
		}
	}
	r->error.kind = RW_REFUSAL_OTHER;
	r->error.field = RW_FIELD_NONE;
}

/* A 5xx is the server failing, not refusing (decision 15), in every call. */
static void
test_server_failed(struct rw_result *r, const char *base, struct rw_answers *answers)
{
	static const struct { long status; const char *words; } fails[] = {
		{ 500, "the server failed (500 Internal Server Error): Something went wrong" },
		{ 502, "the server failed (502 Bad Gateway): Something went wrong" },
		{ 503, "the server failed (503 Service Unavailable): Something went wrong" },
		{ 504, "the server failed (504 Gateway Timeout): Something went wrong" },
		{ 507, "the server failed (HTTP 507): Something went wrong" },
	};
	enum rw_call_kind kind = r->kind;
	char line[2048];
	size_t i;

	r->error.message = S("Something went wrong");
	r->error.field = RW_FIELD_NONE;
	for (i = 0; i < sizeof(fails) / sizeof(fails[0]); i++) {
		r->kind = RW_CALL_AZURE_APPS;
		r->error.http_status = fails[i].status;
		report_failure(r, base, answers, REPORT_WIZARD, line, sizeof(line));
		ok(has(line, fails[i].words) && !has(line, "refused"),
		   "http_%ld_of_a_lookup_says_the_server_failed", fails[i].status);
		r->kind = RW_CALL_CREATE;
		report_failure(r, base, answers, REPORT_CLI, line, sizeof(line));
		ok(has(line, fails[i].words) && !has(line, "refused"),
		   "http_%ld_of_the_create_says_the_server_failed", fails[i].status);
	}
	r->kind = kind;
	r->error.http_status = 400;
}

/*
 * Long server text is kept whole (decision 15): the reason, the fix and
 * the request id all reach the user; when a caller's buffer is too small
 * it is the server's text that is shortened, never the fix or the id.
 */
static void
test_long_message(struct rw_result *r, const char *base, struct rw_answers *answers)
{
	char said[1601], line[4096], small[400];
	size_t n;

	memset(said, 'x', sizeof(said) - 1);
	memcpy(said, "Issues: ", 8);
	memcpy(said + sizeof(said) - 5, " end", 4);
	said[sizeof(said) - 1] = '\0';
	r->error.http_status = 400;
	r->error.message = said;
	r->error.field = RW_FIELD_NAME;
	r->error.req_id = S("req-UsL7LKSTfo3BIt");
	report_failure(r, base, answers, REPORT_CLI, line, sizeof(line));
	ok(has(line, said) && has(line, "-- check --name") &&
	   has(line, "(request id: req-UsL7LKSTfo3BIt)"),
	   "a_long_server_message_is_kept_whole_with_fix_and_request_id");
	report_failure(r, base, answers, REPORT_CLI, small, sizeof(small));
	n = strlen(small);
	ok(n < sizeof(small) && has(small, "Issues: xxx") && has(small, "-- check --name") &&
	   has(small, "(request id: req-UsL7LKSTfo3BIt)"),
	   "a_short_buffer_cuts_the_server_text_and_keeps_fix_and_request_id");
	r->error.req_id = NULL;
	r->error.field = RW_FIELD_NONE;
	r->error.message = NULL;
}

static void
test_failures(void)
{
	const char *base = "http://127.0.0.1:9/api";
	struct rw_answers answers;
	struct rw_result r;
	char line[1024];

	rw_answers_init(&answers);
	rw_answers_set(&answers, RW_FIELD_NAME, "my-rotation");

	memset(&r, 0, sizeof(r));
	r.kind = RW_CALL_PROJECTS;
	r.status = RW_ENET;
	r.error.message = S("could not connect to 127.0.0.1 port 9: Connection refused");
	r.error.field = RW_FIELD_NONE;
	report_failure(&r, base, NULL, REPORT_CLI, line, sizeof(line));
	is_str(line, "could not connect to 127.0.0.1 port 9: Connection refused -- is the "
	       "server URL http://127.0.0.1:9/api right? (--domain / INFISICAL_DOMAIN)",
	       "network_failure_names_url_and_fix");
	r.error.message = NULL;
	report_failure(&r, base, NULL, REPORT_CLI, line, sizeof(line));
	ok(has(line, "could not reach the server -- is the server URL"),
	   "network_failure_without_words_uses_the_status_message");

	r.status = RW_ETIMEOUT;
	r.error.message = S("no answer from 127.0.0.1 port 9 within 500 ms");
	report_failure(&r, base, NULL, REPORT_CLI, line, sizeof(line));
	ok(has(line, "within 500 ms -- try again later") && has(line, "ROTWIZ_TIMEOUT_MS"),
	   "timeout_names_the_knob");

	r.status = RW_ETLS;
	r.error.message = S("self-signed certificate");
	report_failure(&r, "https://vault.example/api", NULL, REPORT_CLI, line, sizeof(line));
	ok(has(line, "--cacert"), "tls_failure_points_at_cacert");

	r.status = RW_EAUTH;
	r.error.http_status = 401;
	r.error.message = S("Token missing");
	report_failure(&r, base, NULL, REPORT_CLI, line, sizeof(line));
	ok(has(line, "Token missing (HTTP 401)") && has(line, "INFISICAL_TOKEN"),
	   "auth_failure_names_the_token_sources");
	report_failure(&r, base, NULL, REPORT_WIZARD, line, sizeof(line));
	ok(!names_flag(line) && has(line, "access token"), "wizard_style_names_no_flags");
	r.kind = RW_CALL_LOGIN;
	report_failure(&r, base, NULL, REPORT_CLI, line, sizeof(line));
	ok(has(line, "Universal Auth") && has(line, "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"),
	   "login_failure_names_the_pair");

	r.kind = RW_CALL_CREATE;
	r.status = RW_ESERVER;
	r.error.http_status = 400;
	r.error.field = RW_FIELD_NAME;
	r.error.message = S("A Secret Rotation with the name \"x\" already exists at the secret path \"/\"");
	report_failure(&r, base, &answers, REPORT_CLI, line, sizeof(line));
	is_str(line, "the server refused: A Secret Rotation with the name \"x\" already exists at "
	       "the secret path \"/\" (HTTP 400) -- choose another --name", "name_conflict_line");
	report_failure(&r, base, &answers, REPORT_WIZARD, line, sizeof(line));
	ok(has(line, "choose another name") && !names_flag(line),
	   "name_conflict_in_wizard_names_the_field");

	r.error.field = RW_FIELD_NONE;
	r.error.message = S("The following secrets already exist at the path \"/\": AZURE_CLIENT_ID");
	report_failure(&r, base, &answers, REPORT_CLI, line, sizeof(line));
	ok(has(line, "--map-client-id") && has(line, "--map-client-secret"),
	   "mapping_conflict_points_at_the_mapping_flags");

	r.error.http_status = 429;
	r.error.retry_after = 12;
	r.error.message = S("Rate limit exceeded. Please try again in 12 seconds");
	report_failure(&r, base, &answers, REPORT_CLI, line, sizeof(line));
	ok(has(line, "wait 12 seconds"), "rate_limit_says_how_long_to_wait");

	r.kind = RW_CALL_PROJECTS;
	r.error.http_status = 500;
	r.error.message = S("Something went wrong\nsecond line\x1b[31m");
	report_failure(&r, base, &answers, REPORT_CLI, line, sizeof(line));
	ok(!strchr(line, '\n') && !strchr(line, '\x1b') && has(line, "try again later"),
	   "server_failure_of_a_lookup_is_one_clean_line");
	r.kind = RW_CALL_CREATE;
	test_create_500(&r, base, &answers);
	test_plan_restriction(&r, base, &answers);
	test_request_id(&r, base, &answers);
	test_azure_privileges(&r, base, &answers);
	test_server_failed(&r, base, &answers);
	test_long_message(&r, base, &answers);

	r.status = RW_EPROTO;
	r.error.http_status = 200;
	r.error.message = S("the reply is not JSON");
	report_failure(&r, base, &answers, REPORT_CLI, line, sizeof(line));
	ok(has(line, "could not be understood") && has(line, base), "garbage_reply_line");

	r.status = RW_ETIMEOUT;
	r.error.http_status = 0;
	r.error.message = S("Timeout was reached");
	r.outcome_checked = 1;
	report_failure(&r, base, &answers, REPORT_CLI, line, sizeof(line));
	ok(has(line, "my-rotation") && has(line, "not created") && has(line, "safe to try again"),
	   "unknown_outcome_checked_says_not_created_and_retryable");

	r.outcome_checked = 0;
	r.outcome_unknown = 1;
	report_failure(&r, base, &answers, REPORT_CLI, line, sizeof(line));
	ok(has(line, "outcome unknown: could not look it up: ") &&
	   has(line, "rotation \"my-rotation\" may have been made") &&
	   has(line, "look for it in Infisical before trying again"),
	   "unknown_outcome_unchecked_says_to_look_first");
	r.lookup_cause = S("GET http://x/rotation-name/my-rotation answered HTTP 503");
	report_failure(&r, base, &answers, REPORT_WIZARD, line, sizeof(line));
	ok(has(line, "could not look it up: GET http://x/rotation-name/my-rotation answered HTTP 503") &&
	   has(line, "trying again looks it up by name first"),
	   "unknown_outcome_names_the_lookups_cause_and_what_a_retry_does");
	r.lookup_cause = NULL;

	r.outcome_unknown = 0;
	r.status = RW_ENET;
	r.error.message = S("could not connect to 127.0.0.1 port 9: Connection refused");
	report_failure(&r, base, &answers, REPORT_CLI, line, sizeof(line));
	ok(has(line, "Connection refused -- is the server URL"),
	   "create_never_sent_is_a_plain_network_failure");

	memset(&r, 0, sizeof(r));
	r.status = RW_ENOMEM;
	report_failure(&r, NULL, NULL, REPORT_CLI, line, sizeof(line));
	is_str(line, "out of memory", "empty_error_falls_back_to_the_status_message");
	rw_answers_free(&answers);
}

static void
test_problems(void)
{
	struct rw_problems problems;
	char buf[2048];
	FILE *fp = tmpfile();
	size_t n;

	memset(&problems, 0, sizeof(problems));
	rw_problems_add(&problems, RW_FIELD_INTERVAL, "Interval (days): must be 1 to 909, got \"0\"");
	rw_problems_add(&problems, RW_FIELD_HOURS, "Rotate at (UTC): bad (--rotate-at)");
	rw_problems_add(&problems, RW_FIELD_NONE, "file.json: broken");
	report_problems(fp, &problems);
	rewind(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	is_str(buf, "rotwiz: Interval (days): must be 1 to 909, got \"0\" (--interval)\n"
	       "rotwiz: Rotate at (UTC): bad (--rotate-at)\n"
	       "rotwiz: file.json: broken\n", "problems_one_line_each_with_their_flag");
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	test_parse_time();
	test_summary();
	test_rotation_json();
	test_failures();
	test_problems();
	return done_testing();
}
