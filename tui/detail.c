#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/secret.h"
#include "forms/body.h"
#include "forms/schedule.h"
#include "forms/validate.h"
#include "libcore/explain.h"
#include "libcore/lost.h"
#include "libcore/manage.h"
#include "libcore/report.h"
#include "libcore/rotate.h"
#include "tui/detail.h"
#include "tui/frame.h"
#include "tui/manage.h"
#include "tui/text.h"
#include "tui/wizard.h"

/*
 * One rotation of the Rotations screen: every field (report_rotation(),
 * the words of `rotwiz show`), its last message in plain words
 * (libcore/explain.h), and the four actions -- rotate now (asked first,
 * decision 18's words when soon after the last), credentials (the client
 * secret masked; shown only after v and a yes, hidden on the next key,
 * decision 26), edit (what PATCH takes, checked as the wizard checks it,
 * the rest shown locked with why, decision 28) and delete (the name
 * typed exactly, both switches off, decision 27).
 */

#define MASK "********"
#define LOCKED_WHY "fixed after create (the server does not change them): delete and create again"

static const struct {
	const char *label;
	enum rw_field field;		/* the check it gets (RW_FIELD_NONE: its own) */
} edit_items[TUI_EDIT_COUNT] = {
	[TUI_EDIT_NAME] = { "Name", RW_FIELD_NAME },
	[TUI_EDIT_DESCRIPTION] = { "Description", RW_FIELD_DESCRIPTION },
	[TUI_EDIT_AUTO] = { "Auto-rotation", RW_FIELD_AUTO_ROTATION },
	[TUI_EDIT_INTERVAL] = { "Interval (days)", RW_FIELD_INTERVAL },
	[TUI_EDIT_ROTATE_AT] = { "Rotate at (UTC)", RW_FIELD_NONE },
	[TUI_EDIT_MAP_ID] = { "Secret for client ID", RW_FIELD_MAP_CLIENT_ID },
	[TUI_EDIT_MAP_SECRET] = { "Secret for client secret", RW_FIELD_MAP_CLIENT_SECRET },
};

static const char *
str(const char *s)
{
	return s ? s : "";
}

/* The list's row of the shown rotation follows what the server now holds. */
static void
list_follows(struct tui_manage *m)
{
	size_t i;

	for (i = 0; i < m->list.count; i++) {
		struct rw_rotation *r = &m->list.items[i];
		struct rw_rotation copy;

		if (!r->id || !m->cur.id || strcmp(r->id, m->cur.id) != 0)
			continue;
		if (core_manage_copy(&copy, &m->cur) == 0) {
			rw_rotation_free(r);
			*r = copy;
		}
		return;
	}
}

static void
leave_credentials(struct tui_manage *m)
{
	rw_generated_free(&m->gen);
	m->have_gen = 0;
	m->revealed = -1;
}

static void
set_done(struct tui_manage *m, enum tui_role role, const char *text)
{
	char clean[sizeof(m->done)];

	report_clean(text, clean, sizeof(clean));
	snprintf(m->done, sizeof(m->done), "%s", clean);
	m->done_role = role;
}

/* ---- contexts ---- */

unsigned
tui_detail_contexts(struct tui *t)
{
	struct tui_manage *m = t->manage;

	if (m->ask != TUI_MANAGE_ASK_NONE)
		return TUI_CTX_PROMPT;
	switch (m->view) {
	case TUI_MANAGE_CREDENTIALS:
		return m->revealed >= 0 ? TUI_CTX_REVEALED : TUI_CTX_CREDENTIALS;
	case TUI_MANAGE_EDIT:
		return TUI_CTX_EDIT | (m->edit_focus == TUI_EDIT_AUTO ? TUI_CTX_TOGGLE : TUI_CTX_TEXT);
	case TUI_MANAGE_DELETE:
		return TUI_CTX_DELETE | (m->delete_focus == 0 ? TUI_CTX_TEXT : TUI_CTX_TOGGLE);
	default:
		return TUI_CTX_DETAIL;
	}
}

/* ---- drawing ---- */

/* The rotate question: decision 18's when soon after the last rotation, else a plain one. */
static void
rotate_question(const struct tui_manage *m, char *buf, size_t bufsz)
{
	char clean[256];
	long minutes;

	if (core_rotate_is_soon(&m->cur, time(NULL), &minutes)) {
		core_rotate_question(&m->cur, minutes, buf, bufsz);
		snprintf(buf + strlen(buf), bufsz - strlen(buf), " y rotates, n keeps it.");
		return;
	}
	report_clean(str(m->cur.name), clean, sizeof(clean));
	snprintf(buf, bufsz, "Rotate \"%s\" now? Azure makes a new client secret in slot %d and the "
		 "secret %s gets it; slot %d keeps the current one until the next rotation. "
		 "y rotates, n keeps it.", clean, m->cur.active_index ? 0 : 1,
		 str(m->cur.map_client_secret), m->cur.active_index);
}

static int
draw_done(struct tui_manage *m, int y)
{
	if (!m->done[0])
		return 0;
	return tui_frame_paragraph(y, 2, 4, COLS - 4, m->done, tui_attr(m->done_role)) + 1;
}

static void
detail_draw(struct tui *t)
{
	struct tui_manage *m = t->manage;
	char health[REPORT_FAILURE_MAX], q[1024];
	struct strbuf sb = STRBUF_INIT;
	const char *why;
	char *text;
	int y = TUI_TOP, height = LINES - TUI_TOP - TUI_BOTTOM - 1, used, lines;

	core_manage_health(&m->cur, time(NULL), health, sizeof(health));
	/* What went wrong and its fix first: the fields say the same at more length. */
	if (m->cur.last_message && *m->cur.last_message) {
		why = core_explain_rotation_message(m->cur.last_message);
		strbuf_printf(&sb, "Last rotation's message: %s\n\n", why ? why : m->cur.last_message);
	}
	text = report_rotation(&m->cur, health);
	strbuf_puts(&sb, text ? text : "(out of memory)");
	free(text);
	used = draw_done(m, y);
	if (m->ask == TUI_MANAGE_ASK_ROTATE) {
		rotate_question(m, q, sizeof(q));
		used += tui_frame_paragraph(y + used, 2, 5, COLS - 4, q, tui_attr(TUI_ROLE_WARNING)) + 1;
	} else if (m->call) {
		snprintf(q, sizeof(q), "%s working...", tui_spinner());
		tui_text_draw(y + used, 2, q, COLS - 4, tui_attr(TUI_ROLE_DIM));
		used += 2;
	}
	lines = tui_text_wrap(strbuf_str(&sb), COLS - 4, NULL, NULL);
	if (m->detail_top > lines - 1)
		m->detail_top = lines > 0 ? lines - 1 : 0;
	tui_frame_scrolled(y + used, 2, height - used, COLS - 4, strbuf_str(&sb), m->detail_top,
			   tui_attr(TUI_ROLE_NORMAL));
	strbuf_free(&sb);
}

static void
credentials_draw(struct tui *t)
{
	struct tui_manage *m = t->manage;
	char line[1024], clean[256];
	int y = TUI_TOP, i;

	y += draw_done(m, y);
	if (!m->have_gen) {
		tui_text_draw(y, 2, m->call ? "Loading the generated credentials..." :
			      "The generated credentials are not loaded: ^R loads them.", COLS - 4,
			      tui_attr(TUI_ROLE_DIM));
		return;
	}
	report_clean(str(m->cur.map_client_secret), clean, sizeof(clean));
	snprintf(line, sizeof(line), "Two slots: a rotation writes the new client secret into the "
		 "slot not in use and the secret %s gets it. Slot %d is the current one.", clean,
		 m->gen.active_index);
	y += tui_frame_paragraph(y, 2, 3, COLS - 4, line, tui_attr(TUI_ROLE_NORMAL)) + 1;
	for (i = 0; i < (int) m->gen.count && i < 2; i++) {
		snprintf(line, sizeof(line), "Slot %d (%s)", i,
			 i == m->gen.active_index ? "current" : "retired: revoked by the next rotation");
		tui_text_draw(y++, 2, line, COLS - 4, tui_attr(TUI_ROLE_LABEL));
		snprintf(line, sizeof(line), "  client ID      %s", str(m->gen.client_id[i]));
		tui_text_draw(y++, 2, line, COLS - 4, tui_attr(TUI_ROLE_NORMAL));
		snprintf(line, sizeof(line), "  key ID         %s", str(m->gen.key_id[i]));
		tui_text_draw(y++, 2, line, COLS - 4, tui_attr(TUI_ROLE_NORMAL));
		tui_text_draw(y, 2, "  client secret  ", COLS - 4, tui_attr(TUI_ROLE_NORMAL));
		if (m->revealed == i && m->gen.client_secret[i])
			tui_text_draw(y, 19, m->gen.client_secret[i], COLS - 21, tui_attr(TUI_ROLE_EDIT));
		else
			tui_text_draw(y, 19, m->gen.client_secret[i] ? MASK : "(the server sent none)",
				      COLS - 21, tui_attr(TUI_ROLE_DIM));
		y += 2;
	}
	if (m->ask == TUI_MANAGE_ASK_REVEAL) {
		report_clean(str(m->cur.name), clean, sizeof(clean));
		snprintf(line, sizeof(line), "Show the client secret of %s on screen? It stays on "
			 "this screen only, until the next key. y shows it, n keeps it hidden.", clean);
		tui_frame_paragraph(y, 2, 3, COLS - 4, line, tui_attr(TUI_ROLE_WARNING));
	} else if (m->revealed >= 0) {
		tui_text_draw(y, 2, "Any key hides it again.", COLS - 4, tui_attr(TUI_ROLE_DIM));
	}
}

static void
edit_draw(struct tui *t)
{
	struct tui_manage *m = t->manage;
	char line[TUI_MANAGE_TEXT_MAX + 64];
	int y = TUI_TOP, i;

	y += draw_done(m, y);
	for (i = 0; i < TUI_EDIT_COUNT && y < LINES - TUI_BOTTOM - 1; i++) {
		int focused = i == m->edit_focus;

		tui_text_draw(y, 2, edit_items[i].label, 26,
			      tui_attr(focused ? TUI_ROLE_SELECTED : TUI_ROLE_LABEL));
		tui_text_draw(y, 29, m->edit[i], COLS - 31,
			      tui_attr(focused ? TUI_ROLE_EDIT : TUI_ROLE_FIELD));
		if (focused && i != TUI_EDIT_AUTO) {
			t->cur_y = y;
			t->cur_x = 29 + tui_text_width(m->edit[i]);
			if (t->cur_x >= COLS - 1)
				t->cur_x = COLS - 2;
		}
		y++;
		if (m->edit_msg[i][0]) {
			tui_frame_field_msg(y, 4, COLS - 6, 2, m->edit_msg[i], 0);
			y += tui_frame_field_msg_rows(COLS - 6, m->edit_msg[i], 0);
		}
	}
	y++;
	snprintf(line, sizeof(line), "Connection, environment, folder and app: %s.", LOCKED_WHY);
	y += tui_frame_paragraph(y, 2, 2, COLS - 4, line, tui_attr(TUI_ROLE_DIM));
	snprintf(line, sizeof(line), "  locked: %s / %s %s / app %s", str(m->cur.connection_name),
		 str(m->cur.environment_slug), str(m->cur.folder_path),
		 m->cur.app_name ? m->cur.app_name : str(m->cur.object_id));
	tui_text_draw(y, 2, line, COLS - 4, tui_attr(TUI_ROLE_DIM));
}

static void
delete_draw(struct tui *t)
{
	struct tui_manage *m = t->manage;
	struct strbuf words = STRBUF_INIT, sb = STRBUF_INIT;
	char clean[256];
	int y = TUI_TOP;

	y += draw_done(m, y);
	report_clean(str(m->cur.name), clean, sizeof(clean));
	strbuf_printf(&sb, "Type the rotation's name (%s) to delete it:", clean);
	y += tui_frame_paragraph(y, 2, 2, COLS - 4, strbuf_str(&sb), tui_attr(TUI_ROLE_NORMAL));
	tui_text_draw(y, 4, m->typed, COLS - 6,
		      tui_attr(m->delete_focus == 0 ? TUI_ROLE_EDIT : TUI_ROLE_FIELD));
	if (m->delete_focus == 0) {
		t->cur_y = y;
		t->cur_x = 4 + tui_text_width(m->typed);
		if (t->cur_x >= COLS - 1)
			t->cur_x = COLS - 2;
	}
	y += 2;
	strbuf_reset(&sb);
	strbuf_printf(&sb, "[%s] Delete the mapped secrets %s and %s too", m->delete_secrets ? "x" : " ",
		      str(m->cur.map_client_id), str(m->cur.map_client_secret));
	tui_text_draw(y++, 2, strbuf_str(&sb), COLS - 4,
		      tui_attr(m->delete_focus == 1 ? TUI_ROLE_SELECTED : TUI_ROLE_NORMAL));
	strbuf_reset(&sb);
	strbuf_printf(&sb, "[%s] Revoke the generated client secrets in Azure",
		      m->revoke_credentials ? "x" : " ");
	tui_text_draw(y++, 2, strbuf_str(&sb), COLS - 4,
		      tui_attr(m->delete_focus == 2 ? TUI_ROLE_SELECTED : TUI_ROLE_NORMAL));
	y++;
	core_manage_delete_words(&m->cur, m->delete_secrets, m->revoke_credentials, &words);
	strbuf_reset(&sb);
	strbuf_printf(&sb, "Enter deletes the rotation \"%s\" (%s %s); then %s.", clean,
		      str(m->cur.environment_slug), str(m->cur.folder_path), strbuf_str(&words));
	tui_frame_paragraph(y, 2, LINES - y - TUI_BOTTOM - 1, COLS - 4, strbuf_str(&sb),
			    tui_attr(TUI_ROLE_WARNING));
	strbuf_free(&words);
	strbuf_free(&sb);
}

void
tui_detail_draw(struct tui *t)
{
	curs_set(0);
	switch (t->manage->view) {
	case TUI_MANAGE_CREDENTIALS:
		credentials_draw(t);
		break;
	case TUI_MANAGE_EDIT:
		edit_draw(t);
		break;
	case TUI_MANAGE_DELETE:
		delete_draw(t);
		break;
	default:
		detail_draw(t);
		break;
	}
}

/* ---- edit ---- */

/* A key typed into a text of the forms: a character added, one taken back, or all cleared. */
static void
edit_text(char *v, size_t size, enum tui_action action, wint_t ch)
{
	size_t len = strlen(v);
	char mb[MB_LEN_MAX];
	int n;

	switch (action) {
	case TUI_ACT_CHAR:
		n = wctomb(mb, (wchar_t) ch);
		if (n > 0 && len + (size_t) n < size) {
			memcpy(v + len, mb, (size_t) n);
			v[len + (size_t) n] = '\0';
		}
		break;
	case TUI_ACT_BACKSPACE:
		/* One character, however many bytes its UTF-8 takes. */
		while (len > 0 && ((unsigned char) v[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			v[len - 1] = '\0';
		break;
	default:
		v[0] = '\0';
		break;
	}
}

static void
edit_check(struct tui_manage *m, int i)
{
	int h, min;

	m->edit_msg[i][0] = '\0';
	if (i == TUI_EDIT_ROTATE_AT) {
		int fault = rw_schedule_parse_hhmm(m->edit[i], &h, &min);

		if (fault)
			rw_schedule_hhmm_message(fault, m->edit[i], edit_items[i].label,
						 m->edit_msg[i], sizeof(m->edit_msg[i]));
		return;
	}
	if (i == TUI_EDIT_AUTO)
		return;
	if (rw_validate_field(edit_items[i].field, m->edit[i], m->edit_msg[i],
			      sizeof(m->edit_msg[i])) != RW_OK)
		return;
	if ((i == TUI_EDIT_MAP_ID || i == TUI_EDIT_MAP_SECRET) &&
	    strcmp(m->edit[TUI_EDIT_MAP_ID], m->edit[TUI_EDIT_MAP_SECRET]) == 0)
		snprintf(m->edit_msg[i], sizeof(m->edit_msg[i]), "Secret names: the client ID and the "
			 "client secret need two different names");
}

void
tui_detail_edit_begin(struct tui *t)
{
	struct tui_manage *m = t->manage;
	const struct rw_rotation *r = &m->cur;
	int i;

	snprintf(m->edit[TUI_EDIT_NAME], TUI_MANAGE_TEXT_MAX, "%s", str(r->name));
	snprintf(m->edit[TUI_EDIT_DESCRIPTION], TUI_MANAGE_TEXT_MAX, "%s", str(r->description));
	snprintf(m->edit[TUI_EDIT_AUTO], TUI_MANAGE_TEXT_MAX, "%s", r->auto_rotation ? "yes" : "no");
	snprintf(m->edit[TUI_EDIT_INTERVAL], TUI_MANAGE_TEXT_MAX, "%ld", r->interval_days);
	snprintf(m->edit[TUI_EDIT_ROTATE_AT], TUI_MANAGE_TEXT_MAX, "%02d:%02d", r->hours, r->minutes);
	snprintf(m->edit[TUI_EDIT_MAP_ID], TUI_MANAGE_TEXT_MAX, "%s", str(r->map_client_id));
	snprintf(m->edit[TUI_EDIT_MAP_SECRET], TUI_MANAGE_TEXT_MAX, "%s", str(r->map_client_secret));
	for (i = 0; i < TUI_EDIT_COUNT; i++)
		m->edit_msg[i][0] = '\0';
	m->edit_focus = 0;
}

char *
tui_detail_edit_body(struct tui *t)
{
	struct tui_manage *m = t->manage;
	const struct rw_rotation *r = &m->cur;
	struct rw_answers changes;
	char num[16], was[16];
	int i, h = 0, min = 0, any = 0, bad = 0;
	char *body = NULL;

	for (i = 0; i < TUI_EDIT_COUNT; i++) {
		edit_check(m, i);
		bad |= m->edit_msg[i][0] != '\0';
	}
	if (bad) {
		tui_status(t, TUI_ROLE_ERROR, "Not saved: fix the marked field first.");
		return NULL;
	}
	rw_answers_init(&changes);
	if (strcmp(m->edit[TUI_EDIT_NAME], str(r->name)) != 0)
		any |= rw_answers_set(&changes, RW_FIELD_NAME, m->edit[TUI_EDIT_NAME]) == 0;
	if (strcmp(m->edit[TUI_EDIT_DESCRIPTION], str(r->description)) != 0)
		any |= rw_answers_set(&changes, RW_FIELD_DESCRIPTION, m->edit[TUI_EDIT_DESCRIPTION]) == 0;
	if ((strcmp(m->edit[TUI_EDIT_AUTO], "yes") == 0) != (r->auto_rotation != 0))
		any |= rw_answers_set(&changes, RW_FIELD_AUTO_ROTATION, m->edit[TUI_EDIT_AUTO]) == 0;
	snprintf(was, sizeof(was), "%ld", r->interval_days);
	if (strcmp(m->edit[TUI_EDIT_INTERVAL], was) != 0)
		any |= rw_answers_set(&changes, RW_FIELD_INTERVAL, m->edit[TUI_EDIT_INTERVAL]) == 0;
	/* The server takes rotateAtUtc and secretsMapping whole: both halves go. */
	rw_schedule_parse_hhmm(m->edit[TUI_EDIT_ROTATE_AT], &h, &min);
	if (h != r->hours || min != r->minutes) {
		snprintf(num, sizeof(num), "%d", h);
		any |= rw_answers_set(&changes, RW_FIELD_HOURS, num) == 0;
		snprintf(num, sizeof(num), "%d", min);
		any |= rw_answers_set(&changes, RW_FIELD_MINUTES, num) == 0;
	}
	if (strcmp(m->edit[TUI_EDIT_MAP_ID], str(r->map_client_id)) != 0 ||
	    strcmp(m->edit[TUI_EDIT_MAP_SECRET], str(r->map_client_secret)) != 0) {
		any |= rw_answers_set(&changes, RW_FIELD_MAP_CLIENT_ID, m->edit[TUI_EDIT_MAP_ID]) == 0;
		any |= rw_answers_set(&changes, RW_FIELD_MAP_CLIENT_SECRET,
				      m->edit[TUI_EDIT_MAP_SECRET]) == 0;
	}
	if (!any)
		tui_status(t, TUI_ROLE_WARNING, "Nothing changed: nothing to save (Esc goes back).");
	else if (!(body = rw_body_build_update(&changes)))
		tui_status(t, TUI_ROLE_ERROR, "Out of memory.");
	rw_answers_free(&changes);
	return body;
}

static enum tui_outcome
edit_key(struct tui *t, enum tui_action action, wint_t ch)
{
	struct tui_manage *m = t->manage;
	char *v = m->edit[m->edit_focus];

	switch (action) {
	case TUI_ACT_NEXT_FIELD:
		m->edit_focus = (m->edit_focus + 1) % TUI_EDIT_COUNT;
		return TUI_OUT_STAY;
	case TUI_ACT_PREV_FIELD:
		m->edit_focus = (m->edit_focus + TUI_EDIT_COUNT - 1) % TUI_EDIT_COUNT;
		return TUI_OUT_STAY;
	case TUI_ACT_TOGGLE:
		snprintf(v, TUI_MANAGE_TEXT_MAX, "%s", strcmp(v, "yes") == 0 ? "no" : "yes");
		return TUI_OUT_STAY;
	case TUI_ACT_CHAR:
	case TUI_ACT_BACKSPACE:
	case TUI_ACT_KILL:
		if (m->edit_focus == TUI_EDIT_AUTO)
			return TUI_OUT_STAY;
		edit_text(v, TUI_MANAGE_TEXT_MAX, action, ch);
		break;
	case TUI_ACT_SAVE:
		m->req = TUI_MANAGE_REQ_UPDATE;
		return TUI_OUT_MANAGE;
	case TUI_ACT_ESCAPE:
		m->view = TUI_MANAGE_DETAIL;
		t->status[0] = '\0';
		return TUI_OUT_STAY;
	default:
		return TUI_OUT_STAY;
	}
	/* The wizard's inline check, as typed. */
	edit_check(m, m->edit_focus);
	if (m->edit_focus == TUI_EDIT_MAP_ID || m->edit_focus == TUI_EDIT_MAP_SECRET)
		edit_check(m, m->edit_focus == TUI_EDIT_MAP_ID ? TUI_EDIT_MAP_SECRET : TUI_EDIT_MAP_ID);
	return TUI_OUT_STAY;
}

/* ---- delete ---- */

static enum tui_outcome
delete_key(struct tui *t, enum tui_action action, wint_t ch)
{
	struct tui_manage *m = t->manage;

	switch (action) {
	case TUI_ACT_NEXT_FIELD:
		m->delete_focus = (m->delete_focus + 1) % 3;
		return TUI_OUT_STAY;
	case TUI_ACT_PREV_FIELD:
		m->delete_focus = (m->delete_focus + 2) % 3;
		return TUI_OUT_STAY;
	case TUI_ACT_TOGGLE:
		if (m->delete_focus == 1)
			m->delete_secrets = !m->delete_secrets;
		else if (m->delete_focus == 2)
			m->revoke_credentials = !m->revoke_credentials;
		return TUI_OUT_STAY;
	case TUI_ACT_CHAR:
	case TUI_ACT_BACKSPACE:
	case TUI_ACT_KILL:
		if (m->delete_focus == 0)
			edit_text(m->typed, sizeof(m->typed), action, ch);
		return TUI_OUT_STAY;
	case TUI_ACT_CONFIRM_DELETE:
		if (strcmp(m->typed, str(m->cur.name)) != 0) {
			char clean[256];

			report_clean(str(m->cur.name), clean, sizeof(clean));
			tui_status(t, TUI_ROLE_ERROR, "Not deleted: the name typed is not the rotation's "
				   "-- type %s exactly.", clean);
			return TUI_OUT_STAY;
		}
		m->req = TUI_MANAGE_REQ_DELETE;
		return TUI_OUT_MANAGE;
	case TUI_ACT_ESCAPE:
		m->view = TUI_MANAGE_DETAIL;
		t->status[0] = '\0';
		tui_status(t, TUI_ROLE_DIM, "Not deleted.");
		return TUI_OUT_STAY;
	default:
		return TUI_OUT_STAY;
	}
}

/* ---- keys ---- */

enum tui_outcome
tui_detail_key(struct tui *t, enum tui_action action, wint_t ch)
{
	struct tui_manage *m = t->manage;

	if (m->ask != TUI_MANAGE_ASK_NONE) {
		enum tui_manage_ask ask = m->ask;

		if (action != TUI_ACT_YES && action != TUI_ACT_NO)
			return TUI_OUT_STAY;
		m->ask = TUI_MANAGE_ASK_NONE;
		if (action == TUI_ACT_NO) {
			tui_status(t, TUI_ROLE_DIM, ask == TUI_MANAGE_ASK_ROTATE ? "Not rotated." :
				   "The client secret stays hidden.");
			return TUI_OUT_STAY;
		}
		if (ask == TUI_MANAGE_ASK_REVEAL) {
			m->revealed = m->gen.active_index;
			return TUI_OUT_STAY;
		}
		m->req = TUI_MANAGE_REQ_ROTATE;
		return TUI_OUT_MANAGE;
	}
	switch (m->view) {
	case TUI_MANAGE_EDIT:
		return edit_key(t, action, ch);
	case TUI_MANAGE_DELETE:
		return delete_key(t, action, ch);
	case TUI_MANAGE_CREDENTIALS:
		if (m->revealed >= 0) {
			/* Decision 26: whatever the key, the secret goes first. */
			m->revealed = -1;
			return TUI_OUT_REDRAW;
		}
		switch (action) {
		case TUI_ACT_REVEAL:
			if (m->have_gen && m->gen.client_secret[m->gen.active_index])
				m->ask = TUI_MANAGE_ASK_REVEAL;
			return TUI_OUT_STAY;
		case TUI_ACT_RETRY:
			leave_credentials(m);
			m->req = TUI_MANAGE_REQ_GENERATED;
			return TUI_OUT_MANAGE;
		case TUI_ACT_ESCAPE:
			leave_credentials(m);
			m->view = TUI_MANAGE_DETAIL;
			return TUI_OUT_REDRAW;
		default:
			return TUI_OUT_STAY;
		}
	default:
		break;
	}
	switch (action) {
	case TUI_ACT_ROTATE_NOW:
		m->ask = TUI_MANAGE_ASK_ROTATE;
		return TUI_OUT_STAY;
	case TUI_ACT_CREDENTIALS:
		leave_credentials(m);
		m->done[0] = '\0';
		m->view = TUI_MANAGE_CREDENTIALS;
		m->req = TUI_MANAGE_REQ_GENERATED;
		return TUI_OUT_MANAGE;
	case TUI_ACT_EDIT:
		tui_detail_edit_begin(t);
		m->done[0] = '\0';
		m->view = TUI_MANAGE_EDIT;
		return TUI_OUT_STAY;
	case TUI_ACT_DELETE_ROTATION:
		m->typed[0] = '\0';
		m->delete_secrets = m->revoke_credentials = 0;
		m->delete_focus = 0;
		m->done[0] = '\0';
		m->view = TUI_MANAGE_DELETE;
		return TUI_OUT_STAY;
	case TUI_ACT_SCROLL_DOWN:
		m->detail_top++;	/* the draw keeps it within the text */
		return TUI_OUT_STAY;
	case TUI_ACT_SCROLL_UP:
		if (m->detail_top > 0)
			m->detail_top--;
		return TUI_OUT_STAY;
	case TUI_ACT_RETRY:
		m->req = TUI_MANAGE_REQ_GET;
		return TUI_OUT_MANAGE;
	case TUI_ACT_ESCAPE:
		m->view = TUI_MANAGE_LIST;
		t->status[0] = '\0';
		return TUI_OUT_STAY;
	default:
		return TUI_OUT_STAY;
	}
}

/* ---- results ---- */

static void
take_rotation(struct tui_manage *m, struct rw_result *result)
{
	rw_rotation_free(&m->cur);
	m->cur = result->u.rotation;
	memset(&result->u.rotation, 0, sizeof(result->u.rotation));
	list_follows(m);
}

void
tui_detail_result(struct tui *t, enum tui_manage_req kind, struct rw_result *result)
{
	struct tui_manage *m = t->manage;
	char msg[REPORT_FAILURE_MAX + 256], line[sizeof(msg) + 256];
	int before = m->cur.active_index, looked_deleted = 0;

	t->status[0] = '\0';
	if (kind == TUI_MANAGE_REQ_ROTATE) {
		switch (core_rotate_outcome(result, before, t->app->api_base, msg, sizeof(msg))) {
		case CORE_ROTATED:
		case CORE_ROTATED_FOUND:
			take_rotation(m, result);
			msg[0] = (char) toupper((unsigned char) msg[0]);
			snprintf(line, sizeof(line), "%s. Slot %d is active now; the secret %s holds its "
				 "new client secret (not shown: c, then v, reveals it).", msg,
				 m->cur.active_index, str(m->cur.map_client_secret));
			set_done(m, TUI_ROLE_OK, line);
			break;
		case CORE_NOT_ROTATED:
			msg[0] = (char) toupper((unsigned char) msg[0]);
			set_done(m, TUI_ROLE_WARNING, msg);
			break;
		case CORE_ROTATE_UNKNOWN:
			m->unknown = 1;
			msg[0] = (char) toupper((unsigned char) msg[0]);
			set_done(m, TUI_ROLE_ERROR, msg);
			break;
		default:
			/* The words say the cause and fix when known (libcore/explain.c). */
			snprintf(line, sizeof(line), "Rotate now failed: %s", msg);
			set_done(m, TUI_ROLE_ERROR, line);
			break;
		}
		return;
	}
	if (kind == TUI_MANAGE_REQ_LOOKUP_UPDATE || kind == TUI_MANAGE_REQ_LOOKUP_DELETE) {
		int is_delete = kind == TUI_MANAGE_REQ_LOOKUP_DELETE;

		switch (core_lost_outcome(is_delete, result, t->app->api_base, msg, sizeof(msg))) {
		case CORE_LOST_DONE:
			if (is_delete) {
				kind = TUI_MANAGE_REQ_DELETE;	/* said as a delete, below */
				looked_deleted = 1;
				break;
			}
			take_rotation(m, result);
			m->view = TUI_MANAGE_DETAIL;
			msg[0] = (char) toupper((unsigned char) msg[0]);
			set_done(m, TUI_ROLE_WARNING, msg);
			return;
		case CORE_LOST_NOT_DONE:
			take_rotation(m, result);
			msg[0] = (char) toupper((unsigned char) msg[0]);
			set_done(m, TUI_ROLE_WARNING, msg);
			return;
		default:
			m->unknown = 1;
			msg[0] = (char) toupper((unsigned char) msg[0]);
			set_done(m, TUI_ROLE_ERROR, msg);
			return;
		}
	} else if (kind == TUI_MANAGE_REQ_DELETE && result->status == RW_ESERVER &&
		   result->error.http_status == 404) {
		/*
		 * net/ resends a DELETE whose reply was lost (it is idempotent):
		 * a 404 then means the first one did it.  Gone either way.
		 */
		snprintf(msg, sizeof(msg), "the server has the rotation no more");
		looked_deleted = 1;
	} else if ((kind == TUI_MANAGE_REQ_UPDATE || kind == TUI_MANAGE_REQ_DELETE) &&
		   core_lost_may_be_done(result)) {
		/* It may have been carried out: look before saying anything (decision 24). */
		set_done(m, TUI_ROLE_DIM, "The reply was lost: looking the rotation up...");
		m->req = kind == TUI_MANAGE_REQ_DELETE ? TUI_MANAGE_REQ_LOOKUP_DELETE :
			 TUI_MANAGE_REQ_LOOKUP_UPDATE;
		return;
	}
	if (!looked_deleted && result->status != RW_OK) {
		static const char *const what[TUI_MANAGE_REQ_COUNT] = {
			[TUI_MANAGE_REQ_GET] = "The rotation could not be loaded",
			[TUI_MANAGE_REQ_GENERATED] = "The credentials could not be loaded",
			[TUI_MANAGE_REQ_UPDATE] = "Not saved",
			[TUI_MANAGE_REQ_DELETE] = "Not deleted",
		};

		report_failure(result, t->app->api_base, NULL, REPORT_WIZARD, msg, sizeof(msg));
		snprintf(line, sizeof(line), "%s: %s", what[kind] ? what[kind] : "Failed", msg);
		set_done(m, TUI_ROLE_ERROR, line);
		return;
	}
	switch (kind) {
	case TUI_MANAGE_REQ_GET:
		take_rotation(m, result);
		set_done(m, TUI_ROLE_DIM, "Loaded again from the server.");
		break;
	case TUI_MANAGE_REQ_GENERATED:
		rw_generated_free(&m->gen);
		m->gen = result->u.generated;
		memset(&result->u.generated, 0, sizeof(result->u.generated));
		m->have_gen = 1;
		break;
	case TUI_MANAGE_REQ_UPDATE:
		take_rotation(m, result);
		m->view = TUI_MANAGE_DETAIL;
		set_done(m, TUI_ROLE_OK, "Saved: the rotation below is what the server holds now.");
		break;
	case TUI_MANAGE_REQ_DELETE: {
		struct strbuf words = STRBUF_INIT, sb = STRBUF_INIT;
		char clean[256];

		core_manage_delete_words(&m->cur, m->delete_secrets, m->revoke_credentials, &words);
		report_clean(str(m->cur.name), clean, sizeof(clean));
		strbuf_printf(&sb, "Deleted the rotation \"%s\"%s%s: %s.", clean,
			      looked_deleted ? " -- " : "", looked_deleted ? msg : "",
			      strbuf_str(&words));
		report_clean(strbuf_str(&sb), line, sizeof(line));
		tui_status(t, TUI_ROLE_OK, "%s", line);
		strbuf_free(&words);
		strbuf_free(&sb);
		secret_wipe(m->typed, sizeof(m->typed));
		m->view = TUI_MANAGE_LIST;
		/* The list comes again from the server, without it. */
		m->req = TUI_MANAGE_REQ_LIST;
		break;
	}
	default:
		break;
	}
}
