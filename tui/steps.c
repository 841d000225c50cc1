#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libcore/help.h"
#include "libcore/names.h"
#include "libcore/report.h"
#include "common/secret.h"
#include "forms/schedule.h"
#include "forms/validate.h"
#include "tui/frame.h"
#include "tui/bulk.h"
#include "tui/steps.h"
#include "tui/text.h"

/*
 * Steps 1-6: a column of fields, each a label and a value with a line for
 * its message under it, and below them whatever the focused field needs
 * (its pick-list, the folder completions, the schedule in local time).
 */

#define CONNECTION_DOCS "https://infisical.com/docs/integrations/app-connections/azure-client-secrets"
#define TEXT_MAX 256
#define NUMBER_MAX 8

struct layout {
	int y0, x0, width, height;	/* the content box */
	int label_w;
	int input_x, input_w;
	int row[TUI_MAX_ITEMS];		/* each item's line; its message lines follow */
	int msg_rows[TUI_MAX_ITEMS];
	int extra_y, extra_h;		/* below the fields */
};

/* The message under an item: the app list carries those of all three app fields. */
static const char *
item_msg(const struct tui *t, const struct tui_item *it, int *warning)
{
	static const enum rw_field app_fields[] = {
		RW_FIELD_OBJECT_ID, RW_FIELD_CLIENT_ID, RW_FIELD_APP_NAME,
	};
	size_t i;

	if (it->kind == TUI_ITEM_LOCAL_TIME) {
		*warning = 0;
		return t->local_msg;
	}
	if (it->pick == TUI_PICK_APP) {
		for (i = 0; i < sizeof(app_fields) / sizeof(app_fields[0]); i++) {
			if (t->msg[app_fields[i]]) {
				*warning = t->msg_is_warning[app_fields[i]];
				return t->msg[app_fields[i]];
			}
		}
		return NULL;
	}
	*warning = t->msg_is_warning[it->field];
	return t->msg[it->field];
}

/* The item's label: the app list stands for the app's three fields. */
static const char *
item_label(const struct tui_item *it)
{
	if (it->kind == TUI_ITEM_LOCAL_TIME)
		return "Local time";
	return it->pick == TUI_PICK_APP ? "Azure app" : rw_field_info(it->field)->label;
}

static void
layout(const struct tui *t, const struct tui_item *items, int n, struct layout *l)
{
	int i, y, total;

	l->y0 = TUI_TOP;
	l->x0 = 2;
	l->width = COLS - 3;
	l->height = LINES - TUI_TOP - TUI_BOTTOM;
	l->label_w = 0;
	for (i = 0; i < n; i++) {
		int w = tui_text_width(item_label(&items[i]));

		if (w > l->label_w)
			l->label_w = w;
	}
	l->label_w += 2;
	l->input_x = l->x0 + l->label_w;
	l->input_w = l->width - l->label_w;
	/*
	 * A field's message wraps under it, whole, so a long reason is read to
	 * its request id (decision 15).  Only when the step's box cannot hold
	 * them all do the longest lose lines (tui_frame_field_msg marks the cut).
	 */
	for (i = 0, total = 0; i < n; i++) {
		int warning;
		const char *msg = item_msg(t, &items[i], &warning);

		l->msg_rows[i] = msg ? tui_frame_field_msg_rows(l->input_w, msg, warning) : 1;
		if (l->msg_rows[i] < 1)
			l->msg_rows[i] = 1;
		total += 1 + l->msg_rows[i];
	}
	while (total > l->height) {
		int longest = 0;

		for (i = 1; i < n; i++)
			if (l->msg_rows[i] > l->msg_rows[longest])
				longest = i;
		if (n == 0 || l->msg_rows[longest] <= 1)
			break;
		l->msg_rows[longest]--;
		total--;
	}
	for (i = 0, y = l->y0; i < n; i++) {
		l->row[i] = y;
		y += 1 + l->msg_rows[i];
	}
	l->extra_y = y;
	l->extra_h = l->y0 + l->height - y;
	if (l->extra_h < 0)
		l->extra_h = 0;
}

static int
field_width(const struct tui_item *it, const struct layout *l)
{
	int w;

	if (it->kind == TUI_ITEM_NUMBER || it->kind == TUI_ITEM_LOCAL_TIME)
		w = NUMBER_MAX;
	else
		w = rw_field_info(it->field)->width;
	if (w < 12)
		w = 12;
	w++;		/* room for the cursor after the last character */
	return w < l->input_w ? w : l->input_w;
}

static int
current_items(const struct tui *t, struct tui_item *items)
{
	return tui_step_items(t, t->step, items);
}

static const struct tui_item *
focused_item(struct tui *t, struct tui_item *items, int *n)
{
	*n = current_items(t, items);
	if (*n == 0)
		return NULL;
	if (t->focus >= *n)
		t->focus = *n - 1;
	if (t->focus < 0)
		t->focus = 0;
	return &items[t->focus];
}

static int
is_text(const struct tui_item *it)
{
	return it->kind == TUI_ITEM_TEXT || it->kind == TUI_ITEM_NUMBER ||
	       it->kind == TUI_ITEM_PATH || it->kind == TUI_ITEM_LOCAL_TIME;
}

/* Typing replaces what such a field shows, like a selected value: "14" over 30 is 14. */
static int
is_number_like(const struct tui_item *it)
{
	return it->kind == TUI_ITEM_NUMBER || it->kind == TUI_ITEM_LOCAL_TIME;
}

static int
item_tag(const struct tui *t)
{
	return ((int) t->step << 8) | t->focus;
}

/* ---- the lists behind the fields ---- */

static const struct rw_result *
folders_for(const struct tui *t, const char *parent)
{
	const struct rw_answers *a = &t->app->answers;

	return core_lists_result(&t->loads, CORE_SLOT_FOLDERS, rw_answers_get(a, RW_FIELD_PROJECT),
				rw_answers_get(a, RW_FIELD_ENVIRONMENT), parent);
}

/* Sets the app's three answers from the list entry with this object ID. */
static void
choose_app(struct tui *t, const char *object_id)
{
	const struct rw_result *res = tui_pick_result(t, TUI_PICK_APP);
	size_t i;

	for (i = 0; res && res->status == RW_OK && i < res->u.apps.count; i++) {
		const struct rw_azure_app *app = &res->u.apps.items[i];

		if (app->object_id && strcmp(app->object_id, object_id) == 0) {
			rw_answers_set(&t->app->answers, RW_FIELD_OBJECT_ID, app->object_id);
			rw_answers_set(&t->app->answers, RW_FIELD_CLIENT_ID, app->client_id);
			rw_answers_set(&t->app->answers, RW_FIELD_APP_NAME, app->name);
			return;
		}
	}
}

/* The answer a pick shows as chosen. */
static const char *
pick_answer(const struct tui *t, enum tui_pick_id id)
{
	static const enum rw_field field[TUI_PICK_COUNT] = {
		RW_FIELD_PROJECT, RW_FIELD_ENVIRONMENT, RW_FIELD_CONNECTION, RW_FIELD_OBJECT_ID,
	};

	return rw_answers_get(&t->app->answers, field[id]);
}

void
tui_steps_focus_entered(struct tui *t)
{
	struct tui_item items[TUI_MAX_ITEMS];
	const struct tui_item *it;
	struct tui_pick_rows rows;
	struct tui_pick_row *storage;
	int n;

	if (!(it = focused_item(t, items, &n)) || it->kind != TUI_ITEM_PICK)
		return;
	if (tui_pick_rows(t, it->pick, &rows, &storage) == 0)
		tui_pick_select_value(&t->pick[it->pick], &rows, pick_answer(t, it->pick));
	else
		tui_pick_reset(&t->pick[it->pick]);
	free(storage);
}

/* ---- the rotate time in local time (doc/contract.md 2.2, decision 8) ---- */

/* The UTC fields' time, when both hold. */
static int
utc_time(const struct tui *t, int *hours, int *minutes)
{
	const struct rw_answers *a = &t->app->answers;

	if (rw_validate_field(RW_FIELD_HOURS, rw_answers_get(a, RW_FIELD_HOURS), NULL, 0) != RW_OK ||
	    rw_validate_field(RW_FIELD_MINUTES, rw_answers_get(a, RW_FIELD_MINUTES), NULL, 0) != RW_OK)
		return -1;
	*hours = atoi(rw_answers_get(a, RW_FIELD_HOURS));
	*minutes = atoi(rw_answers_get(a, RW_FIELD_MINUTES));
	return 0;
}

/* What the Local time field shows: as typed, else the UTC fields in local time. */
static void
local_shown(const struct tui *t, char *buf, size_t bufsz)
{
	int h, m;

	if (t->local_typed)
		snprintf(buf, bufsz, "%s", t->local_typed);
	else if (utc_time(t, &h, &m) == 0) {
		rw_schedule_utc_to_local(time(NULL), h, m, &h, &m);
		snprintf(buf, bufsz, "%02d:%02d", h, m);
	} else
		buf[0] = '\0';
}

static void
set_local_msg(struct tui *t, const char *msg)
{
	free(t->local_msg);
	t->local_msg = msg && *msg ? strdup(msg) : NULL;
}

/* The UTC fields changed: the Local time field follows them again. */
static void
local_follows(struct tui *t)
{
	free(t->local_typed);
	t->local_typed = NULL;
	set_local_msg(t, NULL);
}

/*
 * The Local time field holds: nothing typed, or a time that sets the UTC
 * fields.  Returns 0, or -1 with its message set.
 */
static int
local_check(struct tui *t)
{
	char msg[RW_MESSAGE_MAX], num[8];
	int h, m;

	if (!t->local_typed)
		return 0;
	if (rw_schedule_parse_local(time(NULL), t->local_typed, "Local time", &h, &m, msg,
				    sizeof(msg)) < 0) {
		set_local_msg(t, msg);
		return -1;
	}
	snprintf(num, sizeof(num), "%d", h);
	rw_answers_set(&t->app->answers, RW_FIELD_HOURS, num);
	snprintf(num, sizeof(num), "%d", m);
	rw_answers_set(&t->app->answers, RW_FIELD_MINUTES, num);
	tui_set_msg(t, RW_FIELD_HOURS, NULL, 0);
	tui_set_msg(t, RW_FIELD_MINUTES, NULL, 0);
	set_local_msg(t, NULL);
	return 0;
}

/* The editor's text is what the Local time field holds now, checked at once. */
static void
local_typed(struct tui *t)
{
	char *v = tui_editor_value(&t->ed);

	if (!v)
		return;
	free(t->local_typed);
	t->local_typed = v;
	local_check(t);
}

static void
local_help(char *text, size_t textsz)
{
	char zone[128];

	rw_schedule_zone_name(time(NULL), zone, sizeof(zone));
	snprintf(text, textsz, "The rotate time in your time zone (%s), HH:MM on a 24-hour "
		 "clock. It follows the UTC fields above and sets them: a local time is turned "
		 "into UTC by the zone's offset today, and UTC is what is sent. Where the zone "
		 "has summer time, the rotation stays at the same UTC time, so its local time "
		 "shifts when the clocks change (the summary below says when).", zone);
}

/* ---- drawing ---- */

static void
draw_value(struct tui *t, const struct tui_item *it, int y, const struct layout *l, int focused)
{
	char shown[512];
	attr_t attr = tui_attr(focused ? TUI_ROLE_EDIT : TUI_ROLE_FIELD);

	tui_text_draw(y, l->x0, item_label(it), l->label_w - 1,
		      tui_attr(focused ? TUI_ROLE_TITLE : TUI_ROLE_LABEL));
	if (focused)
		mvaddstr(y, l->x0 - 2, tui_glyph("\xe2\x96\xb8", ">"));
	switch (it->kind) {
	case TUI_ITEM_TOGGLE: {
		int on = strcmp(rw_answers_get(&t->app->answers, it->field), "no") != 0;

		snprintf(shown, sizeof(shown), "%s yes   %s no",
			 on ? tui_glyph("\xe2\x97\x89", "(*)") : tui_glyph("\xe2\x97\x8b", "( )"),
			 on ? tui_glyph("\xe2\x97\x8b", "( )") : tui_glyph("\xe2\x97\x89", "(*)"));
		tui_text_draw(y, l->input_x, shown, l->input_w, attr);
		if (focused) {
			t->cur_y = y;
			t->cur_x = l->input_x;
		}
		return;
	}
	case TUI_ITEM_PICK: {
		struct tui_pick *pick = &t->pick[it->pick];

		if (focused && pick->filter[0]) {
			int w = tui_text_draw(y, l->input_x, pick->filter, l->input_w - 1, attr);

			t->cur_y = y;
			t->cur_x = l->input_x + w;
			return;
		}
		if (it->pick == TUI_PICK_APP) {
			const struct rw_answers *a = &t->app->answers;

			if (rw_answers_is_set(a, RW_FIELD_OBJECT_ID) && *rw_answers_get(a, RW_FIELD_OBJECT_ID))
				snprintf(shown, sizeof(shown), "%s (client %s)",
					 *rw_answers_get(a, RW_FIELD_APP_NAME) ?
					 rw_answers_get(a, RW_FIELD_APP_NAME) : "unnamed",
					 rw_answers_get(a, RW_FIELD_CLIENT_ID));
			else
				shown[0] = '\0';
		} else {
			tui_display_value(t, it->field, shown, sizeof(shown));
		}
		if (!shown[0] && focused)
			tui_text_draw(y, l->input_x, "type to filter, Enter chooses", l->input_w,
				      tui_attr(TUI_ROLE_DIM));
		else
			tui_text_draw(y, l->input_x, shown, l->input_w, attr);
		if (focused) {
			t->cur_y = y;
			t->cur_x = l->input_x;
		}
		return;
	}
	default:
		break;
	}
	if (it->kind == TUI_ITEM_LOCAL_TIME) {
		int h, m, w = field_width(it, l);

		if (!(focused && tui_editor_is_open(&t->ed))) {
			local_shown(t, shown, sizeof(shown));
			tui_text_draw(y, l->input_x, shown, w, attr);
		}
		/* Beside it, the time in both zones, as the UTC fields hold it. */
		if (utc_time(t, &h, &m) == 0 && l->input_w > w + 2) {
			rw_schedule_both_zones(time(NULL), h, m, 0, shown, sizeof(shown));
			tui_text_draw(y, l->input_x + w + 1, shown, l->input_w - w - 1,
				      tui_attr(TUI_ROLE_DIM));
		}
		return;
	}
	if (focused && tui_editor_is_open(&t->ed))
		return;		/* libform draws it */
	/* The whole line: a long folder or description is read whole, not cut at the field. */
	if (it->kind == TUI_ITEM_NUMBER || it->kind == TUI_ITEM_TEXT || it->kind == TUI_ITEM_PATH)
		tui_text_draw(y, l->input_x, rw_answers_get(&t->app->answers, it->field),
			      it->kind == TUI_ITEM_NUMBER ? field_width(it, l) : l->input_w, attr);
}

/* Loading, failed, cancelled or empty: the words instead of a list.  Returns 1 when drawn. */
static int
draw_list_state(struct tui *t, enum tui_pick_id id, const struct layout *l)
{
	enum core_slot_state state = tui_pick_state(t, id);
	const struct rw_result *res = tui_pick_result(t, id);
	static const char *const noun[TUI_PICK_COUNT] = {
		"projects", "environments", "connections", "apps",
	};
	char text[REPORT_FAILURE_MAX + 256], why[REPORT_FAILURE_MAX];

	if (id == TUI_PICK_ENVIRONMENT && t->app->projects_loaded) {
		const struct rw_project *p = tui_current_project(t);

		if (!p) {
			tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width,
					    "Choose the project first: its environments are listed here.",
					    tui_attr(TUI_ROLE_DIM));
			return 1;
		}
		if (p->environment_count == 0) {
			tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width,
					    "This project has no environments. Is it a secrets project? "
					    "Choose another project, or add an environment in Infisical.",
					    tui_attr(TUI_ROLE_WARNING));
			return 1;
		}
		return 0;
	}
	if (id == TUI_PICK_CONNECTION && !*rw_answers_get(&t->app->answers, RW_FIELD_PROJECT)) {
		tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width,
				    "Choose the project first (step 2): connections are listed per project.",
				    tui_attr(TUI_ROLE_DIM));
		return 1;
	}
	if (id == TUI_PICK_APP && !*rw_answers_get(&t->app->answers, RW_FIELD_CONNECTION)) {
		tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width,
				    "Choose the connection first (step 3): it lists the apps it can see.",
				    tui_attr(TUI_ROLE_DIM));
		return 1;
	}
	switch (state) {
	case CORE_LOAD_RUNNING:
	case CORE_LOAD_IDLE:
		snprintf(text, sizeof(text), "%s Loading the %s...  Esc cancels.", tui_spinner(), noun[id]);
		tui_text_draw(l->extra_y, l->x0, text, l->width, tui_attr(TUI_ROLE_DIM));
		return 1;
	case CORE_LOAD_CANCELLED:
		snprintf(text, sizeof(text), "Loading the %s was cancelled. Ctrl-R loads them again.",
			 noun[id]);
		tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width, text,
				    tui_attr(TUI_ROLE_WARNING));
		return 1;
	default:
		break;
	}
	if (res && res->status != RW_OK) {
		report_failure(res, t->app->api_base, NULL, REPORT_WIZARD, why, sizeof(why));
		snprintf(text, sizeof(text), "Could not load the %s: %s. Ctrl-R tries again.",
			 noun[id], why);
		tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width, text,
				    tui_attr(TUI_ROLE_ERROR));
		return 1;
	}
	if (id == TUI_PICK_CONNECTION && res && res->u.connections.count == 0) {
		tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width,
				    "No Azure Client Secrets connection is available to you in this "
				    "project. An organization admin creates one in Infisical under "
				    "Organization Settings > App Connections > Add Connection > Azure "
				    "Client Secrets, and lets you use it. How: " CONNECTION_DOCS
				    "  Ctrl-R looks again.", tui_attr(TUI_ROLE_WARNING));
		return 1;
	}
	if (id == TUI_PICK_APP && res && res->u.apps.count == 0) {
		tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width,
				    "The connection sees no app registrations. It needs the Microsoft "
				    "Graph permission Application.ReadWrite.All (or OwnedBy, for apps it "
				    "owns), and the app must exist. Ctrl-E types the IDs by hand.",
				    tui_attr(TUI_ROLE_WARNING));
		return 1;
	}
	if (id == TUI_PICK_PROJECT && t->app->projects_loaded && t->app->projects.count == 0) {
		tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width,
				    "You have no projects on this server. Create one in Infisical, or "
				    "sign in as someone who has one.", tui_attr(TUI_ROLE_WARNING));
		return 1;
	}
	return 0;
}

static void
draw_pick(struct tui *t, const struct tui_item *it, const struct layout *l)
{
	struct tui_pick_rows rows;
	struct tui_pick_row *storage;

	if (l->extra_h < 1 || draw_list_state(t, it->pick, l))
		return;
	if (tui_pick_rows(t, it->pick, &rows, &storage) < 0)
		return;
	/* The mark column comes with the first mark: the one-app list stays as it was. */
	if (it->pick == TUI_PICK_APP && tui_bulk_marked(t) > 0) {
		rows.is_marked = tui_bulk_is_marked;
		rows.mark_ctx = t->bulk;
		rows.marked = tui_bulk_marked(t);
	}
	tui_pick_draw(&t->pick[it->pick], &rows, l->extra_y, l->x0, l->extra_h, l->width,
		      pick_answer(t, it->pick), 1);
	free(storage);
}

/* The folders under the typed path's parent that start with what is typed after it. */
static void
draw_path_hints(struct tui *t, const struct layout *l)
{
	const char *typed = rw_answers_get(&t->app->answers, RW_FIELD_SECRET_PATH), *last;
	char *parent = tui_path_parent(typed, &last);
	const struct rw_result *res;
	struct strbuf sb = STRBUF_INIT;
	size_t i, shown = 0;

	if (!parent || l->extra_h < 1) {
		free(parent);
		return;
	}
	res = folders_for(t, parent);
	if (!*rw_answers_get(&t->app->answers, RW_FIELD_ENVIRONMENT)) {
		strbuf_puts(&sb, "Choose the environment to see its folders.");
	} else if (core_lists_running(&t->loads, CORE_SLOT_FOLDERS)) {
		strbuf_printf(&sb, "%s Loading the folders in %s...  Esc cancels.", tui_spinner(), parent);
	} else if (!res) {
		strbuf_printf(&sb, "The folders in %s are not loaded.", parent);
	} else if (res->status != RW_OK) {
		char why[REPORT_FAILURE_MAX];

		report_failure(res, t->app->api_base, NULL, REPORT_WIZARD, why, sizeof(why));
		strbuf_printf(&sb, "Could not load the folders in %s: %s", parent, why);
	} else {
		strbuf_printf(&sb, "Folders in %s:", parent);
		for (i = 0; i < res->u.folders.count; i++) {
			const char *name = res->u.folders.items[i].name;

			if (!name || strncasecmp(name, last, strlen(last)) != 0)
				continue;
			strbuf_printf(&sb, "%s %s", shown ? "," : "", name);
			shown++;
		}
		if (shown == 0)
			strbuf_puts(&sb, *last ? " none starting with what is typed" : " none");
		else
			strbuf_puts(&sb, "   (Tab completes)");
	}
	tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width, strbuf_str(&sb),
			    tui_attr(TUI_ROLE_DIM));
	strbuf_free(&sb);
	free(parent);
}

static void
draw_schedule(struct tui *t, const struct layout *l)
{
	char text[512], msg[RW_MESSAGE_MAX];

	if (rw_validate_field(RW_FIELD_AUTO_ROTATION,
			      rw_answers_get(&t->app->answers, RW_FIELD_AUTO_ROTATION), msg,
			      sizeof(msg)) != RW_OK || tui_schedule_text(t, text, sizeof(text)) < 0) {
		tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width,
				    "With a valid interval and time, the local time and the first "
				    "automatic rotation show here.", tui_attr(TUI_ROLE_DIM));
		return;
	}
	tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width, text, tui_attr(TUI_ROLE_NORMAL));
}

static void
draw_secret_names(struct tui *t, const struct layout *l)
{
	const struct rw_answers *a = &t->app->answers;
	const struct rw_result *res;
	struct strbuf sb = STRBUF_INIT;
	char *path = rw_normalize_field(RW_FIELD_SECRET_PATH, rw_answers_get(a, RW_FIELD_SECRET_PATH));
	size_t i;

	if (!path)
		return;
	res = core_lists_result(&t->loads, CORE_SLOT_SECRET_NAMES, rw_answers_get(a, RW_FIELD_PROJECT),
			       rw_answers_get(a, RW_FIELD_ENVIRONMENT), path);
	if (core_lists_running(&t->loads, CORE_SLOT_SECRET_NAMES)) {
		strbuf_printf(&sb, "%s Checking the names already in %s...", tui_spinner(), path);
	} else if (res && res->status == RW_OK) {
		if (res->u.secret_names.count == 0)
			strbuf_printf(&sb, "The folder %s holds no secrets yet.", path);
		else
			strbuf_printf(&sb, "Already in %s:", path);
		/*
		 * Only what the box can show: a folder of 20,000 names wrapped in
		 * full every frame is a visible pause.  The check itself looks at all.
		 */
		for (i = 0; i < res->u.secret_names.count; i++) {
			/* Three quarters of the box: wrapping at spaces leaves the line ends blank. */
			if (sb.len > (size_t) l->width * (size_t) (l->extra_h > 2 ? l->extra_h - 1 : 1) * 3 / 4) {
				strbuf_printf(&sb, " and %zu more", res->u.secret_names.count - i);
				break;
			}
			strbuf_printf(&sb, "%s %s", i ? "," : "", res->u.secret_names.items[i]);
		}
	} else if (res && res->error.http_status == 404) {
		/* The real server's SecretPathNotFound: never "no secrets yet" (decision 2). */
		strbuf_printf(&sb, "There is no folder %s in this environment: go back to Where "
			      "(PgUp) and give an existing one.", path);
	} else if (res) {
		strbuf_printf(&sb, "The names in %s could not be checked; the server checks them "
			      "when creating.", path);
	}
	tui_frame_paragraph(l->extra_y, l->x0, l->extra_h, l->width, strbuf_str(&sb),
			    tui_attr(TUI_ROLE_DIM));
	strbuf_free(&sb);
	free(path);
}

static void
steps_draw(struct tui *t)
{
	struct tui_item items[TUI_MAX_ITEMS];
	struct layout l;
	int n = current_items(t, items), i;

	if (t->step == RW_STEP_SECRETS && tui_bulk_active(t)) {
		/* Marks: this step is the templates every row's names come from. */
		if (tui_editor_is_open(&t->ed))
			tui_editor_close(&t->ed);
		tui_bulk_templates_draw(t);
		return;
	}
	layout(t, items, n, &l);
	if (t->focus >= n)
		t->focus = n - 1;
	/* A message appeared or went above the field: the editor moves with its line. */
	if (tui_editor_is_open(&t->ed) && n > 0 && t->ed.y != l.row[t->focus])
		tui_editor_close(&t->ed);
	/* The focused text field gets libform; the others are drawn from the answers. */
	if (n > 0 && is_text(&items[t->focus]) && !tui_editor_is_open(&t->ed)) {
		const struct tui_item *it = &items[t->focus];
		char local[64];

		if (it->kind == TUI_ITEM_LOCAL_TIME)
			local_shown(t, local, sizeof(local));
		/* TEXT_MAX for numbers too: a long value scrolls, no key is refused. */
		if (tui_editor_open(&t->ed, l.row[t->focus], l.input_x, field_width(it, &l),
				    it->kind == TUI_ITEM_LOCAL_TIME ? local :
				    rw_answers_get(&t->app->answers, it->field), TEXT_MAX, 0) == 0) {
			/* Like a selected value: "14" typed over the default 0 is 14, not 014. */
			if (t->fresh_tag != item_tag(t))
				t->fresh = is_number_like(it);
			t->fresh_tag = item_tag(t);
		}
	}
	for (i = 0; i < n; i++) {
		int y = l.row[i], warning;
		const char *msg = item_msg(t, &items[i], &warning);

		draw_value(t, &items[i], y, &l, i == t->focus);
		if (msg)
			tui_frame_field_msg(y + 1, l.input_x, l.input_w, l.msg_rows[i], msg, warning);
	}
	if (n == 0)
		return;
	if (items[t->focus].kind == TUI_ITEM_PICK)
		draw_pick(t, &items[t->focus], &l);
	else if (items[t->focus].kind == TUI_ITEM_PATH)
		draw_path_hints(t, &l);
	else if (t->step == RW_STEP_SCHEDULE)
		draw_schedule(t, &l);
	else if (t->step == RW_STEP_SECRETS)
		draw_secret_names(t, &l);
	else if (t->step == RW_STEP_AZURE_APP && t->apps_manual && t->apps_note[0])
		tui_frame_paragraph(l.extra_y, l.x0, l.extra_h, l.width, t->apps_note,
				    tui_attr(TUI_ROLE_WARNING));
}

/* ---- keys ---- */

static unsigned
steps_contexts(struct tui *t)
{
	struct tui_item items[TUI_MAX_ITEMS];
	const struct tui_item *it;
	unsigned ctx = TUI_CTX_STEP;
	int n;

	if (t->step == RW_STEP_SECRETS && tui_bulk_active(t))
		return TUI_CTX_STEP | TUI_CTX_TEXT;

	if (t->step == RW_STEP_AZURE_APP && (!t->apps_manual || !t->apps_forbidden))
		ctx |= TUI_CTX_APPS;
	if (!(it = focused_item(t, items, &n)))
		return ctx;
	switch (it->kind) {
	case TUI_ITEM_PICK:
		ctx |= TUI_CTX_PICK;
		if (it->pick == TUI_PICK_APP)
			ctx |= TUI_CTX_MARKS;
		if (t->pick[it->pick].filter[0])
			ctx |= TUI_CTX_FILTERED;
		if (tui_pick_state(t, it->pick) == CORE_LOAD_RUNNING)
			ctx |= TUI_CTX_LOADING;
		if (tui_pick_state(t, it->pick) == CORE_LOAD_CANCELLED ||
		    (tui_pick_result(t, it->pick) && tui_pick_result(t, it->pick)->status != RW_OK))
			ctx |= TUI_CTX_RETRY;
		break;
	case TUI_ITEM_TOGGLE:
		ctx |= TUI_CTX_TOGGLE;
		break;
	case TUI_ITEM_PATH:
		ctx |= TUI_CTX_PATH;
		if (core_lists_running(&t->loads, CORE_SLOT_FOLDERS))
			ctx |= TUI_CTX_LOADING;
		if (t->loads.slot[CORE_SLOT_FOLDERS].state == CORE_LOAD_CANCELLED ||
		    (t->loads.slot[CORE_SLOT_FOLDERS].state == CORE_LOAD_DONE &&
		     t->loads.slot[CORE_SLOT_FOLDERS].result.status != RW_OK))
			ctx |= TUI_CTX_RETRY;
		break;
	default:
		ctx |= TUI_CTX_TEXT;
		break;
	}
	if (t->step == RW_STEP_SECRETS && t->names_check_pending)
		ctx |= TUI_CTX_LOADING;
	return ctx;
}

static enum core_slot_id
steps_shown_load(struct tui *t)
{
	struct tui_item items[TUI_MAX_ITEMS];
	const struct tui_item *it;
	int n;

	if (t->step == RW_STEP_SECRETS && t->names_check_pending)
		return CORE_SLOT_SECRET_NAMES;
	if (!(it = focused_item(t, items, &n)))
		return CORE_SLOT_COUNT;
	if (it->kind == TUI_ITEM_PICK) {
		if (it->pick == TUI_PICK_PROJECT || it->pick == TUI_PICK_ENVIRONMENT)
			return t->app->projects_loaded ? CORE_SLOT_COUNT : CORE_SLOT_SIGNIN;
		return tui_pick_slot(it->pick);
	}
	if (it->kind == TUI_ITEM_PATH)
		return CORE_SLOT_FOLDERS;
	return CORE_SLOT_COUNT;
}

/* Copies the editor's text into the answers: the model owns values, libform only edits. */
static void
copy_out(struct tui *t, enum rw_field field)
{
	char *v;

	if (field == RW_FIELD_NONE)
		return;		/* the Local time field: kept as typed by local_typed() */
	if ((v = tui_editor_value(&t->ed))) {
		rw_answers_set(&t->app->answers, field, v);
		free(v);
	}
}

/* An existing secret with one of the mapped names: the message, or 0. */
static int
name_taken(const struct tui *t, enum rw_field field, char *msg, size_t msgsz)
{
	const struct rw_answers *a = &t->app->answers;
	const char *want = rw_answers_get(a, field);
	char *path = rw_normalize_field(RW_FIELD_SECRET_PATH, rw_answers_get(a, RW_FIELD_SECRET_PATH));
	const struct rw_result *res;
	char *trimmed = rw_normalize_field(field, want);
	int taken = 0;

	if (path && trimmed) {
		res = core_lists_result(&t->loads, CORE_SLOT_SECRET_NAMES,
				       rw_answers_get(a, RW_FIELD_PROJECT),
				       rw_answers_get(a, RW_FIELD_ENVIRONMENT), path);
		if (res && res->status == RW_OK && rw_name_list_has(&res->u.secret_names, trimmed)) {
			snprintf(msg, msgsz, "%s: a secret named %s already exists in %s -- "
				 "choose another name", rw_field_info(field)->label, trimmed, path);
			taken = 1;
		}
	}
	free(path);
	free(trimmed);
	return taken;
}

int
tui_steps_check_field(struct tui *t, enum rw_field field)
{
	char msg[RW_MESSAGE_MAX + 128];
	const char *v = rw_answers_get(&t->app->answers, field);

	if (rw_validate_field(field, rw_answers_is_set(&t->app->answers, field) ? v : NULL,
			      msg, sizeof(msg)) != RW_OK) {
		tui_set_msg(t, field, msg, 0);
		return -1;
	}
	if ((field == RW_FIELD_MAP_CLIENT_ID || field == RW_FIELD_MAP_CLIENT_SECRET) &&
	    name_taken(t, field, msg, sizeof(msg))) {
		tui_set_msg(t, field, msg, 0);
		return -1;
	}
	tui_set_msg(t, field, NULL, 0);
	return 0;
}

/* A field passed its check: store it as it will be sent ("api" -> "/api"). */
static void
normalize(struct tui *t, enum rw_field field)
{
	char *v;

	if (!rw_answers_is_set(&t->app->answers, field))
		return;
	v = rw_normalize_field(field, rw_answers_get(&t->app->answers, field));
	if (v) {
		rw_answers_set(&t->app->answers, field, v);
		free(v);
	}
}

/*
 * The app's warnings (the same GUID twice) as the answers are now: with
 * add, a new one is shown (a field was left); a shown one is kept up to
 * date, or goes as soon as its cause is gone.
 */
static void
app_warnings(struct tui *t, int add)
{
	static const enum rw_field fields[] = {
		RW_FIELD_OBJECT_ID, RW_FIELD_CLIENT_ID, RW_FIELD_APP_NAME,
	};
	struct rw_problems warnings;
	size_t i;
	int w;

	memset(&warnings, 0, sizeof(warnings));
	rw_answers_warnings(&t->app->answers, &warnings);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		enum rw_field f = fields[i];
		const char *now = NULL;

		for (w = 0; w < warnings.count && !now; w++)
			if (warnings.item[w].field == f)
				now = warnings.item[w].message;
		if (t->msg[f] && !t->msg_is_warning[f])
			continue;	/* an error is the field's own business */
		if (now && (add || t->msg[f]))
			tui_set_msg(t, f, now, 1);
		else if (!now && t->msg[f])
			tui_set_msg(t, f, NULL, 0);
	}
}

/* The value of a field changed (a key, a paste): what it caused is gone. */
static void
value_changed(struct tui *t, const struct tui_item *it)
{
	if (t->msg[it->field] && !t->msg_is_warning[it->field])
		tui_set_msg(t, it->field, NULL, 0);
	if (t->step == RW_STEP_AZURE_APP)
		app_warnings(t, 0);
}

/* Moves the focus; leaving forward needs the field to pass its check. */
static enum tui_outcome
move_focus(struct tui *t, const struct tui_item *items, int n, int forward, int accept)
{
	const struct tui_item *it = &items[t->focus];

	if (it->kind == TUI_ITEM_LOCAL_TIME) {
		if (local_check(t) < 0) {
			if (forward)
				return TUI_OUT_STAY;
		} else {
			local_follows(t);	/* it holds: shown as the UTC fields say */
		}
	} else if (is_text(it) || it->kind == TUI_ITEM_TOGGLE) {
		if (tui_editor_is_open(&t->ed))
			copy_out(t, it->field);
		if (tui_steps_check_field(t, it->field) < 0) {
			/* Backwards is always allowed: the message stays for later. */
			if (forward)
				return TUI_OUT_STAY;
		} else {
			normalize(t, it->field);
			if (t->step == RW_STEP_AZURE_APP)
				app_warnings(t, 1);
		}
	}
	if (it->kind == TUI_ITEM_PICK)
		t->pick[it->pick].filter[0] = '\0';
	if (forward) {
		if (t->focus + 1 >= n) {
			if (accept)
				return TUI_OUT_NEXT_STEP;
			t->focus = 0;
		} else {
			t->focus++;
		}
	} else if (t->focus > 0) {
		t->focus--;
	} else {
		return TUI_OUT_STAY;
	}
	tui_steps_focus_entered(t);
	return TUI_OUT_REBUILD;
}

/* Enter in a pick-list: the highlighted entry, or what was typed when there is no list. */
static enum tui_outcome
choose(struct tui *t, const struct tui_item *items, int n)
{
	const struct tui_item *it = &items[t->focus];
	struct tui_pick *pick = &t->pick[it->pick];
	struct tui_pick_rows rows;
	struct tui_pick_row *storage;
	const struct tui_pick_row *row;
	char msg[RW_MESSAGE_MAX + 64];

	if (tui_pick_rows(t, it->pick, &rows, &storage) < 0) {
		/* No list (it failed or is still loading): a typed value will do. */
		if (it->pick == TUI_PICK_APP) {
			/* Three values, not one: typing them is manual entry's job. */
			tui_set_msg(t, it->field, "Azure app: no list to choose from yet -- wait for "
				    "it, or press Ctrl-E to type the IDs", 0);
			return TUI_OUT_STAY;
		}
		if (pick->filter[0]) {
			rw_answers_set(&t->app->answers, it->field, pick->filter);
		} else if (!*rw_answers_get(&t->app->answers, it->field)) {
			snprintf(msg, sizeof(msg), "%s: required -- wait for the list, or type the "
				 "value and press Enter", item_label(it));
			tui_set_msg(t, it->field, msg, 0);
			return TUI_OUT_STAY;
		}
	} else if (it->pick == TUI_PICK_APP && tui_bulk_marked(t) > 0) {
		/* Enter with marks goes on with all of them; the first answers the one-app checks. */
		size_t i;

		for (i = 0; i < rows.count; i++)
			if (tui_bulk_is_marked(t->bulk, rows.row[i].value))
				break;
		if (i == rows.count) {
			free(storage);
			tui_set_msg(t, it->field, "Azure app: none of the marked apps is in this "
				    "connection's list -- mark them again", 0);
			return TUI_OUT_STAY;
		}
		choose_app(t, rows.row[i].value);
	} else if ((row = tui_pick_current(pick, &rows)) != NULL) {
		if (it->pick == TUI_PICK_APP) {
			choose_app(t, row->value);
		} else {
			rw_answers_set(&t->app->answers, it->field, row->value);
			/* Another project: keep the environment only if it has one of that slug. */
			if (it->pick == TUI_PICK_PROJECT && !tui_current_environment(t))
				rw_answers_set(&t->app->answers, RW_FIELD_ENVIRONMENT, NULL);
		}
	} else if (rows.count == 0 && pick->filter[0]) {
		rw_answers_set(&t->app->answers, it->field, pick->filter);
	} else {
		free(storage);
		snprintf(msg, sizeof(msg), "%s: nothing matches \"%s\" -- Backspace or Esc clears "
			 "the filter", item_label(it), pick->filter);
		tui_set_msg(t, it->field, msg, 0);
		return TUI_OUT_STAY;
	}
	free(storage);
	pick->filter[0] = '\0';
	if (tui_steps_check_field(t, it->field) < 0)
		return TUI_OUT_STAY;
	if (it->pick == TUI_PICK_APP) {
		tui_set_msg(t, RW_FIELD_CLIENT_ID, NULL, 0);
		app_warnings(t, 1);
	}
	return move_focus(t, items, n, 1, 1);
}

/*
 * Tab in the path field: completes the last folder name from the loaded
 * list.  Returns 1 when it changed the text, 0 when there was nothing to
 * complete (Tab then moves on), -1 when it should stay put.
 */
static int
complete_path(struct tui *t)
{
	const char *typed = rw_answers_get(&t->app->answers, RW_FIELD_SECRET_PATH), *last;
	char *parent = tui_path_parent(typed, &last);
	const struct rw_result *res;
	const char *first = NULL;
	size_t i, common = 0, matches = 0, last_len;
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;

	if (!parent)
		return 0;
	last_len = strlen(last);
	res = folders_for(t, parent);
	if (!res || res->status != RW_OK || last_len == 0) {
		free(parent);
		return 0;
	}
	for (i = 0; i < res->u.folders.count; i++) {
		const char *name = res->u.folders.items[i].name;
		size_t k;

		if (!name || strncasecmp(name, last, last_len) != 0)
			continue;
		if (!first) {
			first = name;
			common = strlen(name);
		} else {
			for (k = 0; k < common && name[k] == first[k]; k++)
				;
			common = k;
		}
		matches++;
	}
	/* A whole name completes too: Tab goes into that folder, as a shell's does. */
	if (matches == 0) {
		free(parent);
		return 0;
	}
	if (common <= last_len && !(matches == 1)) {
		free(parent);
		tui_status(t, TUI_ROLE_DIM, "Several folders start with \"%s\": type more.", last);
		return -1;
	}
	/* Keep the parent as typed, add the completed name; one match goes a level down. */
	strbuf_append(&sb, typed, (size_t) (last - typed));
	strbuf_append(&sb, first, common);
	if (matches == 1)
		strbuf_puts(&sb, "/");
	if (!sb.failed) {
		rw_answers_set(&t->app->answers, RW_FIELD_SECRET_PATH, strbuf_str(&sb));
		tui_editor_set(&t->ed, strbuf_str(&sb));
		rc = 1;
	}
	strbuf_free(&sb);
	free(parent);
	return rc;
}

/*
 * What a number field or the Local time field holds changed: the value is
 * kept as typed (decision 7), its rule is checked at once and shown under
 * it while it breaks, and the fields kept in step with it follow.
 */
static void
number_changed(struct tui *t, const struct tui_item *it)
{
	if (it->kind == TUI_ITEM_LOCAL_TIME) {
		local_typed(t);
		return;
	}
	copy_out(t, it->field);
	tui_steps_check_field(t, it->field);
	if (it->field == RW_FIELD_HOURS || it->field == RW_FIELD_MINUTES)
		local_follows(t);
}

/* A key in a number-like field: the first character typed replaces what it shows. */
static void
number_key(struct tui *t, const struct tui_item *it, enum tui_action action, wint_t ch)
{
	if (t->fresh && action == TUI_ACT_CHAR)
		tui_editor_set(&t->ed, "");
	t->fresh = 0;
	if (tui_editor_key(&t->ed, action, ch))
		number_changed(t, it);
}

static enum tui_outcome
help_for(struct tui *t, const struct tui_item *it)
{
	snprintf(t->help_title, sizeof(t->help_title), " %s ", item_label(it));
	if (it->kind == TUI_ITEM_LOCAL_TIME)
		local_help(t->help_text, sizeof(t->help_text));
	else if (it->pick == TUI_PICK_APP)
		core_help_app_list(t->help_text, sizeof(t->help_text));
	else
		core_help_field(it->field, t->help_text, sizeof(t->help_text));
	return TUI_OUT_HELP;
}

/*
 * Whether the pick-list shows the entry it holds highlighted, unfiltered:
 * taking it again would change nothing (and must not: an app given as IDs
 * would get the list's name for it).
 */
static int
highlight_is_answer(const struct tui *t, const struct tui_item *it)
{
	const struct tui_pick *pick = &t->pick[it->pick];
	struct tui_pick_rows rows;
	struct tui_pick_row *storage;
	const struct tui_pick_row *row;
	int same = 0;

	if (pick->filter[0] || tui_pick_rows(t, it->pick, &rows, &storage) < 0)
		return 0;
	row = tui_pick_current(pick, &rows);
	same = row && row->value && strcmp(row->value, pick_answer(t, it->pick)) == 0;
	free(storage);
	return same;
}

/*
 * PgDn: the step finished with what it shows (doc/contract.md section 3),
 * as Enter on each field from the focus on would, so that a default run
 * is one key a step: a form's fields keep their values, the pick-list in
 * focus takes its highlighted entry (unless that is the entry it holds), a
 * list passed on the way keeps the entry it holds or, holding none, takes
 * the one it would highlight (its first), and the last field checks the
 * step and goes on.  It stops on the
 * first field that does not hold, the reason under it -- or on a list
 * still loading, which has nothing highlighted to take yet.
 */
static enum tui_outcome
finish_step(struct tui *t)
{
	struct tui_item items[TUI_MAX_ITEMS];
	const struct tui_item *it;
	enum tui_outcome out = TUI_OUT_STAY;
	int n, from, moved = 0;

	while ((it = focused_item(t, items, &n)) != NULL) {
		from = t->focus;
		if (it->kind == TUI_ITEM_PICK && moved &&
		    tui_pick_state(t, it->pick) == CORE_LOAD_RUNNING)
			break;
		if (it->kind == TUI_ITEM_PICK && !*pick_answer(t, it->pick))
			out = choose(t, items, n);
		else if (it->kind == TUI_ITEM_PICK && !moved && !highlight_is_answer(t, it))
			out = choose(t, items, n);
		else
			out = move_focus(t, items, n, 1, 1);
		if (out != TUI_OUT_REBUILD || t->focus <= from)
			break;
		moved = 1;
		/* The editor open is the field just left's: the next one's opens when drawn. */
		tui_editor_close(&t->ed);
	}
	if (out == TUI_OUT_STAY) {
		/* Only a field that does not hold stops it (move_focus, choose). */
		tui_status(t, TUI_ROLE_ERROR, "%s", "Fix the marked field to go on.");
		return TUI_OUT_REBUILD;
	}
	return out;
}

static enum tui_outcome
steps_key(struct tui *t, enum tui_action action, wint_t ch)
{
	struct tui_item items[TUI_MAX_ITEMS];
	const struct tui_item *it;
	int n, c;

	if (t->step == RW_STEP_SECRETS && tui_bulk_active(t))
		return tui_bulk_templates_key(t, action, ch);
	if (!(it = focused_item(t, items, &n)))
		return TUI_OUT_STAY;
	switch (action) {
	case TUI_ACT_QUIT:
		return TUI_OUT_QUIT_ASK;
	case TUI_ACT_REDRAW:
		return TUI_OUT_REDRAW;
	case TUI_ACT_HELP:
		return help_for(t, it);
	case TUI_ACT_NEXT_STEP:
		return finish_step(t);
	case TUI_ACT_PREV_STEP:
		if (tui_editor_is_open(&t->ed))
			copy_out(t, it->field);
		return TUI_OUT_PREV_STEP;
	case TUI_ACT_ESCAPE:
		if (steps_contexts(t) & TUI_CTX_LOADING)
			return TUI_OUT_CANCEL_LOAD;
		if (it->kind == TUI_ITEM_PICK && t->pick[it->pick].filter[0]) {
			t->pick[it->pick].filter[0] = '\0';
			t->pick[it->pick].sel = t->pick[it->pick].top = 0;
			return TUI_OUT_STAY;
		}
		if (tui_editor_is_open(&t->ed))
			copy_out(t, it->field);
		return TUI_OUT_PREV_STEP;
	case TUI_ACT_RETRY:
		return TUI_OUT_RETRY;
	case TUI_ACT_MARK:
	case TUI_ACT_MARK_ALL:
		if (it->kind != TUI_ITEM_PICK || it->pick != TUI_PICK_APP)
			return TUI_OUT_STAY;
		if (action == TUI_ACT_MARK_ALL) {
			tui_bulk_mark_all(t);
		} else {
			struct tui_pick_rows rows;
			struct tui_pick_row *storage;
			const struct tui_pick_row *row;

			if (tui_pick_rows(t, TUI_PICK_APP, &rows, &storage) < 0)
				return TUI_OUT_STAY;
			if ((row = tui_pick_current(&t->pick[TUI_PICK_APP], &rows)) != NULL)
				tui_bulk_toggle(t, row->value);
			free(storage);
		}
		return TUI_OUT_STAY;
	case TUI_ACT_MANUAL:
		if (t->step != RW_STEP_AZURE_APP || (t->apps_manual && t->apps_forbidden))
			return TUI_OUT_STAY;
		if (tui_editor_is_open(&t->ed))
			copy_out(t, it->field);
		t->apps_manual = !t->apps_manual;
		t->apps_manual_auto = 0;
		if (t->apps_manual)
			snprintf(t->apps_note, sizeof(t->apps_note), "Typed by hand: both IDs are on "
				 "the app's Overview page in Entra ID > App registrations. Ctrl-E "
				 "goes back to the list.");
		t->focus = 0;
		tui_steps_focus_entered(t);
		return TUI_OUT_REBUILD;
	case TUI_ACT_ACCEPT:
		if (it->kind == TUI_ITEM_PICK)
			return choose(t, items, n);
		return move_focus(t, items, n, 1, 1);
	case TUI_ACT_NEXT_FIELD:
		return move_focus(t, items, n, 1, 0);
	case TUI_ACT_PREV_FIELD:
		return move_focus(t, items, n, 0, 0);
	case TUI_ACT_COMPLETE:
		copy_out(t, it->field);
		c = complete_path(t);
		if (c != 0)
			return TUI_OUT_STAY;
		if (t->focus + 1 < n)
			return move_focus(t, items, n, 1, 0);
		/*
		 * Nothing to complete on the step's last field: Tab neither wraps
		 * to the first field nor trims the path (doc/contract.md section 3).
		 */
		tui_status(t, TUI_ROLE_DIM, "Nothing to complete after %s -- Enter goes on.",
			   rw_answers_get(&t->app->answers, it->field));
		return TUI_OUT_STAY;
	default:
		break;
	}
	switch (it->kind) {
	case TUI_ITEM_TOGGLE:
		if (action == TUI_ACT_TOGGLE || (action == TUI_ACT_CHAR && (ch == 'y' || ch == 'n'))) {
			int on = strcmp(rw_answers_get(&t->app->answers, it->field), "no") != 0;

			if (action == TUI_ACT_TOGGLE)
				on = !on;
			else
				on = ch == 'y';
			rw_answers_set(&t->app->answers, it->field, on ? "yes" : "no");
			tui_set_msg(t, it->field, NULL, 0);
		}
		return TUI_OUT_STAY;
	case TUI_ITEM_PICK: {
		struct tui_pick_rows rows;
		struct tui_pick_row *storage;

		if (tui_pick_rows(t, it->pick, &rows, &storage) < 0) {
			/* No list to move in: typing still collects a value to use. */
			memset(&rows, 0, sizeof(rows));
			storage = NULL;
		}
		if (tui_pick_key(&t->pick[it->pick], &rows, action, ch))
			tui_set_msg(t, it->field, NULL, 0);
		free(storage);
		return TUI_OUT_STAY;
	}
	case TUI_ITEM_NUMBER:
	case TUI_ITEM_LOCAL_TIME:
		if (action == TUI_ACT_CHAR || (action >= TUI_ACT_LEFT && action <= TUI_ACT_KILL))
			number_key(t, it, action, ch);
		return TUI_OUT_STAY;
	default:
		/* The path starts as "/": a "/" typed first is already there. */
		if (it->kind == TUI_ITEM_PATH && action == TUI_ACT_CHAR && ch == '/' &&
		    strcmp(rw_answers_get(&t->app->answers, it->field), "/") == 0)
			return TUI_OUT_STAY;
		if (tui_editor_key(&t->ed, action, ch)) {
			copy_out(t, it->field);
			/* A secret name edited is the user's, never offered over (libcore/names.h). */
			if (action == TUI_ACT_CHAR ||
			    (action >= TUI_ACT_BACKSPACE && action <= TUI_ACT_KILL))
				core_names_take(t->app, it->field);
			value_changed(t, it);
		}
		return TUI_OUT_STAY;
	}
}

/*
 * A paste: newlines and control characters dropped; a GUID field or a
 * list filter also loses the spaces and quotes around it.
 */
static void
steps_paste(struct tui *t, const char *text)
{
	struct tui_item items[TUI_MAX_ITEMS];
	const struct tui_item *it;
	char *clean, *trimmed, *end, *p;
	const char *q;
	int n;

	if (t->step == RW_STEP_SECRETS && tui_bulk_active(t)) {
		tui_bulk_templates_paste(t, text);
		return;
	}
	if (!(it = focused_item(t, items, &n)) || !(clean = strdup(text)))
		return;
	/* A pasted line break must not act as Enter, nor land in a field. */
	for (p = clean, q = text; *q; q++)
		if ((unsigned char) *q >= 32 && *q != 127)
			*p++ = *q;
	*p = '\0';
	if (!(trimmed = strdup(clean))) {
		free(clean);
		return;
	}
	for (p = trimmed; *p == ' ' || *p == '"' || *p == '\''; p++)
		;
	memmove(trimmed, p, strlen(p) + 1);
	end = trimmed + strlen(trimmed);
	while (end > trimmed && (end[-1] == ' ' || end[-1] == '"' || end[-1] == '\''))
		*--end = '\0';
	if (it->kind == TUI_ITEM_PICK) {
		tui_pick_add_filter(&t->pick[it->pick], trimmed);
		tui_set_msg(t, it->field, NULL, 0);
	} else if (is_number_like(it)) {
		/* As pasted, like typed: over what the field showed, or into what was typed. */
		if (t->fresh)
			tui_editor_set(&t->ed, "");
		t->fresh = 0;
		tui_editor_insert(&t->ed, trimmed);
		number_changed(t, it);
	} else if (is_text(it)) {
		int guid = it->field == RW_FIELD_OBJECT_ID || it->field == RW_FIELD_CLIENT_ID;

		tui_editor_insert(&t->ed, guid ? trimmed : clean);
		copy_out(t, it->field);
		core_names_take(t->app, it->field);
		value_changed(t, it);
	}
	free(trimmed);
	free(clean);
}

const struct tui_screen tui_steps_screen = {
	steps_contexts, steps_draw, steps_key, steps_paste, steps_shown_load,
};
