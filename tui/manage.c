#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/secret.h"
#include "forms/schedule.h"
#include "libcore/manage.h"
#include "libcore/report.h"
#include "tui/detail.h"
#include "tui/frame.h"
#include "tui/manage.h"
#include "tui/text.h"
#include "tui/wizard.h"

/*
 * The Rotations screen: its state, its calls, and the list view (the
 * detail's views are tui/detail.c).  The list loads in the background on
 * open and on ^R; typing filters on name, environment, folder and app;
 * each row is drawn from core_manage_health() and the schedule's time
 * words, so it says what `rotwiz list` says.
 */

/* A call's user tag: the address says which of this screen's calls it was. */
static char call_tags[TUI_MANAGE_REQ_COUNT];

/* Each rotation takes two lines: what and how it is, then when and where it writes. */
#define ROW_LINES 2

int
tui_manage_is_open(const struct tui *t)
{
	return t->manage != NULL;
}

/* Another project than the list's (a slug resolved at sign-in is the same one): its rotations, not the old ones. */
static void
set_project(struct tui_manage *m, const char *project)
{
	if (strcmp(m->project_id, project ? project : "") == 0)
		return;
	rw_rotation_list_free(&m->list);
	m->have_list = 0;
	m->sel = m->top = 0;
	m->shown_count = 0;
	m->filter[0] = '\0';
	snprintf(m->project_id, sizeof(m->project_id), "%s", project ? project : "");
}

void
tui_manage_open(struct tui *t, int root)
{
	struct tui_manage *m = t->manage;
	const char *project = rw_answers_get(&t->app->answers, RW_FIELD_PROJECT);

	if (!m && !(m = t->manage = calloc(1, sizeof(*m)))) {
		tui_status(t, TUI_ROLE_ERROR, "Out of memory.");
		return;
	}
	m->root = root;
	m->view = TUI_MANAGE_LIST;
	m->revealed = -1;
	set_project(m, project);
	/* What is shown may be old: it loads again, and stays shown until the new one is there. */
	m->req = TUI_MANAGE_REQ_LIST;
	t->rebuild = 1;
	tui_editor_close(&t->ed);
}

static void
close_detail(struct tui_manage *m)
{
	if (m->have_cur)
		rw_rotation_free(&m->cur);
	m->have_cur = 0;
	rw_generated_free(&m->gen);
	m->have_gen = 0;
	m->revealed = -1;
	secret_wipe(m->typed, sizeof(m->typed));
}

void
tui_manage_free(struct tui *t)
{
	struct tui_manage *m = t->manage;

	if (!m)
		return;
	close_detail(m);
	rw_rotation_list_free(&m->list);
	free(m->shown);
	free(m);
	t->manage = NULL;
}

int
tui_manage_busy(const struct tui *t)
{
	return t->manage && t->manage->call != NULL;
}

/* ---- the list ---- */

static int
row_matches(const struct rw_rotation *r, const char *filter)
{
	return !*filter || tui_text_contains(r->name ? r->name : "", filter) ||
	       tui_text_contains(r->environment_slug ? r->environment_slug : "", filter) ||
	       tui_text_contains(r->environment_name ? r->environment_name : "", filter) ||
	       tui_text_contains(r->folder_path ? r->folder_path : "", filter) ||
	       tui_text_contains(r->app_name ? r->app_name : "", filter);
}

/* The rows that match the filter, the selection kept on the same rotation when it still shows. */
static void
refilter(struct tui_manage *m)
{
	const char *keep = NULL;
	size_t i, n = 0;

	if (m->pending_id[0])
		keep = m->pending_id;
	else if (m->sel < m->shown_count && m->shown[m->sel] < m->list.count)
		keep = m->list.items[m->shown[m->sel]].id;
	if (m->list.count && !(m->shown = realloc(m->shown, m->list.count * sizeof(*m->shown)))) {
		m->shown_count = 0;
		return;
	}
	m->sel = 0;
	for (i = 0; i < m->list.count; i++) {
		if (!row_matches(&m->list.items[i], m->filter))
			continue;
		if (keep && m->list.items[i].id && strcmp(m->list.items[i].id, keep) == 0)
			m->sel = n;
		m->shown[n++] = i;
	}
	m->shown_count = n;
	m->pending_id[0] = '\0';
	if (m->top > m->sel)
		m->top = m->sel;
}

static int
rows_fit(void)
{
	int rows = (LINES - TUI_TOP - TUI_BOTTOM - 2) / ROW_LINES;

	return rows > 0 ? rows : 1;
}

/* "in 12 days, 2026-12-03 01:00 CET (00:00 UTC)": the next rotation in both zones. */
static void
next_words(const struct rw_rotation *r, char *buf, size_t bufsz)
{
	char local[64], utc[64];
	time_t at;

	if (!r->next_rotation_at || !*r->next_rotation_at ||
	    report_parse_time(r->next_rotation_at, &at) < 0) {
		snprintf(buf, bufsz, "%s", r->auto_rotation ? "next: -" : "no next rotation");
		return;
	}
	rw_schedule_format_time(at, 1, local, sizeof(local));
	rw_schedule_format_time(at, 0, utc, sizeof(utc));
	/* Local time is UTC: once; the same day in both zones: the UTC side needs only its time. */
	if (strcmp(local, utc) == 0)
		snprintf(buf, bufsz, "%s", utc);
	else
		snprintf(buf, bufsz, "%s (%s)", local, strncmp(local, utc, 11) == 0 ? utc + 11 : utc);
}

static void
draw_row(const struct rw_rotation *r, int y, int selected, time_t now)
{
	char health[REPORT_FAILURE_MAX], line[REPORT_FAILURE_MAX + 512], next[160];
	enum core_health h = core_manage_health(r, now, health, sizeof(health));
	attr_t attr = selected ? tui_attr(TUI_ROLE_SELECTED) : tui_attr(TUI_ROLE_NORMAL);
	attr_t hattr = h == CORE_HEALTH_FAILED ? tui_attr(TUI_ROLE_ERROR) :
		       h == CORE_HEALTH_OVERDUE ? tui_attr(TUI_ROLE_WARNING) :
		       h == CORE_HEALTH_OFF ? tui_attr(TUI_ROLE_DIM) : tui_attr(TUI_ROLE_OK);
	int used;

	if (selected) {
		attrset(attr);
		mvhline(y, 0, ' ', COLS);
		attrset(A_NORMAL);
	}
	snprintf(line, sizeof(line), "%s %s  %s %s", selected ? tui_glyph("\xe2\x96\xb8", ">") : " ",
		 r->name ? r->name : "?", r->environment_slug ? r->environment_slug : "?",
		 r->folder_path ? r->folder_path : "?");
	used = tui_text_draw(y, 1, line, COLS / 2, attr);
	tui_text_draw(y, 1 + used + 2, health, COLS - used - 4, selected ? attr : hattr);
	next_words(r, next, sizeof(next));
	snprintf(line, sizeof(line), "    %s  app %s  %s, %s", next,
		 r->app_name && *r->app_name ? r->app_name : r->object_id ? r->object_id : "?",
		 r->map_client_id ? r->map_client_id : "?",
		 r->map_client_secret ? r->map_client_secret : "?");
	tui_text_draw(y + 1, 1, line, COLS - 2, tui_attr(TUI_ROLE_DIM));
}

/* `rotwiz manage` without a project: the projects the sign-in listed come first. */
static int
picking_project(const struct tui *t)
{
	return !t->manage->project_id[0] && t->app->signed_in && t->app->projects_loaded;
}

static void
projects_draw(struct tui *t)
{
	const struct rw_project_list *pl = &t->app->projects;
	struct tui_manage *m = t->manage;
	int fit = LINES - TUI_TOP - TUI_BOTTOM - 2, i;

	if (pl->count == 0) {
		tui_text_draw(TUI_TOP, 2, "These credentials see no project.", COLS - 4,
			      tui_attr(TUI_ROLE_ERROR));
		return;
	}
	tui_text_draw(TUI_TOP, 2, "Whose rotations? Pick the project:", COLS - 4,
		      tui_attr(TUI_ROLE_DIM));
	if (m->sel >= pl->count)
		m->sel = pl->count - 1;
	if (m->sel < m->top)
		m->top = m->sel;
	if (fit > 0 && m->sel >= m->top + (size_t) fit)
		m->top = m->sel - (size_t) fit + 1;
	for (i = 0; i < fit && m->top + (size_t) i < pl->count; i++) {
		const struct rw_project *p = &pl->items[m->top + (size_t) i];
		int selected = m->top + (size_t) i == m->sel;
		char line[512];

		snprintf(line, sizeof(line), "%s %s (%s)", selected ? tui_glyph("\xe2\x96\xb8", ">") : " ",
			 p->name ? p->name : "?", p->slug ? p->slug : "?");
		tui_text_draw(TUI_TOP + 1 + i, 1, line, COLS - 2,
			      tui_attr(selected ? TUI_ROLE_SELECTED : TUI_ROLE_NORMAL));
	}
}

static void
list_draw(struct tui *t)
{
	struct tui_manage *m = t->manage;
	char head[TUI_MANAGE_FILTER_MAX + 256];
	int y = TUI_TOP, fit = rows_fit(), i;
	time_t now = time(NULL);

	curs_set(0);
	if (picking_project(t)) {
		projects_draw(t);
		return;
	}
	if (!m->have_list) {
		if (m->list_error[0])
			tui_frame_paragraph(y, 2, 6, COLS - 4, m->list_error, tui_attr(TUI_ROLE_ERROR));
		else
			tui_text_draw(y, 2, t->app->signed_in ? "Loading the rotations..." :
				      "Signing in...", COLS - 4, tui_attr(TUI_ROLE_DIM));
		return;
	}
	if (m->filter[0])
		snprintf(head, sizeof(head), "Filter: %s   %zu of %zu rotations match", m->filter,
			 m->shown_count, m->list.count);
	else
		snprintf(head, sizeof(head), "%zu rotation%s in every environment, each with its next "
			 "rotation, app and mapped secrets -- type to filter on name, environment, "
			 "folder or app%s", m->list.count, m->list.count == 1 ? "" : "s",
			 m->list_call ? " (refreshing...)" : "");
	tui_text_draw(y, 2, head, COLS - 4, tui_attr(TUI_ROLE_DIM));
	if (m->shown_count == 0) {
		tui_text_draw(y + 2, 2, m->list.count ? "No rotation matches the filter." :
			      "This project has no Azure Client Secret rotation yet.", COLS - 4,
			      tui_attr(TUI_ROLE_NORMAL));
		return;
	}
	if (m->sel >= m->shown_count)
		m->sel = m->shown_count - 1;
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + (size_t) fit)
		m->top = m->sel - (size_t) fit + 1;
	for (i = 0; i < fit && m->top + (size_t) i < m->shown_count; i++)
		draw_row(&m->list.items[m->shown[m->top + (size_t) i]], y + 1 + i * ROW_LINES,
			 m->top + (size_t) i == m->sel, now);
}

static enum tui_outcome
list_key(struct tui *t, enum tui_action action, wint_t ch)
{
	struct tui_manage *m = t->manage;
	size_t page = (size_t) rows_fit();
	size_t len = strlen(m->filter);

	if (picking_project(t)) {
		const struct rw_project_list *pl = &t->app->projects;

		if (action == TUI_ACT_LIST_DOWN && m->sel + 1 < pl->count)
			m->sel++;
		else if (action == TUI_ACT_LIST_UP && m->sel > 0)
			m->sel--;
		else if (action == TUI_ACT_ACCEPT && m->sel < pl->count && pl->items[m->sel].id &&
			 rw_answers_set(&t->app->answers, RW_FIELD_PROJECT, pl->items[m->sel].id) == 0) {
			m->sel = m->top = 0;
			m->req = TUI_MANAGE_REQ_LIST;
			return TUI_OUT_MANAGE;
		}
		return TUI_OUT_STAY;
	}
	switch (action) {
	case TUI_ACT_LIST_DOWN:
		if (m->sel + 1 < m->shown_count)
			m->sel++;
		return TUI_OUT_STAY;
	case TUI_ACT_LIST_UP:
		if (m->sel > 0)
			m->sel--;
		return TUI_OUT_STAY;
	case TUI_ACT_PAGE_DOWN:
		m->sel = m->sel + page < m->shown_count ? m->sel + page :
			 m->shown_count ? m->shown_count - 1 : 0;
		return TUI_OUT_STAY;
	case TUI_ACT_PAGE_UP:
		m->sel = m->sel > page ? m->sel - page : 0;
		return TUI_OUT_STAY;
	case TUI_ACT_FIRST:
		m->sel = 0;
		return TUI_OUT_STAY;
	case TUI_ACT_LAST:
		m->sel = m->shown_count ? m->shown_count - 1 : 0;
		return TUI_OUT_STAY;
	case TUI_ACT_CHAR:
		if (ch < 128 && len + 1 < sizeof(m->filter)) {
			m->filter[len] = (char) ch;
			m->filter[len + 1] = '\0';
			refilter(m);
		}
		return TUI_OUT_STAY;
	case TUI_ACT_BACKSPACE:
		if (len) {
			m->filter[len - 1] = '\0';
			refilter(m);
		}
		return TUI_OUT_STAY;
	case TUI_ACT_KILL:
		m->filter[0] = '\0';
		refilter(m);
		return TUI_OUT_STAY;
	case TUI_ACT_ESCAPE:
		if (m->filter[0]) {
			m->filter[0] = '\0';
			refilter(m);
			return TUI_OUT_STAY;
		}
		if (m->root)
			return TUI_OUT_STAY;
		m->req = TUI_MANAGE_REQ_CLOSE;
		return TUI_OUT_MANAGE;
	case TUI_ACT_RETRY:
		m->req = TUI_MANAGE_REQ_LIST;
		return TUI_OUT_MANAGE;
	case TUI_ACT_ACCEPT:
		if (m->sel >= m->shown_count)
			return TUI_OUT_STAY;
		close_detail(m);
		if (core_manage_copy(&m->cur, &m->list.items[m->shown[m->sel]]) < 0) {
			tui_status(t, TUI_ROLE_ERROR, "Out of memory.");
			return TUI_OUT_STAY;
		}
		m->have_cur = 1;
		m->detail_top = 0;
		m->done[0] = '\0';
		m->view = TUI_MANAGE_DETAIL;
		t->status[0] = '\0';
		return TUI_OUT_STAY;
	default:
		return TUI_OUT_STAY;
	}
}

/* ---- the screen ---- */

static unsigned
manage_contexts(struct tui *t)
{
	struct tui_manage *m = t->manage;

	if (m->view != TUI_MANAGE_LIST)
		return TUI_CTX_MANAGE | tui_detail_contexts(t);
	return TUI_CTX_MANAGE | TUI_CTX_ROTATIONS | (m->filter[0] ? TUI_CTX_FILTERED : 0) |
	       (m->root ? TUI_CTX_TOP : 0);
}

static void
manage_draw(struct tui *t)
{
	if (t->manage->view == TUI_MANAGE_LIST)
		list_draw(t);
	else
		tui_detail_draw(t);
}

static enum tui_outcome
manage_key(struct tui *t, enum tui_action action, wint_t ch)
{
	struct tui_manage *m = t->manage;
	enum tui_outcome out;

	/* Every view: Ctrl-C (q on a rotation) leaves `rotwiz manage`, or asks as the wizard does. */
	if (action == TUI_ACT_REDRAW)
		return TUI_OUT_REDRAW;
	if (action == TUI_ACT_QUIT || action == TUI_ACT_QUIT_NOW)
		out = m->root ? TUI_OUT_QUIT : TUI_OUT_QUIT_ASK;
	else if (m->view != TUI_MANAGE_LIST)
		out = tui_detail_key(t, action, ch);
	else
		out = list_key(t, action, ch);
	/* Leaving `rotwiz manage` by its keys is a normal end, unless a change's outcome is unknown (decision 24). */
	if (out == TUI_OUT_QUIT)
		t->exit_code = m->unknown ? 5 : 0;
	return out;
}

static enum core_slot_id
manage_shown_load(struct tui *t)
{
	(void) t;
	return CORE_SLOT_COUNT;
}

const struct tui_screen tui_manage_screen = {
	manage_contexts, manage_draw, manage_key, NULL, manage_shown_load,
};

void
tui_manage_title(const struct tui *t, char *buf, size_t bufsz)
{
	const struct tui_manage *m = t->manage;
	static const char *const views[] = {
		[TUI_MANAGE_LIST] = "Rotations", [TUI_MANAGE_DETAIL] = "Rotation",
		[TUI_MANAGE_CREDENTIALS] = "Credentials of", [TUI_MANAGE_EDIT] = "Edit",
		[TUI_MANAGE_DELETE] = "Delete",
	};

	if (m->view == TUI_MANAGE_LIST || !m->have_cur)
		snprintf(buf, bufsz, "%s", views[m->view]);
	else
		snprintf(buf, bufsz, "%s %s", views[m->view], m->cur.name ? m->cur.name : "");
}

/* ---- the calls ---- */

static void *
tag(enum tui_manage_req kind)
{
	return &call_tags[kind];
}

void
tui_manage_sync(struct tui *t)
{
	struct tui_manage *m = t->manage;

	if (!m || m->req != TUI_MANAGE_REQ_LIST || m->list_call || !t->app->signed_in ||
	    !t->app->api)
		return;
	m->req = TUI_MANAGE_REQ_NONE;
	set_project(m, rw_answers_get(&t->app->answers, RW_FIELD_PROJECT));
	if (!m->project_id[0]) {
		if (!m->root)
			snprintf(m->list_error, sizeof(m->list_error), "No project chosen yet: pick one "
				 "on step 2 (Where) first.");
		return;
	}
	m->list_error[0] = '\0';
	m->list_call = rw_api_list(t->app->api, m->project_id, tag(TUI_MANAGE_REQ_LIST));
}

void
tui_manage_act(struct tui *t)
{
	struct tui_manage *m = t->manage;
	struct rw_api *api = t->app->api;
	enum tui_manage_req req;
	char *body;

	if (!m)
		return;
	req = m->req;
	if (req == TUI_MANAGE_REQ_LIST) {
		tui_manage_sync(t);
		return;
	}
	m->req = TUI_MANAGE_REQ_NONE;
	if (req == TUI_MANAGE_REQ_CLOSE) {
		tui_manage_free(t);
		t->rebuild = 1;
		return;
	}
	if (req == TUI_MANAGE_REQ_NONE || m->call || !api || !m->have_cur || !m->cur.id)
		return;
	switch (req) {
	case TUI_MANAGE_REQ_GET:
	case TUI_MANAGE_REQ_LOOKUP_UPDATE:
	case TUI_MANAGE_REQ_LOOKUP_DELETE:
		m->call = rw_api_get_by_id(api, m->cur.id, tag(req));
		break;
	case TUI_MANAGE_REQ_ROTATE:
		m->call = rw_api_rotate_now(api, m->cur.id, &m->cur, tag(req));
		tui_status(t, TUI_ROLE_DIM, "Rotating...");
		break;
	case TUI_MANAGE_REQ_GENERATED:
		m->call = rw_api_generated(api, m->cur.id, tag(req));
		break;
	case TUI_MANAGE_REQ_UPDATE:
		if (!(body = tui_detail_edit_body(t)))
			return;
		m->call = rw_api_update(api, m->cur.id, body, tag(req));
		free(body);
		tui_status(t, TUI_ROLE_DIM, "Saving...");
		break;
	case TUI_MANAGE_REQ_DELETE:
		m->call = rw_api_delete(api, m->cur.id, m->delete_secrets, m->revoke_credentials,
					tag(req));
		tui_status(t, TUI_ROLE_DIM, "Deleting...");
		break;
	default:
		return;
	}
	if (!m->call) {
		tui_status(t, TUI_ROLE_ERROR, "Out of memory.");
		return;
	}
	m->call_kind = req;
}

int
tui_manage_take(struct tui *t, struct rw_result *result)
{
	struct tui_manage *m = t->manage;
	char why[REPORT_FAILURE_MAX];
	enum tui_manage_req kind;

	if (result->user < (void *) &call_tags[0] ||
	    result->user >= (void *) &call_tags[TUI_MANAGE_REQ_COUNT])
		return 0;
	kind = (enum tui_manage_req) ((char *) result->user - call_tags);
	/* Closed since: nobody waits for it. */
	if (!m)
		return 1;
	if (kind == TUI_MANAGE_REQ_LIST) {
		if (result->call != m->list_call)
			return 1;
		m->list_call = NULL;
		if (result->status != RW_OK) {
			report_failure(result, t->app->api_base, NULL, REPORT_WIZARD, why,
				       sizeof(why));
			snprintf(m->list_error, sizeof(m->list_error), "The rotations could not be "
				 "loaded: %s -- ^R tries again.", why);
			if (m->have_list)
				tui_status(t, TUI_ROLE_ERROR, "%s", m->list_error);
			return 1;
		}
		rw_rotation_list_free(&m->list);
		m->list = result->u.rotations;
		memset(&result->u.rotations, 0, sizeof(result->u.rotations));
		m->have_list = 1;
		m->list_error[0] = '\0';
		refilter(m);
		return 1;
	}
	if (result->call != m->call)
		return 1;
	m->call = NULL;
	tui_detail_result(t, kind, result);
	/* A lost reply: the lookup goes at once, before anything else is sent. */
	if (m->req == TUI_MANAGE_REQ_LOOKUP_UPDATE || m->req == TUI_MANAGE_REQ_LOOKUP_DELETE)
		tui_manage_act(t);
	return 1;
}
