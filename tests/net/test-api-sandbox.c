/*
 * net/api.c against a real rotwiz-sandbox: every endpoint's happy path,
 * Universal Auth login and then its token, the wrong token, and one
 * connection for a whole wizard-like sequence (GET /sandbox/stats).
 * The seeded world is discovered through the API, not hard-coded.
 */
#include "config.h"

#include "net/api.h"
#include "tests/net/harness.h"
#include "tests/net/world.h"
#include "tests/tap.h"

static struct rw_api *
api_for(const char *base)
{
	return world_api(base, 5000);
}

static int
has_env(const struct rw_project *p, const char *slug)
{
	size_t i;

	for (i = 0; i < p->environment_count; i++)
		if (p->environments[i].slug && strcmp(p->environments[i].slug, slug) == 0)
			return 1;
	return 0;
}

static void
happy_paths(const struct sandbox *sb)
{
	struct rw_api *api = api_for(sb->api);
	struct rw_result r;
	struct world w;
	char *body, *token = NULL, *rotation_id = NULL;
	size_t i;
	int found;

	memset(&w, 0, sizeof(w));
	ok(api != NULL, "api_for_sandbox_is_made");

	/* Nasty first: no token, then a wrong one. */
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_EAUTH, "no_token_is_eauth");
	rw_result_free(&r);
	rw_api_set_token(api, "not-a-real-token");
	ok(run(api, rw_api_projects(api, NULL), &r) == RW_EAUTH, "wrong_token_is_eauth");
	ok(r.error.http_status == 401 || r.error.http_status == 403, "wrong_token_keeps_http_status");
	ok(r.error.message != NULL, "wrong_token_has_the_server_message");
	diag("wrong token: HTTP %ld %s: %s", r.error.http_status,
	     r.error.error ? r.error.error : "-", r.error.message ? r.error.message : "-");
	rw_result_free(&r);
	rw_api_set_token(api, NULL);
	ok(run(api, rw_api_login(api, "sandbox-client-id", "wrong-secret", NULL), &r) != RW_OK,
	   "login_with_wrong_secret_fails");
	ok(r.status == RW_EAUTH || r.status == RW_ESERVER, "login_with_wrong_secret_is_auth_or_refused");
	rw_result_free(&r);

	/* Universal Auth, then its token. */
	ok(run(api, rw_api_login(api, "sandbox-client-id", "sandbox-client-secret", NULL), &r) == RW_OK,
	   "universal_auth_login_is_ok");
	ok(r.u.login.access_token && *r.u.login.access_token, "login_gives_an_access_token");
	ok(r.u.login.expires_in > 0, "login_gives_expires_in");
	if (r.u.login.access_token)
		token = strdup(r.u.login.access_token);
	rw_result_free(&r);
	ok(rw_api_set_token(api, token) == RW_OK, "login_token_is_set");

	ok(run(api, rw_api_projects(api, NULL), &r) == RW_OK, "projects_with_login_token_is_ok");
	ok(r.u.projects.count >= 2, "at_least_two_projects");
	for (i = 0; i < r.u.projects.count; i++) {
		if (!w.project_id && has_env(&r.u.projects.items[i], "dev") &&
		    has_env(&r.u.projects.items[i], "prod"))
			w.project_id = strdup(r.u.projects.items[i].id);
	}
	ok(w.project_id != NULL, "a_project_has_dev_and_prod");
	rw_result_free(&r);
	if (!w.project_id)
		goto out;

	ok(run(api, rw_api_folders(api, w.project_id, "dev", "/", NULL), &r) == RW_OK,
	   "folders_is_ok");
	ok(r.u.folders.count >= 1 && r.u.folders.items[0].name, "root_has_folders");
	rw_result_free(&r);
	ok(run(api, rw_api_folders(api, w.project_id, "nope", "/", NULL), &r) == RW_ESERVER,
	   "folders_of_unknown_environment_is_eserver");
	rw_result_free(&r);

	ok(run(api, rw_api_connections(api, w.project_id, NULL), &r) == RW_OK, "connections_is_ok");
	ok(r.u.connections.count >= 1, "machine_identity_sees_a_connection");
	rw_result_free(&r);

	ok(run(api, rw_api_azure_apps(api, "00000000-0000-4000-8000-000000000000", NULL), &r) != RW_OK,
	   "apps_of_unknown_connection_fails");
	rw_result_free(&r);

	/* The machine identity may not list apps: 403 but not an auth failure. */
	ok(run(api, rw_api_connections(api, w.project_id, NULL), &r) == RW_OK && r.u.connections.count,
	   "connections_again_is_ok");
	if (r.u.connections.count)
		w.connection_id = strdup(r.u.connections.items[0].id);
	rw_result_free(&r);
	ok(run(api, rw_api_azure_apps(api, w.connection_id, NULL), &r) == RW_ESERVER &&
	   r.error.http_status == 403, "machine_identity_app_list_is_403_eserver");
	rw_result_free(&r);

	/* The user session may. */
	rw_api_set_token(api, "sandbox-user-token");
	ok(run(api, rw_api_connections(api, w.project_id, NULL), &r) == RW_OK, "user_connections_is_ok");
	ok(r.u.connections.count >= 2, "user_sees_two_connections");
	free(w.connection_id);
	w.connection_id = r.u.connections.count ? strdup(r.u.connections.items[0].id) : NULL;
	rw_result_free(&r);
	ok(run(api, rw_api_azure_apps(api, w.connection_id, NULL), &r) == RW_OK, "user_app_list_is_ok");
	ok(r.u.apps.count >= 6, "at_least_six_apps");
	if (r.u.apps.count) {
		w.object_id = strdup(r.u.apps.items[0].object_id);
		w.client_id = strdup(r.u.apps.items[0].client_id);
		w.app_name = strdup(r.u.apps.items[0].name);
	}
	rw_result_free(&r);
	if (!w.object_id)
		goto out;

	ok(run(api, rw_api_secret_names(api, w.project_id, "dev", "/", NULL), &r) == RW_OK,
	   "secret_names_is_ok");
	found = 0;
	for (i = 0; i < r.u.secret_names.count; i++)
		found |= strcmp(r.u.secret_names.items[i], "NETHAPPY_CLIENT_ID") == 0;
	ok(!found, "mapping_names_are_free_before_create");
	rw_result_free(&r);

	body = create_body(&w, "net-happy", "NETHAPPY");
	ok(run(api, rw_api_create(api, body, NULL), &r) == RW_OK, "create_is_ok");
	ok(r.recovered == 0 && r.outcome_checked == 0 && r.outcome_unknown == 0,
	   "plain_create_needs_no_recovery");
	is_str(r.u.rotation.name, "net-happy", "created_rotation_has_the_name");
	ok(r.u.rotation.hours == 3 && r.u.rotation.minutes == 15 && r.u.rotation.interval_days == 30,
	   "created_rotation_has_the_schedule");
	if (r.u.rotation.id)
		rotation_id = strdup(r.u.rotation.id);
	rw_result_free(&r);
	ok(run(api, rw_api_create(api, body, NULL), &r) == RW_ESERVER && r.error.http_status == 400,
	   "second_create_with_same_name_is_400_eserver");
	ok(r.error.message && strstr(r.error.message, "already exists"),
	   "second_create_says_already_exists");
	rw_result_free(&r);
	free(body);
	if (!rotation_id)
		goto out;

	ok(run(api, rw_api_secret_names(api, w.project_id, "dev", "/", NULL), &r) == RW_OK,
	   "secret_names_after_create_is_ok");
	found = 0;
	for (i = 0; i < r.u.secret_names.count; i++)
		found += strcmp(r.u.secret_names.items[i], "NETHAPPY_CLIENT_ID") == 0 ||
			 strcmp(r.u.secret_names.items[i], "NETHAPPY_CLIENT_SECRET") == 0;
	ok(found == 2, "create_wrote_both_mapped_secrets");
	rw_result_free(&r);

	ok(run(api, rw_api_get_by_name(api, "net-happy", w.project_id, "dev", "/", NULL), &r) == RW_OK,
	   "get_by_name_is_ok");
	is_str(r.u.rotation.id, rotation_id, "get_by_name_finds_the_created_rotation");
	rw_result_free(&r);
	ok(run(api, rw_api_get_by_name(api, "no-such", w.project_id, "dev", "/", NULL), &r) == RW_ESERVER &&
	   r.error.http_status == 404, "get_by_unknown_name_is_404");
	rw_result_free(&r);
	ok(run(api, rw_api_get_by_id(api, rotation_id, NULL), &r) == RW_OK, "get_by_id_is_ok");
	is_str(r.u.rotation.name, "net-happy", "get_by_id_finds_the_created_rotation");
	rw_result_free(&r);
	ok(run(api, rw_api_list(api, w.project_id, NULL), &r) == RW_OK, "list_is_ok");
	found = 0;
	for (i = 0; i < r.u.rotations.count; i++)
		found += r.u.rotations.items[i].id && strcmp(r.u.rotations.items[i].id, rotation_id) == 0;
	ok(found == 1, "list_holds_the_created_rotation_once");
	rw_result_free(&r);
	ok(run(api, rw_api_rotate_now(api, rotation_id, NULL, NULL), &r) == RW_OK, "rotate_now_is_ok");
	is_str(r.u.rotation.id, rotation_id, "rotate_now_returns_the_rotation");
	rw_result_free(&r);
	ok(run(api, rw_api_generated(api, rotation_id, NULL), &r) == RW_OK, "generated_is_ok");
	ok(r.u.generated.count >= 1 && r.u.generated.count <= 2 && r.u.generated.key_id[0],
	   "generated_lists_key_ids");
	rw_result_free(&r);
out:
	free(rotation_id);
	if (token) {
		memset(token, 0, strlen(token));
		free(token);
	}
	world_free(&w);
	rw_api_free(&api);
}

/*
 * The wizard's own sequence over one rw_api must open one connection:
 * login, projects, folders, connections, apps, secret names, create, get.
 */
static void
one_connection(const struct sandbox *sb)
{
	struct rw_api *api = api_for(sb->api);
	struct rw_result r;
	struct world w;
	long c0 = -1, c1 = -1, c2 = -1, q0 = -1, q2 = -1, self, used;
	int all_ok = 1, calls = 0;
	char *body;

	memset(&w, 0, sizeof(w));
	/* Two stats calls in a row: how many connections a stats call counts itself. */
	ok(sandbox_stats(sb, &c0, &q0) == 0 && sandbox_stats(sb, &c1, NULL) == 0,
	   "sandbox_stats_answers");
	self = c1 - c0;

	all_ok &= run(api, rw_api_login(api, "sandbox-client-id", "sandbox-client-secret", NULL), &r) == RW_OK;
	calls++;
	rw_result_free(&r);
	rw_api_set_token(api, "sandbox-user-token");
	all_ok &= run(api, rw_api_projects(api, NULL), &r) == RW_OK && r.u.projects.count;
	calls++;
	if (r.u.projects.count)
		w.project_id = strdup(r.u.projects.items[0].id);
	rw_result_free(&r);
	all_ok &= run(api, rw_api_folders(api, w.project_id, "dev", "/", NULL), &r) == RW_OK;
	calls++;
	rw_result_free(&r);
	all_ok &= run(api, rw_api_connections(api, w.project_id, NULL), &r) == RW_OK &&
		  r.u.connections.count;
	calls++;
	if (r.u.connections.count)
		w.connection_id = strdup(r.u.connections.items[0].id);
	rw_result_free(&r);
	all_ok &= run(api, rw_api_azure_apps(api, w.connection_id, NULL), &r) == RW_OK && r.u.apps.count;
	calls++;
	if (r.u.apps.count) {
		w.object_id = strdup(r.u.apps.items[1].object_id);
		w.client_id = strdup(r.u.apps.items[1].client_id);
		w.app_name = strdup(r.u.apps.items[1].name);
	}
	rw_result_free(&r);
	all_ok &= run(api, rw_api_secret_names(api, w.project_id, "dev", "/", NULL), &r) == RW_OK;
	calls++;
	rw_result_free(&r);
	body = w.object_id ? create_body(&w, "net-one-conn", "ONECONN") : NULL;
	all_ok &= body && run(api, rw_api_create(api, body, NULL), &r) == RW_OK;
	calls++;
	rw_result_free(&r);
	free(body);
	all_ok &= run(api, rw_api_get_by_name(api, "net-one-conn", w.project_id, "dev", "/", NULL),
		      &r) == RW_OK;
	calls++;
	rw_result_free(&r);
	ok(all_ok && calls == 8, "eight_call_sequence_succeeds");

	ok(sandbox_stats(sb, &c2, &q2) == 0, "sandbox_stats_after_sequence");
	used = c2 - c1 - self;
	ok(used == 1, "eight_calls_open_exactly_one_connection");
	/* Between the first and the third stats call: the second one and the eight. */
	ok(q0 >= 0 && q2 - q0 - 2 == 8, "eight_calls_are_eight_requests");
	diag("8-call sequence: %ld connection(s), %ld request(s) (a stats call counts itself "
	     "as %ld connection)", used, q2 - q0 - 2, self);
	world_free(&w);
	rw_api_free(&api);
}

/* Starters return at once; results come back in order through next_result. */
static void
queued_calls(const struct sandbox *sb)
{
	struct rw_api *api = api_for(sb->api);
	struct rw_result r;
	int tags[3] = { 0, 1, 2 }, seen = 0, order_ok = 1, rounds = 0;

	rw_api_set_token(api, "sandbox-user-token");
	ok(rw_api_projects(api, &tags[0]) && rw_api_projects(api, &tags[1]) &&
	   rw_api_projects(api, &tags[2]), "three_calls_started");
	ok(rw_api_pending(api) == 3, "three_pending");
	while (seen < 3 && rounds++ < 1000) {
		rw_api_wait(api, -1, 1000);
		while (rw_api_next_result(api, &r)) {
			order_ok &= r.user == &tags[seen] && r.status == RW_OK;
			seen++;
			rw_result_free(&r);
		}
	}
	ok(seen == 3 && order_ok, "queued_calls_finish_in_order_and_ok");
	ok(rw_api_pending(api) == 0, "nothing_pending_after_collecting");
	rw_api_free(&api);
}

int
main(void)
{
	struct sandbox sb;

	signal(SIGPIPE, SIG_IGN);
	if (!sandbox_available() || sandbox_start(&sb, NULL) != 0) {
		printf("Bail out! rotwiz-sandbox did not start\n");
		return 1;
	}
	happy_paths(&sb);
	one_connection(&sb);
	queued_calls(&sb);
	sandbox_stop(&sb);
	return done_testing();
}
