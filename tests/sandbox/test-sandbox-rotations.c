#include "config.h"

/*
 * The rest of a rotation's life (doc/api.md s.3): list, get by id and
 * by name, update, rotate now, generated credentials and delete, with the
 * server's state checked through the API itself.  Clock frozen at NOW.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sandbox/client.h"
#include "tests/tap.h"

#define NOW "2025-01-15T10:30:00.000Z"
#define BY_NAME ROT_PATH "/rotation-name/"
#define WHERE "?projectId=" PAYMENTS "&environment=dev&secretPath=/workers"
#define WORKERS_SECRETS "/api/v4/secrets?projectId=" PAYMENTS "&environment=dev&secretPath=/workers&viewSecretValue=true"

static char id[64];
static char path[512];

static const char *
at(const char *suffix)
{
	snprintf(path, sizeof(path), ROT_PATH "/%s%s", id, suffix);
	return path;
}

static int
secret_keys_are(const struct sbc_server *s, const char *want)
{
	struct sbc_reply r;
	const cJSON *item;
	char got[512] = "";
	size_t len = 0;

	sbc_get(s, WORKERS_SECRETS, &r);
	cJSON_ArrayForEach(item, sbc_at(r.json, "secrets"))
		len += (size_t) snprintf(got + len, sizeof(got) - len, "%s%s", len ? "," : "",
					 sbc_str(item, "secretKey"));
	sbc_reply_free(&r);
	if (strcmp(got, want) != 0)
		diag("secrets in dev:/workers: \"%s\", want \"%s\"", got, want);
	return strcmp(got, want) == 0;
}

/* The value of a secret in dev:/workers (static buffer), or "". */
static const char *
secret_value(const struct sbc_server *s, const char *key)
{
	static char value[256];
	struct sbc_reply r;
	const cJSON *item;

	value[0] = '\0';
	sbc_get(s, WORKERS_SECRETS, &r);
	cJSON_ArrayForEach(item, sbc_at(r.json, "secrets"))
		if (sbc_str(item, "secretKey") && strcmp(sbc_str(item, "secretKey"), key) == 0)
			snprintf(value, sizeof(value), "%s", sbc_str(item, "secretValue"));
	sbc_reply_free(&r);
	return value;
}

static void
lookups(const struct sbc_server *s)
{
	struct sbc_reply r;

	sbc_get(s, ROT_PATH, &r);
	ok(sbc_issue_is(&r, "projectId", "invalid_type", "Required"), "list_needs_a_project_id");
	sbc_reply_free(&r);

	sbc_get(s, ROT_PATH "?projectId=", &r);
	ok(sbc_issue_is(&r, "projectId", "too_small", "Project ID required"), "empty_project_id_is_refused");
	sbc_reply_free(&r);

	sbc_get(s, ROT_PATH "?projectId=" PAYMENTS "&projectId=" TOOLS, &r);
	ok(sbc_issue_is(&r, "projectId", "invalid_type", "Expected string, received array"),
	   "repeated_query_parameter_is_an_array");
	sbc_reply_free(&r);

	sbc_get(s, ROT_PATH "?projectId=nope", &r);
	ok(sbc_error_is(&r, 404, "NotFound", "Project with nope not found"), "list_of_unknown_project_is_404");
	sbc_reply_free(&r);

	sbc_get(s, ROT_PATH "/not-a-uuid", &r);
	ok(sbc_issue_is(&r, "rotationId", "invalid_string", "Invalid uuid"), "rotation_id_must_be_a_uuid");
	sbc_reply_free(&r);

	sbc_get(s, ROT_PATH "/00000000-0000-4000-8000-000000000000", &r);
	ok(sbc_error_is(&r, 404, "NotFound",
			"Could not find Azure Client Secret Rotation with ID \"00000000-0000-4000-8000-000000000000\""),
	   "unknown_rotation_is_404");
	sbc_reply_free(&r);

	sbc_get(s, BY_NAME "staging-api-azure", &r);
	ok(sbc_issue_count(&r) == 3 && sbc_issue_is(&r, "projectId", "invalid_type", "Required") &&
	   sbc_issue_is(&r, "secretPath", "invalid_type", "Required") &&
	   sbc_issue_is(&r, "environment", "invalid_type", "Required"),
	   "get_by_name_needs_project_path_and_environment");
	sbc_reply_free(&r);

	sbc_get(s, BY_NAME "staging-api-azure?projectId=" PAYMENTS "&environment=staging&secretPath=/nowhere", &r);
	ok(sbc_error_is(&r, 400, "BadRequest", "Could not find folder with path \"/nowhere\" in environment "
			"\"staging\" for project with ID \"" PAYMENTS "\""),
	   "get_by_name_in_a_missing_folder_is_400");
	sbc_reply_free(&r);

	sbc_get(s, BY_NAME "nobody?projectId=" PAYMENTS "&environment=staging&secretPath=/api", &r);
	ok(sbc_error_is(&r, 404, "NotFound", "Could not find Azure Client Secret Rotation with name \"nobody\""),
	   "get_by_unknown_name_is_404");
	sbc_reply_free(&r);

	sbc_get(s, ROT_PATH "?projectId=" PAYMENTS, &r);
	ok(r.status == 200 && cJSON_GetArraySize(sbc_at(r.json, "secretRotations")) == 2 &&
	   sbc_json_has(r.json, "{\"secretRotations\":[{\"id\":\"" SEEDED_ROTATION "\","
			"\"name\":\"staging-api-azure\",\"activeIndex\":1,\"isLastRotationManual\":false,"
			"\"createdAt\":\"2024-12-06T09:15:00.000Z\",\"lastRotatedAt\":\"2025-01-05T00:00:00.000Z\","
			"\"nextRotationAt\":\"2025-02-04T00:00:00.000Z\",\"rotationInterval\":30,"
			"\"folder\":{\"path\":\"/api\"},\"environment\":{\"slug\":\"staging\"}},{}]}"),
	   "seeded_rotation_is_listed_with_its_schedule");
	/* The second seed failed its scheduled rotation at 00:00 today and is retried tomorrow. */
	ok(r.status == 200 &&
	   sbc_json_has(r.json, "{\"secretRotations\":[{},{\"name\":\"prod-legacy-sync\","
			"\"rotationStatus\":\"failed\",\"lastRotationAttemptedAt\":\"2025-01-15T00:00:00.000Z\","
			"\"nextRotationAt\":\"2025-01-16T00:00:00.000Z\",\"lastRotationMessage\":"
			"\"Infisical encountered an issue while generating credentials with the configured "
			"inputs: Failed to add client secret to Azure app f903695a-233e-405e-9480-34d9c384bd99: "
			"Insufficient privileges to complete the operation.\"}]}"),
	   "seeded_failed_rotation_says_why_and_when_it_is_retried");
	sbc_reply_free(&r);

	sbc_get(s, ROT_PATH "?projectId=" TOOLS, &r);
	ok(r.status == 200 && cJSON_GetArraySize(sbc_at(r.json, "secretRotations")) == 0,
	   "other_project_has_no_rotations");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v2/secret-rotations?projectId=" PAYMENTS, &r);
	ok(r.status == 200 && cJSON_GetArraySize(sbc_at(r.json, "secretRotations")) == 2,
	   "list_of_all_types_has_it_too");
	sbc_reply_free(&r);

	sbc_get(s, ROT_PATH "/" SEEDED_ROTATION, &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secretRotation\":{\"id\":\"" SEEDED_ROTATION "\"}}"),
	   "get_by_id");
	sbc_reply_free(&r);

	sbc_get(s, ROT_PATH "/" SEEDED_ROTATION "/generated-credentials", &r);
	ok(r.status == 200 && cJSON_GetArraySize(sbc_at(r.json, "generatedCredentials")) == 2 &&
	   sbc_json_has(r.json, "{\"activeIndex\":1,\"rotationId\":\"" SEEDED_ROTATION "\","
			"\"generatedCredentials\":[{\"keyId\":\"50927ebc-00b0-4766-b179-4d6732fae505\"},"
			"{\"keyId\":\"9f617d3f-cb60-4eb4-b49c-a35cc48f08f0\"}]}"),
	   "seeded_rotation_holds_two_credentials");
	sbc_reply_free(&r);

	sbc_get(s, BY_NAME "staging-api-azure?projectId=" PAYMENTS "&environment=staging&secretPath=/api/", &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secretRotation\":{\"id\":\"" SEEDED_ROTATION "\"}}"),
	   "get_by_name");
	sbc_reply_free(&r);
}

static void
rotate(const struct sbc_server *s)
{
	struct sbc_reply r, g;
	double live = sbc_stat(s, "azureClientSecrets");
	char first_secret[64] = "", second[64] = "";

	sbc_get(s, at("/generated-credentials"), &g);
	snprintf(first_secret, sizeof(first_secret), "%s",
		 sbc_str(g.json, "generatedCredentials.0.clientSecret") ? sbc_str(g.json, "generatedCredentials.0.clientSecret") : "");
	sbc_reply_free(&g);

	{
		struct sbc_options o = { .token = USER_TOKEN, .content_type = "application/json" };

		sbc_request(s, "POST", at("/rotate-secrets"), &o, &r);
		ok(sbc_error_is(&r, 500, "InternalServerError", "Something went wrong"),
		   "rotate_with_json_type_and_no_body_is_500_as_on_the_real_server");
		sbc_reply_free(&r);
	}

	sbc_send(s, "POST", ROT_PATH "/00000000-0000-4000-8000-000000000000/rotate-secrets", "{}", &r);
	ok(sbc_error_is(&r, 404, "NotFound", NULL), "rotate_unknown_is_404");
	sbc_reply_free(&r);

	sbc_request(s, "POST", at("/rotate-secrets"), &(struct sbc_options) { .token = USER_TOKEN }, &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secretRotation\":{\"activeIndex\":1,"
					      "\"isLastRotationManual\":true,\"rotationStatus\":\"success\"}}"),
	   "rotate_now_flips_the_active_index");
	sbc_reply_free(&r);

	sbc_get(s, at("/generated-credentials"), &g);
	snprintf(second, sizeof(second), "%s",
		 sbc_str(g.json, "generatedCredentials.1.clientSecret") ? sbc_str(g.json, "generatedCredentials.1.clientSecret") : "");
	ok(cJSON_GetArraySize(sbc_at(g.json, "generatedCredentials")) == 2 && second[0] &&
	   strcmp(second, first_secret) != 0 &&
	   strcmp(sbc_str(g.json, "generatedCredentials.0.clientSecret"), first_secret) == 0,
	   "first_rotation_adds_a_second_credential_and_keeps_the_first");
	sbc_reply_free(&g);
	ok(strcmp(secret_value(s, "ROT_SECRET"), second) == 0, "rotation_writes_the_new_secret_into_the_folder");
	ok(sbc_stat(s, "azureClientSecrets") == live + 1, "azure_holds_both_secrets_after_the_first_rotation");

	sbc_send(s, "POST", at("/rotate-secrets"), "{}", &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secretRotation\":{\"activeIndex\":0}}"),
	   "second_rotation_flips_back");
	sbc_reply_free(&r);
	sbc_get(s, at("/generated-credentials"), &g);
	ok(cJSON_GetArraySize(sbc_at(g.json, "generatedCredentials")) == 2 &&
	   strcmp(sbc_str(g.json, "generatedCredentials.1.clientSecret"), second) == 0 &&
	   strcmp(sbc_str(g.json, "generatedCredentials.0.clientSecret"), first_secret) != 0,
	   "second_rotation_replaces_the_inactive_slot");
	sbc_reply_free(&g);
	ok(sbc_stat(s, "azureClientSecrets") == live + 1, "azure_revokes_the_replaced_secret");
}

static void
update(const struct sbc_server *s)
{
	struct sbc_reply r;
	char body[512];

	sbc_send(s, "PATCH", ROT_PATH "/00000000-0000-4000-8000-000000000000", "{}", &r);
	ok(sbc_error_is(&r, 404, "NotFound",
			"Could not find Azure Client Secret Rotation with ID 00000000-0000-4000-8000-000000000000"),
	   "update_of_unknown_is_404_without_quotes");
	sbc_reply_free(&r);

	sbc_send(s, "PATCH", ROT_PATH "/00000000-0000-4000-8000-000000000000", "{\"rotationInterval\":0}", &r);
	ok(sbc_issue_is(&r, "rotationInterval", "too_small", NULL), "update_checks_the_body_before_looking_up_the_id");
	sbc_reply_free(&r);

	sbc_send(s, "PATCH", at(""), "{\"rotationInterval\":0,\"name\":\"UPPER\"}", &r);
	ok(sbc_issue_count(&r) == 2 && sbc_issue_is(&r, "rotationInterval", "too_small", NULL) &&
	   sbc_issue_is(&r, "name", "custom", NULL), "update_checks_what_it_is_given");
	sbc_reply_free(&r);

	sbc_send(s, "PATCH", at(""), "{\"rotationInterval\":2.5}", &r);
	ok(sbc_error_is(&r, 500, "Update by id", "Something went wrong"),
	   "update_with_a_fractional_interval_fails_in_the_database");
	sbc_reply_free(&r);

	sbc_send(s, "PATCH", at(""), "{\"rotationInterval\":7,\"rotateAtUtc\":{\"hours\":12,\"minutes\":0},"
		 "\"description\":\"weekly\"}", &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secretRotation\":{\"rotationInterval\":7,"
					      "\"rotateAtUtc\":{\"hours\":12,\"minutes\":0},\"description\":\"weekly\","
					      "\"nextRotationAt\":\"2025-01-22T12:00:00.000Z\",\"name\":\"worker-rotation\"}}"),
	   "update_recomputes_the_next_rotation");
	sbc_reply_free(&r);

	sbc_send(s, "PATCH", at(""), "{\"rotationInterval\":1000}", &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secretRotation\":{\"rotationInterval\":1000}}"),
	   "update_does_not_apply_azures_limit_as_on_the_real_server");
	sbc_reply_free(&r);

	sbc_send(s, "PATCH", at(""), "{\"isAutoRotationEnabled\":false,\"description\":null}", &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secretRotation\":{\"isAutoRotationEnabled\":false,"
					      "\"nextRotationAt\":null,\"description\":null}}"),
	   "turning_auto_rotation_off_clears_the_next_rotation");
	sbc_reply_free(&r);

	sbc_send(s, "PATCH", at(""), "{\"name\":\"staging-api-azure\"}", &r);
	ok(r.status == 200, "a_name_used_in_another_folder_is_fine");
	sbc_reply_free(&r);
	sbc_send(s, "PATCH", at(""), "{\"name\":\"worker-rotation\"}", &r);
	sbc_reply_free(&r);

	sbc_send(s, "PATCH", at(""), "{\"name\":\"other-rotation\"}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest", "A Secret Rotation with the name \"other-rotation\" already "
			"exists at the secret path \"/workers\""),
	   "renaming_onto_a_name_in_the_same_folder_is_400");
	sbc_reply_free(&r);

	sbc_send(s, "PATCH", at(""), "{\"secretsMapping\":{\"clientId\":\"ROT_ID\",\"clientSecret\":\"OTHER_ID\"}}", &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"The following secrets already exist at the path \"/workers\": OTHER_ID"),
	   "mapping_onto_an_existing_secret_is_400");
	sbc_reply_free(&r);

	snprintf(body, sizeof(body), "{\"secretsMapping\":{\"clientId\":\"NEW_ID\",\"clientSecret\":\"NEW_SECRET\"}}");
	sbc_send(s, "PATCH", at(""), body, &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secretRotation\":{\"secretsMapping\":"
					      "{\"clientId\":\"NEW_ID\",\"clientSecret\":\"NEW_SECRET\"}}}"),
	   "mapping_can_be_renamed");
	sbc_reply_free(&r);
	ok(secret_keys_are(s, "NEW_ID,NEW_SECRET,OTHER_ID,OTHER_SECRET"), "renaming_the_mapping_renames_the_secrets");

	sbc_send(s, "PATCH", at(""), "{\"secretsMapping\":{\"clientId\":\"NEW_SECRET\",\"clientSecret\":\"NEW_ID\"}}", &r);
	ok(r.status == 200 && secret_keys_are(s, "NEW_SECRET,NEW_ID,OTHER_ID,OTHER_SECRET"),
	   "swapping_the_two_names_is_no_conflict");
	sbc_reply_free(&r);

	/* Point it at an app Azure refuses: the next rotation fails and says why. */
	sbc_send(s, "PATCH", at(""), "{\"isAutoRotationEnabled\":true,\"parameters\":{\"objectId\":\""
		 APP_LEGACY_OBJ "\",\"clientId\":\"" APP_LEGACY_CLIENT "\"}}", &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secretRotation\":{\"parameters\":{\"objectId\":\""
					      APP_LEGACY_OBJ "\"}}}") &&
	   !sbc_at(r.json, "secretRotation.parameters.appName"), "parameters_can_be_replaced");
	sbc_reply_free(&r);

	sbc_send(s, "POST", at("/rotate-secrets"), "{}", &r);
	ok(sbc_error_is(&r, 500, "InternalServerError",
			"Infisical encountered an issue while generating credentials with the configured inputs: "
			"Failed to add client secret to Azure app " APP_LEGACY_OBJ
			": Insufficient privileges to complete the operation."),
	   "rotation_that_azure_refuses_is_500_with_the_reason");
	sbc_reply_free(&r);

	sbc_get(s, at(""), &r);
	ok(sbc_json_has(r.json, "{\"secretRotation\":{\"rotationStatus\":\"failed\","
			"\"nextRotationAt\":\"2025-01-16T12:00:00.000Z\"}}") &&
	   sbc_str(r.json, "secretRotation.lastRotationMessage") &&
	   strstr(sbc_str(r.json, "secretRotation.lastRotationMessage"), "Insufficient privileges"),
	   "failed_rotation_is_retried_the_next_day_and_keeps_the_message");
	sbc_reply_free(&r);
}

static void
delete(const struct sbc_server *s)
{
	struct sbc_reply r;
	double live;
	char other_id[64] = "";

	sbc_send(s, "DELETE", at("?deleteSecrets=yes"), NULL, &r);
	ok(sbc_issue_is(&r, "deleteSecrets", "invalid_enum_value", NULL), "delete_secrets_must_be_true_or_false");
	sbc_reply_free(&r);

	sbc_send(s, "DELETE", ROT_PATH "/00000000-0000-4000-8000-000000000000?revokeGeneratedCredentials=1", NULL, &r);
	ok(sbc_issue_is(&r, "revokeGeneratedCredentials", "invalid_enum_value", NULL),
	   "delete_checks_the_query_before_looking_up_the_id");
	sbc_reply_free(&r);

	sbc_send(s, "DELETE", ROT_PATH "/00000000-0000-4000-8000-000000000000", NULL, &r);
	ok(sbc_error_is(&r, 404, "NotFound", NULL), "delete_of_unknown_is_404");
	sbc_reply_free(&r);

	sbc_send(s, "DELETE", at(""), NULL, &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secretRotation\":{\"name\":\"worker-rotation\"}}"),
	   "delete_answers_the_deleted_rotation");
	sbc_reply_free(&r);
	sbc_get(s, at(""), &r);
	ok(r.status == 404, "deleted_rotation_is_gone");
	sbc_reply_free(&r);
	ok(secret_keys_are(s, "NEW_SECRET,NEW_ID,OTHER_ID,OTHER_SECRET"), "delete_keeps_the_secrets_by_default");

	sbc_get(s, BY_NAME "other-rotation" WHERE, &r);
	snprintf(other_id, sizeof(other_id), "%s", sbc_str(r.json, "secretRotation.id") ? sbc_str(r.json, "secretRotation.id") : "");
	sbc_reply_free(&r);
	snprintf(id, sizeof(id), "%s", other_id);
	live = sbc_stat(s, "azureClientSecrets");
	sbc_send(s, "DELETE", at("?deleteSecrets=true&revokeGeneratedCredentials=true"), NULL, &r);
	ok(r.status == 200, "delete_with_both_flags");
	sbc_reply_free(&r);
	ok(secret_keys_are(s, "NEW_SECRET,NEW_ID"), "delete_secrets_removes_the_mapped_secrets");
	ok(sbc_stat(s, "azureClientSecrets") == live - 1, "revoke_removes_the_secret_from_azure");
	ok(sbc_stat(s, "rotations") == 2, "only_the_seeded_rotations_are_left");
}

/*
 * --plan free: the stock self-hosted server's plan check, after validation
 * and before any lookup, on every rotation route but delete (issue 8).
 */
static void
plan_free(void)
{
	static const struct {
		const char *name, *method, *path, *body, *message;
	} routes[] = {
		{ "create", "POST", ROT_PATH, NULL, "Failed to create secret rotation due to plan restriction. "
		  "Upgrade plan to create secret rotations." },
		{ "list", "GET", ROT_PATH "?projectId=" PAYMENTS, NULL, "Failed to access secret rotations due to "
		  "plan restriction. Upgrade plan to access secret rotations." },
		{ "list_of_every_type", "GET", "/api/v2/secret-rotations?projectId=" PAYMENTS, NULL, "Failed to access secret "
		  "rotations due to plan restriction. Upgrade plan to access secret rotations." },
		{ "get_by_id", "GET", ROT_PATH "/" SEEDED_ROTATION, NULL, "Failed to access secret rotation due to plan "
		  "restriction. Upgrade plan to access secret rotations." },
		{ "get_by_name", "GET", BY_NAME "staging-api-azure?projectId=" PAYMENTS "&environment=staging&secretPath=/api",
		  NULL, "Failed to access secret rotation due to plan restriction. Upgrade plan to access "
		  "secret rotations." },
		{ "update", "PATCH", ROT_PATH "/00000000-0000-4000-8000-000000000000", "{\"description\":\"x\"}",
		  "Failed to update secret rotation due to plan restriction. Upgrade plan to update secret "
		  "rotations." },
		{ "rotate", "POST", ROT_PATH "/" SEEDED_ROTATION "/rotate-secrets", NULL, "Failed to rotate secret "
		  "rotation secrets due to plan restriction. Upgrade plan to rotate secret rotation secrets." },
		{ "generated_credentials", "GET", ROT_PATH "/" SEEDED_ROTATION "/generated-credentials", NULL, "Failed to access secret "
		  "rotation credentials due to plan restriction. Upgrade plan to access secret rotations "
		  "credentials." },
	};
	struct sbc_server s;
	struct sbc_reply r;
	char *body;
	size_t i;

	if (sbc_start(&s, (const char *const[]) { "--plan", "free", NULL }) < 0)
		return;
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		body = routes[i].body ? NULL : sbc_create_body("planned", NULL);
		sbc_send(&s, routes[i].method, routes[i].path,
			 routes[i].body ? routes[i].body : strcmp(routes[i].method, "POST") == 0 &&
			 !strstr(routes[i].path, "rotate-secrets") ? body : NULL, &r);
		ok(sbc_error_is(&r, 400, "BadRequest", routes[i].message), "plan_free_refuses_%s",
		   routes[i].name);
		sbc_reply_free(&r);
		free(body);
	}
	body = sbc_create_body("Not A Slug", NULL);
	sbc_send(&s, "POST", ROT_PATH, body, &r);
	free(body);
	ok(r.status == 422, "plan_free_validates_the_body_first");
	sbc_reply_free(&r);
	sbc_send(&s, "DELETE", ROT_PATH "/00000000-0000-4000-8000-000000000000", NULL, &r);
	ok(sbc_error_is(&r, 404, "NotFound", NULL), "plan_free_has_no_check_on_delete");
	sbc_reply_free(&r);
	sbc_get(&s, "/api/v2/secret-rotations/options", &r);
	ok(r.status == 200, "plan_free_still_lists_the_options");
	sbc_reply_free(&r);
	ok(sbc_stop(&s), "plan_free_sandbox_exits_cleanly");
}

int
main(void)
{
	struct sbc_server s;
	struct sbc_reply r;
	char *body;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (sbc_start(&s, (const char *const[]) { "--now", NOW, NULL }) < 0)
		return done_testing();
	lookups(&s);

	body = sbc_create_body("worker-rotation", "{\"secretsMapping\":{\"clientId\":\"ROT_ID\",\"clientSecret\":\"ROT_SECRET\"}}");
	sbc_send(&s, "POST", ROT_PATH, body, &r);
	free(body);
	snprintf(id, sizeof(id), "%s", sbc_str(r.json, "secretRotation.id") ? sbc_str(r.json, "secretRotation.id") : "");
	ok(r.status == 200 && id[0], "a_rotation_to_work_on_is_created");
	sbc_reply_free(&r);
	body = sbc_create_body("other-rotation", "{\"secretsMapping\":{\"clientId\":\"OTHER_ID\",\"clientSecret\":\"OTHER_SECRET\"}}");
	sbc_send(&s, "POST", ROT_PATH, body, &r);
	free(body);
	sbc_reply_free(&r);

	sbc_get(&s, BY_NAME "worker-rotation" WHERE, &r);
	ok(r.status == 200 && sbc_str(r.json, "secretRotation.id") && strcmp(sbc_str(r.json, "secretRotation.id"), id) == 0,
	   "new_rotation_is_found_by_name");
	sbc_reply_free(&r);

	rotate(&s);
	update(&s);
	delete(&s);
	ok(sbc_stop(&s), "sandbox_exits_cleanly");
	plan_free();
	curl_global_cleanup();
	return done_testing();
}
