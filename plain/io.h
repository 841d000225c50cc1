#ifndef ROTWIZ_PLAIN_IO_H
#define ROTWIZ_PLAIN_IO_H

/*
 * Line input for plain mode.  On a terminal, GNU readline through its
 * callback interface, so the network keeps moving while the user types
 * (the wait function below drives it); from a pipe, one line at a time
 * with plain stdio, since readline has nothing to edit there.  Secrets are
 * read without echo and never reach the history.  Output is plain text on
 * stdout: no colour, no cursor movement.
 */

#include <stddef.h>

enum plain_read {
	PLAIN_READ_LINE,	/* *line holds the answer (caller frees) */
	PLAIN_READ_EOF,		/* input ended */
	PLAIN_READ_INTERRUPT,	/* Ctrl-C while asking */
	PLAIN_READ_SIGNAL,	/* SIGTERM or SIGHUP: the run ends (plain_io_signal() says which) */
	PLAIN_READ_TOO_LONG,	/* the line was longer than PLAIN_LINE_MAX and was dropped */
	PLAIN_READ_NOMEM,
};

/* The longest answer kept; longer lines are dropped whole. */
#define PLAIN_LINE_MAX 65536

/* How an answer is read. */
enum plain_echo {
	PLAIN_ECHO,		/* normal answer: edited, kept in history */
	PLAIN_ECHO_NO_HISTORY,	/* shown but not kept (IDs of credentials) */
	PLAIN_ECHO_SECRET,	/* not shown, not kept, wiped after use */
	PLAIN_ECHO_NONE,	/* as SECRET, and not even its newline: the caller overwrites the line */
};

/*
 * Blocks until fd is readable or about 200 ms passed, doing other work
 * (the network) meanwhile.  Returns 1 when fd is readable.
 */
typedef int (*plain_wait_fn)(void *ctx, int fd);

/*
 * Candidates for Tab completion: the answers that start with text.
 * Returns a NULL-terminated array of strings, all malloc'd (caller frees),
 * or NULL for none.
 */
typedef char **(*plain_complete_fn)(void *ctx, const char *text);

/*
 * What plain mode exits with when readline cannot be loaded: 1, as for
 * output that cannot be written (doc/contract.md section 6).
 */
#define PLAIN_EXIT_NO_READLINE 1

/*
 * Loads GNU readline (plain/libreadline.c) when stdin is a terminal, before
 * plain_io_open(): 0 when it is loaded or not needed; -1 when it cannot be
 * loaded, said on stderr naming the library and the loader's reason.
 */
int plain_io_load(void);

/*
 * Sets up stdin/stdout once: readline when stdin is a terminal, the
 * SIGINT handler (it only raises a flag).  wait (may be NULL: plain poll)
 * is used while the user types.
 */
void plain_io_open(plain_wait_fn wait, void *wait_ctx);
/* Restores the SIGINT handler and frees readline's history. */
void plain_io_close(void);
/* Nonzero when stdin is a terminal (readline, no-echo secrets, questions on Ctrl-C). */
int plain_io_is_tty(void);

/* What Tab offers at the next prompts (NULL: nothing). */
void plain_io_set_completion(plain_complete_fn complete, void *ctx);

/*
 * Prints prompt and reads one line, without its newline.  When stdin is
 * not a terminal the answer is echoed after the prompt (secrets are not),
 * so a transcript reads like a session.
 */
enum plain_read plain_io_read(const char *prompt, enum plain_echo echo, char **line);

/* Nonzero once when Ctrl-C was pressed since the last call (clears it). */
int plain_io_take_interrupt(void);

/* SIGTERM or SIGHUP came (its number; it stays until the run ends), else 0. */
int plain_io_signal(void);

/*
 * Prints text (often the server's, or an answer echoed from a pipe) on one
 * line, escaped by the terminal rule (common/term.h).
 */
void plain_print_clean(const char *text);

/* A NULL-terminated copy of the words in list that start with text (for completion). */
char **plain_io_matches(const char *const *list, size_t count, const char *text);

#endif
