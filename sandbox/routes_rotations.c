#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/secret.h"
#include "common/strbuf.h"
#include "sandbox/clock.h"
#include "sandbox/present.h"
#include "sandbox/routes.h"

/* floor(365 * 2.5) - 3: Azure secrets live two intervals and three days, at most five years. */
#define AZURE_MAX_INTERVAL 909
/* Past this many days JavaScript's Date overflows and the server fails. */
#define DATE_MAX_DAYS 100000000.0

static const char *const true_false[] = { "true", "false", NULL };

/* The plan check's refusals, route by route (secret-rotation-v2-service.ts). */
static const char plan_create[] =
	"Failed to create secret rotation due to plan restriction. Upgrade plan to create secret rotations.";
static const char plan_list[] =
	"Failed to access secret rotations due to plan restriction. Upgrade plan to access secret rotations.";
static const char plan_read[] =
	"Failed to access secret rotation due to plan restriction. Upgrade plan to access secret rotations.";
static const char plan_update[] =
	"Failed to update secret rotation due to plan restriction. Upgrade plan to update secret rotations.";
static const char plan_rotate[] =
	"Failed to rotate secret rotation secrets due to plan restriction. Upgrade plan to rotate "
	"secret rotation secrets.";
static const char plan_credentials[] =
	"Failed to access secret rotation credentials due to plan restriction. Upgrade plan to "
	"access secret rotations credentials.";

/* secret_rotations_v2.description is varchar(255), although zod lets 256 through. */
#define DESCRIPTION_COLUMN 255

static const struct sb_zstring_rule name_rule = {
	.trim = 1,
	.min = 1, .min_msg = "name field must be at least 1 lowercase character",
	.max = 64, .max_msg = "name field must be at most 64 lowercase characters",
	.slug_msg = "name field can only contain lowercase letters, numbers, and hyphens",
};
static const struct sb_zstring_rule env_rule = {
	.trim = 1,
	.min = 1, .min_msg = "environment field must be at least 1 lowercase character",
	.max = 64, .max_msg = "environment field must be at most 64 lowercase characters",
	.slug_msg = "environment field can only contain lowercase letters, numbers, and hyphens",
};
static const struct sb_zstring_rule project_rule = {
	.trim = 1, .min = 1, .min_msg = "Project ID required", .max = -1,
};
static const struct sb_zstring_rule description_rule = {
	.optional = 1, .nullable = 1, .trim = 1, .min = -1,
	.max = 256, .max_msg = "Description cannot exceed 256 characters",
};
static const struct sb_zstring_rule uuid_rule = { .min = -1, .max = -1, .uuid = 1 };
static const struct sb_zstring_rule path_rule = {
	.trim = 1, .min = 1, .min_msg = "Secret path required", .max = -1,
};
static const struct sb_zstring_rule object_id_rule = {
	.trim = 1, .min = 1, .min_msg = "Object ID Required", .max = -1,
};
static const struct sb_zstring_rule client_id_rule = {
	.trim = 1, .min = 1, .min_msg = "Client ID Required", .max = -1,
};
static const struct sb_zstring_rule app_name_rule = { .optional = 1, .trim = 1, .min = -1, .max = -1 };
static const struct sb_zstring_rule secret_name_rule = {
	.trim = 1, .min = 1, .max = -1, .secret_name = 1,
};

/* A create or update body after validation.  Absent fields stay NULL / 0. */
struct input {
	char *name, *project_id, *connection_id, *environment, *secret_path;
	int has_description;		/* the key was sent (its value may be null) */
	char *description;
	int has_auto, auto_rotation;
	int has_interval;
	double interval;
	int has_rotate_at;
	double hours, minutes;
	int has_parameters;
	char *object_id, *app_name, *client_id;
	int has_mapping;
	char *map_client_id, *map_client_secret;
};

static void
input_free(struct input *in)
{
	free(in->name);
	free(in->project_id);
	free(in->connection_id);
	free(in->environment);
	free(in->secret_path);
	free(in->description);
	free(in->object_id);
	free(in->app_name);
	free(in->client_id);
	free(in->map_client_id);
	free(in->map_client_secret);
	memset(in, 0, sizeof(*in));
}

/* Infisical's removeTrailingSlash: "/a/b/" is "/a/b", "/" stays. */
static void
remove_trailing_slash(char *path)
{
	size_t len = strlen(path);

	if (len > 1 && path[len - 1] == '/')
		path[len - 1] = '\0';
}

/*
 * The create schema (update = 0) or the update schema (update = 1, every
 * field optional), in the order of the schema's keys so that issues come
 * out in the server's order.
 */
static void
check_body(struct sb_zod *z, const cJSON *body, int update, struct input *in)
{
	struct sb_zpath root = { { NULL }, 0 }, at, sub;
	struct sb_zstring_rule rule;
	struct sb_znumber_rule interval = { .optional = update, .coerce = 1, .has_min = 1, .min = 1 };
	struct sb_znumber_rule hours = { .has_min = 1, .min = 0, .has_max = 1, .max = 23 };
	struct sb_znumber_rule minutes = { .has_min = 1, .min = 0, .has_max = 1, .max = 59 };
	const cJSON *v;

	memset(in, 0, sizeof(*in));
	if (sb_zod_object(z, &root, body, 0) < 0)
		return;
	at = sb_zpath_at(&root, "name");
	rule = name_rule;
	rule.optional = update;
	sb_zod_string(z, &at, sb_json_get(body, "name"), &rule, &in->name);
	if (!update) {
		at = sb_zpath_at(&root, "projectId");
		sb_zod_string(z, &at, sb_json_get(body, "projectId"), &project_rule, &in->project_id);
	}
	at = sb_zpath_at(&root, "description");
	v = sb_json_get(body, "description");
	in->has_description = v != NULL;
	sb_zod_string(z, &at, v, &description_rule, &in->description);
	if (!update) {
		at = sb_zpath_at(&root, "connectionId");
		sb_zod_string(z, &at, sb_json_get(body, "connectionId"), &uuid_rule, &in->connection_id);
		at = sb_zpath_at(&root, "environment");
		sb_zod_string(z, &at, sb_json_get(body, "environment"), &env_rule, &in->environment);
		at = sb_zpath_at(&root, "secretPath");
		if (sb_zod_string(z, &at, sb_json_get(body, "secretPath"), &path_rule, &in->secret_path) == 0)
			remove_trailing_slash(in->secret_path);
	}
	at = sb_zpath_at(&root, "isAutoRotationEnabled");
	in->has_auto = sb_zod_boolean(z, &at, sb_json_get(body, "isAutoRotationEnabled"), 1,
				      &in->auto_rotation) > 0;
	at = sb_zpath_at(&root, "rotationInterval");
	in->has_interval = sb_zod_number(z, &at, sb_json_get(body, "rotationInterval"), &interval,
					 &in->interval) > 0;
	at = sb_zpath_at(&root, "rotateAtUtc");
	v = sb_json_get(body, "rotateAtUtc");
	if (sb_zod_object(z, &at, v, 1) > 0) {
		int before = cJSON_GetArraySize(z->issues);

		sub = sb_zpath_at(&at, "hours");
		sb_zod_number(z, &sub, sb_json_get(v, "hours"), &hours, &in->hours);
		sub = sb_zpath_at(&at, "minutes");
		sb_zod_number(z, &sub, sb_json_get(v, "minutes"), &minutes, &in->minutes);
		in->has_rotate_at = cJSON_GetArraySize(z->issues) == before;
	}
	at = sb_zpath_at(&root, "parameters");
	v = sb_json_get(body, "parameters");
	if (sb_zod_object(z, &at, v, update) > 0) {
		int before = cJSON_GetArraySize(z->issues);

		sub = sb_zpath_at(&at, "objectId");
		sb_zod_string(z, &sub, sb_json_get(v, "objectId"), &object_id_rule, &in->object_id);
		sub = sb_zpath_at(&at, "appName");
		sb_zod_string(z, &sub, sb_json_get(v, "appName"), &app_name_rule, &in->app_name);
		sub = sb_zpath_at(&at, "clientId");
		sb_zod_string(z, &sub, sb_json_get(v, "clientId"), &client_id_rule, &in->client_id);
		in->has_parameters = cJSON_GetArraySize(z->issues) == before;
	}
	at = sb_zpath_at(&root, "secretsMapping");
	v = sb_json_get(body, "secretsMapping");
	if (sb_zod_object(z, &at, v, update) > 0) {
		int before = cJSON_GetArraySize(z->issues);

		sub = sb_zpath_at(&at, "clientId");
		sb_zod_string(z, &sub, sb_json_get(v, "clientId"), &secret_name_rule, &in->map_client_id);
		sub = sb_zpath_at(&at, "clientSecret");
		sb_zod_string(z, &sub, sb_json_get(v, "clientSecret"), &secret_name_rule,
			      &in->map_client_secret);
		in->has_mapping = cJSON_GetArraySize(z->issues) == before;
	}
}

/* Whether the :rotationId parameter is a uuid (zod's params check); answers 422 when not. */
static int
rotation_id_ok(const struct sb_request *req, struct sb_reply *reply)
{
	char *id = sb_path_param(req, "rotationId", &uuid_rule, reply);

	free(id);
	return id != NULL;
}

/*
 * The rotation named by :rotationId, once the input has passed zod; 404
 * when unknown.  The update route words its 404 without quotes around the
 * id, as Infisical does.
 */
static struct sb_rotation *
find_rotation(const struct sb_request *req, struct sb_reply *reply, int quoted)
{
	struct sb_rotation *r = sb_world_rotation(req->world, req->params[0]);

	if (!r)
		sb_reply_error(reply, 404, "NotFound",
			       quoted ? "Could not find Azure Client Secret Rotation with ID \"%s\""
				      : "Could not find Azure Client Secret Rotation with ID %s",
			       req->params[0]);
	return r;
}

/* Both, with the plan check between them, for routes that take nothing but the id. */
static struct sb_rotation *
rotation_param(const struct sb_request *req, const char *plan_refusal, struct sb_reply *reply)
{
	if (!rotation_id_ok(req, reply) || !sb_plan_allows(req, plan_refusal, reply))
		return NULL;
	return find_rotation(req, reply, 1);
}

static void
rotation_reply(struct sb_reply *reply, const struct sb_rotation *r)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "secretRotation", sb_json_rotation(r));
	sb_reply_json(reply, 200, o);
}

/* nextRotationAt as the service stores it after a change. */
static void
schedule(struct sb_rotation *r, int64_t now)
{
	r->has_next = r->auto_rotation || r->failed;
	if (r->failed)
		r->next_rotation = sb_next_day_at(now, r->hours, r->minutes);
	else if (r->auto_rotation)
		r->next_rotation = sb_next_rotation_at(r->last_rotated, r->hours, r->minutes,
						       r->interval, r->last_manual);
}

/*
 * Infisical's $throwOnConflictingSecrets over the given names: duplicates,
 * then names already in the folder.  0, or -1 with the 400 filled.
 */
static int
check_mapped_names(const struct sb_request *req, const struct sb_folder *folder,
		   const char *path, const char *const *keys, size_t count, struct sb_reply *reply)
{
	struct strbuf list = STRBUF_INIT;
	size_t i, j;
	int rc = 0;

	for (i = 0; i < count; i++)
		for (j = i + 1; j < count; j++)
			if (strcmp(keys[i], keys[j]) == 0)
				rc = -1;
	if (rc < 0) {
		for (i = 0; i < count; i++)
			strbuf_printf(&list, "%s%s", i ? ", " : "", keys[i]);
		sb_reply_error(reply, 400, "BadRequest",
			       "Secrets mapping keys must be unique. \"%s\" contains duplicate keys.",
			       strbuf_str(&list));
		strbuf_free(&list);
		return -1;
	}
	for (i = 0; i < count; i++)
		if (sb_world_secret(req->world, folder, keys[i]))
			strbuf_printf(&list, "%s%s", list.len ? ", " : "", keys[i]);
	if (list.len) {
		sb_reply_error(reply, 400, "BadRequest",
			       "The following secrets already exist at the path \"%s\": %s",
			       path, strbuf_str(&list));
		rc = -1;
	}
	strbuf_free(&list);
	return rc;
}

/*
 * Infisical's check that no other rotation in the folder has the name;
 * `self` (NULL on create) is the rotation being renamed.  1 with the 400
 * filled when taken.
 */
static int
name_taken(const struct sb_request *req, const struct sb_folder *folder, const char *path,
	   const char *name, const struct sb_rotation *self, struct sb_reply *reply)
{
	const struct sb_rotation *other = sb_world_rotation_by_name(req->world, folder, name);

	if (!other || other == self)
		return 0;
	sb_reply_error(reply, 400, "BadRequest",
		       "A Secret Rotation with the name \"%s\" already exists at the secret path \"%s\"",
		       name, path);
	return 1;
}

/* Removes the two secrets the rotation writes, where they exist. */
static void
remove_mapped(struct sb_world *world, const struct sb_rotation *r)
{
	struct sb_secret *s;

	if ((s = sb_world_secret(world, r->folder, r->map_client_id)))
		sb_world_secret_remove(world, s);
	if ((s = sb_world_secret(world, r->folder, r->map_client_secret)))
		sb_world_secret_remove(world, s);
}

/* What Azure's Graph API said, in the words the rotation code wraps it in. */
static void
graph_message(struct strbuf *sb, const char *object_id, const char *graph_error)
{
	if (graph_error)
		strbuf_printf(sb, "Failed to add client secret to Azure app %s: %s", object_id,
			      graph_error);
	else {
		const char *p;

		strbuf_printf(sb, "Failed to add client secret to Azure app %s: Resource '", object_id);
		/* Graph names the id as it came in the URL: a NUL travels as %00. */
		for (p = object_id; *p; p++)
			if (*p == SB_NUL_MARK)
				strbuf_puts(sb, "%00");
			else
				strbuf_append(sb, p, 1);
		strbuf_puts(sb, "' does not exist or one of its queried reference-property objects "
			    "are not present.");
	}
}

/* Takes the validated input's strings into a new rotation. */
static struct sb_rotation *
build_rotation(struct input *in, const struct sb_folder *folder,
	       const struct sb_connection *connection, struct sb_credential *credential,
	       int64_t now)
{
	struct sb_rotation *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	sb_uuid4(r->id);
	r->folder = folder;
	r->connection = connection;
	r->name = in->name;
	r->description = in->description;
	r->object_id = in->object_id;
	r->app_name = in->app_name;
	r->client_id = in->client_id;
	r->map_client_id = in->map_client_id;
	r->map_client_secret = in->map_client_secret;
	in->name = in->description = in->object_id = in->app_name = in->client_id = NULL;
	in->map_client_id = in->map_client_secret = NULL;
	r->auto_rotation = in->has_auto ? in->auto_rotation : 1;
	r->interval = (long) in->interval;
	r->hours = in->has_rotate_at ? in->hours : 0;
	r->minutes = in->has_rotate_at ? in->minutes : 0;
	r->created = r->updated = r->last_rotated = r->last_attempted = now;
	r->last_manual = 1;	/* creation counts as a manual rotation */
	r->creds[0] = *credential;
	memset(credential, 0, sizeof(*credential));
	r->cred_count = 1;
	r->active_index = 0;
	schedule(r, now);
	return r;
}

void
sb_h_rotation_create(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_credential credential = { NULL, NULL, { 0 } };
	const struct sb_project *project;
	const struct sb_folder *folder;
	const struct sb_connection *connection;
	const char *graph_error, *keys[2];
	struct sb_rotation *r;
	struct strbuf msg = STRBUF_INIT;
	struct input in;
	struct sb_zod z;

	sb_zod_init(&z);
	check_body(&z, req->body, 0, &in);
	if (sb_zod_answer(&z, reply) || !sb_plan_allows(req, plan_create, reply))
		goto out;
	project = sb_secret_project(in.project_id, reply);
	if (!project)
		goto out;
	folder = sb_find_folder(project, in.project_id, in.environment, in.secret_path, reply);
	if (!folder)
		goto out;
	connection = sb_azure_connection(in.connection_id, reply);
	if (!connection)
		goto out;
	if (req->actor == SB_ACTOR_IDENTITY && !connection->identity_may_connect) {
		sb_reply_error_ex(reply, 403, "PermissionDenied",
				  "You are not allowed to connect on app-connections", NULL,
				  cJSON_CreateArray());
		goto out;
	}
	if (name_taken(req, folder, in.secret_path, in.name, NULL, reply))
		goto out;
	keys[0] = in.map_client_id;
	keys[1] = in.map_client_secret;
	if (sb_has_nul(keys[0]) || sb_has_nul(keys[1])) {
		/* The lookup of secrets by these names is the first query that holds them. */
		sb_reply_db_error(reply, "secrets_v2: Find");
		goto out;
	}
	if (check_mapped_names(req, folder, in.secret_path, keys, 2, reply) < 0)
		goto out;
	/* From here on Azure has been asked: a later refusal leaves its new secret behind, as on the real server. */
	if (sb_world_azure_add_password(req->world, connection, in.object_id, in.client_id,
					&credential, &graph_error) < 0) {
		graph_message(&msg, in.object_id, graph_error);
		sb_reply_error(reply, 400, "BadRequest", "%s", strbuf_str(&msg));
		goto out;
	}
	if (in.interval > AZURE_MAX_INTERVAL) {
		sb_reply_error(reply, 400, "BadRequest", "Azure does not support token duration over 5 years");
		goto out;
	}
	if (in.interval != floor(in.interval) || !sb_db_text_ok(in.description, DESCRIPTION_COLUMN) ||
	    !sb_db_text_ok(in.app_name, -1) || !sb_db_text_ok(in.client_id, -1)) {
		/*
		 * Postgres refuses the row (an integer column, varchar(255), a NUL in
		 * text), and Azure's new secret stays on the app.
		 */
		sb_reply_db_error(reply, "Create");
		goto out;
	}
	r = build_rotation(&in, folder, connection, &credential, req->now);
	if (!r || !sb_world_secret_add(req->world, folder, r->map_client_id, r->client_id, req->now) ||
	    !sb_world_secret_add(req->world, folder, r->map_client_secret, r->creds[0].client_secret,
				 req->now) ||
	    sb_world_rotation_add(req->world, r) < 0) {
		if (r)
			remove_mapped(req->world, r);
		sb_rotation_free(r);
		sb_reply_internal(reply);
		goto out;
	}
	rotation_reply(reply, r);
out:
	sb_credential_clear(&credential);
	strbuf_free(&msg);
	input_free(&in);
	sb_zod_free(&z);
}

/* Renames the two mapped secrets of r to the new names, together. */
static int
rename_mapped(const struct sb_request *req, struct sb_rotation *r, const char *client_id_key,
	      const char *client_secret_key)
{
	struct sb_secret *id_secret = sb_world_secret(req->world, r->folder, r->map_client_id);
	struct sb_secret *secret = sb_world_secret(req->world, r->folder, r->map_client_secret);
	char *new_id = strdup(client_id_key), *new_secret = strdup(client_secret_key);

	if (!new_id || !new_secret ||
	    (id_secret && strcmp(id_secret->key, client_id_key) != 0 &&
	     sb_world_secret_rename(id_secret, client_id_key, req->now) < 0) ||
	    (secret && strcmp(secret->key, client_secret_key) != 0 &&
	     sb_world_secret_rename(secret, client_secret_key, req->now) < 0)) {
		free(new_id);
		free(new_secret);
		return -1;
	}
	free(r->map_client_id);
	free(r->map_client_secret);
	r->map_client_id = new_id;
	r->map_client_secret = new_secret;
	return 0;
}

void
sb_h_rotation_update(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_rotation *r;
	struct input in;
	struct sb_zod z;

	if (!rotation_id_ok(req, reply))
		return;
	sb_zod_init(&z);
	check_body(&z, req->body, 1, &in);
	if (sb_zod_answer(&z, reply) || !sb_plan_allows(req, plan_update, reply))
		goto out;
	r = find_rotation(req, reply, 0);
	if (!r)
		goto out;
	if (in.has_mapping && (strcmp(in.map_client_id, r->map_client_id) != 0 ||
			       strcmp(in.map_client_secret, r->map_client_secret) != 0)) {
		/* Only names the rotation does not already own are checked. */
		const char *keys[2];
		size_t n = 0;

		if (strcmp(in.map_client_id, r->map_client_id) != 0 &&
		    strcmp(in.map_client_id, r->map_client_secret) != 0)
			keys[n++] = in.map_client_id;
		if (strcmp(in.map_client_secret, r->map_client_id) != 0 &&
		    strcmp(in.map_client_secret, r->map_client_secret) != 0)
			keys[n++] = in.map_client_secret;
		if (check_mapped_names(req, r->folder, r->folder->path, keys, n, reply) < 0)
			goto out;
	}
	if (in.has_interval && in.interval > DATE_MAX_DAYS) {
		sb_reply_internal(reply);
		goto out;
	}
	if ((in.has_interval && in.interval != floor(in.interval)) ||
	    !sb_db_text_ok(in.description, DESCRIPTION_COLUMN) || !sb_db_text_ok(in.app_name, -1) ||
	    !sb_db_text_ok(in.client_id, -1) || !sb_db_text_ok(in.name, -1)) {
		sb_reply_db_error(reply, "Update by id");
		goto out;
	}
	if (in.name && name_taken(req, r->folder, r->folder->path, in.name, r, reply))
		goto out;
	if (in.has_mapping && rename_mapped(req, r, in.map_client_id, in.map_client_secret) < 0) {
		sb_reply_internal(reply);
		goto out;
	}
	if (in.name) {
		free(r->name);
		r->name = in.name;
		in.name = NULL;
	}
	if (in.has_description) {
		free(r->description);
		r->description = in.description;
		in.description = NULL;
	}
	if (in.has_auto)
		r->auto_rotation = in.auto_rotation;
	if (in.has_interval)
		r->interval = (long) in.interval;
	if (in.has_rotate_at) {
		r->hours = in.hours;
		r->minutes = in.minutes;
	}
	if (in.has_parameters) {
		free(r->object_id);
		free(r->app_name);
		free(r->client_id);
		r->object_id = in.object_id;
		r->app_name = in.app_name;
		r->client_id = in.client_id;
		in.object_id = in.app_name = in.client_id = NULL;
	}
	r->updated = req->now;
	schedule(r, req->now);
	rotation_reply(reply, r);
out:
	input_free(&in);
	sb_zod_free(&z);
}

void
sb_h_rotation_delete(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_rotation *r;
	struct sb_zpath p_delete = sb_zpath_at(NULL, "deleteSecrets");
	struct sb_zpath p_revoke = sb_zpath_at(NULL, "revokeGeneratedCredentials");
	const char *delete_secrets = "false", *revoke = "false";
	struct sb_zod z;
	cJSON *o;
	int i;

	if (!rotation_id_ok(req, reply))
		return;
	sb_zod_init(&z);
	sb_zod_enum(&z, &p_delete, sb_query(req, "deleteSecrets"), true_false, 1, &delete_secrets);
	sb_zod_enum(&z, &p_revoke, sb_query(req, "revokeGeneratedCredentials"), true_false, 1, &revoke);
	if (sb_zod_answer(&z, reply)) {
		sb_zod_free(&z);
		return;
	}
	sb_zod_free(&z);
	r = find_rotation(req, reply, 1);
	if (!r)
		return;
	/* The answer is the rotation as it was before it went. */
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "secretRotation", sb_json_rotation(r));
	if (strcmp(revoke, "true") == 0)
		for (i = 0; i < r->cred_count; i++)
			sb_world_azure_remove_password(req->world, r->connection, r->object_id);
	if (strcmp(delete_secrets, "true") == 0)
		remove_mapped(req->world, r);
	sb_world_rotation_remove(req->world, r);
	sb_reply_json(reply, 200, o);
}

/* What Graph answers when the connection's app lost its permission: what --fail-next sends. */
#define FAIL_NEXT_GRAPH_ERROR "Insufficient privileges to complete the operation."

int
sb_rotation_rotate(struct sb_world *world, struct sb_rotation *r, int64_t now, int manual,
		   struct strbuf *err)
{
	struct sb_credential fresh;
	struct sb_secret *s;
	const char *graph_error = NULL;
	int inactive = (r->active_index + 1) % 2, refused;

	if (r->fail_next > 0) {
		/* A test's or a demo's fault (POST /sandbox/rotations/:id/fail-next). */
		r->fail_next--;
		memset(&fresh, 0, sizeof(fresh));
		graph_error = FAIL_NEXT_GRAPH_ERROR;
		refused = 1;
	} else {
		refused = sb_world_azure_add_password(world, r->connection, r->object_id, r->client_id,
						      &fresh, &graph_error) < 0;
	}
	if (refused) {
		char *message;

		strbuf_puts(err, "Infisical encountered an issue while generating credentials with "
			    "the configured inputs: ");
		graph_message(err, r->object_id, graph_error);
		message = strdup(strbuf_str(err));
		if (message) {
			free(r->last_message);
			r->last_message = message;
		}
		r->failed = 1;
		r->last_attempted = now;
		r->last_manual = manual;
		schedule(r, now);
		return -1;
	}
	/* Dual phase: the slot not in use gets the new secret; Azure forgets the one it held. */
	if (inactive < r->cred_count) {
		sb_world_azure_remove_password(world, r->connection, r->object_id);
		sb_credential_clear(&r->creds[inactive]);
	} else {
		r->cred_count = inactive + 1;
	}
	r->creds[inactive] = fresh;
	if ((s = sb_world_secret(world, r->folder, r->map_client_secret)))
		sb_world_secret_set(s, fresh.client_secret, now);
	if ((s = sb_world_secret(world, r->folder, r->map_client_id)))
		sb_world_secret_set(s, fresh.client_id, now);
	r->active_index = inactive;
	r->last_rotated = r->last_attempted = r->updated = now;
	r->last_manual = manual;
	r->failed = 0;
	free(r->last_message);
	r->last_message = NULL;
	schedule(r, now);
	return 0;
}

void
sb_h_rotation_rotate(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_rotation *r = rotation_param(req, plan_rotate, reply);
	struct strbuf msg = STRBUF_INIT;

	if (!r)
		return;
	if (r->busy_next > 0) {
		/* The real server's answer while its lock says a rotation of this one runs. */
		r->busy_next--;
		sb_reply_error(reply, 400, "BadRequest",
			       "A rotation is already in progress. Please try again shortly.");
		return;
	}
	if (sb_rotation_rotate(req->world, r, req->now, 1, &msg) < 0)
		sb_reply_error(reply, 500, "InternalServerError", "%s", strbuf_str(&msg));
	else
		rotation_reply(reply, r);
	strbuf_free(&msg);
}

/* The sandbox's own faults of one rotation: POST /sandbox/rotations/:id/fail-next or busy-next. */
static void
add_fault(const struct sb_request *req, struct sb_reply *reply, int busy)
{
	struct sb_rotation *r = sb_world_rotation(req->world, req->params[0]);
	cJSON *o;

	if (!r) {
		sb_reply_error(reply, 404, "NotFound", "No rotation with ID \"%s\"", req->params[0]);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "rotationId", r->id);
	if (busy)
		cJSON_AddNumberToObject(o, "busyNext", ++r->busy_next);
	else
		cJSON_AddNumberToObject(o, "failNext", ++r->fail_next);
	sb_reply_json(reply, 200, o);
}

void
sb_h_sandbox_fail_next(const struct sb_request *req, struct sb_reply *reply)
{
	add_fault(req, reply, 0);
}

void
sb_h_sandbox_busy_next(const struct sb_request *req, struct sb_reply *reply)
{
	add_fault(req, reply, 1);
}

void
sb_h_rotation_generated(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_rotation *r = rotation_param(req, plan_credentials, reply);
	cJSON *o, *list;
	int i;

	if (!r)
		return;
	list = cJSON_CreateArray();
	for (i = 0; i < r->cred_count; i++) {
		cJSON *c = cJSON_CreateObject();

		cJSON_AddStringToObject(c, "clientId", r->creds[i].client_id);
		cJSON_AddStringToObject(c, "clientSecret", r->creds[i].client_secret);
		cJSON_AddStringToObject(c, "keyId", r->creds[i].key_id);
		cJSON_AddItemToArray(list, c);
	}
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "generatedCredentials", list);
	cJSON_AddNumberToObject(o, "activeIndex", r->active_index);
	cJSON_AddStringToObject(o, "rotationId", r->id);
	cJSON_AddStringToObject(o, "type", "azure-client-secret");
	sb_reply_json(reply, 200, o);
}

void
sb_h_rotation(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_rotation *r = rotation_param(req, plan_read, reply);

	if (r)
		rotation_reply(reply, r);
}

void
sb_h_rotation_by_name(const struct sb_request *req, struct sb_reply *reply)
{
	static const struct sb_zstring_rule name = {
		.trim = 1, .min = 1, .min_msg = "Rotation name required", .max = -1,
	};
	static const struct sb_zstring_rule env = {
		.trim = 1, .min = 1, .min_msg = "Environment required", .max = -1,
	};
	struct sb_zpath p_project = sb_zpath_at(NULL, "projectId");
	struct sb_zpath p_path = sb_zpath_at(NULL, "secretPath");
	struct sb_zpath p_env = sb_zpath_at(NULL, "environment");
	char *rotation_name = sb_path_param(req, "rotationName", &name, reply);
	char *project_id = NULL, *path = NULL, *environment = NULL;
	const struct sb_folder *folder;
	struct sb_rotation *r;
	struct sb_zod z;

	if (!rotation_name)
		return;
	sb_zod_init(&z);
	sb_zod_string(&z, &p_project, sb_query(req, "projectId"), &project_rule, &project_id);
	sb_zod_string(&z, &p_path, sb_query(req, "secretPath"), &path_rule, &path);
	sb_zod_string(&z, &p_env, sb_query(req, "environment"), &env, &environment);
	if (sb_zod_answer(&z, reply) || !sb_plan_allows(req, plan_read, reply))
		goto out;
	folder = sb_find_folder(sb_world_project(project_id), project_id, environment, path, reply);
	if (!folder)
		goto out;
	r = sb_world_rotation_by_name(req->world, folder, rotation_name);
	if (!r)
		sb_reply_error(reply, 404, "NotFound",
			       "Could not find Azure Client Secret Rotation with name \"%s\"", rotation_name);
	else
		rotation_reply(reply, r);
out:
	free(rotation_name);
	free(project_id);
	free(path);
	free(environment);
	sb_zod_free(&z);
}

/* The list routes: ?projectId= required, rotations of that project in creation order. */
static void
list(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_zpath p_project = sb_zpath_at(NULL, "projectId");
	const struct sb_project *project;
	char *project_id = NULL;
	cJSON *array, *o;
	struct sb_zod z;
	size_t i;

	sb_zod_init(&z);
	sb_zod_string(&z, &p_project, sb_query(req, "projectId"), &project_rule, &project_id);
	if (sb_zod_answer(&z, reply) || !sb_plan_allows(req, plan_list, reply))
		goto out;
	project = sb_secret_project(project_id, reply);
	if (!project)
		goto out;
	array = cJSON_CreateArray();
	for (i = 0; i < req->world->rotation_count; i++)
		if (req->world->rotations[i]->folder->project == project)
			cJSON_AddItemToArray(array, sb_json_rotation(req->world->rotations[i]));
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "secretRotations", array);
	sb_reply_json(reply, 200, o);
out:
	free(project_id);
	sb_zod_free(&z);
}

void
sb_h_rotations(const struct sb_request *req, struct sb_reply *reply)
{
	list(req, reply);
}

void
sb_h_rotations_all(const struct sb_request *req, struct sb_reply *reply)
{
	/* Every rotation in the sandbox is an Azure one, so both lists agree. */
	list(req, reply);
}

void
sb_h_rotation_options(const struct sb_request *req, struct sb_reply *reply)
{
	/* Sorted by name, as the server sorts them; the sandbox serves only the Azure type. */
	static const char *const options[][5] = {
		{ "Auth0 Client Secret", "auth0-client-secret", "auth0", "clientId", "AUTH0_CLIENT_ID" },
		{ "AWS IAM User Secret", "aws-iam-user-secret", "aws", "accessKeyId", "AWS_ACCESS_KEY_ID" },
		{ "Azure Client Secret", "azure-client-secret", "azure-client-secrets", "clientId", "AZURE_CLIENT_ID" },
		{ "PostgreSQL Credentials", "postgres-credentials", "postgres", "username", "POSTGRES_DB_USERNAME" },
	};
	static const char *const second[][2] = {
		{ "clientSecret", "AUTH0_CLIENT_SECRET" },
		{ "secretAccessKey", "AWS_SECRET_ACCESS_KEY" },
		{ "clientSecret", "AZURE_CLIENT_SECRET" },
		{ "password", "POSTGRES_DB_PASSWORD" },
	};
	cJSON *array = cJSON_CreateArray(), *o;
	size_t i;

	(void) req;
	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		cJSON *item = cJSON_CreateObject(), *template, *mapping;

		cJSON_AddStringToObject(item, "name", options[i][0]);
		cJSON_AddStringToObject(item, "type", options[i][1]);
		cJSON_AddStringToObject(item, "connection", options[i][2]);
		template = cJSON_AddObjectToObject(item, "template");
		mapping = cJSON_AddObjectToObject(template, "secretsMapping");
		cJSON_AddStringToObject(mapping, options[i][3], options[i][4]);
		cJSON_AddStringToObject(mapping, second[i][0], second[i][1]);
		cJSON_AddItemToArray(array, item);
	}
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "secretRotationOptions", array);
	sb_reply_json(reply, 200, o);
}
