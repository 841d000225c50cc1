/*
 * Slowloris: many connections that send part of a request's headers and
 * hold, a byte now and then, must not stop the sandbox answering anyone
 * (sandbox/server.h).  Past its limit the oldest held connection makes way
 * for a new client, and a connection whose headers are late is closed.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "tests/sandbox/client.h"
#include "tests/tap.h"

#define HELD 300		/* more than the 256 that used to lock everyone out */
#define PARTIAL "GET /sandbox/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "

/* A connection with a partial request sent; -1 when it could not connect. */
static int
hold_one(unsigned port)
{
	struct sockaddr_in addr;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((unsigned short) port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *) &addr, sizeof(addr)) < 0 ||
	    send(fd, PARTIAL, strlen(PARTIAL), MSG_NOSIGNAL) < 0) {
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

/* 1 when the server has closed fd (end of file or reset); nothing was answered on it. */
static int
closed_by_server(int fd, int *answered)
{
	char buf[256];
	ssize_t n = recv(fd, buf, sizeof(buf), 0);

	if (n > 0)
		*answered = 1;
	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

/* One more header byte on every held connection still open (keeps an idle timeout away). */
static void
trickle(int *fds, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (fds[i] >= 0 && send(fds[i], "x", 1, MSG_NOSIGNAL) < 0) {
			close(fds[i]);
			fds[i] = -1;
		}
}

static void
normal_request_is_answered(const struct sbc_server *s, const char *name)
{
	struct sbc_options o = { .timeout_ms = 10000 };	/* a cap, not a wait: loaded machines */
	struct sbc_reply r;

	sbc_request(s, "GET", "/api/v1/projects", &o, &r);
	if (!ok(r.code == CURLE_OK && r.status == 401, "%s", name))
		diag("curl %d (%s), status %ld", (int) r.code, curl_easy_strerror(r.code), r.status);
	sbc_reply_free(&r);
}

int
main(void)
{
	const char *const args[] = { "--header-timeout", "2", NULL };
	struct sbc_server s;
	struct rlimit rl;
	int fds[HELD], i, held = 0, open_now = HELD, answered = 0;
	double start, last_closed = 0;

	/* 300 sockets here, and the sandbox's own, fit in the usual 1024. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < HELD + 64) {
		printf("1..0 # SKIP needs %d open files, the limit is %ld\n", HELD + 64,
		       (long) rl.rlim_cur);
		return 0;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (sbc_start(&s, args) < 0)
		return done_testing();
	start = sbc_now();
	for (i = 0; i < HELD; i++) {
		fds[i] = hold_one(s.port);
		held += fds[i] >= 0;
	}
	ok(held == HELD, "all_%d_partial_connections_are_made", HELD);
	trickle(fds, HELD);
	normal_request_is_answered(&s, "a_normal_request_is_answered_while_they_hold");
	normal_request_is_answered(&s, "and_another");

	/* Every held one is closed: made way for a newer one, or its headers were late. */
	while (sbc_now() - start < 20) {
		open_now = 0;
		for (i = 0; i < HELD; i++) {
			if (fds[i] < 0)
				continue;
			if (closed_by_server(fds[i], &answered)) {
				close(fds[i]);
				fds[i] = -1;
				last_closed = sbc_now() - start;
			} else {
				open_now++;
			}
		}
		if (!open_now)
			break;
		trickle(fds, HELD);
		usleep(200000);
	}
	ok(open_now == 0, "every_held_connection_is_closed");
	if (!ok(last_closed >= 1.5, "the_last_only_after_its_header_timeout"))
		diag("the last one closed after %.1f s (header timeout 2 s)", last_closed);
	ok(!answered, "none_of_them_is_answered");
	for (i = 0; i < HELD; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	normal_request_is_answered(&s, "a_normal_request_is_answered_afterwards");
	ok(sbc_stop(&s), "sigterm_exits_0_with_a_clean_stderr");
	curl_global_cleanup();
	return done_testing();
}
