#ifndef ROTWIZ_TUI_CLIP_H
#define ROTWIZ_TUI_CLIP_H

/*
 * Copying to the clipboard of the terminal rotwiz runs in, with the OSC 52
 * escape ("ESC ] 52 ; c ; BASE64 BEL"), written to the terminal while
 * curses owns it.  The terminal decides: many do as asked (xterm with
 * allowWindowOps, kitty, iTerm2, WezTerm, tmux with set-clipboard), some
 * ignore it, and nothing comes back to say which.
 */

#include <stddef.h>

/* The base64 of len bytes of data (caller frees), or NULL when out of memory. */
char *tui_clip_base64(const char *data, size_t len);

/* Writes the escape for text to fd.  0, or -1 when it could not be written. */
int tui_clip_copy(int fd, const char *text);

#endif
