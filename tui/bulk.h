#ifndef ROTWIZ_TUI_BULK_H
#define ROTWIZ_TUI_BULK_H

/*
 * Many rotations at once in curses (issue 13, decision 29): the marks on
 * the Azure app step, Review's table of every rotation to be made (names
 * from libcore/plan.h, a row edited by hand), the creates run by
 * libcore/batch.h from the event loop (the keyboard stays live), and the
 * results.  Marks empty: nothing here is used and the one-app path is as
 * it was.
 */

#include <stdio.h>

#include "libcore/batch.h"
#include "libcore/plan.h"
#include "tui/wizard.h"

struct tui_bulk {
	struct rw_name_list marked;	/* object IDs, in the order marked */
	/* Review's table (tui_bulk_plan), in the app list's order: */
	struct core_plan_app *apps;	/* borrowed from the app list */
	struct core_plan_row *rows;
	int *keep;			/* the row was edited: its names stay */
	int *selected;			/* to be created by the next Enter */
	int *state;			/* enum core_batch_state of its last run, or -1 */
	char **outcome;			/* "created ID", or why it failed (owned) */
	size_t count;
	int problems;
	size_t sel, top;		/* the highlighted row */
	/* e: one row's names edited */
	int editing, edit_field;	/* 0 name, 1 client-ID secret, 2 client-secret secret */
	char edit[CORE_NAME_MAX];
	/* The project's rotations, to flag an app that already has one. */
	struct rw_rotation_list rotations;
	int rotations_state;		/* 0 not asked, 1 loading, 2 there, 3 failed */
	char rotations_project[64];
	int list_tag;			/* its call's user tag */
	/* The run. */
	struct core_batch batch;
	size_t *batch_row;		/* batch item -> row */
	int running, ran, stop_asked;
	struct strbuf made;		/* "created NAME ID" lines, for after curses */
	/* Step 6 with marks: the templates every row's names come from. */
	char tmpl[CORE_PLAN_TMPL_COUNT][CORE_NAME_MAX];
	int tmpl_set;			/* filled in (from step 1's name) on the first visit */
	int tmpl_focus;
};

struct tui_bulk *tui_bulk_new(void);
void tui_bulk_free(struct tui_bulk **bulk);

/* Marks: how many, whether one is, Space on one, the key that marks all the filter shows. */
size_t tui_bulk_marked(const struct tui *t);
int tui_bulk_is_marked(const void *bulk, const char *object_id);
void tui_bulk_toggle(struct tui *t, const char *object_id);
void tui_bulk_mark_all(struct tui *t);

/* Review is the table: apps are marked on the list (not typed by hand). */
int tui_bulk_active(const struct tui *t);
/* Works the table out again from the marks and answers (keeps edited rows). */
void tui_bulk_plan(struct tui *t);

/*
 * Step 6 while tui_bulk_active(): the three templates and, under them, the
 * names every marked app gets (core_plan_build), worked out again on each
 * key.  check: 0 when every template can make valid names, else -1 with
 * the refusal on the status line.
 */
void tui_bulk_templates_draw(struct tui *t);
enum tui_outcome tui_bulk_templates_key(struct tui *t, enum tui_action action, wint_t ch);
void tui_bulk_templates_paste(struct tui *t, const char *text);
int tui_bulk_templates_check(struct tui *t);

/* Review's draw and keys while tui_bulk_active(). */
void tui_bulk_review_draw(struct tui *t);
enum tui_outcome tui_bulk_review_key(struct tui *t, enum tui_action action, wint_t ch);
unsigned tui_bulk_contexts(const struct tui *t);

/* The loop: sends what may go now (before it waits); ms to wait at most, -1: no limit. */
int tui_bulk_pump(struct tui *t);
/* Offered every finished call first: 1 when it was the bulk's. */
int tui_bulk_take(struct tui *t, struct rw_result *result);
int tui_bulk_running(const struct tui *t);
/* Ctrl-C while the creates run: nothing new starts. */
void tui_bulk_stop(struct tui *t);

/* For tui/bulk_screens.c: */
/* The templates' first values, once (step 1's name kept as the rotation name's tail). */
void tui_bulk_templates_init(struct tui *t);
/* The folder answer as it will be sent (malloc'd, NULL when out of memory). */
char *tui_bulk_folder(const struct tui *t);
/* Enter on the table: sends the selected rows. */
void tui_bulk_start(struct tui *t);
/* t on the table: every row's HCL into ./rotwiz-rotations.tf, said on the status line. */
void tui_bulk_write_terraform(struct tui *t);

/* Whether a run made any rotation (then no draft is saved over the table's answers). */
int tui_bulk_made_any(const struct tui *t);
/* After endwin: a line each rotation made ("created NAME ID"). 0, or -1 when it could not be written. */
int tui_bulk_print(const struct tui *t, FILE *out);

#endif
