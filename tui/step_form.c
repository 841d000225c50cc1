#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "common/secret.h"
#include "common/term.h"
#include "tui/step_form.h"
#include "tui/theme.h"

int
tui_editor_is_open(const struct tui_editor *ed)
{
	return ed->form != NULL;
}

int
tui_editor_open(struct tui_editor *ed, int y, int x, int width, const char *value,
		int max_chars, int masked)
{
	FIELD *field;

	memset(ed, 0, sizeof(*ed));
	if (width < 1)
		width = 1;
	field = new_field(1, width, 0, 0, 0, 0);
	if (!field)
		return -1;
	/* Typing at the start must not wipe the field; Enter is ours, not libform's. */
	field_opts_off(field, O_AUTOSKIP | O_BLANK | O_WRAP);
	if (max_chars > width) {
		field_opts_off(field, O_STATIC);	/* longer text scrolls sideways */
		set_max_field(field, max_chars);
	}
	if (masked)
		field_opts_off(field, O_PUBLIC);
	set_field_back(field, tui_attr(TUI_ROLE_EDIT));
	ed->fields[0] = field;
	ed->fields[1] = NULL;
	ed->form = new_form(ed->fields);
	ed->sub = derwin(stdscr, 1, width, y, x);
	if (!ed->form || !ed->sub) {
		tui_editor_close(ed);
		return -1;
	}
	ed->y = y;
	ed->x = x;
	ed->width = width;
	ed->masked = masked;
	set_form_win(ed->form, stdscr);
	set_form_sub(ed->form, ed->sub);
	if (post_form(ed->form) != E_OK) {
		tui_editor_close(ed);
		return -1;
	}
	tui_editor_set(ed, value);
	return 0;
}

void
tui_editor_close(struct tui_editor *ed)
{
	if (ed->form) {
		if (ed->masked && ed->fields[0])
			set_field_buffer(ed->fields[0], 0, "");
		unpost_form(ed->form);
		free_form(ed->form);
	}
	if (ed->fields[0])
		free_field(ed->fields[0]);
	if (ed->saved)
		delwin(ed->saved);
	if (ed->sub)
		delwin(ed->sub);
	memset(ed, 0, sizeof(*ed));
}

/*
 * A value from a draft, a flag or .infisical.json may hold what a terminal
 * obeys: the field shows it escaped (common/term.h), like every other text;
 * an edit then edits what is shown.
 */
void
tui_editor_set(struct tui_editor *ed, const char *value)
{
	char *shown;

	if (!ed->form)
		return;
	/* A masked field is never drawn: its secret stays as it is. */
	shown = ed->masked ? NULL : rw_term_dup(value, 0);
	set_field_buffer(ed->fields[0], 0, ed->masked && value ? value : shown ? shown : "");
	free(shown);
	form_driver(ed->form, REQ_END_LINE);
}

static int
request(struct tui_editor *ed, int req)
{
	form_driver(ed->form, req);
	return 1;
}

int
tui_editor_key(struct tui_editor *ed, enum tui_action action, wint_t ch)
{
	if (!ed->form)
		return 0;
	switch (action) {
	case TUI_ACT_CHAR:
		if (!ed->masked && rw_term_escapes((unsigned long) ch)) {
			/* A bidi or C1 control typed goes in as its escape, like a pasted one. */
			char one[MB_LEN_MAX + 1];
			mbstate_t state;
			size_t n;

			memset(&state, 0, sizeof(state));
			n = wcrtomb(one, (wchar_t) ch, &state);
			one[n == (size_t) -1 ? 0 : n] = '\0';
			tui_editor_insert(ed, one);
			return 1;
		}
		form_driver_w(ed->form, OK, (wchar_t) ch);
		return 1;
	case TUI_ACT_LEFT:
		return request(ed, REQ_PREV_CHAR);
	case TUI_ACT_RIGHT:
		return request(ed, REQ_NEXT_CHAR);
	case TUI_ACT_HOME:
		return request(ed, REQ_BEG_LINE);
	case TUI_ACT_END:
		return request(ed, REQ_END_LINE);
	case TUI_ACT_BACKSPACE:
		return request(ed, REQ_DEL_PREV);
	case TUI_ACT_DELETE:
		return request(ed, REQ_DEL_CHAR);
	case TUI_ACT_KILL:
		return request(ed, REQ_CLR_FIELD);
	default:
		return 0;
	}
}

void
tui_editor_insert(struct tui_editor *ed, const char *raw)
{
	mbstate_t state;
	/* What is inserted is drawn: escaped by the terminal rule, but a masked secret. */
	char *shown = ed->masked ? NULL : rw_term_dup(raw, 0);
	const char *text = ed->masked ? raw : shown;
	size_t left;
	wchar_t wc;

	if (!ed->form || !text) {
		free(shown);
		return;
	}
	left = strlen(text);
	memset(&state, 0, sizeof(state));
	while (left > 0) {
		size_t n = mbrtowc(&wc, text, left, &state);

		if (n == (size_t) -1 || n == (size_t) -2) {
			/* Not text in this locale: skip the byte rather than stop. */
			memset(&state, 0, sizeof(state));
			text++;
			left--;
			continue;
		}
		if (n == 0)
			break;
		form_driver_w(ed->form, OK, wc);
		text += n;
		left -= n;
	}
	free(shown);
}

char *
tui_editor_value(struct tui_editor *ed)
{
	const char *buf;
	char *copy;
	size_t len;

	if (!ed->form)
		return NULL;
	/* Moves what libform holds for the current line into the buffer. */
	form_driver(ed->form, REQ_VALIDATION);
	buf = field_buffer(ed->fields[0], 0);
	if (!buf)
		return NULL;
	len = strlen(buf);
	while (len > 0 && buf[len - 1] == ' ')
		len--;
	copy = malloc(len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, buf, len);
	copy[len] = '\0';
	return copy;
}

/*
 * A masked field (O_PUBLIC off) keeps its text out of every window, so
 * libform neither draws nor scrolls it: the cursor's column in the field's
 * text (FORM's curcol, public in form.h) says where it is, and the part
 * shown scrolls the way libform scrolls a public field.
 */
static int
mask_cursor(struct tui_editor *ed)
{
	int col = ed->form->curcol;

	if (col < ed->mask_begin)
		ed->mask_begin = col;
	else if (col >= ed->mask_begin + ed->width)
		ed->mask_begin = col - ed->width + 1;
	return col - ed->mask_begin;
}

/* One '*' for each character of a masked field's text that is in view. */
static void
draw_mask(struct tui_editor *ed)
{
	const char *buf;
	size_t len, i;
	int chars = 0, shown, x;
	chtype attr = tui_attr(TUI_ROLE_EDIT);

	form_driver(ed->form, REQ_VALIDATION);
	buf = field_buffer(ed->fields[0], 0);
	len = buf ? strlen(buf) : 0;
	while (len > 0 && buf[len - 1] == ' ')
		len--;
	for (i = 0; i < len; i++)
		if (((unsigned char) buf[i] & 0xc0) != 0x80)
			chars++;
	mask_cursor(ed);
	shown = chars - ed->mask_begin;
	if (shown > ed->width)
		shown = ed->width;
	for (x = 0; x < ed->width; x++)
		mvwaddch(ed->sub, 0, x, (x < shown ? '*' : ' ') | attr);
	touchwin(stdscr);
}

void
tui_editor_place_cursor(struct tui_editor *ed)
{
	if (!ed->form)
		return;
	if (ed->masked)
		move(ed->y, ed->x + mask_cursor(ed));
	else
		pos_form_cursor(ed->form);
}

void
tui_editor_hold(struct tui_editor *ed)
{
	if (!ed->form)
		return;
	if (ed->saved)
		delwin(ed->saved);
	ed->saved = dupwin(ed->sub);
}

void
tui_editor_redraw(struct tui_editor *ed)
{
	if (!ed->form)
		return;
	if (ed->masked) {
		draw_mask(ed);
	} else if (ed->saved) {
		copywin(ed->saved, ed->sub, 0, 0, 0, 0, 0, ed->width - 1, FALSE);
		touchwin(stdscr);
	}
	if (ed->saved)
		delwin(ed->saved);
	ed->saved = NULL;
}
