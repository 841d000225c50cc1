#ifndef ROTWIZ_TUI_TEXT_H
#define ROTWIZ_TUI_TEXT_H

/*
 * Text on the screen: UTF-8 measured in columns, cut to fit with an
 * ellipsis, wrapped into lines; server text made safe to show.
 */

#include <stddef.h>

#include <curses.h>

/* Set once at start: 1 when the terminal's locale cannot show UTF-8 (glyphs become ASCII). */
void tui_text_set_ascii(int ascii);
int tui_text_ascii(void);

/* A glyph in UTF-8, or its ASCII stand-in: "\xe2\x9c\x93" / "*" ... */
const char *tui_glyph(const char *utf8, const char *ascii);

/* Columns the text takes as drawn (escaped by the terminal rule, common/term.h). */
int tui_text_width(const char *text);

/*
 * Draws text at y, x in at most width columns (a cut shows an ellipsis)
 * with attr.  Control characters, bidi controls and stray bytes are drawn
 * escaped (common/term.h).  Returns the columns used.
 */
int tui_text_draw(int y, int x, const char *text, int width, attr_t attr);

/* The same, with the text right-aligned in width columns. */
int tui_text_draw_right(int y, int x, const char *text, int width, attr_t attr);

/*
 * Wraps text into lines of at most width columns, breaking at spaces when
 * it can (anywhere when a word is longer).  Calls line() for each line.
 * Newlines in text start a new line; the pieces are of the escaped text
 * and live only during the call.  Returns the number of lines; with a
 * NULL line() it only counts them.
 */
int tui_text_wrap(const char *text, int width,
		  void (*line)(void *ctx, const char *start, size_t len), void *ctx);

/* Case-insensitive (ASCII letters) substring test. */
int tui_text_contains(const char *haystack, const char *needle);

/*
 * A one-line field's edits, in the locale's UTF-8: append puts the typed
 * character ch at the end of buf (bufsz bytes with its NUL; 0, or -1 when
 * it is not a character or does not fit: buf unchanged); erase takes the
 * last whole character off (its continuation bytes with it).
 */
int tui_text_append_key(char *buf, size_t bufsz, wint_t ch);
void tui_text_erase_last(char *buf);

#endif
