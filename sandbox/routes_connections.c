#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sandbox/present.h"
#include "sandbox/routes.h"

static const struct sb_zstring_rule optional_trimmed = { .optional = 1, .trim = 1, .min = -1, .max = -1 };
static const struct sb_zstring_rule uuid_rule = { .min = -1, .max = -1, .uuid = 1 };

/* The optional ?projectId= of the list routes: checked, then only used to refuse unknown projects. */
static int
check_project_query(const struct sb_request *req, struct sb_reply *reply)
{
	struct sb_zpath p_project = sb_zpath_at(NULL, "projectId");
	char *project_id = NULL;
	struct sb_zod z;
	int ok = 1;

	sb_zod_init(&z);
	sb_zod_string(&z, &p_project, sb_query(req, "projectId"), &optional_trimmed, &project_id);
	if (sb_zod_answer(&z, reply))
		ok = 0;
	else if (project_id && *project_id && !sb_find_project(project_id, reply))
		ok = 0;
	free(project_id);
	sb_zod_free(&z);
	return ok;
}

static void
list(const struct sb_request *req, struct sb_reply *reply, int available_only)
{
	const struct sb_connection *connections;
	cJSON *array, *o;
	size_t count, i;

	if (!check_project_query(req, reply))
		return;
	connections = sb_world_connections(&count);
	array = cJSON_CreateArray();
	for (i = 0; i < count; i++) {
		if (!sb_is_azure(&connections[i]))
			continue;
		if (!available_only) {
			cJSON *c = sb_json_connection(&connections[i]);

			/* The list joins the connection's project: none for the sandbox's org-wide ones. */
			cJSON_AddNullToObject(c, "project");
			cJSON_AddItemToArray(array, c);
		}
		else if (req->actor == SB_ACTOR_USER || connections[i].identity_may_connect)
			cJSON_AddItemToArray(array, sb_json_connection_brief(&connections[i]));
	}
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "appConnections", array);
	sb_reply_json(reply, 200, o);
}

void
sb_h_connections(const struct sb_request *req, struct sb_reply *reply)
{
	list(req, reply, 0);
}

void
sb_h_connections_available(const struct sb_request *req, struct sb_reply *reply)
{
	list(req, reply, 1);
}

/*
 * The Azure connection named by the :connectionId parameter: 422 when it is
 * not a uuid, 404 when unknown, 400 when it belongs to another app.
 */
static const struct sb_connection *
azure_connection_param(const struct sb_request *req, struct sb_reply *reply)
{
	char *id = sb_path_param(req, "connectionId", &uuid_rule, reply);
	const struct sb_connection *c;

	if (!id)
		return NULL;
	c = sb_azure_connection(id, reply);
	free(id);
	return c;
}

void
sb_h_connection(const struct sb_request *req, struct sb_reply *reply)
{
	const struct sb_connection *c = azure_connection_param(req, reply);
	cJSON *o;

	if (!c)
		return;
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "appConnection", sb_json_connection(c));
	sb_reply_json(reply, 200, o);
}

void
sb_h_connection_by_name(const struct sb_request *req, struct sb_reply *reply)
{
	const struct sb_connection *connections;
	size_t count, i;
	cJSON *o;

	const cJSON *project = sb_query(req, "projectId");
	int has_project = cJSON_IsString(project) && *project->valuestring;

	if (!check_project_query(req, reply))
		return;
	connections = sb_world_connections(&count);
	for (i = 0; i < count; i++) {
		if (sb_is_azure(&connections[i]) && strcmp(connections[i].name, req->params[0]) == 0) {
			o = cJSON_CreateObject();
			cJSON_AddItemToObject(o, "appConnection", sb_json_connection(&connections[i]));
			sb_reply_json(reply, 200, o);
			return;
		}
	}
	sb_reply_error(reply, 404, "NotFound", "Could not find App Connection with name %s%s",
		       req->params[0], has_project ? " in project scope." : "");
}

void
sb_h_connection_clients(const struct sb_request *req, struct sb_reply *reply)
{
	const struct sb_connection *c = azure_connection_param(req, reply);
	const struct sb_azure_app *apps;
	cJSON *array, *o;
	size_t count, i;

	if (!c)
		return;
	apps = sb_world_apps(&count);
	array = cJSON_CreateArray();
	for (i = 0; i < count; i++) {
		cJSON *app;

		if (apps[i].connection != c)
			continue;
		app = cJSON_CreateObject();
		cJSON_AddStringToObject(app, "id", apps[i].object_id);
		cJSON_AddStringToObject(app, "name", apps[i].name);
		cJSON_AddStringToObject(app, "appId", apps[i].app_id);
		cJSON_AddItemToArray(array, app);
	}
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "clients", array);
	sb_reply_json(reply, 200, o);
}
