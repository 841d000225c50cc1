/*
 * net/api.c against a rotwiz-sandbox that misbehaves on purpose
 * (--fault, --latency): what each failure becomes, which calls are
 * retried, and how a create whose answer never came is settled.
 * The client runs with a 1 s total timeout to keep this quick.
 */
#include "config.h"

#include "net/api.h"
#include "tests/net/harness.h"
#include "tests/net/world.h"
#include "tests/tap.h"

#define TIMEOUT_MS 1000L
#define PROJECTS "GET /api/v1/projects"
#define CREATE "POST /api/v2/secret-rotations/azure-client-secret"

struct faulty {
	struct sandbox sb;
	struct rw_api *api;
	int up;
};

/* A sandbox with one --fault (or other arguments) and a signed-in client with a 1 s timeout. */
static int
faulty_start(struct faulty *f, const char *a1, const char *a2)
{
	const char *args[3] = { a1, a2, NULL };

	memset(f, 0, sizeof(*f));
	if (sandbox_start(&f->sb, args) != 0) {
		diag("sandbox did not start with %s %s", a1 ? a1 : "", a2 ? a2 : "");
		return -1;
	}
	f->api = world_api(f->sb.api, TIMEOUT_MS);
	rw_api_set_token(f->api, "sandbox-user-token");
	f->up = f->api != NULL;
	return f->up ? 0 : -1;
}

static void
faulty_stop(struct faulty *f)
{
	rw_api_free(&f->api);
	sandbox_stop(&f->sb);
}

static long
requests_now(const struct faulty *f)
{
	long c, q = -1;

	if (sandbox_stats(&f->sb, &c, &q) != 0)
		return -1;
	return q;
}

static void
server_error(void)
{
	struct faulty f;
	struct rw_result r;
	long q0, q1;

	if (faulty_start(&f, "--fault", PROJECTS "=500") != 0) {
		ok(0, "sandbox_with_500_fault_starts");
		return;
	}
	q0 = requests_now(&f);
	ok(run(f.api, rw_api_projects(f.api, NULL), &r) == RW_ESERVER && r.error.http_status == 500,
	   "fault_500_is_eserver");
	ok(r.error.message && *r.error.message, "fault_500_carries_the_server_message");
	diag("500: %s / %s", r.error.error ? r.error.error : "-", r.error.message ? r.error.message : "-");
	rw_result_free(&r);
	q1 = requests_now(&f);
	ok(q0 >= 0 && q1 - q0 == 2, "fault_500_is_not_retried");
	ok(run(f.api, rw_api_list(f.api, "x", NULL), &r) != RW_ENET, "other_routes_still_answer");
	rw_result_free(&r);
	faulty_stop(&f);
}

static void
retried_get(const char *fault, const char *name, double min_s, long want_requests)
{
	struct faulty f;
	struct rw_result r;
	double t0, dt;
	long q0, q1;

	if (faulty_start(&f, "--fault", fault) != 0) {
		ok(0, "sandbox_starts_for_%s", name);
		return;
	}
	q0 = requests_now(&f);
	t0 = h_now();
	ok(run(f.api, rw_api_projects(f.api, NULL), &r) == RW_OK, "%s_then_success", name);
	dt = h_now() - t0;
	rw_result_free(&r);
	q1 = requests_now(&f);
	ok(dt >= min_s && dt < min_s + 1.5, "%s_waits_before_retrying", name);
	if (want_requests > 0)
		ok(q1 - q0 - 1 == want_requests, "%s_sends_%ld_requests", name, want_requests);
	diag("%s: %.2f s, %ld requests", fault, dt, q1 - q0 - 1);
	faulty_stop(&f);
}

static void
broken_replies(void)
{
	struct faulty f;
	struct rw_result r;
	double t0, dt;

	if (faulty_start(&f, "--fault", PROJECTS "=garbage") == 0) {
		ok(run(f.api, rw_api_projects(f.api, NULL), &r) == RW_EPROTO, "garbage_is_eproto");
		ok(r.error.http_status == 200 && r.error.message, "garbage_keeps_status_and_message");
		rw_result_free(&r);
	} else {
		ok(0, "sandbox_starts_for_garbage");
	}
	faulty_stop(&f);

	if (faulty_start(&f, "--fault", PROJECTS "=truncate") == 0) {
		ok(run(f.api, rw_api_projects(f.api, NULL), &r) == RW_EPROTO, "truncate_is_eproto");
		rw_result_free(&r);
	} else {
		ok(0, "sandbox_starts_for_truncate");
	}
	faulty_stop(&f);

	if (faulty_start(&f, "--fault", PROJECTS "=stall") == 0) {
		t0 = h_now();
		ok(run(f.api, rw_api_projects(f.api, NULL), &r) == RW_ETIMEOUT, "stall_is_etimeout");
		dt = h_now() - t0;
		ok(dt >= 0.9 && dt < 1.8, "stall_ends_at_the_1_s_total_timeout");
		diag("stall: %.2f s: %s", dt, r.error.message ? r.error.message : "-");
		rw_result_free(&r);
	} else {
		ok(0, "sandbox_starts_for_stall");
	}
	faulty_stop(&f);
}

/* A call queued behind a hanging one still gets its full timeout once it is sent. */
static void
queued_call_keeps_its_time(void)
{
	struct faulty f;
	struct rw_result r;
	struct rw_call *hang, *next;
	double t0;

	if (faulty_start(&f, "--fault", PROJECTS "=stall@1") != 0) {
		ok(0, "sandbox_starts_for_queue_test");
		return;
	}
	t0 = h_now();
	hang = rw_api_projects(f.api, NULL);
	next = rw_api_projects(f.api, NULL);
	ok(run(f.api, hang, &r) == RW_ETIMEOUT, "first_call_times_out");
	rw_result_free(&r);
	ok(run(f.api, next, &r) == RW_OK, "call_queued_behind_it_still_succeeds");
	ok(r.u.projects.count >= 2, "queued_call_has_its_answer");
	rw_result_free(&r);
	diag("hanging call then queued call: %.2f s", h_now() - t0);
	faulty_stop(&f);
}

/* The UI never freezes: keys are seen while a request hangs, and it can be cancelled. */
static void
ui_stays_alive(void)
{
	struct faulty f;
	struct rw_result r;
	struct rw_call *call;
	int pipefd[2], tag = 7;
	double t0;
	char key = 'q';

	if (faulty_start(&f, "--fault", PROJECTS "=stall") != 0) {
		ok(0, "sandbox_starts_for_ui_test");
		return;
	}
	ok(pipe(pipefd) == 0, "keyboard_pipe_made");
	call = rw_api_projects(f.api, &tag);
	ok(rw_api_wait(f.api, pipefd[0], 150) == 0 && rw_api_pending(f.api) == 1,
	   "request_hangs_while_no_key_is_pressed");
	ok(write(pipefd[1], &key, 1) == 1, "key_pressed");
	t0 = h_now();
	ok(rw_api_wait(f.api, pipefd[0], 5000) == 1 && h_now() - t0 < 0.3,
	   "wait_returns_for_the_key_while_the_request_hangs");
	rw_api_cancel(f.api, call);
	ok(rw_api_next_result(f.api, &r) == 1 && r.status == RW_ECANCEL && r.user == &tag,
	   "cancel_gives_ecancel");
	rw_result_free(&r);
	ok(rw_api_pending(f.api) == 0, "nothing_left_after_cancel");
	/* The same client still works after a cancel tore its connection down. */
	ok(run(f.api, rw_api_list(f.api, "x", NULL), &r) != RW_ETIMEOUT, "client_works_after_cancel");
	rw_result_free(&r);
	close(pipefd[0]);
	close(pipefd[1]);
	faulty_stop(&f);
}

/* A create that fails without a word: look it up, report what is true. */
static void
create_not_created(const char *action, const char *name, enum rw_status want)
{
	char fault[128];
	struct faulty f;
	struct world w;
	struct rw_result r;
	char *body;

	snprintf(fault, sizeof(fault), CREATE "=%s", action);
	if (faulty_start(&f, "--fault", fault) != 0 || world_discover(f.api, &w, 0) != 0) {
		ok(0, "sandbox_and_world_for_create_%s", name);
		faulty_stop(&f);
		return;
	}
	body = create_body(&w, name, "NOTMADE");
	ok(run(f.api, rw_api_create(f.api, body, NULL), &r) == want, "create_%s_is_%s", action,
	   rw_status_message(want));
	ok(r.recovered == 0 && r.outcome_checked == 1 && r.outcome_unknown == 0,
	   "create_%s_was_looked_up_and_is_safe_to_retry", action);
	diag("create %s: %s", action, r.error.message ? r.error.message : "-");
	rw_result_free(&r);
	ok(world_count_named(f.api, &w, name) == 0, "create_%s_left_nothing_behind", action);
	free(body);
	world_free(&w);
	faulty_stop(&f);
}

/*
 * The sandbox makes the rotation and then the answer is lost (drop-after:
 * the connection closes; stall-after: it never comes and the client times
 * out).  rw_api_create() must find it by name, and the server must hold
 * exactly one: nothing was sent twice.
 */
static void
create_reply_lost(const char *action, enum rw_status first_failure)
{
	char fault[128], name[64];
	struct faulty f;
	struct world w;
	struct rw_result r;
	struct rw_api *patient;
	char *body;
	double t0, dt;

	snprintf(fault, sizeof(fault), CREATE "=%s", action);
	snprintf(name, sizeof(name), "net-%s", action);
	if (faulty_start(&f, "--fault", fault) != 0 || world_discover(f.api, &w, 2) != 0) {
		ok(0, "sandbox_and_world_for_create_%s", action);
		faulty_stop(&f);
		return;
	}
	body = create_body(&w, name, "LOST");
	t0 = h_now();
	ok(run(f.api, rw_api_create(f.api, body, NULL), &r) == RW_OK,
	   "create_%s_is_recovered_as_ok", action);
	dt = h_now() - t0;
	ok(r.recovered == 1 && r.outcome_checked == 1 && r.outcome_unknown == 0,
	   "create_%s_says_recovered", action);
	is_str(r.u.rotation.name, name, "recovered_rotation_is_filled_in");
	ok(r.error.message == NULL, "recovered_create_carries_no_error");
	diag("create %s (would have been %s): recovered in %.2f s", action,
	     rw_status_message(first_failure), dt);
	rw_result_free(&r);
	patient = world_api(f.sb.api, 5000);
	rw_api_set_token(patient, "sandbox-user-token");
	ok(world_count_named(patient, &w, name) == 1, "create_%s_left_exactly_one_rotation", action);
	rw_api_free(&patient);
	free(body);
	world_free(&w);
	faulty_stop(&f);
}

/*
 * Decision 17: a create after an unknown outcome looks first.  Found (the
 * earlier create made it): recovered, nothing sent.  Not there: sent once.
 * The lookup failing: unknown again with its cause, and nothing sent.
 */
static void
create_looked_first(void)
{
	struct faulty f;
	struct world w;
	struct rw_result r;
	char *made, *fresh, *failing;

	if (faulty_start(&f, "--fault", "GET /api/v2/secret-rotations/azure-client-secret/"
			 "rotation-name/net-looked-503=503") != 0 || world_discover(f.api, &w, 0) != 0) {
		ok(0, "sandbox_and_world_for_create_looked");
		faulty_stop(&f);
		return;
	}
	made = create_body(&w, "net-looked-made", "LOOKED_MADE");
	fresh = create_body(&w, "net-looked-new", "LOOKED_NEW");
	failing = create_body(&w, "net-looked-503", "LOOKED_503");
	ok(run(f.api, rw_api_create(f.api, made, NULL), &r) == RW_OK, "the_earlier_create_made_it");
	rw_result_free(&r);
	ok(run(f.api, rw_api_create_looked(f.api, made, NULL), &r) == RW_OK && r.recovered == 1 &&
	   r.outcome_checked == 1, "a_looked_create_finds_what_the_earlier_one_made");
	is_str(r.u.rotation.name, "net-looked-made", "the_found_rotation_is_filled_in");
	rw_result_free(&r);
	ok(world_count_named(f.api, &w, "net-looked-made") == 1, "finding_it_sent_nothing_more");

	ok(run(f.api, rw_api_create_looked(f.api, fresh, NULL), &r) == RW_OK && r.recovered == 0,
	   "a_looked_create_of_a_missing_rotation_sends_it");
	rw_result_free(&r);
	ok(world_count_named(f.api, &w, "net-looked-new") == 1, "it_was_sent_once");

	ok(run(f.api, rw_api_create_looked(f.api, failing, NULL), &r) != RW_OK &&
	   r.outcome_unknown == 1 && r.lookup_cause && strstr(r.lookup_cause, "503"),
	   "a_failing_lookup_leaves_it_unknown_with_its_cause");
	diag("lookup cause: %s", r.lookup_cause ? r.lookup_cause : "-");
	rw_result_free(&r);
	ok(world_count_named(f.api, &w, "net-looked-503") == 0, "a_failing_lookup_sends_nothing");
	free(made);
	free(fresh);
	free(failing);
	world_free(&w);
	faulty_stop(&f);
}

int
main(void)
{
	signal(SIGPIPE, SIG_IGN);
	if (!sandbox_available()) {
		printf("Bail out! rotwiz-sandbox not built\n");
		return 1;
	}
	server_error();
	retried_get(PROJECTS "=429@1", "rate_limited_get", 0.2, 2);
	retried_get(PROJECTS "=503@2", "unavailable_get", 0.7, 3);
	retried_get(PROJECTS "=drop@1", "dropped_get", 0.0, 0);
	broken_replies();
	ui_stays_alive();
	queued_call_keeps_its_time();
	create_not_created("drop", "net-dropped", RW_ENET);
	create_not_created("stall", "net-stalled", RW_ETIMEOUT);
	create_reply_lost("drop-after", RW_ENET);
	create_reply_lost("stall-after", RW_ETIMEOUT);
	create_looked_first();
	return done_testing();
}
