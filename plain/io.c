#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "common/secret.h"
#include "common/term.h"
#include "plain/io.h"
#include "plain/libreadline.h"

static int io_tty;
/* readline, once plain_io_load() has loaded it (a terminal only). */
static const struct rw_libreadline *rl;
static plain_wait_fn io_wait;
static void *io_wait_ctx;
static struct sigaction io_old_sigint, io_old_sigterm, io_old_sighup;
static int io_open;
static volatile sig_atomic_t io_sigint;
/* SIGTERM or SIGHUP: the run ends (decision 20); it stays set until then. */
static volatile sig_atomic_t io_fatal;

/* The line readline handed over (callback interface). */
static char *rl_got;
static int rl_done_reading;

/*
 * What was typed when Ctrl-C came, and at which prompt: put back when the
 * same question is asked again ("Quit?" answered no), so nothing is lost.
 */
static char *partial_text;
static char *partial_prompt;

static plain_complete_fn io_complete;
static void *io_complete_ctx;
static char **comp_list;
static size_t comp_pos;

static void
forget_partial(void)
{
	free(partial_text);
	free(partial_prompt);
	partial_text = partial_prompt = NULL;
}

/* The handler only raises a flag: the loop asks "Quit?" where it is safe. */
static void
on_sigint(int sig)
{
	(void) sig;
	io_sigint = 1;
}

/* SIGTERM, SIGHUP: no question is asked, the loop saves the draft and ends. */
static void
on_fatal(int sig)
{
	io_fatal = sig;
}

int
plain_io_take_interrupt(void)
{
	/* A fatal signal stops every wait too, and stays for the next read to end the run. */
	if (io_fatal)
		return 1;
	if (!io_sigint)
		return 0;
	io_sigint = 0;
	return 1;
}

int
plain_io_signal(void)
{
	return io_fatal;
}

int
plain_io_is_tty(void)
{
	return io_tty;
}

static int
default_wait(void *ctx, int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };

	(void) ctx;
	return poll(&p, 1, 200) > 0;
}

/* readline's generator: hands out the precomputed list, which readline then frees. */
static char *
comp_next(const char *text, int state)
{
	(void) text;
	if (state == 0)
		comp_pos = 0;
	if (!comp_list || !comp_list[comp_pos])
		return NULL;
	return comp_list[comp_pos++];
}

static char **
attempt_completion(const char *text, int start, int end)
{
	char **matches;
	size_t i;

	(void) start;
	(void) end;
	/* Never fall back to file names: an answer is never a local file. */
	*rl->attempted_completion_over = 1;
	*rl->completion_suppress_append = 1;
	if (!io_complete)
		return NULL;
	comp_list = io_complete(io_complete_ctx, text);
	matches = comp_list ? rl->completion_matches(text, comp_next) : NULL;
	if (comp_list) {
		for (i = comp_pos; comp_list[i]; i++)
			free(comp_list[i]);
		free(comp_list);
	}
	comp_list = NULL;
	return matches;
}

void
plain_io_set_completion(plain_complete_fn complete, void *ctx)
{
	io_complete = complete;
	io_complete_ctx = ctx;
}

char **
plain_io_matches(const char *const *list, size_t count, const char *text)
{
	size_t i, j, n = 0, len = strlen(text);
	char **out = calloc(count + 1, sizeof(*out));

	if (!out)
		return NULL;
	for (i = 0; i < count; i++) {
		if (!list[i] || strncmp(list[i], text, len) != 0)
			continue;
		/* The same word twice (a name equal to a slug) is offered once. */
		for (j = 0; j < n && strcmp(out[j], list[i]) != 0; j++)
			;
		if (j < n)
			continue;
		if (!(out[n] = strdup(list[i])))
			break;
		n++;
	}
	if (!n) {
		free(out);
		return NULL;
	}
	return out;
}

int
plain_io_load(void)
{
	if (!isatty(STDIN_FILENO))
		return 0;
	if (!(rl = rw_libreadline_load())) {
		rw_term_printf(stderr, "rotwiz: %s\n", rw_libreadline_error());
		return -1;
	}
	return 0;
}

void
plain_io_open(plain_wait_fn wait, void *wait_ctx)
{
	struct sigaction sa;

	/* readline only where plain_io_load() loaded it. */
	io_tty = isatty(STDIN_FILENO) && rl;
	io_wait = wait ? wait : default_wait;
	io_wait_ctx = wait_ctx;
	io_sigint = 0;

	/* No SA_RESTART: a blocked read must come back so the loop can ask. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &io_old_sigint);
	sa.sa_handler = on_fatal;
	sigaction(SIGTERM, &sa, &io_old_sigterm);
	sigaction(SIGHUP, &sa, &io_old_sighup);

	if (io_tty) {
		*rl->readline_name = "rotwiz";
		*rl->instream = stdin;
		*rl->outstream = stdout;
		/* Our handler decides what Ctrl-C means; readline must not. */
		*rl->catch_signals = 0;
		*rl->catch_sigwinch = 0;
		*rl->change_environment = 0;
		/* The whole answer is one word: project names hold spaces. */
		*rl->completer_word_break_characters = "";
		*rl->attempted_completion_function = attempt_completion;
		rl->using_history();
	}
	io_open = 1;
}

void
plain_io_close(void)
{
	if (!io_open)
		return;
	sigaction(SIGINT, &io_old_sigint, NULL);
	sigaction(SIGTERM, &io_old_sigterm, NULL);
	sigaction(SIGHUP, &io_old_sighup, NULL);
	if (io_tty) {
		rl->callback_handler_remove();
		rl->clear_history();
		forget_partial();
	}
	io_complete = NULL;
	io_complete_ctx = NULL;
	io_open = 0;
}

static int
put_back_partial(void)
{
	if (partial_text) {
		rl->insert_text(partial_text);
		rl->redisplay();
	}
	forget_partial();
	*rl->pre_input_hook = NULL;
	return 0;
}

static void
on_line(char *line)
{
	rl_got = line;
	rl_done_reading = 1;
	/* Removed here, else readline would show the prompt again at once. */
	rl->callback_handler_remove();
}

static enum plain_read
read_tty_line(const char *prompt, enum plain_echo echo, char **line)
{
	rl_got = NULL;
	rl_done_reading = 0;
	fflush(stdout);
	if (partial_prompt && strcmp(partial_prompt, prompt) == 0)
		*rl->pre_input_hook = put_back_partial;
	rl->callback_handler_install(prompt, on_line);
	while (!rl_done_reading) {
		if (io_fatal) {
			/* readline's terminal settings go back before the run ends. */
			rl->free_line_state();
			rl->callback_sigcleanup();
			rl->callback_handler_remove();
			fputc('\n', stdout);
			return PLAIN_READ_SIGNAL;
		}
		if (io_sigint) {
			io_sigint = 0;
			forget_partial();
			if (*rl->end > 0) {
				partial_text = strndup(*rl->line_buffer, (size_t) *rl->end);
				partial_prompt = strdup(prompt);
			}
			rl->free_line_state();
			rl->callback_sigcleanup();
			rl->callback_handler_remove();
			fputc('\n', stdout);
			return PLAIN_READ_INTERRUPT;
		}
		/*
		 * A Ctrl-C that came during the wait is taken first: keys typed
		 * after it ("y" at the quit question) must not reach this prompt.
		 */
		if (io_wait(io_wait_ctx, STDIN_FILENO) == 1 && !io_sigint && !io_fatal)
			rl->callback_read_char();
	}
	if (!rl_got) {
		fputc('\n', stdout);
		return PLAIN_READ_EOF;
	}
	if (strlen(rl_got) > PLAIN_LINE_MAX) {
		free(rl_got);
		return PLAIN_READ_TOO_LONG;
	}
	if (echo == PLAIN_ECHO && rl_got[0])
		rl->add_history(rl_got);
	*line = rl_got;
	return PLAIN_READ_LINE;
}

/*
 * Reads up to a newline into buf (PLAIN_LINE_MAX + 1 bytes).  Without a
 * terminal, stdio; with one (secrets), read(2) byte by byte, so that
 * nothing is left in a stdio buffer behind readline's back.
 */
static enum plain_read
read_raw_line(char *buf, size_t *len, int use_read)
{
	size_t n = 0;
	int too_long = 0, c;

	for (;;) {
		if (io_fatal)
			return PLAIN_READ_SIGNAL;
		if (io_sigint) {
			io_sigint = 0;
			return PLAIN_READ_INTERRUPT;
		}
		if (use_read) {
			unsigned char ch;
			ssize_t r;

			if (io_wait(io_wait_ctx, STDIN_FILENO) != 1 || io_sigint || io_fatal)
				continue;
			r = read(STDIN_FILENO, &ch, 1);
			if (r < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
			c = r == 1 ? ch : EOF;
		} else {
			c = getc(stdin);
			if (c == EOF && ferror(stdin) && errno == EINTR) {
				clearerr(stdin);
				continue;
			}
		}
		if (c == EOF) {
			if (n == 0 && !too_long)
				return PLAIN_READ_EOF;
			break;		/* a last line without its newline still counts */
		}
		if (c == '\n')
			break;
		if (n < PLAIN_LINE_MAX)
			buf[n++] = (char) c;
		else
			too_long = 1;
	}
	if (n && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	*len = n;
	return too_long ? PLAIN_READ_TOO_LONG : PLAIN_READ_LINE;
}

void
plain_print_clean(const char *text)
{
	rw_term_puts(text, stdout, 0);
}

enum plain_read
plain_io_read(const char *prompt, enum plain_echo echo, char **line)
{
	struct termios old, quiet;
	enum plain_read r;
	int restore = 0;
	size_t len = 0;
	char *buf, *shown;

	*line = NULL;
	/* A prompt quotes answers (from a draft, a flag, the server): escaped like all output. */
	if (!(shown = rw_term_dup(prompt, RW_TERM_LINES)))
		return PLAIN_READ_NOMEM;
	if (io_tty && echo != PLAIN_ECHO_SECRET && echo != PLAIN_ECHO_NONE) {
		r = read_tty_line(shown, echo, line);
		free(shown);
		return r;
	}

	if (!(buf = malloc(PLAIN_LINE_MAX + 1))) {
		free(shown);
		return PLAIN_READ_NOMEM;
	}
	/* Echo off before the prompt shows: keys typed the moment it appears stay hidden. */
	if (io_tty && tcgetattr(STDIN_FILENO, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t) ~ECHO;
		if (echo == PLAIN_ECHO_NONE)
			quiet.c_lflag &= (tcflag_t) ~ECHONL;
		else
			quiet.c_lflag |= ECHONL;
		restore = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
	}
	fputs(shown, stdout);
	free(shown);
	fflush(stdout);
	r = read_raw_line(buf, &len, io_tty);
	if (restore)
		tcsetattr(STDIN_FILENO, TCSANOW, &old);

	if (r == PLAIN_READ_LINE && !(*line = strdup(buf)))
		r = PLAIN_READ_NOMEM;
	/* The buffer may have held a secret: wipe before freeing. */
	secret_wipe(buf, len);
	free(buf);

	if (!io_tty && r == PLAIN_READ_LINE && echo != PLAIN_ECHO_SECRET && echo != PLAIN_ECHO_NONE)
		plain_print_clean(*line);
	/* End the prompt's line where the terminal did not (no echo, EOF, Ctrl-C, a pipe). */
	if (!io_tty || r != PLAIN_READ_LINE)
		fputc('\n', stdout);
	fflush(stdout);
	return r;
}
