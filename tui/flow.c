#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "libcore/app.h"
#include "libcore/flow.h"
#include "libcore/names.h"
#include "libcore/report.h"
#include "libcore/rotate.h"
#include "libcore/signin.h"
#include "forms/body.h"
#include "forms/draft.h"
#include "forms/validate.h"
#include "libcore/export.h"
#include "tui/clip.h"
#include "tui/bulk.h"
#include "tui/flow.h"
#include "tui/manage.h"
#include "tui/result.h"
#include "tui/signin.h"
#include "tui/steps.h"
#include "tui/wizard.h"

/*
 * What the event loop does with an outcome, a finished call or a question
 * answered: change step (checking the one left), sign in, create, rotate,
 * save or offer the draft, quit.  Screens only say what should happen;
 * this is where it does.
 */

/* ---- steps ---- */

/* The checks read the cache without waiting: a list still loading makes them CORE_UNKNOWN. */
static struct core_read
reader(struct tui *t)
{
	struct core_read r = { &t->loads, t->app->signed_in ? t->app->api : NULL, 0, NULL, NULL };

	return r;
}

static enum rw_step
first_step(const struct tui *t)
{
	return t->app->credentials_given ? RW_STEP_ROTATION : RW_STEP_SIGN_IN;
}

static void
go_step(struct tui *t, enum rw_step step)
{
	const char *connection = rw_answers_get(&t->app->answers, RW_FIELD_CONNECTION);
	int i;

	/*
	 * Leaving Connection with another connection, by whatever key (also
	 * while its check waited): the app is checked against the new one's
	 * list as soon as that is there, unless it already was.
	 */
	if (t->step == RW_STEP_CONNECTION && step != RW_STEP_CONNECTION &&
	    strcasecmp(t->entered_connection, connection) != 0 && !t->app_check) {
		t->app_check = 1;
		snprintf(t->app_check_before, sizeof(t->app_check_before), "%s",
			 t->entered_connection);
	}
	if (t->step != step && t->step != RW_STEP_RESULT)
		tui_save_draft(t);
	t->step = step;
	/* What "an answer changed" is measured against when the step is done. */
	t->entered_done = (t->done_mask >> step) & 1;
	if (rw_answers_copy(&t->entered, &t->app->answers) < 0)
		t->entered_done = 0;
	snprintf(t->entered_connection, sizeof(t->entered_connection), "%s",
		 rw_answers_get(&t->app->answers, RW_FIELD_CONNECTION));
	t->focus = 0;
	t->rebuild = 1;
	t->fresh_tag = -1;
	t->review_top = 0;
	t->names_check_pending = 0;
	for (i = 0; i < TUI_PICK_COUNT; i++)
		t->pick[i].filter[0] = '\0';
	if (step >= RW_STEP_ROTATION && step < RW_STEP_REVIEW)
		tui_steps_focus_entered(t);
	if (step == RW_STEP_REVIEW || step == RW_STEP_SECRETS)
		tui_bulk_plan(t);
}

/* Puts the focus on a field of the current step. */
static void
focus_field(struct tui *t, enum rw_field field)
{
	struct tui_item items[TUI_MAX_ITEMS];
	int n = tui_step_items(t, t->step, items), i;

	for (i = 0; i < n; i++) {
		if (items[i].field == field ||
		    (items[i].pick == TUI_PICK_APP && (field == RW_FIELD_CLIENT_ID ||
						       field == RW_FIELD_APP_NAME))) {
			t->focus = i;
			break;
		}
	}
	tui_steps_focus_entered(t);
	t->rebuild = 1;
}

/*
 * The step's checks: the field rules, and for the secret names the names
 * already in the folder.  Returns 0 when it passes, 1 when the folder's
 * names are still loading (the check finishes when they come), -1 with
 * the messages set and the focus on the first fault.
 */
static int
check_step(struct tui *t, enum rw_step step)
{
	struct rw_problems problems;
	const struct rw_step_info *info = rw_step_info(step);
	enum rw_field first = RW_FIELD_NONE;
	int i;

	if (!info || !info->fields)
		return 0;
	if (step == RW_STEP_SECRETS && tui_bulk_active(t)) {
		/* The templates, not one app's names. */
		if (tui_bulk_templates_check(t) < 0) {
			t->done_mask &= ~(1 << step);
			return -1;
		}
		t->done_mask |= 1 << step;
		return 0;
	}
	memset(&problems, 0, sizeof(problems));
	for (i = 0; i < info->field_count; i++)
		tui_set_msg(t, info->fields[i], NULL, 0);
	if (rw_validate_step(&t->app->answers, step, &problems) > 0) {
		for (i = problems.count - 1; i >= 0; i--) {
			tui_set_msg(t, problems.item[i].field, problems.item[i].message, 0);
			first = problems.item[i].field;
		}
	}
	if (first == RW_FIELD_NONE && step == RW_STEP_WHERE) {
		/* The project, environment and folder must be there (libcore/flow.c). */
		struct core_read r = reader(t);

		memset(&problems, 0, sizeof(problems));
		switch (core_flow_holds(&r, t->app, step, &problems)) {
		case CORE_UNKNOWN:
			return 1;
		case CORE_BROKEN:
			for (i = problems.count - 1; i >= 0; i--) {
				tui_set_msg(t, problems.item[i].field, problems.item[i].message, 0);
				first = problems.item[i].field;
			}
			break;
		case CORE_HOLDS:
			break;
		}
	}
	if (first == RW_FIELD_NONE && step == RW_STEP_SECRETS) {
		if (core_lists_running(&t->loads, CORE_SLOT_SECRET_NAMES))
			return 1;
		if (tui_steps_check_field(t, RW_FIELD_MAP_CLIENT_ID) < 0)
			first = RW_FIELD_MAP_CLIENT_ID;
		else if (tui_steps_check_field(t, RW_FIELD_MAP_CLIENT_SECRET) < 0)
			first = RW_FIELD_MAP_CLIENT_SECRET;
	}
	if (first == RW_FIELD_NONE) {
		t->done_mask |= 1 << step;
		return 0;
	}
	t->done_mask &= ~(1 << step);
	if (t->step == step) {
		focus_field(t, first);
		tui_status(t, TUI_ROLE_ERROR, "%s", "Fix the marked field to go on.");
	}
	return -1;
}

/* The field rules alone, without the messages (the folder's names are not asked). */
static int
step_passes(const struct tui *t, enum rw_step step)
{
	struct rw_problems problems;

	memset(&problems, 0, sizeof(problems));
	return rw_validate_step(&t->app->answers, step, &problems) == 0;
}

/* The first of steps 1-6 that does not pass, or RW_STEP_REVIEW. */
static enum rw_step
first_unfinished(struct tui *t)
{
	int s;

	for (s = RW_STEP_ROTATION; s < RW_STEP_REVIEW; s++)
		if (!step_passes(t, (enum rw_step) s))
			return (enum rw_step) s;
	return RW_STEP_REVIEW;
}

/* An answer others depend on changed on a step that had been done before. */
static int
answers_changed(const struct tui *t)
{
	return t->entered_done && core_flow_depended_on_changed(&t->entered, &t->app->answers);
}

/*
 * The secret names offered for the folder and the app (libcore/names.h):
 * a field still holding the core's offer follows them; on the step that
 * shows the fields, the editor is reopened on the new value.
 */
static enum core_hold
offer_names(struct tui *t)
{
	struct core_read r = reader(t);
	enum core_hold hold;
	int changed = 0;

	hold = core_flow_names_offer(&r, t->app, &changed);
	if (changed && t->step == RW_STEP_SECRETS)
		t->rebuild = 1;
	return hold;
}

/*
 * The step is done: on to the next one, or -- from Review, or after an
 * answer others depend on changed -- to the first step whose answers no
 * longer hold (core_flow_next).  While a list that decides it loads, the
 * step waits (t->recheck_pending) and this runs again when it comes.
 */
static void
next_step(struct tui *t)
{
	struct core_read r = reader(t);
	struct rw_problems why;
	int rc, cleared = 0, i;
	enum rw_step to;

	if (t->step < RW_STEP_ROTATION || t->step >= RW_STEP_REVIEW)
		return;
	rc = check_step(t, t->step);
	if (rc > 0) {
		t->names_check_pending = 1;
		tui_status(t, TUI_ROLE_DIM, "%s", t->step == RW_STEP_WHERE ?
			   "Checking that the folder exists..." :
			   "Checking the names already in the folder...");
		return;
	}
	if (rc < 0)
		return;
	if (t->step == RW_STEP_CONNECTION &&
	    core_flow_connection_changed(&r, t->app, t->entered_connection, &cleared) ==
	    CORE_UNKNOWN) {
		t->names_check_pending = 1;
		tui_status(t, TUI_ROLE_DIM, "Checking the apps of the connection...");
		return;
	}
	if (cleared)
		t->done_mask &= ~(1 << RW_STEP_AZURE_APP);
	/* Chosen or typed on step 4 under this connection: nothing left to check in the background. */
	if (t->step == RW_STEP_AZURE_APP)
		t->app_check = 0;
	/*
	 * The names offered follow the folder and the app before the later
	 * steps are judged; only the way into Secret names (or back to Review)
	 * waits for the folder's names, so a slow list never holds Where up
	 * (tui_flow_sync offers them once they come).
	 */
	if (offer_names(t) == CORE_UNKNOWN &&
	    (t->step == RW_STEP_SCHEDULE || t->return_to_review || answers_changed(t))) {
		t->names_check_pending = 1;
		tui_status(t, TUI_ROLE_DIM, "Checking the names already in the folder...");
		return;
	}
	memset(&why, 0, sizeof(why));
	if (core_flow_next(&r, t->app, t->step, t->return_to_review ||
			   answers_changed(t), &to, &why) == CORE_UNKNOWN) {
		t->names_check_pending = 1;
		tui_status(t, TUI_ROLE_DIM, "Checking the answers that depend on this one...");
		return;
	}
	t->names_check_pending = 0;
	tui_status(t, TUI_ROLE_DIM, "%s", cleared ? "The Azure app was picked under another "
		   "connection: pick one of this connection's apps." : "");
	if (to == RW_STEP_REVIEW)
		t->return_to_review = 0;
	else if (to != t->step + 1)
		t->return_to_review = 1;
	go_step(t, to);
	/* Taken back to a step whose answer no longer holds: say why under its field. */
	for (i = why.count - 1; i >= 0 && to < RW_STEP_REVIEW; i--) {
		tui_set_msg(t, why.item[i].field, why.item[i].message, 0);
		if (i == 0) {
			focus_field(t, why.item[0].field);
			t->done_mask &= ~(1 << to);
			tui_status(t, TUI_ROLE_WARNING, "%s", "That change makes this answer no "
				   "longer hold: fix the marked field.");
		}
	}
}

/* ---- calls ---- */

void
tui_flow_start_signin(struct tui *t)
{
	struct app *app = t->app;
	char msg[REPORT_FAILURE_MAX];
	struct rw_call *call;
	void *user;

	/* A new session: the old one's calls go with it, and the lists it loaded. */
	core_lists_free(&t->loads);
	if (signin_open(app, msg, sizeof(msg)) != RW_OK) {
		tui_signin_failed(t, msg);
		tui_status(t, TUI_ROLE_ERROR, "%s", msg);
		return;
	}
	user = core_lists_begin(&t->loads, CORE_SLOT_SIGNIN);
	if (!app->token)
		call = rw_api_login(app->api, app->ua_client_id, app->ua_client_secret, user);
	else
		call = rw_api_projects(app->api, user);
	core_lists_started(&t->loads, CORE_SLOT_SIGNIN, call);
	t->signing_in = 1;
}

/* Sign-in failed: step 0 shows why, with the fields to fix it. */
static void
signin_failed(struct tui *t, const char *why)
{
	t->signing_in = 0;
	if (t->step != RW_STEP_SIGN_IN) {
		/* The credentials came from the environment: now the user types others. */
		t->resume_step = t->step;
		t->app->credentials_given = 0;
		tui_signin_prepare(t);
		go_step(t, RW_STEP_SIGN_IN);
	}
	tui_signin_failed(t, why);
	tui_status(t, TUI_ROLE_ERROR, "Sign-in failed: %s", why);
	t->rebuild = 1;
}

static void
signin_result(struct tui *t, struct rw_result *result)
{
	struct app *app = t->app;
	char msg[REPORT_FAILURE_MAX];
	struct rw_call *call;
	void *user;

	if (result->status == RW_ECANCEL) {
		/* Esc: the step stays; Ctrl-R (or Enter on step 0) signs in again. */
		t->signing_in = 0;
		tui_status(t, TUI_ROLE_WARNING, "Sign-in cancelled.");
		return;
	}
	if (result->kind == RW_CALL_LOGIN) {
		if (signin_take_login(app, result, msg, sizeof(msg)) != RW_OK) {
			signin_failed(t, msg);
			return;
		}
		user = core_lists_begin(&t->loads, CORE_SLOT_SIGNIN);
		call = rw_api_projects(app->api, user);
		core_lists_started(&t->loads, CORE_SLOT_SIGNIN, call);
		return;
	}
	if (signin_take_projects(app, result, msg, sizeof(msg)) != RW_OK) {
		signin_failed(t, msg);
		return;
	}
	t->signing_in = 0;
	t->signin.have_token = t->signin.have_secret = 0;
	/* A project given by slug becomes its id; say which project it named. */
	if (core_project_resolve(app, msg, sizeof(msg)) == 0 && msg[0])
		tui_status(t, TUI_ROLE_OK, "Signed in; %s.", msg);
	if (t->step == RW_STEP_SIGN_IN) {
		if (!msg[0])
			tui_status(t, TUI_ROLE_OK, "Signed in.");
		go_step(t, t->resume_step);
	} else {
		tui_steps_focus_entered(t);
	}
}

static void
apps_result(struct tui *t, const struct rw_result *result)
{
	char why[300];

	if (result->status == RW_OK && t->apps_forbidden) {
		/* Another connection lists its apps: the list is back, unless typing was chosen. */
		t->apps_forbidden = 0;
		if (t->apps_manual_auto)
			t->apps_manual = t->apps_manual_auto = 0;
		if (t->step == RW_STEP_AZURE_APP)
			t->rebuild = 1;
	}
	if (result->status == RW_OK || result->status == RW_ECANCEL)
		return;
	if (result->error.http_status != 403)
		return;		/* shown in the list, with Ctrl-R to try again */
	/* A machine identity may not list apps: typing the IDs is the way on. */
	report_clean(result->error.message ? result->error.message : "forbidden", why, sizeof(why));
	t->apps_forbidden = 1;
	if (!t->apps_manual)
		t->apps_manual = t->apps_manual_auto = 1;
	snprintf(t->apps_note, sizeof(t->apps_note), "Typed by hand: the server refused the app "
		 "list (HTTP 403: %s) -- it lists apps for user sessions only, not for machine "
		 "identities. Both IDs are on the app's Overview page in Entra ID > App "
		 "registrations.", why);
	if (t->step == RW_STEP_AZURE_APP) {
		t->focus = 0;
		t->rebuild = 1;
		tui_status(t, TUI_ROLE_WARNING, "The app list is not open to this sign-in: type the IDs.");
	}
}

static void
create_result(struct tui *t, struct rw_result *result)
{
	char msg[REPORT_FAILURE_MAX];
	struct core_created c;
	enum rw_field field;

	core_flow_created(t->app, result, &c);
	if (c.created) {
		rw_rotation_free(&t->rotation);
		t->rotation = result->u.rotation;
		memset(&result->u.rotation, 0, sizeof(result->u.rotation));
		t->have_rotation = 1;
		t->rotated = 0;
		t->done_mask |= 1 << RW_STEP_REVIEW;
		t->exit_code = rw_status_exit_code(RW_OK);
		if (t->draft_path)
			rw_draft_remove(t->draft_path);
		/* The folder now holds the two secrets. */
		core_lists_forget(&t->loads, CORE_SLOT_SECRET_NAMES);
		tui_status(t, TUI_ROLE_OK, "%s%s", c.recovered ? "C" : "Created.",
			   c.recovered ? CORE_CREATED_FOUND "." + 1 : "");
		go_step(t, RW_STEP_RESULT);
		return;
	}
	report_failure(result, t->app->api_base, &t->app->answers, REPORT_WIZARD, msg, sizeof(msg));
	if (c.plan_refused)
		/* No answer gets past the instance's plan: leaving now exits 1 (doc/contract.md s.6.1). */
		t->exit_code = rw_status_exit_code(RW_ESERVER);
	if (c.signin_again) {
		signin_failed(t, msg);
		return;
	}
	if (c.field != RW_FIELD_NONE) {
		/*
		 * Back to the step the error belongs to, every answer kept; once
		 * it is fixed, Enter returns to Review (as from Review's "change
		 * a step"), not through the steps after it.
		 */
		field = c.field;
		t->return_to_review = 1;
		go_step(t, c.reopen);
		if (t->step == RW_STEP_AZURE_APP && !t->apps_manual &&
		    (field == RW_FIELD_CLIENT_ID || field == RW_FIELD_APP_NAME))
			field = RW_FIELD_OBJECT_ID;
		focus_field(t, field);
		tui_set_msg(t, field, msg, 0);
		t->done_mask &= ~(1 << t->step);
		/* Said once, whole, where the fix is typed; twice would push the step off the screen. */
		tui_status(t, TUI_ROLE_ERROR, "Not created: the reason is under the %s field.",
			   t->step == RW_STEP_AZURE_APP && !t->apps_manual ? "Azure app" :
			   rw_field_info(field)->label);
		return;
	}
	/* report.c's words say what the lookup found: "not created: ...", "outcome unknown: ...". */
	if (c.outcome_unknown || result->outcome_checked)
		tui_status(t, TUI_ROLE_ERROR, "%c%s", msg[0] >= 'a' && msg[0] <= 'z' ?
			   msg[0] - 'a' + 'A' : msg[0], msg + 1);
	else
		tui_status(t, TUI_ROLE_ERROR, "Not created: %s", msg);
}

/*
 * The Azure app is kept only if its connection lists it (libcore/flow.c):
 * for a resumed draft, and after the connection changed.  It waits for
 * the sign-in and the list; not while step 4 itself is open (what the user
 * types or picks there is judged by that step's own check).
 */
static void
app_check(struct tui *t)
{
	struct core_read r = reader(t);
	int cleared = 0, draft = !t->app_check_before[0];

	if (!t->app_check || !t->app->signed_in || t->step == RW_STEP_AZURE_APP ||
	    core_flow_connection_changed(&r, t->app, draft ? NULL : t->app_check_before,
					 &cleared) == CORE_UNKNOWN)
		return;
	t->app_check = 0;
	if (!cleared)
		return;
	t->done_mask &= ~(1 << RW_STEP_AZURE_APP);
	tui_status(t, TUI_ROLE_WARNING, "%s", draft ? "The draft's Azure app is not one of its "
		   "connection's apps any more: pick it again on step 4." : "The Azure app was "
		   "picked under another connection: pick one of this connection's apps on step 4.");
	t->rebuild = 1;
}

void
tui_flow_result(struct tui *t, struct rw_result *result)
{
	enum core_slot_id id = core_lists_take(&t->loads, result);
	struct core_slot *slot;
	char msg[REPORT_FAILURE_MAX];

	if (id == CORE_SLOT_COUNT)
		return;
	slot = &t->loads.slot[id];
	switch (id) {
	case CORE_SLOT_SIGNIN:
		signin_result(t, &slot->result);
		break;
	case CORE_SLOT_APPS:
		apps_result(t, &slot->result);
		/*
		 * Only the Azure app step shows this list.  On Connection it is
		 * the prefetch for the row under the highlight: re-entering the
		 * focus there would put the highlight back on the answered row
		 * while the user is moving it.
		 */
		if (t->step == RW_STEP_AZURE_APP)
			tui_steps_focus_entered(t);
		break;
	case CORE_SLOT_CONNECTIONS:
		if (t->step == RW_STEP_CONNECTION)
			tui_steps_focus_entered(t);
		break;
	case CORE_SLOT_SECRET_NAMES:
	case CORE_SLOT_FOLDERS:
	case CORE_SLOT_PROJECTS:
		break;
	case CORE_SLOT_CREATE:
		create_result(t, &slot->result);
		break;
	case CORE_SLOT_ROTATE:
		/* A lost reply has been looked up (libcore/rotate.h): say what was found. */
		switch (core_rotate_outcome(&slot->result, t->rotation.active_index, t->app->api_base,
					    msg, sizeof(msg))) {
		case CORE_ROTATED:
		case CORE_ROTATED_FOUND:
			rw_rotation_free(&t->rotation);
			t->rotation = slot->result.u.rotation;
			memset(&slot->result.u.rotation, 0, sizeof(slot->result.u.rotation));
			t->rotated = 1;
			msg[0] = (char) toupper((unsigned char) msg[0]);
			tui_status(t, TUI_ROLE_OK, "%s.", msg);
			break;
		case CORE_NOT_ROTATED:
		case CORE_ROTATE_UNKNOWN:
			msg[0] = (char) toupper((unsigned char) msg[0]);
			tui_status(t, TUI_ROLE_ERROR, "%s", msg);
			break;
		default:
			tui_status(t, TUI_ROLE_ERROR, "Rotate now failed: %s", msg);
			break;
		}
		break;
	default:
		break;
	}
	/* A step waiting for a list to finish its check: try again now that one came. */
	if (t->names_check_pending && id < CORE_SLOT_SIGNIN) {
		t->names_check_pending = 0;
		next_step(t);
	}
}

/* The value under the highlight of one pick-list (a pointer into the loaded list), or NULL. */
static const char *
highlighted(const struct tui *t, enum tui_pick_id which)
{
	struct tui_pick_rows rows;
	struct tui_pick_row *storage;
	const struct tui_pick_row *row;
	const char *id = NULL, *first, *last;
	size_t count;
	long at;

	/* Called every frame: the highlight's row straight from the list when it is known. */
	first = tui_pick_value_at(t, which, 0, &count);
	last = count ? tui_pick_value_at(t, which, count - 1, &count) : NULL;
	at = tui_pick_current_index(&t->pick[which], count, first, last);
	if (at == -2)
		return NULL;
	if (at >= 0)
		return tui_pick_value_at(t, which, (size_t) at, &count);
	if (tui_pick_rows(t, which, &rows, &storage) < 0)
		return NULL;
	if ((row = tui_pick_current(&t->pick[which], &rows)) != NULL)
		id = row->value;
	free(storage);
	return id;
}

/*
 * Asks for every list whose inputs are known, so it is there before the
 * user reaches it.  Keys that change with every keystroke (the path being
 * typed) wait until the field is left, so typing does not queue requests.
 */
void
tui_flow_sync(struct tui *t)
{
	struct app *app = t->app;
	const struct rw_answers *a = &app->answers;
	const char *project = rw_answers_get(a, RW_FIELD_PROJECT);
	const char *env = rw_answers_get(a, RW_FIELD_ENVIRONMENT);
	const char *connection = rw_answers_get(a, RW_FIELD_CONNECTION);
	const char *typed = rw_answers_get(a, RW_FIELD_SECRET_PATH), *last;
	char msg[RW_MESSAGE_MAX];
	const char *hl;
	int editing_path = t->step == RW_STEP_WHERE && t->focus == 2;

	/* Over the Rotations screen the steps' lists wait: it shows none of them. */
	if (t->manage && t->step != RW_STEP_SIGN_IN)
		return;
	if (!app->api || !app->signed_in)
		return;
	if (*project)
		core_lists_want(&t->loads, app->api, CORE_SLOT_CONNECTIONS, project, NULL, NULL);
	else if (t->step <= RW_STEP_WHERE &&
		 !core_lists_running(&t->loads, CORE_SLOT_CONNECTIONS) &&
		 (hl = highlighted(t, TUI_PICK_PROJECT)) != NULL)
		/*
		 * No project chosen yet: the connections of the one under Where's
		 * highlight load meanwhile (from sign-in on, while the name is
		 * typed), and then their app lists (core_lists_prefetch_apps), so
		 * a quick Enter or PgDn on Where finds Connection's list there and
		 * Connection finds the apps (issue 10: no wait but the create).
		 */
		core_lists_want(&t->loads, app->api, CORE_SLOT_CONNECTIONS, hl, NULL, NULL);
	if (t->step == RW_STEP_CONNECTION && !t->modal &&
	    !core_lists_running(&t->loads, CORE_SLOT_APPS) &&
	    (hl = highlighted(t, TUI_PICK_CONNECTION)) != NULL) {
		/*
		 * While the user looks at the connections, the apps of the one
		 * under the highlight load, one at a time: by the time Enter
		 * chooses it, its apps are there.
		 */
		core_lists_want(&t->loads, app->api, CORE_SLOT_APPS, hl, NULL, NULL);
	} else if (t->step != RW_STEP_CONNECTION && *connection &&
		   rw_validate_field(RW_FIELD_CONNECTION, connection, msg, sizeof(msg)) == RW_OK) {
		core_lists_want(&t->loads, app->api, CORE_SLOT_APPS, connection, NULL, NULL);
	} else if (*project && !*connection) {
		/* One connection to choose from: its apps are as good as asked for. */
		const struct rw_result *c = core_lists_result(&t->loads, CORE_SLOT_CONNECTIONS, project,
							     NULL, NULL);

		if (c && c->status == RW_OK && c->u.connections.count == 1 &&
		    c->u.connections.items[0].id)
			core_lists_want(&t->loads, app->api, CORE_SLOT_APPS,
				       c->u.connections.items[0].id, NULL, NULL);
	}
	if (*project && *env) {
		char *parent = tui_path_parent(typed, &last);

		if (parent)
			core_lists_want(&t->loads, app->api, CORE_SLOT_FOLDERS, project, env, parent);
		free(parent);
		if (!editing_path &&
		    rw_validate_field(RW_FIELD_SECRET_PATH, typed, msg, sizeof(msg)) == RW_OK) {
			char *path = rw_normalize_field(RW_FIELD_SECRET_PATH, typed);

			if (path)
				core_lists_want(&t->loads, app->api, CORE_SLOT_SECRET_NAMES, project, env,
					       path);
			free(path);
			/* Once the folder's names are there, the names offered are free ones. */
			offer_names(t);
		}
	}
	/* The app lists of the project's other connections, one at a time (decision 9). */
	core_lists_prefetch_apps(&t->loads, app->api);
	app_check(t);
}

int
tui_flow_key_waits(struct tui *t, enum tui_action action, unsigned contexts, int behind)
{
	struct tui_item items[TUI_MAX_ITEMS];
	int n;

	switch (action) {
	case TUI_ACT_QUIT:
	case TUI_ACT_QUIT_NOW:
	case TUI_ACT_REDRAW:
	case TUI_ACT_RESIZE:
	case TUI_ACT_RETRY:
	case TUI_ACT_HELP:
		return 0;
	case TUI_ACT_ESCAPE:
		if (contexts & TUI_CTX_LOADING)
			return 0;	/* it cancels the load the user waits for */
		break;
	default:
		break;
	}
	if (t->modal != TUI_MODAL_NONE || t->too_small)
		return 0;
	if (t->manage && t->step != RW_STEP_SIGN_IN)
		return behind || tui_manage_busy(t);
	if (behind)
		return 1;	/* the keys before it wait: so does it, to keep their order */
	if (t->names_check_pending)
		return core_lists_any_running(&t->loads);
	switch (t->step) {
	case RW_STEP_SIGN_IN:
		return t->signing_in;
	case RW_STEP_REVIEW:
		return core_lists_running(&t->loads, CORE_SLOT_CREATE) || tui_bulk_running(t);
	case RW_STEP_RESULT:
		return core_lists_running(&t->loads, CORE_SLOT_ROTATE);
	default:
		break;
	}
	/*
	 * Leaving a step the server's lists judge (the folder exists, the
	 * connection is the project's...) waits for the sign-in: unchecked,
	 * it would pass.
	 */
	if (t->signing_in && t->step >= RW_STEP_WHERE &&
	    (action == TUI_ACT_NEXT_STEP || action == TUI_ACT_ACCEPT))
		return 1;
	n = tui_step_items(t, t->step, items);
	if (t->focus < 0 || t->focus >= n)
		return 0;
	switch (items[t->focus].kind) {
	case TUI_ITEM_PICK:
		return tui_pick_state(t, items[t->focus].pick) == CORE_LOAD_RUNNING;
	case TUI_ITEM_PATH:
		/* Only completion needs the folders: the path itself is typed freely. */
		return action == TUI_ACT_COMPLETE && core_lists_running(&t->loads, CORE_SLOT_FOLDERS);
	default:
		return 0;
	}
}

static void
start_create(struct tui *t)
{
	char note[RW_MESSAGE_MAX];
	enum rw_step bad;
	char *body;
	void *user;

	if ((bad = first_unfinished(t)) != RW_STEP_REVIEW) {
		go_step(t, bad);
		check_step(t, bad);
		return;
	}
	if (!t->app->api || !t->app->signed_in) {
		tui_status(t, TUI_ROLE_WARNING, "Not signed in yet: wait for the sign-in to finish.");
		return;
	}
	if (!(body = rw_body_build(&t->app->answers))) {
		tui_status(t, TUI_ROLE_ERROR, "Out of memory.");
		return;
	}
	core_flow_create_note(t->app, note, sizeof(note));
	user = core_lists_begin(&t->loads, CORE_SLOT_CREATE);
	core_lists_started(&t->loads, CORE_SLOT_CREATE, core_flow_create_start(t->app, body, user));
	core_lists_mark_awaited(&t->loads, CORE_SLOT_CREATE);
	free(body);
	/* Decision 17: a create after an unknown outcome says that it may already exist. */
	if (note[0])
		tui_status(t, TUI_ROLE_WARNING, "%c%s.", note[0] - 'a' + 'A', note + 1);
	else
		tui_status(t, TUI_ROLE_DIM, "Creating the rotation...");
}

static void
start_rotate(struct tui *t)
{
	void *user;

	if (!t->have_rotation || !t->rotation.id || !t->app->api)
		return;
	user = core_lists_begin(&t->loads, CORE_SLOT_ROTATE);
	core_lists_started(&t->loads, CORE_SLOT_ROTATE, rw_api_rotate_now(t->app->api, t->rotation.id,
									    &t->rotation, user));
	core_lists_mark_awaited(&t->loads, CORE_SLOT_ROTATE);
	tui_status(t, TUI_ROLE_DIM, "Rotating...");
}

/* Review's w: the files, or the question whether to overwrite them (libcore/export.h). */
static void
write_files(struct tui *t, int overwrite)
{
	char msg[512];

	switch (core_export_write(t->app, overwrite, msg, sizeof(msg))) {
	case CORE_EXPORT_WRITTEN:
		tui_status(t, TUI_ROLE_OK, "%s", msg);
		break;
	case CORE_EXPORT_EXISTS:
		snprintf(t->prompt, sizeof(t->prompt), "%s", msg);
		t->modal = TUI_MODAL_OVERWRITE;
		break;
	case CORE_EXPORT_FAILED:
		tui_status(t, TUI_ROLE_ERROR, "%s", msg);
		break;
	}
}

/* Review's y: the curl command, as shown, to the terminal's clipboard. */
static void
copy_curl(struct tui *t)
{
	char *body = rw_body_build(&t->app->answers), *curl = NULL;

	if (body)
		curl = rw_curl_command(t->app->api_base, body);
	if (!curl)
		tui_status(t, TUI_ROLE_ERROR, "Out of memory.");
	else if (tui_clip_copy(STDOUT_FILENO, curl) < 0)
		tui_status(t, TUI_ROLE_ERROR, "The copy could not be sent to the terminal.");
	else
		tui_status(t, TUI_ROLE_OK, "Sent the curl command to the terminal's clipboard "
			   "(OSC 52); a terminal may ignore it: w writes it to a file.");
	free(curl);
	free(body);
}

/* Another rotation (core_flow_create_another): where and how stay, what and which app are asked again. */
static void
create_another(struct tui *t)
{
	enum rw_step step = core_flow_create_another(t->app);

	if (step == RW_STEP_COUNT) {
		tui_status(t, TUI_ROLE_ERROR, "Out of memory.");
		return;
	}
	tui_result_keep(t);
	rw_rotation_free(&t->rotation);
	t->have_rotation = 0;
	t->rotated = 0;
	t->done_mask &= ~((1 << RW_STEP_ROTATION) | (1 << RW_STEP_AZURE_APP) |
			  (1 << RW_STEP_SECRETS) | (1 << RW_STEP_REVIEW));
	t->return_to_review = 0;
	tui_clear_msgs(t);
	tui_status(t, TUI_ROLE_DIM, "A new rotation: the place, connection and schedule are kept.");
	go_step(t, step);
}

/* ---- drafts ---- */

/* A draft from an earlier run is offered when this run brought no answers of its own. */
void
tui_flow_offer_draft(struct tui *t)
{
	struct rw_answers draft;
	enum rw_step step;
	char notice[1400], offer[1024];
	int other_server, unsafe, noticed;

	if (!t->draft_path)
		return;		/* rotwiz manage, or no state folder */
	/* An unusable draft is moved aside first, and a risky one named (decision 22). */
	noticed = core_flow_draft_notice(t->draft_path, time(NULL), notice, sizeof(notice), &unsafe);
	if (noticed)
		tui_status(t, TUI_ROLE_WARNING, "%s", notice);
	if (unsafe) {
		/* Left in place: saving would overwrite it. */
		snprintf(t->draft_unsaved, sizeof(t->draft_unsaved), "%s", notice);
		free(t->draft_path);
		t->draft_path = NULL;
	}
	rw_answers_init(&draft);
	/* No key answers the question by default: y resumes, also a draft for another server. */
	if (core_flow_draft_offer(t->app, t->draft_path, &draft, &step, &other_server, offer,
				  sizeof(offer))) {
		/* The warning is part of the question it bears on. */
		snprintf(t->prompt, sizeof(t->prompt), "%s%s%s", noticed ? notice : "",
			 noticed ? " " : "", offer);
		t->modal = TUI_MODAL_RESUME;
	}
	rw_answers_free(&draft);
}

static void
resume_draft(struct tui *t)
{
	struct rw_answers draft;
	enum rw_step step = RW_STEP_ROTATION;
	int s;

	rw_answers_init(&draft);
	if (rw_draft_load(t->draft_path, &draft, &step) != RW_OK ||
	    rw_answers_copy(&t->app->answers, &draft) < 0 || core_names_claim(t->app) < 0 ||
	    rw_answers_apply_defaults(&t->app->answers) < 0) {
		rw_answers_free(&draft);
		tui_status(t, TUI_ROLE_ERROR, "The draft could not be read.");
		return;
	}
	rw_answers_free(&draft);
	core_flow_draft_taken(t->app);
	if (step < RW_STEP_ROTATION || step > RW_STEP_REVIEW)
		step = step > RW_STEP_REVIEW ? RW_STEP_REVIEW : RW_STEP_ROTATION;
	/* Its app is kept only under a connection that still lists it. */
	t->app_check = 1;
	t->app_check_before[0] = '\0';
	app_check(t);
	/* The steps before it were answered: mark the ones that still pass. */
	t->done_mask = 0;
	for (s = RW_STEP_ROTATION; s < (int) step; s++)
		if (step_passes(t, (enum rw_step) s))
			t->done_mask |= 1 << s;
	tui_status(t, TUI_ROLE_OK, "Draft resumed.");
	if (t->step == RW_STEP_SIGN_IN)
		t->resume_step = step;
	else
		go_step(t, step);
}

/* ---- outcomes ---- */

void
tui_flow_quit(struct tui *t, int code)
{
	/* Decision 17: said at exit, and the draft records that it may exist. */
	t->quit_in_flight = core_lists_running(&t->loads, CORE_SLOT_CREATE);
	/* `rotwiz manage` answers nothing: there is no draft to keep. */
	if ((!t->have_rotation || t->step != RW_STEP_RESULT) && !(t->manage && t->manage->root) &&
	    !tui_bulk_made_any(t))
		t->draft_saved = tui_save_draft(t);
	t->exit_code = code;
	t->quit = 1;
}

void
tui_flow_act(struct tui *t, enum tui_outcome out)
{
	enum core_slot_id slot;

	switch (out) {
	case TUI_OUT_STAY:
		break;
	case TUI_OUT_REBUILD:
		t->rebuild = 1;
		break;
	case TUI_OUT_NEXT_STEP:
		if (t->step == RW_STEP_SIGN_IN)
			go_step(t, t->resume_step);
		else
			next_step(t);
		break;
	case TUI_OUT_PREV_STEP:
		if (t->step > first_step(t) && t->step <= RW_STEP_REVIEW) {
			t->return_to_review = 0;
			go_step(t, (enum rw_step) (t->step - 1));
		}
		break;
	case TUI_OUT_GOTO:
		if (t->goto_step >= RW_STEP_ROTATION && t->goto_step < RW_STEP_REVIEW) {
			t->return_to_review = 1;
			go_step(t, t->goto_step);
		}
		break;
	case TUI_OUT_SIGNIN:
		if (tui_signin_apply(t) < 0) {
			t->rebuild = 1;
			break;
		}
		tui_status(t, TUI_ROLE_DIM, "Signing in...");
		tui_flow_start_signin(t);
		break;
	case TUI_OUT_CREATE:
		start_create(t);
		break;
	case TUI_OUT_WRITE_FILES:
		write_files(t, 0);
		break;
	case TUI_OUT_COPY:
		copy_curl(t);
		break;
	case TUI_OUT_ROTATE:
		start_rotate(t);
		break;
	case TUI_OUT_ANOTHER:
		create_another(t);
		break;
	case TUI_OUT_CANCEL_LOAD:
		slot = tui_screen_for(t)->shown_load(t);
		if (slot != CORE_SLOT_COUNT && t->app->api)
			core_lists_cancel(&t->loads, t->app->api, slot);
		break;
	case TUI_OUT_RETRY:
		slot = tui_screen_for(t)->shown_load(t);
		if (slot == CORE_SLOT_SIGNIN)
			tui_flow_start_signin(t);
		else if (slot != CORE_SLOT_COUNT)
			core_lists_forget(&t->loads, slot);
		break;
	case TUI_OUT_HELP:
		t->modal = TUI_MODAL_HELP;
		t->help_top = 0;
		break;
	case TUI_OUT_QUIT_ASK:
		/* The question says whether the draft was saved: save it before asking. */
		tui_save_draft(t);
		t->modal = TUI_MODAL_QUIT;
		break;
	case TUI_OUT_QUIT:
		tui_flow_quit(t, t->exit_code);
		break;
	case TUI_OUT_REDRAW:
		t->repaint = 1;
		t->rebuild = 1;
		break;
	case TUI_OUT_MANAGE:
		tui_manage_act(t);
		break;
	}
}

void
tui_flow_modal_key(struct tui *t, enum tui_action action)
{
	switch (t->modal) {
	case TUI_MODAL_QUIT:
		if (action == TUI_ACT_YES) {
			/* A quit is the user's choice, unless the plan refusal already decided it. */
			tui_flow_quit(t, t->exit_code == rw_status_exit_code(RW_ESERVER) ?
				      t->exit_code : rw_status_exit_code(RW_EQUIT));
		} else if (action == TUI_ACT_NO) {
			t->modal = TUI_MODAL_NONE;
			t->rebuild = 1;
		}
		break;
	case TUI_MODAL_RESUME:
		if (action == TUI_ACT_YES || action == TUI_ACT_NO) {
			t->modal = TUI_MODAL_NONE;
			t->rebuild = 1;
			if (action == TUI_ACT_YES)
				resume_draft(t);
		}
		break;
	case TUI_MODAL_OVERWRITE:
		if (action == TUI_ACT_YES || action == TUI_ACT_NO) {
			t->modal = TUI_MODAL_NONE;
			t->rebuild = 1;
			if (action == TUI_ACT_YES)
				write_files(t, 1);
			else
				tui_status(t, TUI_ROLE_DIM, "Nothing written: the files there are kept.");
		}
		break;
	case TUI_MODAL_HELP:
		if (action == TUI_ACT_SCROLL_DOWN) {
			t->help_top++;	/* the draw keeps it within the text */
		} else if (action == TUI_ACT_SCROLL_UP) {
			if (t->help_top > 0)
				t->help_top--;
		} else if (action == TUI_ACT_CLOSE) {
			t->modal = TUI_MODAL_NONE;
			t->rebuild = 1;
		}
		break;
	default:
		break;
	}
	if (action == TUI_ACT_REDRAW)
		t->repaint = 1;
}

void
tui_flow_begin(struct tui *t)
{
	struct app *app = t->app;

	if (app->signed_in) {
		t->step = RW_STEP_ROTATION;
	} else if (app->credentials_given) {
		/* The check runs while the first step is answered, once it is drawn. */
		t->step = RW_STEP_ROTATION;
		t->signin_at_start = 1;
	} else {
		tui_signin_prepare(t);
		t->step = RW_STEP_SIGN_IN;
	}
	/* rotwiz manage: the Rotations screen first, over the wizard. */
	if (app->opt.command && strcmp(app->opt.command, "manage") == 0)
		tui_manage_open(t, 1);
}
