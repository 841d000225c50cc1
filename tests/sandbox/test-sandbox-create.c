#include "config.h"

/*
 * POST /api/v2/secret-rotations/azure-client-secret as the real server
 * answers it (doc/api.md s.1, s.2, s.4): every zod issue at once as a
 * 422, then the service's checks in the service's order, then the rotation,
 * its two secrets and its generated credentials.  The clock is frozen at
 * 2025-01-15T10:30:00.000Z so that dates are exact.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sandbox/client.h"
#include "tests/tap.h"

#define NOW "2025-01-15T10:30:00.000Z"

static int serial;

/* Posts a create body built from defaults; `overrides` replaces top-level keys. */
static void
create_as(const struct sbc_server *s, const char *token, const char *name, const char *overrides,
	  struct sbc_reply *r)
{
	struct sbc_options o = { .token = token };
	char *body = sbc_create_body(name, overrides);

	o.body = body;
	sbc_request(s, "POST", ROT_PATH, &o, r);
	free(body);
}

static void
create(const struct sbc_server *s, const char *name, const char *overrides, struct sbc_reply *r)
{
	create_as(s, USER_TOKEN, name, overrides, r);
}

/* Overrides that give the secrets fresh names, so that successful creates never collide. */
static const char *
fresh(const char *more)
{
	static char text[1024];

	serial++;
	snprintf(text, sizeof(text), "{\"secretsMapping\":{\"clientId\":\"ID_%d\",\"clientSecret\":\"SECRET_%d\"}%s%s}",
		 serial, serial, more ? "," : "", more ? more : "");
	return text;
}

/*
 * A create whose serialised body has each NUL_HERE replaced by the escape
 * \u0000 (the body helper's cJSON would end the string there).
 */
static void
create_with_nul(const struct sbc_server *s, const char *name, const char *overrides,
		struct sbc_reply *r)
{
	struct sbc_options o = { .token = USER_TOKEN };
	char *body = sbc_create_body(name, overrides), *out, *p, *q;

	out = malloc(strlen(body) * 2 + 1);
	for (p = body, q = out; *p;) {
		if (strncmp(p, "NUL_HERE", 8) == 0) {
			memcpy(q, "\\u0000", 6);
			q += 6;
			p += 8;
		} else {
			*q++ = *p++;
		}
	}
	*q = '\0';
	o.body = out;
	sbc_request(s, "POST", ROT_PATH, &o, r);
	free(out);
	free(body);
}

/* A raw create body, as sent. */
static void
post_raw(const struct sbc_server *s, const char *body, struct sbc_reply *r)
{
	sbc_send(s, "POST", ROT_PATH, body, r);
}

static void
validation(const struct sbc_server *s)
{
	struct sbc_reply r;
	char long_name[80], text[600], desc[300];

	post_raw(s, "[]", &r);
	ok(sbc_issue_is(&r, "", "invalid_type", "Expected object, received array") && sbc_issue_count(&r) == 1,
	   "array_body_is_one_issue_at_the_root");
	sbc_reply_free(&r);

	post_raw(s, "{}", &r);
	ok(sbc_issue_count(&r) == 8 &&
	   sbc_issue_is(&r, "name", "invalid_type", "Required") &&
	   sbc_issue_is(&r, "projectId", "invalid_type", "Required") &&
	   sbc_issue_is(&r, "connectionId", "invalid_type", "Required") &&
	   sbc_issue_is(&r, "environment", "invalid_type", "Required") &&
	   sbc_issue_is(&r, "secretPath", "invalid_type", "Required") &&
	   sbc_issue_is(&r, "rotationInterval", "invalid_type", "Expected number, received nan") &&
	   sbc_issue_is(&r, "parameters", "invalid_type", "Required") &&
	   sbc_issue_is(&r, "secretsMapping", "invalid_type", "Required"),
	   "empty_body_lists_every_required_field");
	sbc_reply_free(&r);

	{
		struct sbc_options o = { .token = USER_TOKEN, .body = "hello", .content_type = "text/plain" };

		sbc_request(s, "POST", ROT_PATH, &o, &r);
		ok(sbc_issue_is(&r, "", "invalid_type", "Expected object, received string"),
		   "text_plain_body_arrives_as_a_string_and_is_422");
		sbc_reply_free(&r);
	}

	memset(long_name, 'a', 65);
	long_name[65] = '\0';
	create(s, long_name, NULL, &r);
	ok(sbc_issue_is(&r, "name", "too_big", "name field must be at most 64 lowercase characters") &&
	   sbc_issue_count(&r) == 1, "name_of_65_is_too_long");
	sbc_reply_free(&r);

	create(s, "", NULL, &r);
	ok(sbc_issue_is(&r, "name", "too_small", "name field must be at least 1 lowercase character"),
	   "empty_name_is_too_short");
	sbc_reply_free(&r);

	create(s, "   ", NULL, &r);
	ok(sbc_issue_is(&r, "name", "too_small", NULL), "blank_name_is_empty_after_trimming");
	sbc_reply_free(&r);

	create(s, "My-Rotation", NULL, &r);
	ok(sbc_issue_is(&r, "name", "custom",
			"name field can only contain lowercase letters, numbers, and hyphens"),
	   "upper_case_name_is_not_a_slug");
	sbc_reply_free(&r);

	create(s, "a--b", NULL, &r);
	ok(sbc_issue_is(&r, "name", "custom", NULL), "double_hyphen_is_not_a_slug");
	sbc_reply_free(&r);

	create(s, "-ab", NULL, &r);
	ok(sbc_issue_is(&r, "name", "custom", NULL), "leading_hyphen_is_not_a_slug");
	sbc_reply_free(&r);

	memset(long_name, 'A', 70);
	long_name[70] = '\0';
	create(s, long_name, NULL, &r);
	ok(sbc_issue_count(&r) == 2 && sbc_issue_is(&r, "name", "too_big", NULL) &&
	   sbc_issue_is(&r, "name", "custom", NULL), "long_upper_case_name_gets_both_issues");
	sbc_reply_free(&r);

	memset(desc, 'd', 257);
	desc[257] = '\0';
	snprintf(text, sizeof(text), "{\"description\":\"%s\"}", desc);
	create(s, "ok-name", text, &r);
	ok(sbc_issue_is(&r, "description", "too_big", "Description cannot exceed 256 characters"),
	   "description_of_257_is_too_long");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"projectId\":\"  \"}", &r);
	ok(sbc_issue_is(&r, "projectId", "too_small", "Project ID required"), "blank_project_id_is_required");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"connectionId\":\"contoso\"}", &r);
	ok(sbc_issue_is(&r, "connectionId", "invalid_string", "Invalid uuid"), "connection_id_must_be_a_uuid");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"environment\":\"Dev\"}", &r);
	ok(sbc_issue_is(&r, "environment", "custom",
			"environment field can only contain lowercase letters, numbers, and hyphens"),
	   "environment_is_a_slug");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"secretPath\":\" \"}", &r);
	ok(sbc_issue_is(&r, "secretPath", "too_small", "Secret path required"), "blank_secret_path_is_required");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"isAutoRotationEnabled\":\"yes\"}", &r);
	ok(sbc_issue_is(&r, "isAutoRotationEnabled", "invalid_type", "Expected boolean, received string"),
	   "auto_rotation_must_be_a_boolean");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"rotationInterval\":0}", &r);
	ok(sbc_issue_is(&r, "rotationInterval", "too_small", "Number must be greater than or equal to 1"),
	   "interval_0_is_too_small");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"rotationInterval\":null}", &r);
	ok(sbc_issue_is(&r, "rotationInterval", "too_small", NULL), "null_interval_coerces_to_0");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"rotationInterval\":\"thirty\"}", &r);
	ok(sbc_issue_is(&r, "rotationInterval", "invalid_type", "Expected number, received nan"),
	   "interval_that_is_no_number_is_nan");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"rotateAtUtc\":{\"hours\":24,\"minutes\":60}}", &r);
	ok(sbc_issue_count(&r) == 2 &&
	   sbc_issue_is(&r, "rotateAtUtc.hours", "too_big", "Number must be less than or equal to 23") &&
	   sbc_issue_is(&r, "rotateAtUtc.minutes", "too_big", "Number must be less than or equal to 59"),
	   "hours_24_and_minutes_60_are_refused_with_their_paths");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"rotateAtUtc\":{\"hours\":\"1\",\"minutes\":-1}}", &r);
	ok(sbc_issue_is(&r, "rotateAtUtc.hours", "invalid_type", "Expected number, received string") &&
	   sbc_issue_is(&r, "rotateAtUtc.minutes", "too_small", "Number must be greater than or equal to 0"),
	   "rotate_at_is_not_coerced");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"rotateAtUtc\":null}", &r);
	ok(sbc_issue_is(&r, "rotateAtUtc", "invalid_type", "Expected object, received null"),
	   "null_rotate_at_is_refused");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"parameters\":{\"objectId\":\" \",\"clientId\":7}}", &r);
	ok(sbc_issue_is(&r, "parameters.objectId", "too_small", "Object ID Required") &&
	   sbc_issue_is(&r, "parameters.clientId", "invalid_type", "Expected string, received number"),
	   "parameters_are_checked_inside");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"parameters\":{\"objectId\":\"x\"}}", &r);
	ok(sbc_issue_is(&r, "parameters.clientId", "invalid_type", "Required"), "client_id_is_required");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"secretsMapping\":{\"clientId\":\"A:B\",\"clientSecret\":\"X/Y\"}}", &r);
	ok(sbc_issue_is(&r, "secretsMapping.clientId", "custom",
			"Secret name cannot contain colon or forward slash.") &&
	   sbc_issue_is(&r, "secretsMapping.clientSecret", "custom", NULL),
	   "secret_names_refuse_colon_and_slash");
	sbc_reply_free(&r);

	create(s, "ok-name", "{\"secretsMapping\":{\"clientId\":\"\",\"clientSecret\":\"S\"}}", &r);
	ok(sbc_issue_is(&r, "secretsMapping.clientId", "too_small",
			"String must contain at least 1 character(s)"), "empty_secret_name_is_refused");
	sbc_reply_free(&r);

	create(s, "Bad Name", "{\"environment\":\"nope\",\"rotationInterval\":0,"
	       "\"rotateAtUtc\":{\"hours\":99,\"minutes\":0},\"secretPath\":\"/missing\"}", &r);
	ok(sbc_issue_count(&r) == 3, "all_issues_come_together_before_any_other_check");
	sbc_reply_free(&r);
}

static void
rules(const struct sbc_server *s, const char *identity)
{
	struct sbc_reply r;
	double orphans;
	char long_text[300];

	create(s, "r1", "{\"secretPath\":\"/api/bad path\"}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"Invalid secret path. Only alphanumeric characters, dashes, and underscores are allowed."),
	   "path_with_a_space_is_400");
	sbc_reply_free(&r);

	create(s, "r1", "{\"secretPath\":\"/nowhere\"}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"Could not find folder with path \"/nowhere\" in environment \"dev\" for project with ID \"" PAYMENTS "\""),
	   "missing_folder_is_400");
	sbc_reply_free(&r);

	create(s, "r1", "{\"environment\":\"qa\"}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"Could not find folder with path \"/workers\" in environment \"qa\" for project with ID \"" PAYMENTS "\""),
	   "unknown_environment_is_a_missing_folder");
	sbc_reply_free(&r);

	create(s, "r1", "{\"projectId\":\"no-such-project\"}", &r);
	ok(sbc_error_is(&r, 404, "NotFound", "Project with no-such-project not found"),
	   "unknown_project_is_404_in_the_permission_checks_words");
	sbc_reply_free(&r);

	create(s, "r1", "{\"projectId\":\"no-such-project\",\"secretPath\":\"/nowhere\"}", &r);
	ok(sbc_error_is(&r, 404, "NotFound", "Project with no-such-project not found"),
	   "project_is_checked_before_the_folder");
	sbc_reply_free(&r);

	create(s, "r1", "{\"projectId\":\"" CERTS "\"}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest", NULL), "certificate_project_is_400");
	sbc_reply_free(&r);

	create(s, "r1", "{\"secretPath\":\"/nowhere\",\"connectionId\":\"00000000-0000-4000-8000-000000000000\"}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest", NULL), "folder_is_checked_before_the_connection");
	sbc_reply_free(&r);

	create(s, "r1", "{\"connectionId\":\"00000000-0000-4000-8000-000000000000\"}", &r);
	ok(sbc_error_is(&r, 404, "NotFound",
			"Could not find App Connection with ID 00000000-0000-4000-8000-000000000000"),
	   "unknown_connection_is_404");
	sbc_reply_free(&r);

	create(s, "r1", "{\"connectionId\":\"" AWS_CONN "\"}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"AWS Connection with ID " AWS_CONN " cannot be used to connect to Azure Client Secrets"),
	   "connection_of_another_app_is_400");
	sbc_reply_free(&r);

	create_as(s, identity, "r1", "{\"connectionId\":\"" FABRIKAM "\"}", &r);
	ok(sbc_error_is(&r, 403, "PermissionDenied", "You are not allowed to connect on app-connections") &&
	   cJSON_IsArray(sbc_at(r.json, "details")),
	   "machine_identity_may_not_connect_to_fabrikam");
	sbc_reply_free(&r);

	create(s, "staging-api-azure", "{\"environment\":\"staging\",\"secretPath\":\"/api\"}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"A Secret Rotation with the name \"staging-api-azure\" already exists at the secret path \"/api\""),
	   "taken_name_is_400");
	sbc_reply_free(&r);

	create(s, "new-name", "{\"secretPath\":\"/api\"}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"The following secrets already exist at the path \"/api\": AZURE_CLIENT_ID"),
	   "existing_client_id_secret_is_400");
	sbc_reply_free(&r);

	create(s, "new-name", "{\"environment\":\"prod\",\"secretPath\":\"/api/\"}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"The following secrets already exist at the path \"/api\": AZURE_CLIENT_ID, AZURE_CLIENT_SECRET"),
	   "both_existing_secrets_are_named");
	sbc_reply_free(&r);

	create(s, "new-name", "{\"secretsMapping\":{\"clientId\":\"SAME\",\"clientSecret\":\"SAME\"}}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"Secrets mapping keys must be unique. \"SAME, SAME\" contains duplicate keys."),
	   "equal_mapping_names_are_400");
	sbc_reply_free(&r);

	create(s, "staging-api-azure", "{\"environment\":\"staging\",\"secretPath\":\"/api\","
	       "\"secretsMapping\":{\"clientId\":\"X\",\"clientSecret\":\"X\"}}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest", "A Secret Rotation with the name \"staging-api-azure\" "
			"already exists at the secret path \"/api\""),
	   "name_is_checked_before_the_mapping");
	sbc_reply_free(&r);

	orphans = sbc_stat(s, "azureClientSecrets");
	create(s, "too-long", fresh("\"rotationInterval\":910"), &r);
	ok(sbc_error_is(&r, 400, "BadRequest", "Azure does not support token duration over 5 years"),
	   "interval_910_is_over_azures_limit");
	sbc_reply_free(&r);
	ok(sbc_stat(s, "azureClientSecrets") == orphans + 1 && sbc_stat(s, "rotations") == 2,
	   "interval_refusal_leaves_an_azure_secret_behind_and_no_rotation");

	create(s, "fraction", fresh("\"rotationInterval\":30.5"), &r);
	ok(sbc_error_is(&r, 500, "Create", "Something went wrong"),
	   "fractional_interval_fails_in_the_database");
	sbc_reply_free(&r);

	/* zod allows 256 characters, the column 255: Postgres refuses after Azure issued its secret. */
	orphans = sbc_stat(s, "azureClientSecrets");
	snprintf(long_text, sizeof(long_text), "\"description\":\"%0256d\"", 0);
	create(s, "described", fresh(long_text), &r);
	ok(sbc_error_is(&r, 500, "Create", "Something went wrong"),
	   "description_of_256_fails_in_the_database");
	sbc_reply_free(&r);
	ok(sbc_stat(s, "azureClientSecrets") == orphans + 1 && sbc_stat(s, "rotations") == 2,
	   "description_refusal_leaves_an_azure_secret_behind_and_no_rotation");

	/* A NUL passes zod where no rule reads it, and Postgres refuses it in text. */
	create_with_nul(s, "nul-description", fresh("\"description\":\"NUL_HERE\""), &r);
	ok(sbc_error_is(&r, 500, "Create", "Something went wrong"), "nul_in_the_description_is_500");
	sbc_reply_free(&r);
	create_with_nul(s, "nul-NUL_HERE", NULL, &r);
	ok(sbc_issue_is(&r, "name", "custom", "name field can only contain lowercase letters, numbers, "
			"and hyphens"), "nul_in_the_name_is_not_a_slug");
	sbc_reply_free(&r);
	create_with_nul(s, "nul-mapping", "{\"secretsMapping\":{\"clientId\":\"A_NUL_HERE\",\"clientSecret\":\"C\"}}", &r);
	ok(sbc_error_is(&r, 500, "secrets_v2: Find", "Something went wrong"),
	   "nul_in_a_mapped_name_fails_the_secret_lookup");
	sbc_reply_free(&r);
	create_with_nul(s, "nul-path", fresh("\"secretPath\":\"/workersNUL_HERE\""), &r);
	ok(sbc_error_is(&r, 400, "BadRequest", "Invalid secret path. Only alphanumeric characters, "
			"dashes, and underscores are allowed."), "nul_in_the_path_is_an_invalid_path");
	sbc_reply_free(&r);
	create_with_nul(s, "nul-object", fresh("\"parameters\":{\"objectId\":\"xNUL_HEREy\",\"clientId\":\"c\"}"), &r);
	ok(sbc_error_is(&r, 400, "BadRequest", NULL) &&
	   r.body && strstr(r.body, "Azure app x\\u0000y: Resource 'x%00y' does not exist"),
	   "nul_in_the_object_id_comes_back_escaped");
	sbc_reply_free(&r);

	create(s, "ghost", fresh("\"parameters\":{\"objectId\":\"11111111-2222-4333-8444-555555555555\","
				 "\"clientId\":\"x\"}"), &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"Failed to add client secret to Azure app 11111111-2222-4333-8444-555555555555: "
			"Resource '11111111-2222-4333-8444-555555555555' does not exist or one of its "
			"queried reference-property objects are not present."),
	   "unknown_object_id_is_azures_404_inside_a_400");
	sbc_reply_free(&r);

	create(s, "swapped", fresh("\"parameters\":{\"objectId\":\"" APP_BILLING_CLIENT "\","
				   "\"clientId\":\"" APP_BILLING_CLIENT "\"}"), &r);
	ok(sbc_error_is(&r, 400, "BadRequest", NULL), "client_id_given_as_object_id_is_refused_by_azure");
	sbc_reply_free(&r);

	create(s, "legacy", fresh("\"parameters\":{\"objectId\":\"" APP_LEGACY_OBJ "\","
				  "\"clientId\":\"" APP_LEGACY_CLIENT "\"}"), &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"Failed to add client secret to Azure app " APP_LEGACY_OBJ
			": Insufficient privileges to complete the operation."),
	   "app_without_privileges_is_400");
	sbc_reply_free(&r);
	ok(sbc_stat(s, "rotations") == 2, "refused_creates_store_nothing");
}

static void
success(const struct sbc_server *s, const char *identity)
{
	struct sbc_reply r, g, sec;
	char path[256], id[64] = "";
	const char *secret;

	create(s, "billing-worker", "{\"description\":\"Billing worker secret\"}", &r);
	ok(r.status == 200 && sbc_json_has(r.json,
		"{\"secretRotation\":{\"name\":\"billing-worker\",\"description\":\"Billing worker secret\","
		"\"type\":\"azure-client-secret\",\"isAutoRotationEnabled\":true,\"activeIndex\":0,"
		"\"folderId\":\"784e7f76-9313-4ba7-969d-c11ced9d2350\",\"connectionId\":\"" CONTOSO "\","
		"\"projectId\":\"" PAYMENTS "\",\"createdAt\":\"" NOW "\",\"updatedAt\":\"" NOW "\","
		"\"rotationInterval\":30,\"rotateAtUtc\":{\"hours\":0,\"minutes\":0},"
		"\"rotationStatus\":\"success\",\"lastRotationAttemptedAt\":\"" NOW "\","
		"\"lastRotatedAt\":\"" NOW "\",\"lastRotationJobId\":null,"
		"\"nextRotationAt\":\"2025-02-15T00:00:00.000Z\",\"isLastRotationManual\":true,"
		"\"lastRotationMessage\":null,"
		"\"connection\":{\"app\":\"azure-client-secrets\",\"name\":\"azure-contoso-prod\",\"id\":\"" CONTOSO "\"},"
		"\"environment\":{\"slug\":\"dev\",\"name\":\"Development\",\"id\":\"fd2227a1-486d-4e3e-9ffd-b21a47282331\"},"
		"\"folder\":{\"id\":\"784e7f76-9313-4ba7-969d-c11ced9d2350\",\"path\":\"/workers\"},"
		"\"parameters\":{\"objectId\":\"" APP_BILLING_OBJ "\",\"appName\":\"Billing Worker\","
		"\"clientId\":\"" APP_BILLING_CLIENT "\"},"
		"\"secretsMapping\":{\"clientId\":\"AZURE_CLIENT_ID\",\"clientSecret\":\"AZURE_CLIENT_SECRET\"}}}"),
	   "create_answers_the_whole_rotation");
	ok(sbc_str(r.json, "secretRotation.id") && strlen(sbc_str(r.json, "secretRotation.id")) == 36,
	   "rotation_gets_a_uuid");
	snprintf(id, sizeof(id), "%s", sbc_str(r.json, "secretRotation.id") ? sbc_str(r.json, "secretRotation.id") : "");
	sbc_reply_free(&r);

	snprintf(path, sizeof(path), ROT_PATH "/%s/generated-credentials", id);
	sbc_get(s, path, &g);
	secret = sbc_str(g.json, "generatedCredentials.0.clientSecret");
	ok(g.status == 200 && cJSON_GetArraySize(sbc_at(g.json, "generatedCredentials")) == 1 &&
	   sbc_json_has(g.json, "{\"activeIndex\":0,\"type\":\"azure-client-secret\","
			"\"generatedCredentials\":[{\"clientId\":\"" APP_BILLING_CLIENT "\"}]}") &&
	   secret && strlen(secret) == 40 && strncmp(secret + 3, "8Q~", 3) == 0 &&
	   sbc_str(g.json, "generatedCredentials.0.keyId") &&
	   strlen(sbc_str(g.json, "generatedCredentials.0.keyId")) == 36,
	   "create_stores_one_azure_shaped_credential_with_a_key_id");

	sbc_get(s, "/api/v4/secrets?projectId=" PAYMENTS "&environment=dev&secretPath=/workers&viewSecretValue=true", &sec);
	ok(sec.status == 200 &&
	   sbc_json_has(sec.json, "{\"secrets\":[{\"secretKey\":\"AZURE_CLIENT_ID\",\"secretValue\":\"" APP_BILLING_CLIENT "\"},"
			"{\"secretKey\":\"AZURE_CLIENT_SECRET\"}]}") &&
	   secret && sbc_str(sec.json, "secrets.1.secretValue") &&
	   strcmp(sbc_str(sec.json, "secrets.1.secretValue"), secret) == 0,
	   "create_writes_both_mapped_secrets_into_the_folder");
	sbc_reply_free(&sec);
	sbc_reply_free(&g);

	create(s, "billing-worker-2", NULL, &r);
	ok(sbc_error_is(&r, 400, "BadRequest", "The following secrets already exist at the path \"/workers\": "
			"AZURE_CLIENT_ID, AZURE_CLIENT_SECRET"),
	   "second_create_with_the_same_names_fails_like_the_real_server");
	sbc_reply_free(&r);

	create(s, "billing-worker", fresh(NULL), &r);
	ok(sbc_error_is(&r, 400, "BadRequest", NULL), "second_create_with_the_same_name_fails");
	sbc_reply_free(&r);

	create(s, "late", fresh("\"rotateAtUtc\":{\"hours\":23,\"minutes\":59}"), &r);
	ok(sbc_json_has(r.json, "{\"secretRotation\":{\"nextRotationAt\":\"2025-02-14T23:59:00.000Z\"}}"),
	   "rotate_time_later_today_needs_no_extra_day");
	sbc_reply_free(&r);

	create(s, "exact", fresh("\"rotateAtUtc\":{\"hours\":10,\"minutes\":30}"), &r);
	ok(sbc_json_has(r.json, "{\"secretRotation\":{\"nextRotationAt\":\"2025-02-15T10:30:00.000Z\"}}"),
	   "rotate_time_equal_to_creation_adds_a_day");
	sbc_reply_free(&r);

	create(s, "minute-later", fresh("\"rotateAtUtc\":{\"hours\":10,\"minutes\":31},\"rotationInterval\":1"), &r);
	ok(sbc_json_has(r.json, "{\"secretRotation\":{\"nextRotationAt\":\"2025-01-16T10:31:00.000Z\"}}"),
	   "one_day_interval_a_minute_ahead_is_tomorrow");
	sbc_reply_free(&r);

	create(s, "manual", fresh("\"isAutoRotationEnabled\":false"), &r);
	ok(sbc_json_has(r.json, "{\"secretRotation\":{\"isAutoRotationEnabled\":false,\"nextRotationAt\":null}}"),
	   "no_auto_rotation_means_no_next_rotation");
	sbc_reply_free(&r);

	create(s, "  trimmed-name ", fresh("\"secretPath\":\"/api/billing/\",\"rotationInterval\":\"7\","
					 "\"description\":null,\"unknownKey\":true,"
					 "\"parameters\":{\"objectId\":\" " APP_PAYMENTS_OBJ " \","
					 "\"clientId\":\"" APP_PAYMENTS_CLIENT "\"}"), &r);
	ok(r.status == 200 && sbc_json_has(r.json,
		"{\"secretRotation\":{\"name\":\"trimmed-name\",\"description\":null,\"rotationInterval\":7,"
		"\"folder\":{\"path\":\"/api/billing\"},\"parameters\":{\"objectId\":\"" APP_PAYMENTS_OBJ "\"}}}") &&
	   !sbc_at(r.json, "secretRotation.parameters.appName") && !sbc_at(r.json, "secretRotation.unknownKey"),
	   "trims_strips_coerces_and_drops_unknown_keys");
	sbc_reply_free(&r);

	create(s, "max-interval", fresh("\"rotationInterval\":909"), &r);
	ok(r.status == 200, "interval_909_is_accepted");
	sbc_reply_free(&r);

	create_as(s, identity, "by-identity", fresh(NULL), &r);
	ok(r.status == 200, "machine_identity_creates_on_contoso");
	sbc_reply_free(&r);

	create(s, "by-user-on-fabrikam", fresh("\"connectionId\":\"" FABRIKAM "\","
	       "\"parameters\":{\"objectId\":\"45dd2a03-224e-4bd4-beb5-5ec5453076b1\","
	       "\"clientId\":\"5d89cd7b-ef46-45b4-b994-a80664853bde\"}"), &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secretRotation\":{\"connection\":{\"name\":\"azure-fabrikam-legacy\"}}}"),
	   "user_creates_on_fabrikam");
	sbc_reply_free(&r);

	create(s, "contoso-app-on-fabrikam", fresh("\"connectionId\":\"" FABRIKAM "\""), &r);
	ok(sbc_error_is(&r, 400, "BadRequest", NULL), "app_of_another_tenant_is_unknown_to_azure");
	sbc_reply_free(&r);
}

int
main(void)
{
	struct sbc_server s;
	struct sbc_options o = {
		.body = "{\"clientId\":\"sandbox-client-id\",\"clientSecret\":\"sandbox-client-secret\"}",
	};
	struct sbc_reply r;
	char identity[1024] = "";

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (sbc_start(&s, (const char *const[]) { "--now", NOW, NULL }) < 0)
		return done_testing();
	sbc_request(&s, "POST", "/api/v1/auth/universal-auth/login", &o, &r);
	snprintf(identity, sizeof(identity), "%s", sbc_str(r.json, "accessToken") ? sbc_str(r.json, "accessToken") : "");
	sbc_reply_free(&r);

	validation(&s);
	rules(&s, identity);
	success(&s, identity);
	ok(sbc_stop(&s), "sandbox_exits_cleanly");
	curl_global_cleanup();
	return done_testing();
}
