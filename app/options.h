#ifndef ROTWIZ_APP_OPTIONS_H
#define ROTWIZ_APP_OPTIONS_H

/*
 * The command line (doc/contract.md section 4), read with getopt_long.  Field
 * flags land in a struct rw_answers of their own, so that main can lay
 * them over a --from-file body ("flags override the file").  There is no
 * --token: a token on the command line shows in ps.
 */

#include <stddef.h>
#include <time.h>

#include "libcore/app.h"
#include "common/status.h"
#include "forms/field.h"
#include "forms/validate.h"

enum options_action {
	OPTIONS_RUN,		/* go on with the wizard or the batch run */
	OPTIONS_HELP,		/* --help: print options_help_text(), exit 0 */
	OPTIONS_VERSION,	/* --version */
};

/*
 * Reads argv into *opt (pointers into argv) and the field flags into
 * *flags (which the caller initialised).  A flag value that cannot even be
 * read (--rotate-at 7) is added to *problems and parsing goes on, so that
 * every bad value is reported together; range checks are the validator's.
 * Returns RW_OK, or RW_EUSAGE with one line in msg (unknown option, --token,
 * a missing argument, a stray word) - the line has no "rotwiz: " prefix.
 */
enum rw_status options_parse(int argc, char **argv, struct app_options *opt,
			     struct rw_answers *flags, struct rw_problems *problems,
			     enum options_action *action, char *msg, size_t msgsz);

/*
 * --rotate-at HH:MM (UTC): sets the hours and minutes answers ("7:05" ->
 * "7" and "5").  Anything else adds one problem per fault to *problems
 * and leaves the answers alone.  Returns the number of problems added.
 */
int options_parse_rotate_at(const char *text, struct rw_answers *answers,
			    struct rw_problems *problems);

/*
 * --rotate-at-local HH:MM: the same in the zone of TZ, turned into UTC by
 * the zone's offset at now (forms/schedule.h).  Returns the number of
 * problems added (0 or 1).
 */
int options_parse_rotate_at_local(const char *text, time_t now, struct rw_answers *answers,
				  struct rw_problems *problems);

/*
 * The command a word names ("list", "show", "rotate", "edit", "delete",
 * "status": a static string), or NULL when it is none.  options_parse()
 * reads argv[1] so: `rotwiz list --project X` sets opt->command, and the
 * commands that act on one rotation take one operand, opt->target.
 */
const char *options_command(const char *word);
int options_command_takes_target(const char *command);

/* The --help text, for stdout. */
const char *options_help_text(void);
/* The i-th long option's name without dashes, NULL past the end (tests). */
const char *options_long_name(size_t i);

#endif
