#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sandbox/present.h"
#include "sandbox/routes.h"

static const char *const true_false[] = { "true", "false", NULL };
static const char *const project_types[] = {
	"secret-manager", "cert-manager", "kms", "ssh", "secret-scanning", "pam", "ai", NULL
};
static const struct sb_zstring_rule trimmed = { .trim = 1, .min = -1, .max = -1 };
static const struct sb_zstring_rule trimmed_optional = { .optional = 1, .trim = 1, .min = -1, .max = -1 };

void
sb_h_projects(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_zpath p_type = sb_zpath_at(NULL, "type"), p_roles = sb_zpath_at(NULL, "includeRoles");
	const char *type = NULL, *roles = "false";
	const struct sb_project *projects;
	cJSON *list, *o;
	struct sb_zod z;
	size_t count, i;

	sb_zod_init(&z);
	sb_zod_enum(&z, &p_type, sb_query(req, "type"), project_types, 1, &type);
	sb_zod_enum(&z, &p_roles, sb_query(req, "includeRoles"), true_false, 1, &roles);
	if (sb_zod_answer(&z, reply)) {
		sb_zod_free(&z);
		return;
	}
	sb_zod_free(&z);
	if (strcmp(roles, "true") == 0 && req->actor != SB_ACTOR_USER) {
		/* The roles come from the member service, which a machine identity may not ask. */
		sb_reply_error_ex(reply, 403, "PermissionDenied", "You are not allowed to create on member",
				  NULL, cJSON_CreateArray());
		return;
	}
	projects = sb_seed_projects(&count);
	list = cJSON_CreateArray();
	for (i = 0; i < count; i++)
		if (!type || strcmp(projects[i].type, type) == 0)
			cJSON_AddItemToArray(list, sb_json_project(&projects[i], strcmp(roles, "true") == 0));
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "projects", list);
	sb_reply_json(reply, 200, o);
}

void
sb_h_project(const struct sb_request *req, struct sb_reply *reply)
{
	const struct sb_project *project = sb_find_project(req->params[0], reply);
	cJSON *o;

	if (!project)
		return;
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "project", sb_json_project(project, 0));
	sb_reply_json(reply, 200, o);
}

void
sb_h_project_by_slug(const struct sb_request *req, struct sb_reply *reply)
{
	const struct sb_project *project = sb_world_project_by_slug(req->params[0]);

	if (!project) {
		sb_reply_error(reply, 404, "NotFound", "Project with slug '%s' not found", req->params[0]);
		return;
	}
	/* This route answers the project itself, without a wrapper (doc/api.md s.6). */
	sb_reply_json(reply, 200, sb_json_project(project, 0));
}

/*
 * Infisical's booleanSchema for a query string: true unless it is empty,
 * numerically 0 or "false" in any case (absent: false).
 */
static int
js_truthy(const char *text)
{
	char *end;
	double n;

	if (!text || !*text || strcasecmp(text, "false") == 0)
		return 0;
	n = strtod(text, &end);
	/* Number() reads "0", " 0x0 " and "0e5" as 0; strtod covers these (hex included). */
	return !(end != text && !*end && n == 0);
}

/* Whether folder lies strictly below the folder at `parent` (a normalised path). */
static int
below(const struct sb_folder *folder, const char *parent, int direct_only)
{
	size_t len = strlen(parent);
	const char *rest;

	if (strcmp(parent, "/") == 0)
		rest = folder->path;
	else if (strncmp(folder->path, parent, len) == 0 && folder->path[len] == '/')
		rest = folder->path + len;
	else
		return 0;
	if (strcmp(rest, "/") == 0 || rest[0] != '/' || !rest[1])
		return 0;
	return !direct_only || !strchr(rest + 1, '/');
}

static const struct sb_env *
find_env(const struct sb_project *project, const char *project_id, const char *slug,
	 struct sb_reply *reply)
{
	const struct sb_env *env = sb_world_env(project, slug);

	(void) project_id;
	if (!env)
		sb_reply_error(reply, 404, "NotFound", "Environment with slug '%s' not found", slug);
	return env;
}

void
sb_h_folders(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_zpath p_project = sb_zpath_at(NULL, "projectId");
	struct sb_zpath p_env = sb_zpath_at(NULL, "environment");
	struct sb_zpath p_path = sb_zpath_at(NULL, "path");
	struct sb_zpath p_recursive = sb_zpath_at(NULL, "recursive");
	char *project_id = NULL, *env_slug = NULL, *raw_path = NULL, *path = NULL;
	char *recursive_text = NULL;
	const char *recursive;
	const struct sb_project *project;
	const struct sb_env *env;
	const struct sb_folder *folders;
	cJSON *list, *o;
	struct sb_zod z;
	size_t count, i;

	sb_zod_init(&z);
	sb_zod_string(&z, &p_project, sb_query(req, "projectId"), &trimmed, &project_id);
	sb_zod_string(&z, &p_env, sb_query(req, "environment"), &trimmed, &env_slug);
	sb_zod_string(&z, &p_path, sb_query(req, "path"), &trimmed, &raw_path);
	sb_zod_string(&z, &p_recursive, sb_query(req, "recursive"), &trimmed_optional, &recursive_text);
	if (sb_zod_answer(&z, reply))
		goto out;
	recursive = js_truthy(recursive_text) ? "true" : "false";
	project = sb_secret_project(project_id, reply);
	if (!project)
		goto out;
	env = find_env(project, project_id, env_slug, reply);
	if (!env)
		goto out;
	path = sb_normalise_path(raw_path);
	if (!path) {
		sb_reply_internal(reply);
		goto out;
	}
	if (!sb_secret_path_ok(path, reply))
		goto out;
	list = cJSON_CreateArray();
	/* An unknown path is no error here: it simply has no folders below it. */
	if (sb_world_folder(project, env, path)) {
		folders = sb_world_folders(&count);
		for (i = 0; i < count; i++) {
			if (folders[i].project != project || folders[i].env != env ||
			    !below(&folders[i], path, strcmp(recursive, "false") == 0))
				continue;
			cJSON_AddItemToArray(list, sb_json_folder(&folders[i],
				strcmp(recursive, "true") == 0 ?
				folders[i].path + (strcmp(path, "/") == 0 ? 0 : strlen(path)) : NULL));
		}
	}
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "folders", list);
	sb_reply_json(reply, 200, o);
out:
	free(project_id);
	free(env_slug);
	free(raw_path);
	free(path);
	free(recursive_text);
	sb_zod_free(&z);
}

void
sb_h_secrets(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_zpath p_project = sb_zpath_at(NULL, "projectId");
	struct sb_zpath p_workspace = sb_zpath_at(NULL, "workspaceId");
	struct sb_zpath p_env = sb_zpath_at(NULL, "environment");
	struct sb_zpath p_path = sb_zpath_at(NULL, "secretPath");
	struct sb_zpath p_view = sb_zpath_at(NULL, "viewSecretValue");
	struct sb_zpath p_recursive = sb_zpath_at(NULL, "recursive");
	char *project_id = NULL, *workspace_id = NULL, *env_slug = NULL, *raw_path = NULL, *path = NULL;
	const char *view = "false", *recursive = "false", *id;
	const struct sb_project *project;
	const struct sb_env *env;
	const struct sb_folder *folder;
	cJSON *list, *o;
	struct sb_zod z;
	size_t i;

	sb_zod_init(&z);
	sb_zod_string(&z, &p_project, sb_query(req, "projectId"), &trimmed_optional, &project_id);
	sb_zod_string(&z, &p_workspace, sb_query(req, "workspaceId"), &trimmed_optional, &workspace_id);
	sb_zod_string(&z, &p_env, sb_query(req, "environment"), &trimmed_optional, &env_slug);
	sb_zod_string(&z, &p_path, sb_query(req, "secretPath"), &trimmed_optional, &raw_path);
	/*
	 * The real server shows values unless told viewSecretValue=false; the
	 * sandbox shows them only when told viewSecretValue=true, so that it
	 * never hands secret values to a client that forgot to ask for names only.
	 */
	sb_zod_enum(&z, &p_view, sb_query(req, "viewSecretValue"), true_false, 1, &view);
	sb_zod_enum(&z, &p_recursive, sb_query(req, "recursive"), true_false, 1, &recursive);
	if (sb_zod_answer(&z, reply))
		goto out;
	id = project_id && *project_id ? project_id : workspace_id;
	if (!id || !*id || !env_slug || !*env_slug) {
		sb_reply_error(reply, 400, "BadRequest", "Missing project id or environment");
		goto out;
	}
	project = sb_world_project(id);
	if (!project) {
		/* The project's bot is looked up first, in its own words. */
		sb_reply_error(reply, 404, "NotFound", "Project with ID '%s' not found during bot lookup. "
			       "Are you sure you are using the correct project ID?", id);
		goto out;
	}
	if (!(project = sb_secret_project(id, reply)))
		goto out;
	path = sb_normalise_path(raw_path ? raw_path : "/");
	if (!path) {
		sb_reply_internal(reply);
		goto out;
	}
	if (!sb_secret_path_ok(path, reply))
		goto out;
	/* No check of its own for the environment: the folder is not found in an unknown one. */
	env = sb_world_env(project, env_slug);
	folder = env ? sb_world_folder(project, env, path) : NULL;
	if (!folder) {
		sb_reply_error(reply, 404, "SecretPathNotFound", "Folder with path '%s' in environment "
			       "'%s' was not found. Please ensure the environment slug and secret path "
			       "is correct.", path, env_slug);
		goto out;
	}
	list = cJSON_CreateArray();
	for (i = 0; i < req->world->secret_count; i++) {
		const struct sb_secret *s = req->world->secrets[i];
		const struct sb_rotation *owner;

		if (s->folder != folder &&
		    !(strcmp(recursive, "true") == 0 && s->folder->project == project &&
		      s->folder->env == env && below(s->folder, path, 0)))
			continue;
		owner = sb_world_secret_rotation(req->world, s);
		cJSON_AddItemToArray(list, sb_json_secret(s, strcmp(view, "true") == 0,
							  owner ? owner->id : NULL));
	}
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "secrets", list);
	cJSON_AddItemToObject(o, "imports", cJSON_CreateArray());
	sb_reply_json(reply, 200, o);
out:
	free(project_id);
	free(workspace_id);
	free(env_slug);
	free(raw_path);
	free(path);
	sb_zod_free(&z);
}
