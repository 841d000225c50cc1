#ifndef ROTWIZ_TUI_WIZARD_H
#define ROTWIZ_TUI_WIZARD_H

/*
 * The curses wizard's state, in one struct that every screen reads and
 * the event loop (tui.c) changes: the step, the focus, the pick-lists,
 * the messages, the loads.  A screen is a draw/key pair chosen by the step
 * (struct tui_screen); its key handler changes what the user edits (the
 * focus, a filter, an answer) and returns what the loop should do next
 * (enum tui_outcome): only the loop changes step, sends, saves or quits.
 */

#include <stddef.h>
#include <wchar.h>

#include "libcore/app.h"
#include "libcore/report.h"
#include "common/strbuf.h"
#include "forms/field.h"
#include "net/response.h"
#include "tui/keys.h"
#include "libcore/lists.h"
#include "tui/picklist.h"
#include "tui/step_form.h"
#include "tui/theme.h"

#define TUI_MIN_COLS 60
#define TUI_MIN_LINES 16
/* Rows of the frame: title, step rail, summary, rule above; status and keys below. */
#define TUI_TOP 4
#define TUI_BOTTOM 2

enum tui_outcome {
	TUI_OUT_STAY = 0,	/* the state changed in place (or not at all) */
	TUI_OUT_REBUILD,	/* the focus moved: the editor must move with it */
	TUI_OUT_NEXT_STEP,	/* validate this step, then go on */
	TUI_OUT_PREV_STEP,
	TUI_OUT_GOTO,		/* to t->goto_step (Review's "change a step") */
	TUI_OUT_SIGNIN,		/* step 0's credentials are complete: check them */
	TUI_OUT_CREATE,
	TUI_OUT_WRITE_FILES,	/* Review's w: the body and the curl command to files */
	TUI_OUT_COPY,		/* Review's y: the curl command to the terminal's clipboard */
	TUI_OUT_ROTATE,
	TUI_OUT_ANOTHER,
	TUI_OUT_CANCEL_LOAD,	/* Esc over a running load */
	TUI_OUT_RETRY,		/* load the shown list again */
	TUI_OUT_HELP,		/* F1 */
	TUI_OUT_QUIT_ASK,	/* Ctrl-C */
	TUI_OUT_QUIT,		/* leave now with t->exit_code */
	TUI_OUT_REDRAW,		/* Ctrl-L: repaint the whole terminal */
	TUI_OUT_MANAGE,		/* the Rotations screen asked for something (tui/manage.h) */
};

enum tui_modal {
	TUI_MODAL_NONE = 0,
	TUI_MODAL_QUIT,		/* "Quit? Your answers are saved as a draft." */
	TUI_MODAL_RESUME,	/* a draft from an earlier run */
	TUI_MODAL_HELP,		/* F1 */
	TUI_MODAL_OVERWRITE,	/* Review's files are there already: overwrite them? */
};

/* The pick-lists of steps 2-4. */
enum tui_pick_id {
	TUI_PICK_PROJECT,
	TUI_PICK_ENVIRONMENT,
	TUI_PICK_CONNECTION,
	TUI_PICK_APP,
	TUI_PICK_COUNT
};

enum tui_item_kind {
	TUI_ITEM_TEXT,
	TUI_ITEM_NUMBER,
	TUI_ITEM_TOGGLE,
	TUI_ITEM_PICK,
	TUI_ITEM_PATH,
	TUI_ITEM_LOCAL_TIME,	/* the Schedule's rotate time in local time: no answer of its own */
};

/* One thing the focus can rest on in a step. */
struct tui_item {
	enum tui_item_kind kind;
	enum rw_field field;		/* the answer it edits (the app list: object ID; */
					/* the local time: RW_FIELD_NONE) */
	enum tui_pick_id pick;		/* for TUI_ITEM_PICK */
};

#define TUI_MAX_ITEMS 6

/* Step 0: not answers (never in a draft), so they live here. */
enum tui_signin_item {
	TUI_SIGNIN_SERVER,	/* US / EU / self-hosted */
	TUI_SIGNIN_URL,		/* self-hosted only */
	TUI_SIGNIN_METHOD,	/* access token / Universal Auth */
	TUI_SIGNIN_TOKEN,
	TUI_SIGNIN_CLIENT_ID,
	TUI_SIGNIN_CLIENT_SECRET,
	TUI_SIGNIN_COUNT
};

struct tui_signin {
	int server;		/* 0 US, 1 EU, 2 self-hosted */
	int method;		/* 0 access token, 1 Universal Auth */
	char *url;		/* self-hosted URL as typed */
	char *client_id;
	int have_token, have_secret;	/* the secrets themselves are in struct app */
	char msg[TUI_SIGNIN_COUNT][REPORT_FAILURE_MAX];	/* a server's reason, whole */
};

struct tui_manage;
struct tui_bulk;

struct tui {
	struct app *app;
	struct tui_manage *manage;	/* the Rotations screen, while open (tui/manage.h) */
	struct tui_bulk *bulk;		/* marked apps and Review's table of many (tui/bulk.h) */
	enum rw_step step;
	int focus;			/* index into the step's items */
	enum rw_step goto_step;
	int done_mask;			/* steps that passed their checks (bit per step) */
	int return_to_review;		/* a step opened from Review goes back there */
	enum rw_step resume_step;	/* a resumed draft's step, reached after sign-in */

	struct tui_editor ed;		/* libform on the focused text field */
	int rebuild;			/* the editor must be reopened before drawing */
	int fresh;			/* a number field just got the focus: typing replaces it */
	int fresh_tag;			/* the item the editor last opened on */
	int cur_y, cur_x;		/* where a screen wants the cursor (-1: hidden, or libform's) */
	int repaint;			/* clear the terminal (Ctrl-L) */

	struct tui_pick pick[TUI_PICK_COUNT];
	int apps_manual;		/* step 4 typed by hand */
	int apps_forbidden;		/* the app list answered 403: no list to go back to */
	int apps_manual_auto;		/* manual entry because of that 403, not by Ctrl-E */
	char apps_note[768];		/* why the step is in manual entry */
	int names_check_pending;	/* the step waits for a list its check needs */
	/*
	 * Keys typed while the wizard waits for a list (decision 9): kept in
	 * order and handed to the screens once it is there, as if typed then.
	 */
	struct tui_held_key {
		int is_key;
		wint_t ch;
	} *held;
	size_t held_first, held_count, held_size;
	/* The answers as the step was entered, and whether it had been done then. */
	struct rw_answers entered;
	int entered_done;
	char entered_connection[64];
	/*
	 * The Azure app answers wait to be checked against the connection's
	 * app list (decision 1): after a resumed draft ("" below), or after
	 * the Connection step was left with another connection than it was
	 * entered with (the connection they were picked under).
	 */
	int app_check;
	char app_check_before[64];

	/*
	 * The Local time field (decision 8) shows the UTC fields in local time;
	 * what is typed into it stays here, as typed, until it holds or the
	 * UTC fields change.
	 */
	char *local_typed;		/* NULL: in step with the UTC fields */
	char *local_msg;		/* the line under it */

	char *msg[RW_FIELD_COUNT];	/* the line under a field */
	int msg_is_warning[RW_FIELD_COUNT];
	char status[REPORT_FAILURE_MAX + 128];	/* above the keys; wraps, never cut */
	enum tui_role status_role;

	enum tui_modal modal;
	char prompt[2560];		/* the draft offer's text (and what was found about the draft) */
	char help_title[128];
	char help_text[4096];		/* libcore/help.h's words for the focused question */
	int help_top;			/* the F1 box's first line shown (it scrolls when long) */

	struct tui_signin signin;
	struct core_lists loads;
	int signing_in;			/* the SIGNIN slot carries the login, then the projects check */
	int signin_at_start;		/* credentials came with the run: check them after the first frame */

	struct rw_rotation rotation;	/* the created rotation */
	int have_rotation;
	int rotated;			/* rotate now answered: show the active index */
	int rotate_asking;		/* r soon after a rotation: the revoke question is up (decision 18) */
	struct strbuf created;		/* the summaries of this run's earlier rotations (tui/result.h) */
	int review_top;			/* Review's scroll position */

	char *draft_path;
	int draft_saved;
	int quit_in_flight;		/* quit while a create was on its way (decision 17) */
	char draft_unsaved[1400];	/* why the last save failed ("PATH: reason"); "" when it did not */
	struct strbuf paste;
	int pasting;

	int too_small;
	int exit_code;
	int quit;
	/* For the measurements. */
	long keys;
	int frames;
	long long started_us;		/* tui_run's start */
	long long key_at_us;		/* a key read whose frame is not drawn yet (0: none) */
	int key_filters;		/* ... and it typed into a list's filter */
	long long usable_ms[CORE_SLOT_COUNT];	/* first frame that showed that list loaded */
#define TUI_KEY_SAMPLES 512
	long filter_us[TUI_KEY_SAMPLES];	/* a filter key to its frame, microseconds */
	/*
	 * The longest the loop went without reading the keyboard while not
	 * waiting on it (drawing, filing results, parsing a reply), and when
	 * that was: keys typed then waited that long to be read.
	 */
	long long stall_us_max, stall_at_ms;
	long long stall_mark_us, stall_mark_blocked;	/* the last key read, the wait then */
	long long poll_blocked_us;
	long long apps_came_ms;		/* when the first app list was parsed (0: not yet) */
	long apps_came_keys;		/* keys read by then */	/* waited on the keyboard alone (no api yet) */
	int filter_samples;
};

struct tui_screen {
	/* The key contexts (enum tui_context) where the focus is now. */
	unsigned (*contexts)(struct tui *t);
	void (*draw)(struct tui *t);
	enum tui_outcome (*key)(struct tui *t, enum tui_action action, wint_t ch);
	/* Where a paste goes; NULL: nowhere. */
	void (*paste)(struct tui *t, const char *text);
	/* The load the screen shows (Esc cancels it, ^R retries it), or CORE_SLOT_COUNT. */
	enum core_slot_id (*shown_load)(struct tui *t);
};

void tui_wizard_init(struct tui *t, struct app *app);
void tui_wizard_free(struct tui *t);

/* The message under a field (NULL clears it). */
void tui_set_msg(struct tui *t, enum rw_field field, const char *msg, int warning);
void tui_clear_msgs(struct tui *t);
/* The status line. */
void tui_status(struct tui *t, enum tui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The items of a step (steps 1-6); returns how many. */
int tui_step_items(const struct tui *t, enum rw_step step, struct tui_item *items);

/* A one-line summary of a finished step for the rail: "my-rot", "Payments Platform / dev / /api". */
void tui_step_summary(const struct tui *t, enum rw_step step, char *buf, size_t bufsz);

/*
 * The Schedule step's summary (rw_schedule_text, forms/schedule.h) from the
 * answers, as of now.  Returns 0, or -1 while the interval or the time is
 * not valid (nothing to say yet).
 */
int tui_schedule_text(const struct tui *t, char *buf, size_t bufsz);

/* What to show for an answer: a project's name rather than its id, and so on. */
void tui_display_value(const struct tui *t, enum rw_field field, char *buf, size_t bufsz);

/*
 * The rows of a pick-list from what is loaded (the caller frees *storage
 * with free()).  Returns 0, or -1 when the list is not loaded.
 */
/*
 * The value of row i of a pick-list straight from its loaded list (what
 * tui_pick_rows() would put in row[i].value), and the row count in *count;
 * NULL when the list is not there or i is past it.  No rows are built.
 */
const char *tui_pick_value_at(const struct tui *t, enum tui_pick_id id, size_t i, size_t *count);
int tui_pick_rows(const struct tui *t, enum tui_pick_id id, struct tui_pick_rows *rows,
		  struct tui_pick_row **storage);

/* The result of the list behind a pick (NULL: not loaded), and whether it is loading. */
const struct rw_result *tui_pick_result(const struct tui *t, enum tui_pick_id id);
enum core_slot_state tui_pick_state(const struct tui *t, enum tui_pick_id id);
/* The load slot behind a pick (CORE_SLOT_COUNT for the projects, which sign-in loads). */
enum core_slot_id tui_pick_slot(enum tui_pick_id id);

/* The project answered, when it is in the loaded list. */
const struct rw_project *tui_current_project(const struct tui *t);
/* The environment answered, when the current project has one of that slug. */
const struct rw_environment *tui_current_environment(const struct tui *t);

/* The parent folder of a typed path ("/a/b" -> "/a", "/a/" -> "/a", "a" -> "/"), caller frees. */
char *tui_path_parent(const char *path, const char **last);

/* Saves the answers as a draft when anything was answered; returns 1 when saved. */
int tui_save_draft(struct tui *t);

/* The screen of the current step. */
const struct tui_screen *tui_screen_for(const struct tui *t);

/* Screens (each in its own file). */
extern const struct tui_screen tui_signin_screen;
extern const struct tui_screen tui_steps_screen;
extern const struct tui_screen tui_review_screen;
extern const struct tui_screen tui_result_screen;
extern const struct tui_screen tui_manage_screen;

/* A rotating spinner glyph, changing every 100 ms. */
const char *tui_spinner(void);

#endif
