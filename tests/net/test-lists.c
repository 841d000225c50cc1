/*
 * The one list cache (libcore/lists.c) against a real rotwiz-sandbox: the
 * app lists fetched ahead once a project's connections are known
 * (decision 9) -- one at a time, each once, never asked twice when the
 * front-end asks for one on its way, and served from the shelf without a
 * request once there; a 403 stops the prefetch; a cache going away fetches
 * nothing more.
 */
#include "config.h"

#include "libcore/lists.h"
#include "tests/net/harness.h"
#include "tests/net/world.h"
#include "tests/tap.h"

#define PAYMENTS "ec28d541-4984-455a-b145-c3b923b5c5b2"
#define CONTOSO "9640d92c-838b-4c31-a495-6e6be4e58523"
#define FABRIKAM "0d2add2d-92b6-4566-9081-070bf7c9b5ca"

/* Drives the network until nothing of the cache runs (10 s at most). */
static int
settle(struct core_lists *lists, struct rw_api *api)
{
	double until = h_now() + 10;

	while (rw_api_pending(api) > 0 && h_now() < until) {
		rw_api_wait(api, -1, 200);
		core_lists_pump(lists, api);
	}
	return rw_api_pending(api) == 0;
}

static size_t
apps_count(const struct core_lists *lists, const char *connection)
{
	const struct rw_result *r = core_lists_result(lists, CORE_SLOT_APPS, connection, NULL, NULL);

	return r && r->status == RW_OK ? r->u.apps.count : 0;
}

static void
user_prefetch(const struct sandbox *sb)
{
	struct rw_api *api = world_api(sb->api, 5000);
	struct core_lists lists;
	int started;

	core_lists_init(&lists);
	rw_api_set_token(api, "sandbox-user-token");

	/* Nothing to walk before the connections are known. */
	core_lists_prefetch_apps(&lists, api);
	ok(lists.started == 0, "no_prefetch_before_the_connection_list");
	core_lists_want(&lists, api, CORE_SLOT_CONNECTIONS, PAYMENTS, NULL, NULL);
	ok(settle(&lists, api), "the_connection_list_comes");

	core_lists_prefetch_apps(&lists, api);
	ok(lists.started == 2, "the_first_connections_apps_are_fetched_ahead");
	ok(core_lists_state(&lists, CORE_SLOT_APPS, CONTOSO, NULL, NULL) == CORE_LOAD_RUNNING,
	   "it_shows_as_loading");
	core_lists_prefetch_apps(&lists, api);
	ok(lists.started == 2, "one_at_a_time");

	/* Asked for on its way: the same call answers, not a second one. */
	core_lists_want(&lists, api, CORE_SLOT_APPS, CONTOSO, NULL, NULL);
	ok(lists.started == 2, "asking_for_it_on_its_way_asks_nothing_more");
	ok(core_lists_running(&lists, CORE_SLOT_APPS), "the_slot_now_waits_for_it");
	ok(settle(&lists, api), "it_comes");
	ok(apps_count(&lists, CONTOSO) == 7, "contosos_seven_apps");

	core_lists_prefetch_apps(&lists, api);
	ok(lists.started == 3, "then_the_next_connection");
	ok(settle(&lists, api), "its_list_comes");
	core_lists_prefetch_apps(&lists, api);
	ok(lists.started == 3, "each_connection_once");
	ok(apps_count(&lists, FABRIKAM) == 2, "fabrikams_two_apps_are_at_hand");

	/* Turning the slot from one to the other costs no request. */
	started = lists.started;
	core_lists_want(&lists, api, CORE_SLOT_APPS, FABRIKAM, NULL, NULL);
	ok(lists.started == started && core_lists_result(&lists, CORE_SLOT_APPS, FABRIKAM, NULL,
							 NULL) != NULL, "a_list_fetched_ahead_serves");
	core_lists_want(&lists, api, CORE_SLOT_APPS, CONTOSO, NULL, NULL);
	ok(lists.started == started && apps_count(&lists, CONTOSO) == 7,
	   "and_the_one_before_it_was_kept");
	ok(core_lists_get(&lists, api, CORE_SLOT_APPS, FABRIKAM, NULL, NULL, NULL, NULL) != NULL &&
	   lists.started == started, "a_blocking_read_takes_it_too");

	/* Going away: what runs is cancelled and nothing more is fetched ahead. */
	core_lists_forget(&lists, CORE_SLOT_APPS);
	core_lists_free(&lists);
	core_lists_init(&lists);
	core_lists_want(&lists, api, CORE_SLOT_CONNECTIONS, PAYMENTS, NULL, NULL);
	settle(&lists, api);
	core_lists_prefetch_apps(&lists, api);
	core_lists_cancel_all(&lists, api);
	settle(&lists, api);
	core_lists_prefetch_apps(&lists, api);
	ok(lists.started == 2 && lists.closing, "after_cancel_all_nothing_more_is_fetched");
	core_lists_free(&lists);
	rw_api_free(&api);
}

static void
machine_identity(const struct sandbox *sb)
{
	struct rw_api *api = world_api(sb->api, 5000);
	struct core_lists lists;
	struct rw_result r;

	core_lists_init(&lists);
	ok(run(api, rw_api_login(api, "sandbox-client-id", "sandbox-client-secret", NULL), &r) ==
	   RW_OK && r.u.login.access_token, "machine_identity_logs_in");
	if (r.status == RW_OK && r.u.login.access_token)
		rw_api_set_token(api, r.u.login.access_token);
	rw_result_free(&r);
	core_lists_want(&lists, api, CORE_SLOT_CONNECTIONS, PAYMENTS, NULL, NULL);
	settle(&lists, api);
	core_lists_prefetch_apps(&lists, api);
	settle(&lists, api);
	ok(lists.apps_refused, "a_403_for_an_app_list_stops_the_prefetch");
	ok(core_lists_state(&lists, CORE_SLOT_APPS, CONTOSO, NULL, NULL) == CORE_LOAD_IDLE,
	   "and_the_refusal_is_not_kept_for_the_user_to_meet_unasked");
	core_lists_free(&lists);
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
	user_prefetch(&sb);
	machine_identity(&sb);
	sandbox_stop(&sb);
	return done_testing();
}
