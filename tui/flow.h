#ifndef ROTWIZ_TUI_FLOW_H
#define ROTWIZ_TUI_FLOW_H

/*
 * The wizard's flow, carried out for the event loop (tui.c): outcomes
 * returned by the screens, finished calls, the answers to the y/n
 * questions, the background loads to ask for.  Nothing here reads keys or
 * draws.
 */

#include "net/api.h"
#include "tui/wizard.h"

/* The first step: sign-in, or step 1 with the credentials checked in the background. */
void tui_flow_begin(struct tui *t);
/* Offers a draft from an earlier run when this run brought no answers of its own. */
void tui_flow_offer_draft(struct tui *t);
/* Carries out what a screen's key handler asked for. */
void tui_flow_act(struct tui *t, enum tui_outcome out);
/* A key while a question (quit, draft, F1) is open. */
void tui_flow_modal_key(struct tui *t, enum tui_action action);
/* A finished call (the result is freed or moved into a slot). */
void tui_flow_result(struct tui *t, struct rw_result *result);
/* Asks for every list whose inputs are known, and the app lists fetched ahead. */
void tui_flow_sync(struct tui *t);
/*
 * Whether a key with this action must wait for a list before it is
 * handled (decision 9): the focused pick-list, the step's check, the
 * sign-in, the create or rotate-now is still loading; Tab in the folder
 * field waits for the folder list.  What is about the wait itself or the
 * whole screen never waits: Ctrl-C, Esc over a load, Ctrl-R, F1, Ctrl-L,
 * a resize, and the keys of an open question.  behind: keys typed before
 * it are waiting (then it waits too, unless it is one of those).
 */
int tui_flow_key_waits(struct tui *t, enum tui_action action, unsigned contexts, int behind);
/* Starts the credentials check (a fresh session). */
void tui_flow_start_signin(struct tui *t);
/* Saves the draft (unless a rotation was just made) and ends the loop with code. */
void tui_flow_quit(struct tui *t, int code);

#endif
