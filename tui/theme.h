#ifndef ROTWIZ_TUI_THEME_H
#define ROTWIZ_TUI_THEME_H

/*
 * What each part of the screen looks like.  Monochrome is a real theme
 * (an attribute for every role), not colour with the colour left out, and
 * meaning never rests on colour alone: errors also start with a mark, the
 * focus also has a cursor and an underline.
 */

#include <curses.h>

enum tui_role {
	TUI_ROLE_NORMAL = 0,
	TUI_ROLE_TITLE,		/* the top line */
	TUI_ROLE_RAIL_DONE,	/* a finished step */
	TUI_ROLE_RAIL_NOW,	/* the current step */
	TUI_ROLE_RAIL_PENDING,
	TUI_ROLE_LABEL,
	TUI_ROLE_FIELD,		/* a value not being edited */
	TUI_ROLE_EDIT,		/* the field being edited */
	TUI_ROLE_ERROR,
	TUI_ROLE_WARNING,
	TUI_ROLE_OK,
	TUI_ROLE_HELP,		/* the key line */
	TUI_ROLE_SELECTED,	/* the highlighted list entry */
	TUI_ROLE_DIM,		/* hints, counts, column heads */
	TUI_ROLE_COUNT
};

/* Call after initscr().  colour: 0 for NO_COLOR / --no-color or a terminal without colours. */
void tui_theme_init(int colour);
attr_t tui_attr(enum tui_role role);
/* 1 when the colour theme is in use. */
int tui_theme_colour(void);

#endif
