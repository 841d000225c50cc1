#ifndef ROTWIZ_TUI_MANAGE_H
#define ROTWIZ_TUI_MANAGE_H

/*
 * The Rotations screen (issue 12 item 1) and the detail of one rotation
 * with its actions (item 2): the first screen of `rotwiz manage`, and
 * opened from the result screen (m) and from every step (F2).  It sits on
 * top of the wizard: while it is open tui_screen_for() gives its screen,
 * and closing it shows the step it was opened from again.
 *
 * The words -- status, times, the detail's fields, the explanations, the
 * questions and what every action ended in -- come from libcore/
 * (decision 25); this only draws and reads keys.  Its calls carry their
 * own user tags, so the loop hands every finished call to
 * tui_manage_take() first.
 */

#include <stddef.h>

#include "net/api.h"
#include "tui/wizard.h"

enum tui_manage_view {
	TUI_MANAGE_LIST,	/* the project's rotations, filtered */
	TUI_MANAGE_DETAIL,	/* one rotation: every field, the last message */
	TUI_MANAGE_CREDENTIALS,	/* its two slots, the client secret masked */
	TUI_MANAGE_EDIT,	/* what PATCH takes, checked as typed */
	TUI_MANAGE_DELETE,	/* type the name, two switches off */
};

enum tui_manage_ask {
	TUI_MANAGE_ASK_NONE,
	TUI_MANAGE_ASK_ROTATE,	/* rotate NAME now? (decision 18's words when soon) */
	TUI_MANAGE_ASK_REVEAL,	/* show the client secret of NAME on screen? (decision 26) */
};

/* What the key handler asked the loop to do (handlers never start calls themselves). */
enum tui_manage_req {
	TUI_MANAGE_REQ_NONE,
	TUI_MANAGE_REQ_LIST,		/* (re)load the list */
	TUI_MANAGE_REQ_GET,		/* fetch the shown rotation again */
	TUI_MANAGE_REQ_ROTATE,
	TUI_MANAGE_REQ_GENERATED,
	TUI_MANAGE_REQ_UPDATE,
	TUI_MANAGE_REQ_DELETE,
	TUI_MANAGE_REQ_CLOSE,		/* back to the wizard */
	TUI_MANAGE_REQ_LOOKUP_UPDATE,	/* an edit's reply was lost: what does the server hold? */
	TUI_MANAGE_REQ_LOOKUP_DELETE,	/* a delete's reply was lost: is it still there? */
	TUI_MANAGE_REQ_COUNT
};

/* The edit's fields, in screen order. */
enum tui_manage_edit_item {
	TUI_EDIT_NAME,
	TUI_EDIT_DESCRIPTION,
	TUI_EDIT_AUTO,
	TUI_EDIT_INTERVAL,
	TUI_EDIT_ROTATE_AT,
	TUI_EDIT_MAP_ID,
	TUI_EDIT_MAP_SECRET,
	TUI_EDIT_COUNT
};

#define TUI_MANAGE_FILTER_MAX 128
#define TUI_MANAGE_TEXT_MAX 512

struct tui_manage {
	int root;			/* `rotwiz manage`: nothing under it to go back to */
	enum tui_manage_view view;
	enum tui_manage_ask ask;
	enum tui_manage_req req;	/* for tui_manage_act() */
	char project_id[64];		/* the project whose rotations are listed */

	/* The list. */
	struct rw_rotation_list list;
	int have_list;
	struct rw_call *list_call;	/* in flight, or NULL */
	char list_error[REPORT_FAILURE_MAX + 128];
	size_t *shown;			/* indexes into list.items that match the filter */
	size_t shown_count;
	char filter[TUI_MANAGE_FILTER_MAX];
	size_t sel, top;		/* in shown */
	char pending_id[64];		/* the row to keep selected across a reload */

	/* The detail. */
	struct rw_rotation cur;
	int have_cur;
	int detail_top;
	struct rw_call *call;		/* the one action in flight (rotate, get, edit, delete...) */
	enum tui_manage_req call_kind;
	struct rw_generated gen;
	int have_gen;
	int revealed;			/* the slot whose client secret is shown, or -1 */
	char done[REPORT_FAILURE_MAX + 512];	/* what the last action ended in, on the detail */
	enum tui_role done_role;

	/* Delete. */
	char typed[TUI_MANAGE_TEXT_MAX];
	int delete_secrets, revoke_credentials;
	int delete_focus;		/* 0 the name, 1 and 2 the switches */

	/* Edit. */
	char edit[TUI_EDIT_COUNT][TUI_MANAGE_TEXT_MAX];
	char edit_msg[TUI_EDIT_COUNT][RW_MESSAGE_MAX];
	int edit_focus;

	int unknown;			/* a change's outcome stayed unknown: `rotwiz manage` exits 5 */
};

/* Opens the Rotations screen on the answers' project (root: the first screen of `rotwiz manage`). */
void tui_manage_open(struct tui *t, int root);
int tui_manage_is_open(const struct tui *t);
void tui_manage_free(struct tui *t);

/* Starts the list once signed in and the project is known (called every turn of the loop). */
void tui_manage_sync(struct tui *t);
/* Carries out what the screen's key handler asked for (TUI_OUT_MANAGE). */
void tui_manage_act(struct tui *t);
/* 1 when the finished call was one of this screen's (then it is taken and filed). */
int tui_manage_take(struct tui *t, struct rw_result *result);
/* Whether a key must wait: an action of this screen is in flight. */
int tui_manage_busy(const struct tui *t);
/* The frame's title for the view: "Rotations", "Rotation my-rot". */
void tui_manage_title(const struct tui *t, char *buf, size_t bufsz);

#endif
