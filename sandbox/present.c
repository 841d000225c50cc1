#include "config.h"

#include <string.h>

#include "sandbox/clock.h"
#include "sandbox/present.h"

static void
add_time(cJSON *object, const char *key, int64_t ms)
{
	char text[SB_TIME_LEN];

	sb_time_format(ms, text);
	cJSON_AddStringToObject(object, key, text);
}

/* Seeded times are already text; they are copied as they are. */
static void
add_seed_time(cJSON *object, const char *key, const char *text)
{
	cJSON_AddStringToObject(object, key, text);
}

static cJSON *
roles_json(void)
{
	static const char *const roles[][2] = {
		{ "admin", "Admin" }, { "member", "Developer" },
		{ "viewer", "Viewer" }, { "no-access", "No Access" },
	};
	cJSON *array = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		cJSON *role = cJSON_CreateObject();

		cJSON_AddStringToObject(role, "id", roles[i][0]);
		cJSON_AddStringToObject(role, "name", roles[i][1]);
		cJSON_AddStringToObject(role, "slug", roles[i][0]);
		cJSON_AddItemToArray(array, role);
	}
	return array;
}

cJSON *
sb_json_project(const struct sb_project *p, int include_roles)
{
	cJSON *o = cJSON_CreateObject(), *envs = cJSON_CreateArray();
	size_t i;

	cJSON_AddStringToObject(o, "id", p->id);
	cJSON_AddStringToObject(o, "_id", p->id);
	cJSON_AddStringToObject(o, "name", p->name);
	cJSON_AddStringToObject(o, "slug", p->slug);
	cJSON_AddStringToObject(o, "description", p->description);
	cJSON_AddStringToObject(o, "type", p->type);
	cJSON_AddStringToObject(o, "orgId", SB_ORG_ID);
	add_seed_time(o, "createdAt", p->created_at);
	add_seed_time(o, "updatedAt", p->created_at);
	cJSON_AddNumberToObject(o, "version", 3);
	cJSON_AddNullToObject(o, "upgradeStatus");
	cJSON_AddNumberToObject(o, "pitVersionLimit", 10);
	cJSON_AddNullToObject(o, "kmsCertificateKeyId");
	cJSON_AddNullToObject(o, "auditLogsRetentionDays");
	cJSON_AddFalseToObject(o, "hasDeleteProtection");
	cJSON_AddNullToObject(o, "defaultProduct");
	cJSON_AddFalseToObject(o, "autoCapitalization");
	cJSON_AddTrueToObject(o, "secretSharing");
	cJSON_AddFalseToObject(o, "showSnapshotsLegacy");
	cJSON_AddNullToObject(o, "secretDetectionIgnoreValues");
	cJSON_AddNullToObject(o, "enforceEncryptedSecretManagerSecretMetadata");
	cJSON_AddItemToObject(o, "deletedEnvironments", cJSON_CreateArray());
	for (i = 0; i < p->env_count; i++) {
		cJSON *env = cJSON_CreateObject();

		cJSON_AddStringToObject(env, "name", p->envs[i].name);
		cJSON_AddStringToObject(env, "slug", p->envs[i].slug);
		cJSON_AddStringToObject(env, "id", p->envs[i].id);
		cJSON_AddItemToArray(envs, env);
	}
	cJSON_AddItemToObject(o, "environments", envs);
	if (include_roles)
		cJSON_AddItemToObject(o, "roles", roles_json());
	return o;
}

static const struct sb_folder *
folder_parent(const struct sb_folder *folder)
{
	const char *slash = strrchr(folder->path, '/');
	char parent[256];
	size_t len;

	if (strcmp(folder->path, "/") == 0 || !slash)
		return NULL;
	len = (size_t) (slash - folder->path);
	if (len == 0)
		len = 1;	/* "/api" has the root as parent */
	if (len >= sizeof(parent))
		return NULL;
	memcpy(parent, folder->path, len);
	parent[len] = '\0';
	return sb_world_folder(folder->project, folder->env, parent);
}

static const char *
folder_name(const struct sb_folder *folder)
{
	if (strcmp(folder->path, "/") == 0)
		return "root";
	return strrchr(folder->path, '/') + 1;
}

cJSON *
sb_json_folder(const struct sb_folder *folder, const char *relative_path)
{
	const struct sb_folder *parent = folder_parent(folder);
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "id", folder->id);
	cJSON_AddStringToObject(o, "name", folder_name(folder));
	cJSON_AddStringToObject(o, "envId", folder->env->id);
	if (parent)
		cJSON_AddStringToObject(o, "parentId", parent->id);
	else
		cJSON_AddNullToObject(o, "parentId");
	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddFalseToObject(o, "isReserved");
	cJSON_AddNullToObject(o, "description");
	add_seed_time(o, "createdAt", folder->created_at);
	add_seed_time(o, "updatedAt", folder->created_at);
	cJSON_AddNullToObject(o, "lastSecretModified");
	if (relative_path)
		cJSON_AddStringToObject(o, "relativePath", relative_path);
	return o;
}

cJSON *
sb_json_secret(const struct sb_secret *s, int show_value, const char *rotation_id)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "id", s->id);
	cJSON_AddStringToObject(o, "_id", s->id);
	cJSON_AddStringToObject(o, "workspace", s->folder->project->id);
	cJSON_AddStringToObject(o, "environment", s->folder->env->slug);
	cJSON_AddNumberToObject(o, "version", s->version);
	cJSON_AddStringToObject(o, "type", "shared");
	cJSON_AddStringToObject(o, "secretKey", s->key);
	/* What Infisical sends in place of a value the caller did not ask to see. */
	cJSON_AddStringToObject(o, "secretValue", show_value ? s->value : "<hidden-by-infisical>");
	cJSON_AddBoolToObject(o, "secretValueHidden", !show_value);
	cJSON_AddStringToObject(o, "secretComment", s->comment);
	cJSON_AddNullToObject(o, "secretReminderNote");
	cJSON_AddNullToObject(o, "secretReminderRepeatDays");
	cJSON_AddFalseToObject(o, "skipMultilineEncoding");
	add_time(o, "createdAt", s->created);
	add_time(o, "updatedAt", s->updated);
	cJSON_AddBoolToObject(o, "isRotatedSecret", rotation_id != NULL);
	if (rotation_id)
		cJSON_AddStringToObject(o, "rotationId", rotation_id);
	else
		cJSON_AddNullToObject(o, "rotationId");
	cJSON_AddStringToObject(o, "secretPath", s->folder->path);
	cJSON_AddItemToObject(o, "tags", cJSON_CreateArray());
	cJSON_AddItemToObject(o, "secretMetadata", cJSON_CreateArray());
	return o;
}

cJSON *
sb_json_connection(const struct sb_connection *c)
{
	cJSON *o = cJSON_CreateObject(), *credentials = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "id", c->id);
	cJSON_AddStringToObject(o, "name", c->name);
	cJSON_AddStringToObject(o, "description", c->description);
	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "orgId", SB_ORG_ID);
	cJSON_AddNullToObject(o, "projectId");
	add_seed_time(o, "createdAt", c->created_at);
	add_seed_time(o, "updatedAt", c->created_at);
	cJSON_AddFalseToObject(o, "isPlatformManagedCredentials");
	cJSON_AddNullToObject(o, "gatewayId");
	cJSON_AddFalseToObject(o, "isAutoRotationEnabled");
	cJSON_AddNullToObject(o, "gatewayPoolId");
	cJSON_AddStringToObject(o, "credentialsHash", c->credentials_hash);
	cJSON_AddStringToObject(o, "app", c->app);
	cJSON_AddStringToObject(o, "method", c->method);
	if (c->tenant_id)
		cJSON_AddStringToObject(credentials, "tenantId", c->tenant_id);
	if (c->client_id)
		cJSON_AddStringToObject(credentials, "clientId", c->client_id);
	cJSON_AddItemToObject(o, "credentials", credentials);
	return o;
}

cJSON *
sb_json_connection_brief(const struct sb_connection *c)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "app", c->app);
	cJSON_AddStringToObject(o, "name", c->name);
	cJSON_AddStringToObject(o, "id", c->id);
	cJSON_AddNullToObject(o, "projectId");
	cJSON_AddStringToObject(o, "orgId", SB_ORG_ID);
	return o;
}

cJSON *
sb_json_rotation(const struct sb_rotation *r)
{
	cJSON *o = cJSON_CreateObject(), *sub;

	cJSON_AddStringToObject(o, "id", r->id);
	cJSON_AddStringToObject(o, "name", r->name);
	if (r->description)
		cJSON_AddStringToObject(o, "description", r->description);
	else
		cJSON_AddNullToObject(o, "description");
	cJSON_AddStringToObject(o, "type", "azure-client-secret");
	cJSON_AddBoolToObject(o, "isAutoRotationEnabled", r->auto_rotation);
	cJSON_AddNumberToObject(o, "activeIndex", r->active_index);
	cJSON_AddStringToObject(o, "folderId", r->folder->id);
	cJSON_AddStringToObject(o, "connectionId", r->connection->id);
	add_time(o, "createdAt", r->created);
	add_time(o, "updatedAt", r->updated);
	cJSON_AddNumberToObject(o, "rotationInterval", (double) r->interval);
	sub = cJSON_AddObjectToObject(o, "rotateAtUtc");
	cJSON_AddNumberToObject(sub, "hours", r->hours);
	cJSON_AddNumberToObject(sub, "minutes", r->minutes);
	cJSON_AddStringToObject(o, "rotationStatus", r->failed ? "failed" : "success");
	add_time(o, "lastRotationAttemptedAt", r->last_attempted);
	add_time(o, "lastRotatedAt", r->last_rotated);
	cJSON_AddNullToObject(o, "lastRotationJobId");
	if (r->has_next)
		add_time(o, "nextRotationAt", r->next_rotation);
	else
		cJSON_AddNullToObject(o, "nextRotationAt");
	cJSON_AddBoolToObject(o, "isLastRotationManual", r->last_manual);
	cJSON_AddStringToObject(o, "projectId", r->folder->project->id);
	if (r->last_message)
		cJSON_AddStringToObject(o, "lastRotationMessage", r->last_message);
	else
		cJSON_AddNullToObject(o, "lastRotationMessage");
	sub = cJSON_AddObjectToObject(o, "connection");
	cJSON_AddStringToObject(sub, "app", r->connection->app);
	cJSON_AddStringToObject(sub, "name", r->connection->name);
	cJSON_AddStringToObject(sub, "id", r->connection->id);
	sub = cJSON_AddObjectToObject(o, "environment");
	cJSON_AddStringToObject(sub, "slug", r->folder->env->slug);
	cJSON_AddStringToObject(sub, "name", r->folder->env->name);
	cJSON_AddStringToObject(sub, "id", r->folder->env->id);
	sub = cJSON_AddObjectToObject(o, "folder");
	cJSON_AddStringToObject(sub, "id", r->folder->id);
	cJSON_AddStringToObject(sub, "path", r->folder->path);
	sub = cJSON_AddObjectToObject(o, "parameters");
	cJSON_AddStringToObject(sub, "objectId", r->object_id);
	if (r->app_name)
		cJSON_AddStringToObject(sub, "appName", r->app_name);
	cJSON_AddStringToObject(sub, "clientId", r->client_id);
	sub = cJSON_AddObjectToObject(o, "secretsMapping");
	cJSON_AddStringToObject(sub, "clientId", r->map_client_id);
	cJSON_AddStringToObject(sub, "clientSecret", r->map_client_secret);
	return o;
}
