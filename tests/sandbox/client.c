#include "config.h"

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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/sandbox/client.h"
#include "tests/tap.h"

static long
ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

int
sbc_start(struct sbc_server *server, const char *const *args)
{
	const char *top = getenv("top_builddir");
	char program[4096], line[256];
	const char *argv[64];
	struct timespec start;
	size_t got = 0;
	int out[2], err_fd, n = 0, i;

	memset(server, 0, sizeof(*server));
	server->out_fd = -1;
	snprintf(program, sizeof(program), "%s/rotwiz-sandbox", top && *top ? top : ".");
	snprintf(server->err_path, sizeof(server->err_path), "/tmp/rotwiz-sb-test.XXXXXX");
	err_fd = mkstemp(server->err_path);
	if (err_fd < 0 || pipe(out) < 0) {
		diag("cannot make a pipe or a temporary file: %s", strerror(errno));
		return -1;
	}
	argv[n++] = program;
	argv[n++] = "--port";
	argv[n++] = "0";
	for (i = 0; args && args[i] && n < 62; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	server->pid = fork();
	if (server->pid < 0) {
		diag("fork: %s", strerror(errno));
		return -1;
	}
	if (server->pid == 0) {
		dup2(out[1], 1);
		dup2(err_fd, 2);
		close(out[0]);
		close(out[1]);
		close(err_fd);
		execv(program, (char *const *) argv);
		fprintf(stderr, "exec %s: %s\n", program, strerror(errno));
		_exit(127);
	}
	close(out[1]);
	close(err_fd);
	server->out_fd = out[0];
	/* The first line, within 10 s (sanitizer builds start slowly). */
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!memchr(line, '\n', got) && got < sizeof(line) - 1) {
		struct pollfd p = { server->out_fd, POLLIN, 0 };
		ssize_t r;
		long left = 10000 - ms_since(&start);

		if (left <= 0 || poll(&p, 1, (int) left) <= 0)
			break;
		r = read(server->out_fd, line + got, sizeof(line) - 1 - got);
		if (r <= 0)
			break;
		got += (size_t) r;
	}
	line[got] = '\0';
	if (sscanf(line, "rotwiz-sandbox listening on http://127.0.0.1:%u\n", &server->port) != 1 ||
	    server->port == 0) {
		diag("rotwiz-sandbox did not start; first output: \"%s\"", line);
		kill(server->pid, SIGKILL);
		waitpid(server->pid, NULL, 0);
		return -1;
	}
	snprintf(server->url, sizeof(server->url), "http://127.0.0.1:%u", server->port);
	return 0;
}

/* Whether the sandbox's stderr shows a sanitizer report. */
static int
stderr_clean(const char *path)
{
	static const char *const marks[] = {
		"AddressSanitizer", "LeakSanitizer", "runtime error:", "UndefinedBehaviorSanitizer",
		"ThreadSanitizer",
	};
	char buf[4096];
	FILE *f = fopen(path, "r");
	int clean = 1;
	size_t i;

	if (!f)
		return 1;
	while (fgets(buf, sizeof(buf), f)) {
		for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
			if (strstr(buf, marks[i]))
				clean = 0;
		if (!clean)
			diag("sandbox stderr: %s", buf);
	}
	fclose(f);
	return clean;
}

int
sbc_stop(struct sbc_server *server)
{
	struct timespec start;
	int status = 0, clean;
	pid_t done = 0;

	if (server->pid <= 0)
		return 0;
	kill(server->pid, SIGTERM);
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (ms_since(&start) < 5000) {
		done = waitpid(server->pid, &status, WNOHANG);
		if (done != 0)
			break;
		usleep(10000);
	}
	if (done == 0) {
		diag("rotwiz-sandbox ignored SIGTERM for 5 s");
		kill(server->pid, SIGKILL);
		waitpid(server->pid, &status, 0);
	}
	clean = stderr_clean(server->err_path);
	if (done > 0 && WIFEXITED(status) && WEXITSTATUS(status) != 0)
		diag("rotwiz-sandbox exited %d", WEXITSTATUS(status));
	if (done > 0 && WIFSIGNALED(status))
		diag("rotwiz-sandbox died of signal %d", WTERMSIG(status));
	unlink(server->err_path);
	if (server->out_fd >= 0)
		close(server->out_fd);
	server->out_fd = -1;
	server->pid = 0;
	return done > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && clean;
}

struct buffer {
	char *data;
	size_t len;
};

static size_t
on_body(char *data, size_t size, size_t n, void *user)
{
	struct buffer *b = user;
	char *bigger = realloc(b->data, b->len + size * n + 1);

	if (!bigger)
		return 0;
	memcpy(bigger + b->len, data, size * n);
	b->data = bigger;
	b->len += size * n;
	b->data[b->len] = '\0';
	return size * n;
}

/* Keeps the value of header `name` (case-insensitive) in *slot. */
static void
keep_header(const char *line, size_t len, const char *name, char **slot)
{
	size_t nlen = strlen(name), end = len;

	if (len <= nlen + 1 || strncasecmp(line, name, nlen) != 0 || line[nlen] != ':')
		return;
	line += nlen + 1;
	end -= nlen + 1;
	while (end && (*line == ' ' || *line == '\t'))
		line++, end--;
	while (end && (line[end - 1] == '\r' || line[end - 1] == '\n' || line[end - 1] == ' '))
		end--;
	free(*slot);
	*slot = strndup(line, end);
}

static size_t
on_header(char *data, size_t size, size_t n, void *user)
{
	struct sbc_reply *reply = user;

	keep_header(data, size * n, "Retry-After", &reply->retry_after);
	keep_header(data, size * n, "Content-Type", &reply->content_type);
	return size * n;
}

void
sbc_request(const struct sbc_server *server, const char *method, const char *path,
	    const struct sbc_options *options, struct sbc_reply *reply)
{
	static const struct sbc_options none;
	const struct sbc_options *o = options ? options : &none;
	struct curl_slist *headers = NULL;
	struct buffer body = { NULL, 0 };
	char url[8192], header[8192];
	CURL *h = o->handle ? o->handle : curl_easy_init();

	memset(reply, 0, sizeof(*reply));
	reply->code = CURLE_FAILED_INIT;
	if (!h)
		return;
	if (o->handle)
		curl_easy_reset(h);	/* keeps the live connection */
	snprintf(url, sizeof(url), "%s%s", server->url, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o->timeout_ms ? o->timeout_ms : 5000L);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	else if (strcmp(method, "GET") != 0)
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	if (o->authorization || o->token) {
		if (o->authorization)
			snprintf(header, sizeof(header), "Authorization: %s", o->authorization);
		else
			snprintf(header, sizeof(header), "Authorization: Bearer %s", o->token);
		headers = curl_slist_append(headers, header);
	}
	if (o->body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, o->body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t) (o->body_len > 0 ? (size_t) o->body_len : strlen(o->body)));
	}
	if (o->content_type && !*o->content_type)
		headers = curl_slist_append(headers, "Content-Type:");
	else if (o->content_type || o->body) {
		snprintf(header, sizeof(header), "Content-Type: %s",
			 o->content_type ? o->content_type : "application/json");
		headers = curl_slist_append(headers, header);
	}
	if (o->no_expect)
		headers = curl_slist_append(headers, "Expect:");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, reply);
	reply->code = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply->status);
	curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &reply->seconds);
	reply->body = body.data;
	reply->len = body.len;
	if (body.data)
		reply->json = cJSON_ParseWithLength(body.data, body.len);
	curl_slist_free_all(headers);
	if (!o->handle)
		curl_easy_cleanup(h);
}

void
sbc_reply_free(struct sbc_reply *reply)
{
	free(reply->body);
	free(reply->retry_after);
	free(reply->content_type);
	cJSON_Delete(reply->json);
	memset(reply, 0, sizeof(*reply));
}

void
sbc_get(const struct sbc_server *server, const char *path, struct sbc_reply *reply)
{
	struct sbc_options o = { .token = USER_TOKEN };

	sbc_request(server, "GET", path, &o, reply);
}

void
sbc_send(const struct sbc_server *server, const char *method, const char *path,
	 const char *body, struct sbc_reply *reply)
{
	struct sbc_options o = { .token = USER_TOKEN, .body = body };

	sbc_request(server, method, path, &o, reply);
}

const cJSON *
sbc_at(const cJSON *json, const char *path)
{
	char key[256];
	const char *dot;
	size_t len;

	while (json && *path) {
		dot = strchr(path, '.');
		len = dot ? (size_t) (dot - path) : strlen(path);
		if (len >= sizeof(key))
			return NULL;
		memcpy(key, path, len);
		key[len] = '\0';
		if (cJSON_IsArray(json) && key[0] >= '0' && key[0] <= '9')
			json = cJSON_GetArrayItem(json, atoi(key));
		else
			json = cJSON_GetObjectItemCaseSensitive(json, key);
		path += len + (dot ? 1 : 0);
	}
	return json;
}

const char *
sbc_str(const cJSON *json, const char *path)
{
	const cJSON *v = sbc_at(json, path);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

double
sbc_num(const cJSON *json, const char *path, double dflt)
{
	const cJSON *v = sbc_at(json, path);

	return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

static int
subset(const cJSON *expected, const cJSON *actual)
{
	const cJSON *e, *a;

	if (!actual)
		return 0;
	if (cJSON_IsObject(expected)) {
		if (!cJSON_IsObject(actual))
			return 0;
		cJSON_ArrayForEach(e, expected)
			if (!subset(e, cJSON_GetObjectItemCaseSensitive(actual, e->string)))
				return 0;
		return 1;
	}
	if (cJSON_IsArray(expected)) {
		if (!cJSON_IsArray(actual) || cJSON_GetArraySize(expected) != cJSON_GetArraySize(actual))
			return 0;
		for (e = expected->child, a = actual->child; e && a; e = e->next, a = a->next)
			if (!subset(e, a))
				return 0;
		return 1;
	}
	return cJSON_Compare(expected, actual, 1);
}

int
sbc_json_has(const cJSON *actual, const char *expected_text)
{
	cJSON *expected = cJSON_Parse(expected_text);
	int same;

	if (!expected) {
		diag("bad expected JSON in the test: %s", expected_text);
		return 0;
	}
	same = subset(expected, actual);
	if (!same) {
		char *got = actual ? cJSON_PrintUnformatted(actual) : NULL;

		diag("want (at least) %s", expected_text);
		diag("got %.2000s", got ? got : "(nothing)");
		free(got);
	}
	cJSON_Delete(expected);
	return same;
}

static void
show(const struct sbc_reply *reply)
{
	diag("curl %d, HTTP %ld, body: %.1500s", (int) reply->code, reply->status,
	     reply->body ? reply->body : "(none)");
}

int
sbc_error_is(const struct sbc_reply *reply, long status, const char *error, const char *message)
{
	const char *req_id = sbc_str(reply->json, "reqId");
	int good = reply->code == CURLE_OK && reply->status == status &&
		   sbc_num(reply->json, "statusCode", -1) == (double) status &&
		   req_id && strncmp(req_id, "req-", 4) == 0 &&
		   (!error || (sbc_str(reply->json, "error") &&
			       strcmp(sbc_str(reply->json, "error"), error) == 0)) &&
		   (!message || (sbc_str(reply->json, "message") &&
				 strcmp(sbc_str(reply->json, "message"), message) == 0));

	if (!good) {
		diag("want HTTP %ld error \"%s\" message \"%s\"", status, error ? error : "*",
		     message ? message : "*");
		show(reply);
	}
	return good;
}

/* The issue's path as dotted text. */
static void
path_text(const cJSON *path, char *out, size_t size)
{
	const cJSON *k;
	size_t len = 0;

	out[0] = '\0';
	cJSON_ArrayForEach(k, path) {
		if (cJSON_IsString(k))
			len += (size_t) snprintf(out + len, size > len ? size - len : 0, "%s%s",
						 len ? "." : "", k->valuestring);
		if (len >= size)
			break;
	}
}

int
sbc_issue_count(const struct sbc_reply *reply)
{
	const cJSON *issues = sbc_at(reply->json, "message");

	if (reply->status != 422 || !cJSON_IsArray(issues))
		return -1;
	return cJSON_GetArraySize(issues);
}

int
sbc_issue_is(const struct sbc_reply *reply, const char *path, const char *code, const char *message)
{
	const cJSON *issues = sbc_at(reply->json, "message"), *issue;
	char text[256];

	if (reply->status == 422 && sbc_num(reply->json, "statusCode", 0) == 422 &&
	    sbc_str(reply->json, "error") && strcmp(sbc_str(reply->json, "error"), "ValidationFailure") == 0 &&
	    sbc_str(reply->json, "reqId") && cJSON_IsArray(issues)) {
		cJSON_ArrayForEach(issue, issues) {
			const char *c = sbc_str(issue, "code"), *m = sbc_str(issue, "message");

			path_text(sbc_at(issue, "path"), text, sizeof(text));
			if (strcmp(text, path) == 0 && c && strcmp(c, code) == 0 &&
			    (!message || (m && strcmp(m, message) == 0)))
				return 1;
		}
	}
	diag("want a 422 issue at [%s] code %s message \"%s\"", path, code, message ? message : "*");
	show(reply);
	return 0;
}

int
sbc_raw(const struct sbc_server *server, const void *data, size_t len, char *out,
	size_t out_size, int timeout_ms)
{
	struct sockaddr_in addr;
	size_t got = 0;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (out_size)
		out[0] = '\0';
	if (fd < 0)
		return -1;
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((unsigned short) server->port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *) &addr, sizeof(addr)) < 0) {
		close(fd);
		return -1;
	}
	if (len && send(fd, data, len, MSG_NOSIGNAL) < 0) {
		close(fd);
		return -1;
	}
	shutdown(fd, SHUT_WR);
	while (out_size && got < out_size - 1) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, timeout_ms) <= 0)
			break;
		n = recv(fd, out + got, out_size - 1 - got, 0);
		if (n <= 0)
			break;
		got += (size_t) n;
	}
	if (out_size)
		out[got] = '\0';
	close(fd);
	return (int) got;
}

double
sbc_stat(const struct sbc_server *server, const char *key)
{
	struct sbc_reply r;
	double value;

	sbc_request(server, "GET", "/sandbox/stats", NULL, &r);
	value = sbc_num(r.json, key, -1);
	sbc_reply_free(&r);
	return value;
}

char *
sbc_create_body(const char *name, const char *overrides)
{
	cJSON *body = cJSON_Parse(
		"{\"projectId\":\"" PAYMENTS "\",\"connectionId\":\"" CONTOSO "\","
		"\"environment\":\"dev\",\"secretPath\":\"/workers\",\"rotationInterval\":30,"
		"\"parameters\":{\"objectId\":\"" APP_BILLING_OBJ "\",\"clientId\":\"" APP_BILLING_CLIENT "\","
		"\"appName\":\"Billing Worker\"},"
		"\"secretsMapping\":{\"clientId\":\"AZURE_CLIENT_ID\",\"clientSecret\":\"AZURE_CLIENT_SECRET\"}}");
	cJSON *extra = overrides ? cJSON_Parse(overrides) : NULL, *item, *next;
	char *text;

	if (!body)
		return NULL;
	cJSON_AddStringToObject(body, "name", name);
	if (overrides && !extra)
		diag("bad override JSON in the test: %s", overrides);
	for (item = extra ? extra->child : NULL; item; item = next) {
		next = item->next;
		cJSON_DeleteItemFromObjectCaseSensitive(body, item->string);
		/* The string "(absent)" leaves the key out altogether. */
		if (cJSON_IsString(item) && strcmp(item->valuestring, "(absent)") == 0)
			continue;
		cJSON_AddItemToObject(body, item->string, cJSON_Duplicate(item, 1));
	}
	text = cJSON_PrintUnformatted(body);
	cJSON_Delete(body);
	cJSON_Delete(extra);
	return text;
}

double
sbc_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}
