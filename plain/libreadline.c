#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

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
		void *sym; \
		if (!(sym = dlsym(lib, symname))) { \
			snprintf(why, sizeof(why), RW_LIBREADLINE_SONAME " lacks " symname \
				 " (%s) -- rotwiz needs GNU readline 8", dlerror()); \
			return; \
		} \
		*(void **) (void *) &table.name = sym; \
	} while (0)

static void
load(void)
{
	void *lib;
	const char *err;

	lib = dlopen(RW_LIBREADLINE_SONAME, RTLD_LAZY | RTLD_LOCAL);
	if (!lib) {
		err = dlerror();
		snprintf(why, sizeof(why), RW_LIBREADLINE_SONAME " could not be loaded (%s) -- "
			 "plain mode needs GNU readline at run time (Debian: apt-get install libreadline8)",
			 err ? err : "no reason given");
		return;
	}
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
