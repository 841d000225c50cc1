#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libcore/app.h"
#include "common/term.h"
#include "app/batch.h"
#include "app/setup.h"
#include "app/demo.h"
#include "app/manage.h"
#include "app/options.h"
#include "common/secret.h"
#include "plain/plain.h"
#include "tui/tui.h"

/* Starts --demo's sandbox when something will be sent, runs the front-end. */
static int
run(struct app *app)
{
	int demo = app->opt.demo && (app->mode != APP_MODE_BATCH || app->opt.yes);
	char msg[1024];
	int rc;

	if (demo) {
		if ((rc = demo_begin(app)) >= 0)
			return rc;
		/* Curses shows it on every screen; the line modes say it once, first. */
		if (app->mode != APP_MODE_CURSES && app_demo_banner(app, 0, msg, sizeof(msg)))
			rw_term_printf(stderr, "rotwiz: %s\n", msg);
	}
	switch (app->mode) {
	case APP_MODE_BATCH:
		rc = batch_run(app);
		break;
	case APP_MODE_PLAIN:
		rc = plain_run(app);
		break;
	default:
		rc = tui_run(app);
		break;
	}
	if (demo)
		demo_stop(app);
	return rc;
}

/*
 * Decision 19: a closed fd 0-2 is opened on /dev/null, before anything
 * else opens a file or a socket -- else the lowest free number would make
 * libcurl's socket or the debug log our stdout or stderr.
 */
static void
fds_open(void)
{
	int fd, got;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		got = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (got >= 0 && got != fd) {
			dup2(got, fd);
			close(got);
		}
	}
}

/*
 * What is left on stdout is written out: a failure to (a full disk) is said
 * once, never a silent exit.  rc stands when it already tells a failure (a
 * created rotation's summary says its own).  A reader that went away
 * (`rotwiz list | head`) chose to stop reading: that ends quietly with the
 * status a SIGPIPE would have given, as other tools in a pipeline do.
 */
/* Why the last write to stdout failed, when it failed before the final flush (a long --help). */
static int stdout_errno;

static int
stdout_close(int rc)
{
	int e;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	e = errno ? errno : stdout_errno;
	if (rc == 0 && e == EPIPE)
		return 128 + SIGPIPE;
	if (rc == 0)
		rw_term_printf(stderr, "rotwiz: the output could not be written: %s\n",
			e ? strerror(e) : "write error");
	return rc == 0 ? 1 : rc;
}

int
main(int argc, char **argv)
{
	struct app app;
	struct rw_answers flags;
	struct rw_problems problems;
	enum options_action action;
	char msg[512];
	int rc;

	fds_open();
	/* A reader gone is a write error to report (EPIPE), not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	secret_protect_process();
	app_init(&app);
	rw_answers_init(&flags);
	memset(&problems, 0, sizeof(problems));
	if (options_parse(argc, argv, &app.opt, &flags, &problems, &action, msg,
			  sizeof(msg)) != RW_OK) {
		rw_term_printf(stderr, "rotwiz: %s\n", msg);
		rc = 2;
	} else if (action == OPTIONS_HELP) {
		/* Longer than stdio's buffer: a full disk fails it here, not at the flush. */
		errno = 0;
		if (fputs(app.opt.command ? manage_help_text(app.opt.command) : options_help_text(),
			  stdout) == EOF)
			stdout_errno = errno;
		rc = 0;
	} else if (action == OPTIONS_VERSION) {
		rw_term_printf(stdout, "%s\n", PACKAGE_STRING);
		rc = 0;
	} else if ((rc = setup_run(&app, &flags, &problems)) < 0 && app.opt.command &&
		   strcmp(app.opt.command, "manage") == 0) {
		/* rotwiz manage: the Rotations screen (curses), or plain mode's numbered choices. */
		if (!isatty(STDIN_FILENO) && !app.opt.plain) {
			rw_term_printf(stderr, "rotwiz: rotwiz manage needs a terminal -- for scripts use "
				"rotwiz list, show, rotate, edit, delete or status\n");
			rc = rw_status_exit_code(RW_EUSAGE);
		} else if ((rc = setup_choose_mode(&app, 1)) < 0) {
			rc = run(&app);
		}
	} else if (rc < 0 && app.opt.command) {
		/* rotwiz list, show, rotate, edit, delete, status: commands for scripts. */
		app.mode = APP_MODE_BATCH;
		rc = manage_run(&app);
	} else if (rc < 0 && (rc = setup_choose_mode(&app, isatty(STDIN_FILENO))) < 0) {
		rc = run(&app);
	}
	rw_answers_free(&flags);
	app_free(&app);
	return stdout_close(rc);
}
