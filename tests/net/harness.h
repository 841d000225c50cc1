#ifndef ROTWIZ_TESTS_NET_HARNESS_H
#define ROTWIZ_TESTS_NET_HARNESS_H

/*
 * Servers for the net/ tests, all on 127.0.0.1 and a free port:
 *
 *  - a real rotwiz-sandbox child ($top_builddir/rotwiz-sandbox --port 0
 *    [ARGS]), its URL read from its first line of stdout, its counters
 *    from GET /sandbox/stats;
 *  - a scripted fake (a forked child) that answers each request with the
 *    next canned reply and records the raw requests, for what only the
 *    wire shows: headers, encoding, how many times a POST went out.
 *
 * Header-only (static functions) so each test program stays one file.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#ifndef H_UNUSED
#define H_UNUSED __attribute__((unused))
#endif

H_UNUSED static double
h_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

H_UNUSED static char *
h_read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t) n + 1);
	if (buf) {
		n = (long) fread(buf, 1, (size_t) n, f);
		buf[n] = '\0';
	}
	fclose(f);
	return buf;
}

/* Occurrences of needle in hay. */
H_UNUSED static int
h_count(const char *hay, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);

	while (hay && (hay = strstr(hay, needle))) {
		n++;
		hay += len;
	}
	return n;
}

/* ---- the real sandbox ---- */

struct sandbox {
	pid_t pid;
	int port;
	char url[64];		/* http://127.0.0.1:PORT */
	char api[80];		/* ...PORT/api */
	char out[64];		/* its stdout */
};

H_UNUSED static const char *
h_builddir(void)
{
	const char *d = getenv("top_builddir");

	return d && *d ? d : ".";
}

H_UNUSED static int
sandbox_available(void)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/rotwiz-sandbox", h_builddir());
	return access(path, X_OK) == 0;
}

/* args: extra arguments, NULL-terminated (e.g. "--fault", "GET /x=500", NULL). */
H_UNUSED static int
sandbox_start(struct sandbox *sb, const char *const *args)
{
	char path[4096], *text;
	const char *argv[32];
	const char *prefix = "rotwiz-sandbox listening on http://127.0.0.1:";
	int argc = 0, fd, i;

	memset(sb, 0, sizeof(*sb));
	snprintf(path, sizeof(path), "%s/rotwiz-sandbox", h_builddir());
	snprintf(sb->out, sizeof(sb->out), "/tmp/rotwiz-net-sb.XXXXXX");
	fd = mkstemp(sb->out);
	if (fd < 0)
		return -1;
	argv[argc++] = path;
	argv[argc++] = "--port";
	argv[argc++] = "0";
	for (i = 0; args && args[i] && argc < 30; i++)
		argv[argc++] = args[i];
	argv[argc] = NULL;
	fflush(stdout);
	sb->pid = fork();
	if (sb->pid < 0)
		return -1;
	if (sb->pid == 0) {
		dup2(fd, 1);
		close(fd);
		execv(path, (char *const *) argv);
		_exit(127);
	}
	close(fd);
	for (i = 0; i < 200; i++) {
		text = h_read_file(sb->out);
		if (text && strncmp(text, prefix, strlen(prefix)) == 0 && strchr(text, '\n')) {
			sb->port = atoi(text + strlen(prefix));
			free(text);
			break;
		}
		free(text);
		if (waitpid(sb->pid, NULL, WNOHANG) == sb->pid) {
			sb->pid = 0;
			return -1;
		}
		usleep(20000);
	}
	if (sb->port <= 0)
		return -1;
	snprintf(sb->url, sizeof(sb->url), "http://127.0.0.1:%d", sb->port);
	snprintf(sb->api, sizeof(sb->api), "http://127.0.0.1:%d/api", sb->port);
	return 0;
}

H_UNUSED static void
sandbox_stop(struct sandbox *sb)
{
	if (sb->pid > 0) {
		kill(sb->pid, SIGTERM);
		waitpid(sb->pid, NULL, 0);
		sb->pid = 0;
	}
	if (sb->out[0])
		unlink(sb->out);
	sb->out[0] = '\0';
}

/*
 * A plain HTTP/1.0 request over its own connection (not through net/),
 * so the tests' own traffic is easy to tell apart.  Returns the body
 * (malloc'd) and the status in *status, or NULL.
 */
H_UNUSED static char *
h_http(int port, const char *method, const char *target, const char *headers,
       const char *body, int *status)
{
	struct sockaddr_in sa;
	char req[8192], *buf = NULL, *p;
	size_t len = 0, cap = 0;
	ssize_t n;
	int fd;

	*status = 0;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return NULL;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short) port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *) &sa, sizeof(sa)) < 0) {
		close(fd);
		return NULL;
	}
	snprintf(req, sizeof(req),
		 "%s %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s"
		 "Content-Length: %zu\r\n\r\n%s",
		 method, target, headers ? headers : "", body ? strlen(body) : 0, body ? body : "");
	if (write(fd, req, strlen(req)) < 0) {
		close(fd);
		return NULL;
	}
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			p = realloc(buf, cap);
			if (!p)
				break;
			buf = p;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n <= 0)
			break;
		len += (size_t) n;
	}
	close(fd);
	if (!buf)
		return NULL;
	buf[len] = '\0';
	if (sscanf(buf, "HTTP/%*s %d", status) != 1) {
		free(buf);
		return NULL;
	}
	p = strstr(buf, "\r\n\r\n");
	p = strdup(p ? p + 4 : "");
	free(buf);
	return p;
}

/* First number found under any of the given keys, searching nested objects. */
H_UNUSED static long
h_json_number(const cJSON *node, const char *const *keys)
{
	const cJSON *child;
	long v;
	int i;

	if (!node)
		return -1;
	for (i = 0; keys[i]; i++) {
		child = cJSON_GetObjectItemCaseSensitive(node, keys[i]);
		if (cJSON_IsNumber(child))
			return (long) child->valuedouble;
	}
	for (child = node->child; child; child = child->next) {
		if (cJSON_IsObject(child) && (v = h_json_number(child, keys)) >= 0)
			return v;
	}
	return -1;
}

/* The sandbox's counters; the stats request itself opens one connection. */
H_UNUSED static int
sandbox_stats(const struct sandbox *sb, long *connections, long *requests)
{
	static const char *const conn_keys[] = { "connections", "connectionsAccepted",
						  "connections_accepted", NULL };
	static const char *const req_keys[] = { "requests", "requestsServed",
						 "requests_served", NULL };
	char *body;
	cJSON *root;
	int status;

	body = h_http(sb->port, "GET", "/sandbox/stats", NULL, NULL, &status);
	if (!body || status != 200) {
		free(body);
		return -1;
	}
	root = cJSON_Parse(body);
	free(body);
	if (!root)
		return -1;
	*connections = h_json_number(root, conn_keys);
	if (requests)
		*requests = h_json_number(root, req_keys);
	cJSON_Delete(root);
	return *connections >= 0 ? 0 : -1;
}

/* ---- the scripted fake ---- */

/*
 * Canned replies, one per request in order.  Special ones:
 *   "DROP"   read the request, close without a word;
 *   "STALL"  read the request, never answer;
 *   "!raw"   write raw at once on accept, without reading, and close.
 * Any other reply is written as is; "Connection: close" in it closes the
 * connection afterwards, else the next request may come on the same one.
 */
struct fake {
	pid_t pid;
	int port;
	char api[80];
	char capture[64];
};

H_UNUSED static int
fake_read_request(int fd, char *buf, size_t cap, size_t *len)
{
	size_t n = 0, need = 0;
	ssize_t r;
	char *end, *cl;

	for (;;) {
		if (n + 1 >= cap)
			return -1;
		r = read(fd, buf + n, cap - n - 1);
		if (r <= 0)
			return -1;
		n += (size_t) r;
		buf[n] = '\0';
		end = strstr(buf, "\r\n\r\n");
		if (!end)
			continue;
		need = (size_t) (end - buf) + 4;
		for (cl = buf; (cl = strchr(cl, '\n')); cl++) {
			if (strncasecmp(cl + 1, "Content-Length:", 15) == 0) {
				need += (size_t) strtoul(cl + 16, NULL, 10);
				break;
			}
		}
		if (n >= need)
			break;
	}
	*len = n;
	return 0;
}

H_UNUSED static void
fake_serve(int lfd, const char *const *replies, const char *capture)
{
	static char buf[1 << 16];
	int next = 0, conn_no = 0, fd;
	size_t len;
	FILE *cap;

	signal(SIGPIPE, SIG_IGN);
	while (replies[next]) {
		fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			_exit(1);
		conn_no++;
		if (replies[next][0] == '!') {
			if (write(fd, replies[next] + 1, strlen(replies[next] + 1)) < 0)
				_exit(1);
			next++;
			usleep(200000);
			close(fd);
			continue;
		}
		while (replies[next] && fake_read_request(fd, buf, sizeof(buf), &len) == 0) {
			const char *reply = replies[next++];

			cap = fopen(capture, "a");
			if (cap) {
				fprintf(cap, "[conn %d]\n", conn_no);
				fwrite(buf, 1, len, cap);
				fputs("\n=====\n", cap);
				fclose(cap);
			}
			if (strcmp(reply, "DROP") == 0)
				break;
			if (strcmp(reply, "STALL") == 0) {
				sleep(60);
				break;
			}
			if (write(fd, reply, strlen(reply)) < 0)
				break;
			if (strstr(reply, "Connection: close"))
				break;
		}
		close(fd);
	}
	/* Let the client read the last answer before the socket goes. */
	usleep(300000);
	_exit(0);
}

H_UNUSED static int
fake_start(struct fake *f, const char *const *replies)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	int lfd, fd;

	memset(f, 0, sizeof(*f));
	snprintf(f->capture, sizeof(f->capture), "/tmp/rotwiz-net-fake.XXXXXX");
	fd = mkstemp(f->capture);
	if (fd < 0)
		return -1;
	close(fd);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (struct sockaddr *) &sa, sizeof(sa)) < 0 || listen(lfd, 8) < 0 ||
	    getsockname(lfd, (struct sockaddr *) &sa, &sl) < 0) {
		close(lfd);
		return -1;
	}
	f->port = ntohs(sa.sin_port);
	snprintf(f->api, sizeof(f->api), "http://127.0.0.1:%d/api", f->port);
	fflush(stdout);
	f->pid = fork();
	if (f->pid < 0) {
		close(lfd);
		return -1;
	}
	if (f->pid == 0)
		fake_serve(lfd, replies, f->capture);
	close(lfd);
	return 0;
}

/* What the fake received so far: "[conn N]\n<request>\n=====\n" per request. */
H_UNUSED static char *
fake_captured(const struct fake *f)
{
	return h_read_file(f->capture);
}

H_UNUSED static void
fake_stop(struct fake *f)
{
	if (f->pid > 0) {
		kill(f->pid, SIGKILL);
		waitpid(f->pid, NULL, 0);
		f->pid = 0;
	}
	if (f->capture[0])
		unlink(f->capture);
	f->capture[0] = '\0';
}

/* "HTTP/1.1 code\r\n<headers>Content-Length: n\r\n\r\n<body>", malloc'd. */
H_UNUSED static char *
h_reply(int code, const char *headers, const char *body)
{
	size_t n = strlen(body) + strlen(headers) + 128;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "HTTP/1.1 %d X\r\n%sContent-Type: application/json\r\n"
			 "Content-Length: %zu\r\n\r\n%s", code, headers, strlen(body), body);
	return s;
}

#endif
