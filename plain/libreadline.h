#ifndef ROTWIZ_PLAIN_LIBREADLINE_H
#define ROTWIZ_PLAIN_LIBREADLINE_H

/*
 * GNU readline, loaded when first needed (plain/io.c only), as net/libcurl.c
 * loads libcurl: rotwiz does not link readline, so the curses front-end,
 * flag mode and --version never map it.  plain_io_open() on a terminal
 * dlopen()s RW_LIBREADLINE_SONAME and resolves the names below with dlsym();
 * a variable's dlsym() is its address, so the table holds a pointer to each.
 * It stays loaded until exit.
 */

#include <stdio.h>

#include <readline/readline.h>
#include <readline/history.h>

#define RW_LIBREADLINE_SONAME "libreadline.so.8"

/* The readline functions and variables io.c uses, each rl_NAME as NAME. */
struct rw_libreadline {
	/* functions */
	char **(*completion_matches)(const char *text, rl_compentry_func_t *entry);
	int (*insert_text)(const char *text);
	void (*redisplay)(void);
	void (*callback_handler_install)(const char *prompt, rl_vcpfunc_t *handler);
	void (*callback_handler_remove)(void);
	void (*callback_read_char)(void);
	void (*callback_sigcleanup)(void);
	void (*free_line_state)(void);
	/* history functions, named as history.h names them */
	void (*using_history)(void);
	void (*clear_history)(void);
	void (*add_history)(const char *line);
	/* variables: their addresses */
	const char **readline_name;
	FILE **instream;
	FILE **outstream;
	int *catch_signals;
	int *catch_sigwinch;
	int *change_environment;
	const char **completer_word_break_characters;
	rl_completion_func_t **attempted_completion_function;
	int *attempted_completion_over;
	int *completion_suppress_append;
	rl_hook_func_t **pre_input_hook;
	int *end;
	char **line_buffer;
};

/*
 * The table, readline loaded on the first call (once, thread-safe); NULL if
 * it could not be loaded, rw_libreadline_error() then says why.
 */
const struct rw_libreadline *rw_libreadline_load(void);

/*
 * Why the load failed, naming the library and dlerror()'s words, e.g.
 * "libreadline.so.8 could not be loaded (libreadline.so.8: cannot open
 * shared object file: No such file or directory)"; NULL if none failed.
 */
const char *rw_libreadline_error(void);

#endif
