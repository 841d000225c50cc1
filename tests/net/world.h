#ifndef ROTWIZ_TESTS_NET_WORLD_H
#define ROTWIZ_TESTS_NET_WORLD_H

/*
 * What the net/ tests need from a sandbox's seeded world, found through
 * the API (with the user session token) rather than hard-coded, and the
 * create body built from it.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "net/api.h"

#ifndef H_UNUSED
#define H_UNUSED __attribute__((unused))
#endif

struct world {
	char *project_id;
	char *connection_id;
	char *object_id, *client_id, *app_name;
};

H_UNUSED static void
world_free(struct world *w)
{
	free(w->project_id);
	free(w->connection_id);
	free(w->object_id);
	free(w->client_id);
	free(w->app_name);
	memset(w, 0, sizeof(*w));
}

H_UNUSED static struct rw_api *
world_api(const char *base, long total_ms)
{
	struct rw_api_config cfg;
	struct rw_api *api = NULL;

	memset(&cfg, 0, sizeof(cfg));
	cfg.api_base = base;
	cfg.connect_timeout_ms = 2000;
	cfg.total_timeout_ms = total_ms;
	if (rw_api_new(&cfg, &api) != RW_OK)
		return NULL;
	return api;
}

H_UNUSED static enum rw_status
run(struct rw_api *api, struct rw_call *call, struct rw_result *r)
{
	if (!call) {
		memset(r, 0, sizeof(*r));
		r->status = RW_ENOMEM;
		return RW_ENOMEM;
	}
	return rw_api_wait_for(api, call, r);
}

/* The first project with a dev environment, its first usable connection, app number `app`. */
H_UNUSED static int
world_discover(struct rw_api *api, struct world *w, size_t app)
{
	struct rw_result r;
	size_t i, j;

	memset(w, 0, sizeof(*w));
	rw_api_set_token(api, "sandbox-user-token");
	if (run(api, rw_api_projects(api, NULL), &r) == RW_OK) {
		for (i = 0; i < r.u.projects.count && !w->project_id; i++) {
			const struct rw_project *p = &r.u.projects.items[i];

			for (j = 0; j < p->environment_count; j++)
				if (p->environments[j].slug && strcmp(p->environments[j].slug, "dev") == 0)
					break;
			if (j < p->environment_count)
				w->project_id = strdup(p->id);
		}
	}
	rw_result_free(&r);
	if (!w->project_id)
		return -1;
	if (run(api, rw_api_connections(api, w->project_id, NULL), &r) == RW_OK &&
	    r.u.connections.count)
		w->connection_id = strdup(r.u.connections.items[0].id);
	rw_result_free(&r);
	if (!w->connection_id)
		return -1;
	if (run(api, rw_api_azure_apps(api, w->connection_id, NULL), &r) == RW_OK &&
	    r.u.apps.count > app) {
		w->object_id = strdup(r.u.apps.items[app].object_id);
		w->client_id = strdup(r.u.apps.items[app].client_id);
		w->app_name = strdup(r.u.apps.items[app].name);
	}
	rw_result_free(&r);
	return w->object_id ? 0 : -1;
}

/* A create body for rotation `name` in dev at "/", mapping PREFIX_CLIENT_ID/_SECRET. */
H_UNUSED static char *
create_body(const struct world *w, const char *name, const char *prefix)
{
	cJSON *root = cJSON_CreateObject(), *params, *map, *at;
	char id_name[64], secret_name[64], *text;

	snprintf(id_name, sizeof(id_name), "%s_CLIENT_ID", prefix);
	snprintf(secret_name, sizeof(secret_name), "%s_CLIENT_SECRET", prefix);
	cJSON_AddStringToObject(root, "name", name);
	cJSON_AddStringToObject(root, "projectId", w->project_id);
	cJSON_AddStringToObject(root, "connectionId", w->connection_id);
	cJSON_AddStringToObject(root, "environment", "dev");
	cJSON_AddStringToObject(root, "secretPath", "/");
	cJSON_AddBoolToObject(root, "isAutoRotationEnabled", 1);
	cJSON_AddNumberToObject(root, "rotationInterval", 30);
	at = cJSON_AddObjectToObject(root, "rotateAtUtc");
	cJSON_AddNumberToObject(at, "hours", 3);
	cJSON_AddNumberToObject(at, "minutes", 15);
	params = cJSON_AddObjectToObject(root, "parameters");
	cJSON_AddStringToObject(params, "objectId", w->object_id);
	cJSON_AddStringToObject(params, "clientId", w->client_id);
	cJSON_AddStringToObject(params, "appName", w->app_name);
	map = cJSON_AddObjectToObject(root, "secretsMapping");
	cJSON_AddStringToObject(map, "clientId", id_name);
	cJSON_AddStringToObject(map, "clientSecret", secret_name);
	text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return text;
}

/* Rotations named `name` in the project (-1 when the list fails). */
H_UNUSED static int
world_count_named(struct rw_api *api, const struct world *w, const char *name)
{
	struct rw_result r;
	size_t i;
	int n = -1;

	if (run(api, rw_api_list(api, w->project_id, NULL), &r) == RW_OK) {
		n = 0;
		for (i = 0; i < r.u.rotations.count; i++)
			n += r.u.rotations.items[i].name && strcmp(r.u.rotations.items[i].name, name) == 0;
	}
	rw_result_free(&r);
	return n;
}

#endif
