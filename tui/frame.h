#ifndef ROTWIZ_TUI_FRAME_H
#define ROTWIZ_TUI_FRAME_H

/*
 * The frame around every step: the title with "3/7 Connection", the step
 * rail with the finished steps summarised, the status line and the key
 * line (drawn from the key table); the "please enlarge" screen; the boxes
 * that sit on top (quit question, draft offer, F1 help).
 */

#include "tui/wizard.h"

/* "3/7 Connection", "Sign in", "Result". */
void tui_frame_step_label(enum rw_step step, char *buf, size_t bufsz);

void tui_frame_draw(struct tui *t, unsigned contexts);
void tui_frame_small(struct tui *t);
void tui_frame_modal(struct tui *t);

/*
 * The lines under a field: "x Name: ..." in the error (or warning) look,
 * wrapped to width, at most rows lines; a message cut to fit ends its last
 * line with an ellipsis.
 */
void tui_frame_field_msg(int y, int x, int width, int rows, const char *msg, int warning);
/* The lines tui_frame_field_msg needs to show msg whole in width columns. */
int tui_frame_field_msg_rows(int width, const char *msg, int warning);

/* A horizontal rule of width columns. */
void tui_frame_rule(int y, int x, int width, attr_t attr);

/* Text wrapped into the box y, x, height, width; returns the rows used. */
int tui_frame_paragraph(int y, int x, int height, int width, const char *text, attr_t attr);
/* The same, from the wrapped text's line skip on (a scrolled view). */
int tui_frame_scrolled(int y, int x, int height, int width, const char *text, int skip,
		       attr_t attr);

#endif
