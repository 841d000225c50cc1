#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/status.h"
#include "common/term.h"
#include "common/strbuf.h"
#include "forms/draft.h"
#include "libcore/report.h"
#include "libcore/flow.h"
#include "plain/session.h"

void
plain_stop(struct plain_session *s, int exit_code)
{
	s->end = PLAIN_END_EXIT;
	s->exit_code = exit_code;
}

int
plain_nomem(struct plain_session *s)
{
	rw_term_printf(stderr, "rotwiz: %s\n", rw_status_message(RW_ENOMEM));
	plain_stop(s, rw_status_exit_code(RW_ENOMEM));
	return -1;
}

char *
plain_trim(const char *text)
{
	size_t n;

	while (*text == ' ' || *text == '\t')
		text++;
	n = strlen(text);
	while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	return strndup(text, n);
}

int
plain_save_draft(struct plain_session *s)
{
	char was[sizeof(s->draft_unsaved)];
	enum rw_status status;

	if (!s->draft_path || s->result_shown || !rw_answers_beyond_defaults(&s->app->answers))
		return -1;
	status = core_flow_draft_save(s->app, s->draft_path, s->step);
	if (status == RW_OK) {
		s->draft_unsaved[0] = '\0';
		return 0;
	}
	snprintf(was, sizeof(was), "%s", s->draft_unsaved);
	core_flow_draft_unsaved(s->draft_path, status, errno, s->draft_unsaved,
				sizeof(s->draft_unsaved));
	/* Said once, not at every step: the quit question says it again. */
	if (strcmp(was, s->draft_unsaved) != 0)
		rw_term_printf(stderr, "rotwiz: the draft could not be saved (%s)\n", s->draft_unsaved);
	return -1;
}

/* 1: quit; 0: go on asking; -1: the session ended while asking. */
static int
confirm_quit(struct plain_session *s)
{
	enum plain_read r;
	char *line = NULL, unsaved[sizeof(s->draft_unsaved) + 80];
	int quit;

	/* The question says whether the draft was saved: save it before asking. */
	if (s->asking_steps && s->draft_path)
		plain_save_draft(s);
	snprintf(unsaved, sizeof(unsaved), "Quit? Your answers could not be saved as a draft "
		 "(%s). [y/N]: ", s->draft_unsaved);
	r = plain_io_read(s->draft_unsaved[0] ? unsaved : !s->draft_path ? "Quit? [y/N]: " :
			  s->asking_steps ? "Quit? Your answers are saved as a draft. [y/N]: " :
			  "Quit? The saved draft is kept. [y/N]: ", PLAIN_ECHO_NO_HISTORY, &line);
	if (r == PLAIN_READ_EOF) {
		s->end = PLAIN_END_EOF;
		return -1;
	}
	if (r == PLAIN_READ_SIGNAL) {
		s->end = PLAIN_END_SIGNAL;
		return -1;
	}
	/* Ctrl-C twice means it. */
	if (r == PLAIN_READ_INTERRUPT)
		return 1;
	if (r != PLAIN_READ_LINE)
		return 0;
	quit = strcasecmp(line, "y") == 0 || strcasecmp(line, "yes") == 0;
	free(line);
	return quit;
}

void
plain_say(const char *label, const char *msg)
{
	size_t n = label ? strlen(label) : 0;
	char *clean;

	if (n && strncmp(msg, label, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		msg += n + 2;
	if (!(clean = rw_term_dup(msg, 0)))
		return;
	if (clean[0] >= 'a' && clean[0] <= 'z')
		clean[0] = (char) (clean[0] - 'a' + 'A');
	rw_term_printf(stdout, "%s\n", clean);
	free(clean);
}

/* Keeps where the input ended, for the line that says so (plain.c). */
static void
input_ended(struct plain_session *s, const char *prompt)
{
	size_t n = strlen(prompt);

	while (n && (prompt[n - 1] == ' ' || prompt[n - 1] == ':'))
		n--;
	free(s->ended_at);
	s->ended_at = strndup(prompt, n);	/* escaped where it is printed */
	s->ended_step = s->asking_steps ? (int) s->step : -1;
	s->end = PLAIN_END_EOF;
}

int
plain_ask(struct plain_session *s, const char *prompt, enum plain_echo echo, char **answer)
{
	int q;

	*answer = NULL;
	for (;;) {
		switch (plain_io_read(prompt, echo, answer)) {
		case PLAIN_READ_LINE:
			return 0;
		case PLAIN_READ_EOF:
			input_ended(s, prompt);
			return -1;
		case PLAIN_READ_SIGNAL:
			s->end = PLAIN_END_SIGNAL;
			return -1;
		case PLAIN_READ_TOO_LONG:
			rw_term_printf(stdout, "That answer is longer than %d bytes, so it was dropped. "
			       "Try again.\n", PLAIN_LINE_MAX);
			continue;
		case PLAIN_READ_INTERRUPT:
			/* From a pipe nobody could answer the question. */
			if (!plain_io_is_tty()) {
				s->end = PLAIN_END_QUIT;
				return -1;
			}
			q = confirm_quit(s);
			if (q == 0)
				continue;
			if (q < 0 && s->end == PLAIN_END_EOF)
				input_ended(s, prompt);
			if (q > 0)
				s->end = PLAIN_END_QUIT;
			return -1;
		case PLAIN_READ_NOMEM:
		default:
			return plain_nomem(s);
		}
	}
}

int
plain_ask_yes_no(struct plain_session *s, const char *question, int default_yes, int *yes)
{
	char prompt[1200], *line, *t;

	snprintf(prompt, sizeof(prompt), "%s [%s]: ", question, default_yes ? "Y/n" : "y/N");
	for (;;) {
		if (plain_ask(s, prompt, PLAIN_ECHO_NO_HISTORY, &line) < 0)
			return -1;
		t = plain_trim(line);
		free(line);
		if (!t) {
			plain_stop(s, rw_status_exit_code(RW_ENOMEM));
			return -1;
		}
		if (!*t) {
			*yes = default_yes;
		} else if (strcasecmp(t, "y") == 0 || strcasecmp(t, "yes") == 0) {
			*yes = 1;
		} else if (strcasecmp(t, "n") == 0 || strcasecmp(t, "no") == 0) {
			*yes = 0;
		} else {
			rw_term_printf(stdout, "Please answer y or n.\n");
			free(t);
			continue;
		}
		free(t);
		return 0;
	}
}

int
plain_ask_letter(struct plain_session *s, const char *choices, const char *letters, int def)
{
	char prompt[512], *line, *t;
	int c;

	snprintf(prompt, sizeof(prompt), "%s [%c]: ", choices, def);
	for (;;) {
		if (plain_ask(s, prompt, PLAIN_ECHO_NO_HISTORY, &line) < 0)
			return -1;
		t = plain_trim(line);
		free(line);
		if (!t)
			return plain_nomem(s);
		c = !*t ? def : !t[1] ? (t[0] | 0x20) : 0;
		free(t);
		if (c && strchr(letters, c)) {
			if (c == 'q') {
				s->end = PLAIN_END_QUIT;
				return -1;
			}
			return c;
		}
		rw_term_printf(stdout, "Type one of the letters shown: %s.\n", choices);
	}
}
