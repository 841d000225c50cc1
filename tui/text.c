#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "common/term.h"
#include "tui/text.h"

static int text_ascii;

void
tui_text_set_ascii(int ascii)
{
	text_ascii = ascii;
}

int
tui_text_ascii(void)
{
	return text_ascii;
}

const char *
tui_glyph(const char *utf8, const char *ascii)
{
	return text_ascii ? ascii : utf8;
}

/*
 * Decodes one character: its width in columns into *cols, returns the
 * bytes it takes (at least 1).  Bytes that are not text count as one '?'.
 */
static size_t
next_char(const char *s, size_t left, wchar_t *wc, int *cols)
{
	mbstate_t state;
	size_t n;
	int w;

	memset(&state, 0, sizeof(state));
	n = mbrtowc(wc, s, left, &state);
	if (n == (size_t) -1 || n == (size_t) -2 || n == 0) {
		*wc = L'?';
		*cols = 1;
		return 1;
	}
	if (*wc < 32 || *wc == 127) {
		*wc = L'?';
		*cols = 1;
		return n;
	}
	w = wcwidth(*wc);
	if (w < 0) {
		*wc = L'?';
		w = 1;
	}
	*cols = w;
	return n;
}

/* Columns of text that has been through the terminal rule. */
static int
clean_width(const char *text)
{
	size_t left = text ? strlen(text) : 0;
	int total = 0;

	while (left > 0) {
		wchar_t wc;
		int cols;
		size_t n = next_char(text, left, &wc, &cols);

		total += cols;
		text += n;
		left -= n;
	}
	return total;
}

int
tui_text_width(const char *text)
{
	const unsigned char *p = (const unsigned char *) (text ? text : "");
	char *clean;

	/*
	 * Printable ASCII, nearly every name and id: the rule leaves it as it
	 * is and each byte is a column.  A pick-list's widths measure every
	 * row (100,000 apps: 300,000 strings) with the list's first frame.
	 */
	while (*p >= 0x20 && *p < 0x7f)
		p++;
	if (!*p)
		return (int) (p - (const unsigned char *) (text ? text : ""));
	clean = rw_term_dup(text, 0);
	int w = clean_width(clean ? clean : "");

	free(clean);
	return w;
}

/*
 * Every text drawn passes the terminal rule first (common/term.h): what
 * the server, a draft or a flag holds is shown escaped ("\x1b", "\u202e"),
 * never sent to the terminal as it is.
 */
int
tui_text_draw(int y, int x, const char *raw, int width, attr_t attr)
{
	const char *ellipsis = tui_glyph("\xe2\x80\xa6", "~");
	char *clean = rw_term_dup(raw, 0);
	const char *text = clean ? clean : "";
	size_t left = strlen(text);
	int used = 0, full = clean_width(text);

	if (width <= 0) {
		free(clean);
		return 0;
	}
	move(y, x);
	attrset(attr);
	while (left > 0) {
		wchar_t wc, one[2];
		int cols;
		size_t n = next_char(text, left, &wc, &cols);

		/* Keep a column for the ellipsis when the text will not fit. */
		if (used + cols > width - (full > width ? 1 : 0))
			break;
		one[0] = wc;
		one[1] = L'\0';
		addnwstr(one, 1);
		used += cols;
		text += n;
		left -= n;
	}
	if (full > width && used < width) {
		addstr(ellipsis);
		used++;
	}
	attrset(A_NORMAL);
	free(clean);
	return used;
}

int
tui_text_draw_right(int y, int x, const char *text, int width, attr_t attr)
{
	int w = tui_text_width(text);

	if (w < width)
		x += width - w;
	return tui_text_draw(y, x, text, width, attr);
}

int
tui_text_wrap(const char *raw, int width,
	      void (*line)(void *ctx, const char *start, size_t len), void *ctx)
{
	/* Wrapped as it will be drawn: escaped (the pieces point into this copy). */
	char *clean = rw_term_dup(raw, RW_TERM_LINES);
	const char *text = clean, *end = clean ? clean + strlen(clean) : NULL;
	int lines = 0;

	if (width < 1)
		width = 1;
	while (text && *text) {
		const char *p = text, *cut = NULL;
		int cols = 0;

		/* Find how much fits, remembering the last space. */
		while (*p && *p != '\n') {
			wchar_t wc;
			int w;
			size_t n = next_char(p, (size_t) (end - p), &wc, &w);

			if (cols + w > width) {
				if (*p == ' ')
					cut = p;
				break;
			}
			if (*p == ' ')
				cut = p;
			cols += w;
			p += n;
		}
		if (*p && *p != '\n' && cut && cut > text) {
			if (line)
				line(ctx, text, (size_t) (cut - text));
			text = cut + 1;
		} else {
			if (p == text && *p && *p != '\n')
				p++;	/* a column too narrow for one character: still move on */
			if (line)
				line(ctx, text, (size_t) (p - text));
			text = *p == '\n' ? p + 1 : p;
		}
		lines++;
	}
	free(clean);
	return lines;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
tui_text_contains(const char *haystack, const char *needle)
{
	size_t n;

	if (!needle || !*needle)
		return 1;
	if (!haystack)
		return 0;
	n = strlen(needle);
	for (; *haystack; haystack++) {
		size_t i;

		for (i = 0; i < n && haystack[i]; i++)
			if (lower((unsigned char) haystack[i]) != lower((unsigned char) needle[i]))
				break;
		if (i == n)
			return 1;
	}
	return 0;
}

int
tui_text_append_key(char *buf, size_t bufsz, wint_t ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t state;
	size_t len = strlen(buf), n;

	memset(&state, 0, sizeof(state));
	n = wcrtomb(mb, (wchar_t) ch, &state);
	if (n == (size_t) -1 || len + n >= bufsz)
		return -1;
	memcpy(buf + len, mb, n);
	buf[len + n] = '\0';
	return 0;
}

void
tui_text_erase_last(char *buf)
{
	size_t len = strlen(buf);

	while (len > 0 && ((unsigned char) buf[len - 1] & 0xC0) == 0x80)
		len--;
	if (len > 0)
		len--;
	buf[len] = '\0';
}
