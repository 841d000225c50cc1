#include "config.h"

#include <pthread.h>
#include <stdio.h>

#include "common/dynlib.h"
#include "plain/libreadline.h"

static struct rw_libreadline table;
static int loaded;
static char why[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/*
 * FUNC(name, prefix): table.name = dlsym(prefix name); VAR(name): table.name
 * = dlsym(rl_name), the variable's address.  The sizeof is never evaluated
 * (no reference to readline's symbol is made), but the compiler checks that
 * readline.h's declaration fits the table's pointer.
 */
#define FUNC(name, sym) do { \
		(void) sizeof(table.name = sym); \
		RESOLVE(name, #sym); \
	} while (0)
#define VAR(name) do { \
		(void) sizeof(table.name = &rl_##name); \
		RESOLVE(name, "rl_" #name); \
	} while (0)
#define RESOLVE(name, symname) do { \
		void *sym = rw_dynlib_sym(lib, RW_LIBREADLINE_SONAME, symname, \
					  "rotwiz needs GNU readline 8", why, sizeof(why)); \
		if (!sym) \
			return; \
		*(void **) (void *) &table.name = sym; \
	} while (0)

static void
load(void)
{
	void *lib = rw_dynlib_open(RW_LIBREADLINE_SONAME, "plain mode needs GNU readline at run "
				   "time (Debian: apt-get install libreadline8)", why, sizeof(why));

	if (!lib)
		return;
	FUNC(completion_matches, rl_completion_matches);
	FUNC(insert_text, rl_insert_text);
	FUNC(redisplay, rl_redisplay);
	FUNC(callback_handler_install, rl_callback_handler_install);
	FUNC(callback_handler_remove, rl_callback_handler_remove);
	FUNC(callback_read_char, rl_callback_read_char);
	FUNC(callback_sigcleanup, rl_callback_sigcleanup);
	FUNC(free_line_state, rl_free_line_state);
	FUNC(using_history, using_history);
	FUNC(clear_history, clear_history);
	FUNC(add_history, add_history);
	VAR(readline_name);
	VAR(instream);
	VAR(outstream);
	VAR(catch_signals);
	VAR(catch_sigwinch);
	VAR(change_environment);
	VAR(completer_word_break_characters);
	VAR(attempted_completion_function);
	VAR(attempted_completion_over);
	VAR(completion_suppress_append);
	VAR(pre_input_hook);
	VAR(end);
	VAR(line_buffer);
	loaded = 1;
}

const struct rw_libreadline *
rw_libreadline_load(void)
{
	pthread_once(&once, load);
	return loaded ? &table : NULL;
}

const char *
rw_libreadline_error(void)
{
	return why[0] ? why : NULL;
}
