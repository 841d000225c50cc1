#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "common/clock.h"
#include "libcore/app.h"
#include "app/demo.h"

#define DEMO_PROGRAM "rotwiz-sandbox"
#define DEMO_BANNER "rotwiz-sandbox listening on http://127.0.0.1:"
/* The sandbox's user session token (sandbox/README.md): a published value, not a secret. */
#define DEMO_TOKEN "sandbox-user-token"
/* A cold start on a loaded CI machine; the sandbox itself needs milliseconds. */
#define DEMO_START_MS 10000
/* How long demo_stop() waits after SIGTERM before SIGKILL. */
#define DEMO_STOP_MS 3000

/*
 * The sandbox beside our own binary (a build tree, or an install where both
 * went to bindir), else in the configured bindir.  Returns 0 with the path
 * in buf, or -1.
 */
static int
find_sandbox(char *buf, size_t bufsz)
{
	char self[PATH_MAX];
	ssize_t n;
	char *slash;

	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			if ((size_t) snprintf(buf, bufsz, "%s/%s", self, DEMO_PROGRAM) < bufsz &&
			    access(buf, X_OK) == 0)
				return 0;
		}
	}
#ifdef ROTWIZ_BINDIR
	if ((size_t) snprintf(buf, bufsz, "%s/%s", ROTWIZ_BINDIR, DEMO_PROGRAM) < bufsz &&
	    access(buf, X_OK) == 0)
		return 0;
#endif
	return -1;
}

/*
 * Reads the sandbox's first line ("rotwiz-sandbox listening on
 * http://127.0.0.1:PORT") within DEMO_START_MS.  Returns the port, or 0.
 */
static unsigned
read_port(int fd, char *msg, size_t msgsz)
{
	char line[256];
	size_t len = 0;
	long deadline = rw_monotonic_ms() + DEMO_START_MS;
	char *end;
	unsigned long port;

	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		long left = deadline - rw_monotonic_ms();
		ssize_t n;

		if (memchr(line, '\n', len) != NULL)
			break;
		if (len >= sizeof(line) - 1) {
			snprintf(msg, msgsz, "%s printed an unexpected first line", DEMO_PROGRAM);
			return 0;
		}
		if (left <= 0) {
			snprintf(msg, msgsz, "%s did not start within %d seconds",
				 DEMO_PROGRAM, DEMO_START_MS / 1000);
			return 0;
		}
		if (poll(&pfd, 1, (int) left) < 0) {
			if (errno == EINTR)
				continue;
			snprintf(msg, msgsz, "waiting for %s: %s", DEMO_PROGRAM, strerror(errno));
			return 0;
		}
		n = read(fd, line + len, sizeof(line) - 1 - len);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			snprintf(msg, msgsz, "%s exited before it was ready", DEMO_PROGRAM);
			return 0;
		}
		len += (size_t) n;
	}
	line[len] = '\0';
	if (strncmp(line, DEMO_BANNER, strlen(DEMO_BANNER)) != 0) {
		snprintf(msg, msgsz, "%s printed an unexpected first line", DEMO_PROGRAM);
		return 0;
	}
	errno = 0;
	port = strtoul(line + strlen(DEMO_BANNER), &end, 10);
	if (errno != 0 || port == 0 || port > 65535 || *end != '\n') {
		snprintf(msg, msgsz, "%s announced no usable port", DEMO_PROGRAM);
		return 0;
	}
	return (unsigned) port;
}

enum rw_status
demo_start(struct app *app, char *msg, size_t msgsz)
{
	char path[PATH_MAX];
	char base[64];
	int fds[2];
	pid_t pid;
	unsigned port;

	if (app->demo_pid > 0) {
		snprintf(msg, msgsz, "the demo sandbox is already running");
		return RW_EUSAGE;
	}
	if (find_sandbox(path, sizeof(path)) < 0) {
		snprintf(msg, msgsz, "--demo needs %s beside rotwiz or in its install folder"
			 " -- install it with rotwiz (make install)", DEMO_PROGRAM);
		return RW_EUSAGE;
	}
	if (pipe(fds) < 0) {
		snprintf(msg, msgsz, "starting %s: %s", DEMO_PROGRAM, strerror(errno));
		return RW_EIO;
	}
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	pid = fork();
	if (pid < 0) {
		snprintf(msg, msgsz, "starting %s: %s", DEMO_PROGRAM, strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return RW_EIO;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		/*
		 * Its own process group, so a Ctrl-C meant for rotwiz's prompt
		 * never stops the server under it; rotwiz stops it by pid.  On
		 * Linux it also dies with rotwiz, even on SIGKILL.
		 */
		setpgid(0, 0);
#ifdef __linux__
		prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDERR_FILENO);	/* its chatter must not reach our screen */
		}
		dup2(fds[1], STDOUT_FILENO);
		execl(path, DEMO_PROGRAM, "--port", "0", (char *) NULL);
		_exit(127);
	}
	close(fds[1]);
	app->demo_pid = (int) pid;
	port = read_port(fds[0], msg, msgsz);
	/* The sandbox writes nothing after its first line and ignores SIGPIPE. */
	close(fds[0]);
	if (port == 0) {
		demo_stop(app);
		return RW_EIO;
	}
	snprintf(base, sizeof(base), "http://127.0.0.1:%u/api", port);
	free(app->api_base);
	app->api_base = strdup(base);
	free(app->token);
	app->token = strdup(DEMO_TOKEN);
	app->demo_token = DEMO_TOKEN;
	if (!app->api_base || !app->token) {
		snprintf(msg, msgsz, "out of memory");
		demo_stop(app);
		return RW_ENOMEM;
	}
	app->token_is_user_session = 1;
	app->credentials_given = 1;
	return RW_OK;
}

void
demo_stop(struct app *app)
{
	pid_t pid = (pid_t) app->demo_pid;
	int waited = 0;

	if (pid <= 0)
		return;
	app->demo_pid = 0;
	kill(pid, SIGTERM);
	for (;;) {
		struct timespec tick = { 0, 10 * 1000000L };
		pid_t r = waitpid(pid, NULL, WNOHANG);

		if (r == pid || (r < 0 && errno != EINTR))
			break;

		if (waited >= DEMO_STOP_MS) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			break;
		}
		nanosleep(&tick, NULL);
		waited += 10;
	}
}

int
demo_begin(struct app *app)
{
	char msg[1024];
	enum rw_status st;

	free(app->api_base);
	app->api_base = NULL;
	if ((st = demo_start(app, msg, sizeof(msg))) != RW_OK) {
		fprintf(stderr, "rotwiz: %s\n", msg);
		return rw_status_exit_code(st);
	}
	app->credentials_given = 1;
	return -1;
}
