#include "config.h"

/*
 * The routes the wizard fills its pick-lists from (doc/api.md s.6 and
 * s.11): projects, folders, secret names, Azure connections and apps, and
 * the rotation options.
 */

#include <stdlib.h>
#include <string.h>

#include "tests/sandbox/client.h"
#include "tests/tap.h"

#define FOLDERS "/api/v2/folders?projectId=" PAYMENTS "&environment=dev"
#define SECRETS "/api/v4/secrets?projectId=" PAYMENTS "&environment=dev"
#define CONN "/api/v1/app-connections/azure-client-secrets"

/* Names (the `key` member) of the array at `path`, joined by commas. */
static void
names(const cJSON *json, const char *path, const char *key, char *out, size_t size)
{
	const cJSON *item;
	size_t len = 0;

	out[0] = '\0';
	cJSON_ArrayForEach(item, sbc_at(json, path)) {
		const char *name = sbc_str(item, key);

		if (name && len < size)
			len += (size_t) snprintf(out + len, size - len, "%s%s", len ? "," : "", name);
	}
}

static int
names_are(const cJSON *json, const char *path, const char *key, const char *want)
{
	char got[2048];

	names(json, path, key, got, sizeof(got));
	if (strcmp(got, want) != 0) {
		diag("%s: got \"%s\", want \"%s\"", path, got, want);
		return 0;
	}
	return 1;
}

static int
identity_token(const struct sbc_server *s, char *out, size_t size)
{
	struct sbc_options o = {
		.body = "{\"clientId\":\"sandbox-client-id\",\"clientSecret\":\"sandbox-client-secret\"}",
	};
	struct sbc_reply r;
	int good;

	sbc_request(s, "POST", "/api/v1/auth/universal-auth/login", &o, &r);
	good = sbc_str(r.json, "accessToken") != NULL;
	snprintf(out, size, "%s", good ? sbc_str(r.json, "accessToken") : "");
	sbc_reply_free(&r);
	return good;
}

static void
get_as(const struct sbc_server *s, const char *token, const char *path, struct sbc_reply *r)
{
	struct sbc_options o = { .token = token };

	sbc_request(s, "GET", path, &o, r);
}

static void
projects(const struct sbc_server *s)
{
	struct sbc_reply r;

	sbc_get(s, "/api/v1/projects?type=secrets", &r);
	ok(sbc_issue_is(&r, "type", "invalid_enum_value", NULL), "project_type_outside_the_enum_is_422");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v1/projects?includeRoles=yes", &r);
	ok(sbc_issue_is(&r, "includeRoles", "invalid_enum_value",
			"Invalid enum value. Expected 'true' | 'false', received 'yes'"),
	   "include_roles_must_be_true_or_false");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v1/projects/00000000-0000-4000-8000-000000000000", &r);
	ok(sbc_error_is(&r, 404, "NotFound",
			"Project with ID '00000000-0000-4000-8000-000000000000' not found"),
	   "unknown_project_is_404");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v1/projects", &r);
	ok(r.status == 200 && names_are(r.json, "projects", "slug",
					"payments-platform,internal-tools,edge-certificates"),
	   "projects_list_holds_the_seeded_projects");
	ok(names_are(r.json, "projects.0.environments", "slug", "dev,staging,prod") &&
	   names_are(r.json, "projects.1.environments", "slug", "dev,staging,prod") &&
	   sbc_json_has(r.json, "{\"projects\":[{\"id\":\"" PAYMENTS "\",\"_id\":\"" PAYMENTS "\","
			"\"name\":\"Payments Platform\",\"type\":\"secret-manager\","
			"\"environments\":[{\"name\":\"Development\",\"slug\":\"dev\","
			"\"id\":\"fd2227a1-486d-4e3e-9ffd-b21a47282331\"},{},{}]},{},{}]}"),
	   "projects_carry_dev_staging_prod_environments");
	ok(sbc_at(r.json, "projects.0.roles") == NULL, "roles_are_left_out_by_default");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v1/projects?type=secret-manager&includeRoles=true", &r);
	ok(r.status == 200 && names_are(r.json, "projects", "slug", "payments-platform,internal-tools"),
	   "type_filter_drops_the_certificate_project");
	ok(cJSON_IsArray(sbc_at(r.json, "projects.0.roles")), "include_roles_adds_roles");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v1/projects/" TOOLS, &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"project\":{\"id\":\"" TOOLS "\",\"slug\":\"internal-tools\"}}"),
	   "project_by_id_is_wrapped_in_project");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v1/projects/slug/internal-tools", &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"id\":\"" TOOLS "\",\"name\":\"Internal Tools\"}"),
	   "project_by_slug_is_not_wrapped");
	sbc_reply_free(&r);
}

static void
folders(const struct sbc_server *s)
{
	struct sbc_reply r;

	sbc_get(s, "/api/v2/folders?projectId=" PAYMENTS "&path=/", &r);
	ok(sbc_issue_is(&r, "environment", "invalid_type", "Required"), "folders_need_an_environment");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v2/folders?projectId=" PAYMENTS "&environment=qa&path=/", &r);
	ok(sbc_error_is(&r, 404, "NotFound", NULL), "folders_of_an_unknown_environment_are_404");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v2/folders?projectId=" CERTS "&environment=dev&path=/", &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"The project is of type cert-manager. Operations of type secret-manager are not allowed."),
	   "folders_of_a_certificate_project_are_400");
	sbc_reply_free(&r);

	sbc_get(s, FOLDERS "&path=/nowhere", &r);
	ok(r.status == 200 && cJSON_GetArraySize(sbc_at(r.json, "folders")) == 0,
	   "unknown_path_has_no_folders");
	sbc_reply_free(&r);

	sbc_get(s, FOLDERS "&path=/", &r);
	ok(r.status == 200 && names_are(r.json, "folders", "name", "api,workers,frontend"),
	   "root_lists_its_direct_children");
	ok(sbc_json_has(r.json, "{\"folders\":[{\"id\":\"235db25a-746a-48d3-a125-e38f7afc1a91\","
			"\"name\":\"api\",\"envId\":\"fd2227a1-486d-4e3e-9ffd-b21a47282331\","
			"\"parentId\":\"2eff0287-6ecc-4a65-bb8d-79a5b9679d50\",\"version\":1,"
			"\"isReserved\":false},{},{}]}") && !sbc_at(r.json, "folders.0.relativePath"),
	   "folder_has_the_infisical_shape");
	sbc_reply_free(&r);

	sbc_get(s, FOLDERS "&path=api/", &r);
	ok(r.status == 200 && names_are(r.json, "folders", "name", "billing"),
	   "path_gets_a_leading_slash_and_loses_the_trailing_one");
	sbc_reply_free(&r);

	sbc_get(s, FOLDERS "&path=/&recursive=true", &r);
	ok(r.status == 200 && names_are(r.json, "folders", "relativePath",
					"/api,/api/billing,/workers,/frontend"),
	   "recursive_listing_adds_relative_paths");
	sbc_reply_free(&r);
}

static void
secrets(const struct sbc_server *s)
{
	struct sbc_reply r;

	sbc_get(s, "/api/v4/secrets?projectId=" PAYMENTS, &r);
	ok(sbc_error_is(&r, 400, "BadRequest", "Missing project id or environment"),
	   "secrets_without_environment_are_400");
	sbc_reply_free(&r);

	sbc_get(s, SECRETS "&secretPath=/api&viewSecretValue=maybe", &r);
	ok(sbc_issue_is(&r, "viewSecretValue", "invalid_enum_value", NULL), "view_secret_value_is_true_or_false");
	sbc_reply_free(&r);

	sbc_get(s, SECRETS "&secretPath=/api&viewSecretValue=false", &r);
	ok(r.status == 200 && names_are(r.json, "secrets", "secretKey",
					"AZURE_CLIENT_ID,DATABASE_URL,STRIPE_API_KEY"),
	   "dev_api_already_holds_azure_client_id");
	ok(sbc_json_has(r.json, "{\"secrets\":[{\"secretValue\":\"<hidden-by-infisical>\","
			"\"secretValueHidden\":true,\"type\":\"shared\",\"environment\":\"dev\","
			"\"secretPath\":\"/api\",\"workspace\":\"" PAYMENTS "\"},{},{}],\"imports\":[]}"),
	   "names_only_hides_the_values");
	sbc_reply_free(&r);

	sbc_get(s, SECRETS "&secretPath=/api", &r);
	ok(r.status == 200 && !strstr(r.body ? r.body : "", "postgres://"),
	   "values_stay_hidden_unless_asked_for");
	sbc_reply_free(&r);

	sbc_get(s, SECRETS "&secretPath=/api&viewSecretValue=true", &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secrets\":[{\"secretKey\":\"AZURE_CLIENT_ID\","
					      "\"secretValue\":\"" APP_PAYMENTS_CLIENT "\","
					      "\"secretValueHidden\":false},{},{}]}"),
	   "values_come_when_asked_for");
	sbc_reply_free(&r);

	sbc_get(s, SECRETS "&secretPath=/api/nowhere", &r);
	ok(sbc_error_is(&r, 404, "SecretPathNotFound", "Folder with path '/api/nowhere' in environment "
			"'dev' was not found. Please ensure the environment slug and secret path is correct."),
	   "unknown_folder_is_404_secret_path_not_found");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v4/secrets?projectId=" PAYMENTS "&environment=prod&secretPath=/api/", &r);
	ok(r.status == 200 && names_are(r.json, "secrets", "secretKey",
					"AZURE_CLIENT_ID,AZURE_CLIENT_SECRET,DATABASE_URL"),
	   "prod_api_holds_both_default_names");
	sbc_reply_free(&r);
}

static void
connections(const struct sbc_server *s, const char *identity)
{
	struct sbc_reply r;

	get_as(s, identity, CONN "/" CONTOSO "/clients", &r);
	ok(sbc_error_is(&r, 403, "Forbidden access to " CONN "/" CONTOSO "/clients",
			"You are not allowed to access this resource"),
	   "machine_identity_gets_403_on_the_app_list");
	sbc_reply_free(&r);

	sbc_get(s, CONN "/not-a-uuid", &r);
	ok(sbc_issue_is(&r, "connectionId", "invalid_string", "Invalid uuid"), "connection_id_must_be_a_uuid");
	sbc_reply_free(&r);

	sbc_get(s, CONN "/00000000-0000-4000-8000-000000000000", &r);
	ok(sbc_error_is(&r, 404, "NotFound",
			"Could not find App Connection with ID 00000000-0000-4000-8000-000000000000"),
	   "unknown_connection_is_404");
	sbc_reply_free(&r);

	sbc_get(s, CONN "/" AWS_CONN, &r);
	ok(sbc_error_is(&r, 400, "BadRequest",
			"AWS Connection with ID " AWS_CONN " cannot be used to connect to Azure Client Secrets"),
	   "connection_of_another_app_is_400");
	sbc_reply_free(&r);

	sbc_get(s, CONN "/00000000-0000-4000-8000-000000000000/clients", &r);
	ok(sbc_error_is(&r, 404, "NotFound", NULL), "apps_of_an_unknown_connection_are_404");
	sbc_reply_free(&r);

	sbc_get(s, CONN, &r);
	ok(r.status == 200 && names_are(r.json, "appConnections", "name",
					"azure-contoso-prod,azure-fabrikam-legacy"),
	   "azure_list_has_both_azure_connections_and_not_aws");
	ok(sbc_json_has(r.json, "{\"appConnections\":[{\"id\":\"" CONTOSO "\",\"app\":\"azure-client-secrets\","
			"\"method\":\"oauth\",\"credentials\":{\"tenantId\":\"2977d4df-2194-4f94-9abf-509fb7476180\"}},{}]}"),
	   "connection_has_the_infisical_shape");
	sbc_reply_free(&r);

	sbc_get(s, CONN "/available?projectId=" PAYMENTS, &r);
	ok(r.status == 200 && names_are(r.json, "appConnections", "id", CONTOSO "," FABRIKAM),
	   "user_may_use_both_connections");
	sbc_reply_free(&r);

	get_as(s, identity, CONN "/available?projectId=" PAYMENTS, &r);
	ok(r.status == 200 && names_are(r.json, "appConnections", "id", CONTOSO) &&
	   sbc_json_has(r.json, "{\"appConnections\":[{\"app\":\"azure-client-secrets\","
			"\"name\":\"azure-contoso-prod\",\"id\":\"" CONTOSO "\"}]}"),
	   "machine_identity_may_use_only_contoso");
	sbc_reply_free(&r);

	get_as(s, identity, CONN "/" FABRIKAM, &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"appConnection\":{\"id\":\"" FABRIKAM "\"}}"),
	   "machine_identity_may_still_read_fabrikam");
	sbc_reply_free(&r);

	sbc_get(s, CONN "/connection-name/azure-contoso-prod", &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"appConnection\":{\"id\":\"" CONTOSO "\"}}"),
	   "connection_by_name");
	sbc_reply_free(&r);

	sbc_get(s, CONN "/" CONTOSO "/clients", &r);
	ok(r.status == 200 && cJSON_GetArraySize(sbc_at(r.json, "clients")) >= 6 &&
	   sbc_json_has(r.json, "{\"clients\":[{\"id\":\"" APP_PAYMENTS_OBJ "\",\"name\":\"Payments API\","
			"\"appId\":\"" APP_PAYMENTS_CLIENT "\"},{},{},{},{},{},{}]}"),
	   "user_lists_at_least_six_apps_with_object_and_client_ids");
	ok(sbc_str(r.json, "clients.3.name") && sbc_str(r.json, "clients.4.name") &&
	   strcmp(sbc_str(r.json, "clients.3.name"), sbc_str(r.json, "clients.4.name")) == 0 &&
	   strcmp(sbc_str(r.json, "clients.3.id"), sbc_str(r.json, "clients.4.id")) != 0,
	   "two_apps_share_a_display_name");
	{
		const cJSON *app;
		int differ = 1;

		cJSON_ArrayForEach(app, sbc_at(r.json, "clients"))
			if (strcmp(sbc_str(app, "id"), sbc_str(app, "appId")) == 0)
				differ = 0;
		ok(differ, "object_id_never_equals_client_id");
	}
	sbc_reply_free(&r);

	sbc_get(s, CONN "/" FABRIKAM "/clients", &r);
	ok(r.status == 200 && names_are(r.json, "clients", "name", "Fabrikam Portal,Fabrikam Sync"),
	   "each_connection_lists_its_own_apps");
	sbc_reply_free(&r);
}

/* What the real server answers and the sandbox once did not (the differential test, issue 8). */
static void
real_server_shapes(const struct sbc_server *s, const char *identity)
{
	struct sbc_options o = { .token = identity };
	struct sbc_reply r;
	char header[1200];

	snprintf(header, sizeof(header), "Bearer  %s", identity);
	o.token = NULL;
	o.authorization = header;
	sbc_request(s, "GET", "/api/v1/projects", &o, &r);
	ok(sbc_error_is(&r, 403, "TokenError", "invalid token"), "bearer_and_two_spaces_is_invalid_token");
	sbc_reply_free(&r);
	o.authorization = NULL;
	o.token = identity;

	sbc_request(s, "GET", "/api/v1/projects?includeRoles=true", &o, &r);
	ok(sbc_error_is(&r, 403, "PermissionDenied", "You are not allowed to create on member"),
	   "roles_are_refused_to_a_machine_identity");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v1/projects/" PAYMENTS, &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"project\":{\"defaultProduct\":null,"
			"\"autoCapitalization\":false,\"secretSharing\":true,\"showSnapshotsLegacy\":false,"
			"\"secretDetectionIgnoreValues\":null,"
			"\"enforceEncryptedSecretManagerSecretMetadata\":null,\"deletedEnvironments\":[]}}"),
	   "project_has_the_real_servers_fields");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v1/projects?type=ai", &r);
	ok(r.status == 200 && cJSON_GetArraySize(sbc_at(r.json, "projects")) == 0, "project_type_ai_is_known");
	sbc_reply_free(&r);

	sbc_get(s, FOLDERS "&path=/a%20b", &r);
	ok(sbc_error_is(&r, 400, "BadRequest", "Invalid secret path. Only alphanumeric characters, "
			"dashes, and underscores are allowed."), "folders_of_an_invalid_path_are_400");
	sbc_reply_free(&r);

	sbc_get(s, FOLDERS "&path=/&recursive=yes", &r);
	ok(r.status == 200 && sbc_at(r.json, "folders.0.relativePath"), "recursive_yes_is_true");
	sbc_reply_free(&r);
	sbc_get(s, FOLDERS "&path=/&recursive=0", &r);
	ok(r.status == 200 && sbc_at(r.json, "folders.0") && !sbc_at(r.json, "folders.0.relativePath"),
	   "recursive_0_is_false");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v2/folders?projectId=" PAYMENTS "&environment=qa&path=/", &r);
	ok(sbc_error_is(&r, 404, "NotFound", "Environment with slug 'qa' not found"),
	   "folders_of_an_unknown_environment_are_404");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v4/secrets?projectId=" PAYMENTS "&environment=qa&secretPath=/", &r);
	ok(sbc_error_is(&r, 404, "SecretPathNotFound", "Folder with path '/' in environment 'qa' was not "
			"found. Please ensure the environment slug and secret path is correct."),
	   "secrets_of_an_unknown_environment_are_a_missing_folder");
	sbc_reply_free(&r);

	sbc_get(s, SECRETS "&secretPath=/a%00b", &r);
	ok(sbc_error_is(&r, 400, "BadRequest", "Invalid secret path. Only alphanumeric characters, "
			"dashes, and underscores are allowed."), "nul_in_the_query_path_is_an_invalid_path");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v4/secrets?projectId=00000000-0000-4000-8000-000000000000&environment=dev", &r);
	ok(sbc_error_is(&r, 404, "NotFound", "Project with ID '00000000-0000-4000-8000-000000000000' "
			"not found during bot lookup. Are you sure you are using the correct project ID?"),
	   "secrets_of_an_unknown_project_say_bot_lookup");
	sbc_reply_free(&r);

	sbc_get(s, "/api/v4/secrets?projectId=" PAYMENTS "&environment=staging&secretPath=/api", &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secrets\":[{\"isRotatedSecret\":true,"
			"\"rotationId\":\"" SEEDED_ROTATION "\"},{\"isRotatedSecret\":true,"
			"\"rotationId\":\"" SEEDED_ROTATION "\"}]}"),
	   "a_rotations_secret_names_its_rotation");
	sbc_reply_free(&r);
	sbc_get(s, SECRETS "&secretPath=/", &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"secrets\":[{\"isRotatedSecret\":false,"
					      "\"rotationId\":null}]}"), "other_secrets_have_no_rotation");
	sbc_reply_free(&r);

	sbc_get(s, CONN "?projectId=" PAYMENTS, &r);
	ok(r.status == 200 && sbc_json_has(r.json, "{\"appConnections\":[{\"isAutoRotationEnabled\":false,"
			"\"gatewayPoolId\":null,\"project\":null},{\"project\":null}]}") &&
	   sbc_str(sbc_at(r.json, "appConnections.0"), "credentialsHash") &&
	   strlen(sbc_str(sbc_at(r.json, "appConnections.0"), "credentialsHash")) == 64,
	   "connections_have_the_real_servers_fields");
	sbc_reply_free(&r);

	sbc_get(s, CONN "/connection-name/nothing?projectId=" PAYMENTS, &r);
	ok(sbc_error_is(&r, 404, "NotFound", "Could not find App Connection with name nothing in project scope."),
	   "unknown_connection_name_in_a_project");
	sbc_reply_free(&r);
}

int
main(void)
{
	struct sbc_server s;
	struct sbc_reply r;
	char identity[1024];

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (sbc_start(&s, NULL) < 0)
		return done_testing();
	ok(identity_token(&s, identity, sizeof(identity)), "machine_identity_signs_in");

	/* Fastify answers these itself, before Infisical's error handler: no reqId. */
	sbc_get(&s, "/api/v1/nothing-here?x=1", &r);
	ok(r.status == 404 && sbc_json_has(r.json, "{\"message\":\"Route GET:/api/v1/nothing-here?x=1 "
					      "not found\",\"error\":\"Not Found\",\"statusCode\":404}") &&
	   !sbc_at(r.json, "reqId"), "unknown_route_is_404_in_fastify_words_without_req_id");
	sbc_reply_free(&r);

	sbc_send(&s, "PUT", "/api/v1/projects", "{}", &r);
	ok(r.status == 404 && !sbc_at(r.json, "reqId") &&
	   sbc_json_has(r.json, "{\"message\":\"Route PUT:/api/v1/projects not found\"}"),
	   "unknown_method_on_a_known_path_is_404");
	sbc_reply_free(&r);

	projects(&s);
	folders(&s);
	secrets(&s);
	connections(&s, identity);
	real_server_shapes(&s, identity);

	sbc_get(&s, "/api/v2/secret-rotations/options", &r);
	ok(r.status == 200 &&
	   sbc_json_has(r.json, "{\"secretRotationOptions\":[{},{},{\"name\":\"Azure Client Secret\","
			"\"type\":\"azure-client-secret\",\"connection\":\"azure-client-secrets\","
			"\"template\":{\"secretsMapping\":{\"clientId\":\"AZURE_CLIENT_ID\","
			"\"clientSecret\":\"AZURE_CLIENT_SECRET\"}}},{}]}"),
	   "rotation_options_give_the_azure_template");
	sbc_reply_free(&r);

	{
		struct sbc_options o = { .token = USER_TOKEN };

		sbc_request(&s, "HEAD", "/api/v1/projects", &o, &r);
		ok(r.code == CURLE_OK && r.status == 200 && r.len == 0, "head_is_served_by_get_routes");
		sbc_reply_free(&r);
	}
	ok(sbc_stop(&s), "sandbox_exits_cleanly");
	curl_global_cleanup();
	return done_testing();
}
