#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sandbox/routes.h"

const cJSON *
sb_query(const struct sb_request *req, const char *name)
{
	return sb_json_get(req->query, name);
}

char *
sb_path_param(const struct sb_request *req, const char *name,
	      const struct sb_zstring_rule *rule, struct sb_reply *reply)
{
	struct sb_zpath path = sb_zpath_at(NULL, name);
	cJSON *value = cJSON_CreateString(req->params[0]);
	char *out = NULL;
	struct sb_zod z;

	sb_zod_init(&z);
	sb_zod_string(&z, &path, value, rule, &out);
	if (sb_zod_answer(&z, reply)) {
		free(out);
		out = NULL;
	}
	cJSON_Delete(value);
	sb_zod_free(&z);
	return out;
}

const struct sb_project *
sb_find_project(const char *project_id, struct sb_reply *reply)
{
	const struct sb_project *project = sb_world_project(project_id);

	if (!project)
		sb_reply_error(reply, 404, "NotFound", "Project with ID '%s' not found", project_id);
	return project;
}

const struct sb_project *
sb_secret_project(const char *project_id, struct sb_reply *reply)
{
	const struct sb_project *project;

	if (sb_has_nul(project_id)) {
		/* Postgres refuses a NUL in text: the permission check's project lookup fails. */
		sb_reply_db_error(reply, "Find by id");
		return NULL;
	}
	project = sb_world_project(project_id);
	if (!project) {
		/* The permission check's words, without the quotes of the project route's. */
		sb_reply_error(reply, 404, "NotFound", "Project with %s not found", project_id);
		return NULL;
	}
	if (strcmp(project->type, "secret-manager") != 0) {
		sb_reply_error(reply, 400, "BadRequest",
			       "The project is of type %s. Operations of type secret-manager are not allowed.",
			       project->type);
		return NULL;
	}
	return project;
}

int
sb_zod_answer(struct sb_zod *z, struct sb_reply *reply)
{
	if (!sb_zod_failed(z))
		return 0;
	sb_reply_issues(reply, sb_zod_take(z));
	return 1;
}

int
sb_plan_allows(const struct sb_request *req, const char *refusal, struct sb_reply *reply)
{
	if (!req->world->plan_free)
		return 1;
	sb_reply_error(reply, 400, "BadRequest", "%s", refusal);
	return 0;
}

int
sb_db_text_ok(const char *text, long max_chars)
{
	long chars = 0;

	if (!text)
		return 1;
	if (sb_has_nul(text))
		return 0;
	for (; *text; text++)
		chars += ((unsigned char) *text & 0xc0) != 0x80;
	return max_chars < 0 || chars <= max_chars;
}

/* Infisical's isValidSecretPath: every segment in [a-zA-Z0-9-_]. */
static int
valid_secret_path(const char *path)
{
	for (; *path; path++)
		if (*path != '/' && *path != '-' && *path != '_' &&
		    !(*path >= 'a' && *path <= 'z') && !(*path >= 'A' && *path <= 'Z') &&
		    !(*path >= '0' && *path <= '9'))
			return 0;
	return 1;
}

int
sb_secret_path_ok(const char *path, struct sb_reply *reply)
{
	if (valid_secret_path(path))
		return 1;
	sb_reply_error(reply, 400, "BadRequest",
		       "Invalid secret path. Only alphanumeric characters, dashes, and underscores are allowed.");
	return 0;
}

const struct sb_folder *
sb_find_folder(const struct sb_project *project, const char *project_id, const char *environment,
	       const char *path, struct sb_reply *reply)
{
	const struct sb_folder *folder = NULL;

	if (!sb_secret_path_ok(path, reply))
		return NULL;
	if (project)
		folder = sb_world_folder(project, sb_world_env(project, environment), path);
	if (!folder)
		sb_reply_error(reply, 400, "BadRequest",
			       "Could not find folder with path \"%s\" in environment \"%s\" for project with ID \"%s\"",
			       path, environment, project_id);
	return folder;
}

char *
sb_normalise_path(const char *path)
{
	size_t len = strlen(path);
	char *out = malloc(len + 2);

	if (!out)
		return NULL;
	if (path[0] == '/')
		memcpy(out, path, len + 1);
	else {
		out[0] = '/';
		memcpy(out + 1, path, len + 1);
		len++;
	}
	if (len > 1 && out[len - 1] == '/')
		out[len - 1] = '\0';
	return out;
}

const struct sb_connection *
sb_azure_connection(const char *id, struct sb_reply *reply)
{
	const struct sb_connection *c = sb_world_connection(id);

	if (!c) {
		sb_reply_error(reply, 404, "NotFound", "Could not find App Connection with ID %s", id);
		return NULL;
	}
	if (!sb_is_azure(c)) {
		sb_reply_error(reply, 400, "BadRequest",
			       "%s Connection with ID %s cannot be used to connect to Azure Client Secrets",
			       c->app_label, c->id);
		return NULL;
	}
	return c;
}

int
sb_is_azure(const struct sb_connection *connection)
{
	return strcmp(connection->app, "azure-client-secrets") == 0;
}
