#include "config.h"

/*
 * rotwiz-sandbox as a program: its options, its first line, its exit codes
 * and its response to SIGTERM and SIGINT.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/sandbox/client.h"
#include "tests/tap.h"

struct run {
	int status;		/* exit code, or 128 + signal, or -1 when it hung */
	char out[8192];
	char err[8192];
};

/* Reads what is there on fd into buf (appending) without blocking. */
static void
drain(int fd, char *buf, size_t size)
{
	size_t len = strlen(buf);
	ssize_t n;

	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t) n;
	buf[len] = '\0';
}

/* Runs the sandbox with args to completion (3 s at most). */
static void
run(const char *const *args, struct run *r)
{
	const char *top = getenv("top_builddir");
	char program[4096];
	const char *argv[32];
	int out[2], err[2], n = 0, status = 0, i;
	struct timespec start, now;
	pid_t pid, done = 0;

	memset(r, 0, sizeof(*r));
	r->status = -1;
	snprintf(program, sizeof(program), "%s/rotwiz-sandbox", top && *top ? top : ".");
	argv[n++] = program;
	for (i = 0; args[i] && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if (pipe(out) < 0 || pipe(err) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(out[0]);
		close(err[0]);
		execv(program, (char *const *) argv);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	fcntl(err[0], F_SETFL, O_NONBLOCK);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		drain(out[0], r->out, sizeof(r->out));
		drain(err[0], r->err, sizeof(r->err));
		done = waitpid(pid, &status, WNOHANG);
		if (done)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 > 3000) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		usleep(5000);
	}
	drain(out[0], r->out, sizeof(r->out));
	drain(err[0], r->err, sizeof(r->err));
	close(out[0]);
	close(err[0]);
	if (done > 0)
		r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void
refused(const char *const *args, const char *name, const char *says)
{
	struct run r;

	run(args, &r);
	if (!ok(r.status == 2 && strstr(r.err, says) && !r.out[0], "%s", name))
		diag("exit %d, stdout \"%s\", stderr \"%s\"", r.status, r.out, r.err);
}

/* Starts one, signals it, and requires a quick exit 0. */
static void
stops_on(int signo, const char *name)
{
	struct sbc_server s;
	struct timespec start, now;
	int status = 0;
	pid_t done = 0;
	long ms = 0;

	if (sbc_start(&s, NULL) < 0) {
		ok(0, "%s", name);
		return;
	}
	kill(s.pid, signo);
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!done && ms < 5000) {
		done = waitpid(s.pid, &status, WNOHANG);
		usleep(5000);
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
	}
	if (!done) {
		kill(s.pid, SIGKILL);
		waitpid(s.pid, &status, 0);
	}
	if (!ok(done > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && ms < 2000, "%s", name))
		diag("done %d, status %d, %ld ms", (int) done, status, ms);
	s.pid = 0;
	close(s.out_fd);
	unlink(s.err_path);
}

int
main(void)
{
	struct sbc_server s, t;
	struct sbc_reply r;
	struct run out;
	char port[16];

	/* Nasty command lines first. */
	refused((const char *const[]) { "--port", "65536", NULL }, "port_above_65535_is_refused", "--port");
	refused((const char *const[]) { "--port", "-1", NULL }, "negative_port_is_refused", "--port");
	refused((const char *const[]) { "--port", "80x", NULL }, "port_with_letters_is_refused", "--port");
	refused((const char *const[]) { "--latency", "soon", NULL }, "latency_must_be_milliseconds", "--latency");
	refused((const char *const[]) { "--fault", "GET /x", NULL }, "fault_without_action_is_refused",
		"METHOD PATH=ACTION");
	refused((const char *const[]) { "--fault", "get /x=500", NULL }, "fault_method_must_be_upper_case",
		"upper case");
	refused((const char *const[]) { "--fault", "GET x=500", NULL }, "fault_path_must_start_with_slash",
		"start with '/'");
	refused((const char *const[]) { "--fault", "GET /x=explode", NULL }, "fault_unknown_action_is_refused",
		"unknown action");
	refused((const char *const[]) { "--fault", "GET /x=200", NULL }, "fault_status_below_400_is_refused",
		"unknown action");
	refused((const char *const[]) { "--fault", "GET /x=503@0", NULL }, "fault_count_must_be_positive",
		"@N");
	refused((const char *const[]) { "--fault", "GET /x?a=1=503", NULL }, "fault_path_with_query_is_refused",
		"without its query");
	refused((const char *const[]) { "--now", "yesterday", NULL }, "now_must_be_an_iso_time", "--now");
	refused((const char *const[]) { "--now", "2025-02-30T00:00:00Z", NULL }, "now_refuses_impossible_dates",
		"--now");
	refused((const char *const[]) { "--bogus", NULL }, "unknown_option_exits_2", "--help");
	refused((const char *const[]) { "extra", NULL }, "stray_argument_exits_2", "unexpected argument");

	run((const char *const[]) { "--help", NULL }, &out);
	ok(out.status == 0 && strstr(out.out, "Usage: rotwiz-sandbox") && strstr(out.out, "--fault") &&
	   strstr(out.out, "sandbox-client-id"), "help_exits_0_and_shows_usage");

	if (sbc_start(&s, NULL) < 0)
		return done_testing();
	ok(s.port > 0, "first_line_names_a_loopback_url_with_the_port");
	snprintf(port, sizeof(port), "%u", s.port);
	run((const char *const[]) { "--port", port, NULL }, &out);
	if (!ok(out.status == 1 && strstr(out.err, "cannot listen on 127.0.0.1:") && !out.out[0],
		"busy_port_exits_1_with_the_reason"))
		diag("exit %d, stderr \"%s\"", out.status, out.err);
	sbc_get(&s, "/api/v1/projects", &r);
	ok(r.code == CURLE_OK && r.status == 200, "answers_on_the_printed_port");
	sbc_reply_free(&r);
	ok(sbc_stop(&s), "sigterm_exits_0_with_a_clean_stderr");

	/* The fixed port a user asks for is the port it gets. */
	if (sbc_start(&t, NULL) == 0) {
		unsigned free_port = t.port;

		sbc_stop(&t);
		snprintf(port, sizeof(port), "%u", free_port);
		if (sbc_start(&t, (const char *const[]) { "--port", port, NULL }) == 0) {
			ok(t.port == free_port, "explicit_port_is_used");
			sbc_stop(&t);
		} else {
			ok(0, "explicit_port_is_used");
		}
	}
	stops_on(SIGINT, "sigint_exits_0");
	stops_on(SIGTERM, "sigterm_exits_0_within_2_seconds");
	return done_testing();
}
