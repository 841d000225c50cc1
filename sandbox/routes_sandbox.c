#include "config.h"

#include <stdlib.h>

#include "sandbox/router.h"
#include "sandbox/routes.h"
#include "sandbox/stats.h"

void
sb_h_stats(const struct sb_request *req, struct sb_reply *reply)
{
	size_t count = sb_router_count(), i;
	long connections, requests, *per_route = calloc(count + 1, sizeof(*per_route));
	cJSON *o, *routes;

	if (!per_route) {
		sb_reply_internal(reply);
		return;
	}
	sb_stats_read(req->stats, &connections, &requests, per_route);
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "connections", (double) connections);
	cJSON_AddNumberToObject(o, "requests", (double) requests);
	routes = cJSON_AddObjectToObject(o, "routes");
	for (i = 0; i < count; i++)
		if (per_route[i])
			cJSON_AddNumberToObject(routes, sb_router_name(i), (double) per_route[i]);
	if (per_route[count])
		cJSON_AddNumberToObject(routes, "unmatched", (double) per_route[count]);
	/* Server state a test may check through the API itself. */
	cJSON_AddNumberToObject(o, "rotations", (double) req->world->rotation_count);
	cJSON_AddNumberToObject(o, "secrets", (double) req->world->secret_count);
	cJSON_AddNumberToObject(o, "azureClientSecrets", (double) sb_world_azure_live_secrets(req->world));
	cJSON_AddNumberToObject(o, "tokens", (double) req->world->token_count);
	free(per_route);
	sb_reply_json(reply, 200, o);
}
