#include "config.h"

#include "tui/theme.h"

struct theme_row {
	attr_t mono;		/* the monochrome theme */
	short fg, bg;		/* -1: the terminal's own */
	attr_t colour_attr;	/* added to the colour pair */
};

/*
 * Colours on the terminal's own background (use_default_colors), so a
 * light or dark terminal keeps its look.
 */
static const struct theme_row theme_table[TUI_ROLE_COUNT] = {
	[TUI_ROLE_NORMAL] = { A_NORMAL, -1, -1, A_NORMAL },
	[TUI_ROLE_TITLE] = { A_BOLD, COLOR_CYAN, -1, A_BOLD },
	[TUI_ROLE_RAIL_DONE] = { A_NORMAL, COLOR_GREEN, -1, A_NORMAL },
	[TUI_ROLE_RAIL_NOW] = { A_REVERSE | A_BOLD, COLOR_CYAN, -1, A_REVERSE | A_BOLD },
	[TUI_ROLE_RAIL_PENDING] = { A_DIM, -1, -1, A_DIM },
	[TUI_ROLE_LABEL] = { A_NORMAL, -1, -1, A_NORMAL },
	[TUI_ROLE_FIELD] = { A_NORMAL, -1, -1, A_NORMAL },
	[TUI_ROLE_EDIT] = { A_UNDERLINE, COLOR_CYAN, -1, A_UNDERLINE },
	[TUI_ROLE_ERROR] = { A_BOLD, COLOR_RED, -1, A_BOLD },
	[TUI_ROLE_WARNING] = { A_BOLD, COLOR_YELLOW, -1, A_NORMAL },
	[TUI_ROLE_OK] = { A_BOLD, COLOR_GREEN, -1, A_BOLD },
	[TUI_ROLE_HELP] = { A_REVERSE, -1, -1, A_REVERSE },
	[TUI_ROLE_SELECTED] = { A_REVERSE, COLOR_CYAN, -1, A_REVERSE },
	[TUI_ROLE_DIM] = { A_DIM, -1, -1, A_DIM },
};

static int theme_colour;

void
tui_theme_init(int colour)
{
	int i;

	theme_colour = 0;
	if (!colour || !has_colors() || start_color() == ERR)
		return;
	/* Without it, -1 cannot mean "the terminal's own colour". */
	if (use_default_colors() == ERR)
		return;
	for (i = 1; i < TUI_ROLE_COUNT; i++)
		init_pair((short) i, theme_table[i].fg, theme_table[i].bg);
	theme_colour = 1;
}

attr_t
tui_attr(enum tui_role role)
{
	if ((unsigned) role >= TUI_ROLE_COUNT)
		return A_NORMAL;
	if (!theme_colour)
		return theme_table[role].mono;
	if (role == TUI_ROLE_NORMAL)
		return A_NORMAL;
	return COLOR_PAIR(role) | theme_table[role].colour_attr;
}

int
tui_theme_colour(void)
{
	return theme_colour;
}
