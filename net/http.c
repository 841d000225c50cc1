#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>


#include "common/secret.h"
#include "common/strbuf.h"
#include "net/http.h"
#include "net/libcurl.h"
#include "net/url.h"
#include "net/response.h"

/* Longest Retry-After honoured as such; more is clamped by the caller's policy. */
#define RETRY_AFTER_MAX 86400L

enum request_state {
	REQ_QUEUED,	/* waiting for the connection */
	REQ_RUNNING,	/* in the multi handle */
	REQ_DONE,	/* reply ready, waiting to be collected */
};

struct rw_http_request {
	struct rw_http_request *next;
	enum request_state state;
	CURL *easy;
	struct curl_slist *headers;	/* may hold the token: wiped */
	char *body;			/* may hold a client secret: wiped */
	size_t body_len, body_off;
	int flags;
	struct strbuf in;		/* the reply body, capped */
	int too_big;
	long retry_after;
	char *location;
	char *host, *port;		/* for messages */
	char errbuf[CURL_ERROR_SIZE];
	struct rw_http_reply reply;	/* filled when done */
};

struct rw_http {
	CURLM *multi;
	char *cacert;
	long connect_timeout_ms, total_timeout_ms;
	FILE *debug;
	/*
	 * FIFO of requests not yet handed to curl, those running (at most
	 * slots: one a connection), the finished.
	 */
	struct rw_http_request *queued, *running, *done;
	int slots;
};

/*
 * cu->global_init() is process-wide; every rw_http holds a reference so
 * that the last one out calls cu->global_cleanup().
 */
static int global_refs;

/*
 * libcurl's functions (net/libcurl.h), set by the first call that needs
 * them: url_parts(), rw_http_escape(), rw_http_new().  Everything else
 * runs on an rw_http, so after a successful rw_http_new().
 */
static const struct rw_libcurl *cu;

static int
have_libcurl(void)
{
	if (!cu)
		cu = rw_libcurl_load();
	return cu != NULL;
}

static void
list_append(struct rw_http_request **head, struct rw_http_request *req)
{
	while (*head)
		head = &(*head)->next;
	req->next = NULL;
	*head = req;
}

static int
list_remove(struct rw_http_request **head, struct rw_http_request *req)
{
	for (; *head; head = &(*head)->next) {
		if (*head == req) {
			*head = req->next;
			req->next = NULL;
			return 1;
		}
	}
	return 0;
}

static void
wipe_headers(struct curl_slist *list)
{
	struct curl_slist *p;

	for (p = list; p; p = p->next)
		secret_wipe(p->data, strlen(p->data));
	cu->slist_free_all(list);
}

const char *
rw_http_library_error(void)
{
	return rw_libcurl_error();
}

/* ---- URL checks ---- */

/* Parses url as libcurl will; *host and *port (may be NULL) are malloc'd. */
static enum rw_status
url_parts(const char *url, char **scheme, char **host, char **port)
{
	CURLU *u;
	char *s = NULL, *h = NULL, *p = NULL;
	enum rw_status st = RW_EUSAGE;

	if (!have_libcurl())
		return RW_EIO;
	u = cu->url();
	if (!u)
		return RW_ENOMEM;
	if (cu->url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    cu->url_get(u, CURLUPART_SCHEME, &s, 0) == CURLUE_OK &&
	    cu->url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK &&
	    cu->url_get(u, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) == CURLUE_OK) {
		st = RW_OK;
		if (scheme && !(*scheme = strdup(s)))
			st = RW_ENOMEM;
		if (host && !(*host = strdup(h)))
			st = RW_ENOMEM;
		if (port && !(*port = strdup(p)))
			st = RW_ENOMEM;
	}
	cu->free(s);
	cu->free(h);
	cu->free(p);
	cu->url_cleanup(u);
	return st;
}

enum rw_status
rw_http_check_url(const char *url)
{
	char *scheme = NULL, *host = NULL;
	enum rw_status st;

	if (!url)
		return RW_EUSAGE;
	st = url_parts(url, &scheme, &host, NULL);
	if (st == RW_OK) {
		if (strcmp(scheme, "https") == 0)
			st = RW_OK;
		else if (strcmp(scheme, "http") == 0 && rw_url_host_is_loopback(host))
			st = RW_OK;
		else
			st = RW_EUSAGE;
	}
	free(scheme);
	free(host);
	return st;
}

char *
rw_http_escape(const char *s)
{
	char *e, *copy;

	if (!have_libcurl())
		return NULL;
	e = cu->easy_escape(NULL, s ? s : "", 0);
	if (!e)
		return NULL;
	copy = strdup(e);
	cu->free(e);
	return copy;
}

/* ---- libcurl callbacks ---- */

static size_t
on_body(char *data, size_t size, size_t nmemb, void *userp)
{
	struct rw_http_request *req = userp;
	size_t len = size * nmemb;

	if (req->in.len + len > RW_RESPONSE_MAX_BYTES) {
		req->too_big = 1;
		return 0;	/* aborts with CURLE_WRITE_ERROR */
	}
	if (strbuf_append(&req->in, data, len) < 0)
		return 0;
	return len;
}

/* The value of header `name` in the line data[0..len), trimmed, or NULL. */
static const char *
header_value(const char *data, size_t len, const char *name, size_t *vlen)
{
	size_t n = strlen(name);
	const char *v, *end = data + len;

	if (len <= n || strncasecmp(data, name, n) != 0 || data[n] != ':')
		return NULL;
	v = data + n + 1;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*vlen = (size_t) (end - v);
	return v;
}

/* Retry-After: delta-seconds or an HTTP date.  -1 when unreadable. */
static long
parse_retry_after(const char *v, size_t len)
{
	char buf[64];
	long secs = 0;
	size_t i;
	time_t when;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	for (i = 0; i < len && buf[i] >= '0' && buf[i] <= '9'; i++) {
		if (secs < RETRY_AFTER_MAX)
			secs = secs * 10 + (buf[i] - '0');
	}
	if (i == len)
		return secs < RETRY_AFTER_MAX ? secs : RETRY_AFTER_MAX;
	when = cu->getdate(buf, NULL);
	if (when == (time_t) -1)
		return -1;
	when -= time(NULL);
	if (when < 0)
		return 0;
	return when < RETRY_AFTER_MAX ? (long) when : RETRY_AFTER_MAX;
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *userp)
{
	struct rw_http_request *req = userp;
	size_t len = size * nmemb, vlen;
	const char *v;

	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* A new response (after a 100 Continue, say): forget the last one's. */
		req->retry_after = -1;
		free(req->location);
		req->location = NULL;
	} else if ((v = header_value(data, len, "Content-Length", &vlen))) {
		char *end;
		unsigned long long n;
		char num[24];

		/* One block of the right size; a length past the cap fails in on_body. */
		if (vlen > 0 && vlen < sizeof(num)) {
			memcpy(num, v, vlen);
			num[vlen] = '\0';
			n = strtoull(num, &end, 10);
			if (!*end && n > req->in.len && n <= RW_RESPONSE_MAX_BYTES)
				strbuf_reserve(&req->in, (size_t) n - req->in.len);
		}
	} else if ((v = header_value(data, len, "Retry-After", &vlen))) {
		req->retry_after = parse_retry_after(v, vlen);
	} else if ((v = header_value(data, len, "Location", &vlen))) {
		free(req->location);
		req->location = strndup(v, vlen);
	}
	return len;
}

static size_t
on_read(char *buf, size_t size, size_t nmemb, void *userp)
{
	struct rw_http_request *req = userp;
	size_t room = size * nmemb, left = req->body_len - req->body_off;

	if (left > room)
		left = room;
	memcpy(buf, req->body + req->body_off, left);
	req->body_off += left;
	return left;
}

/* Only for requests that may be sent twice (no RW_HTTP_NO_RESEND). */
static int
on_seek(void *userp, curl_off_t offset, int origin)
{
	struct rw_http_request *req = userp;

	if (origin != SEEK_SET || offset < 0 || (size_t) offset > req->body_len)
		return CURL_SEEKFUNC_FAIL;
	req->body_off = (size_t) offset;
	return CURL_SEEKFUNC_OK;
}

static int
header_is_secret(const char *line, size_t len)
{
	static const char *const names[] = { "Authorization:", "Proxy-Authorization:", "Cookie:",
					     "Set-Cookie:" };
	size_t i, n;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		n = strlen(names[i]);
		if (len >= n && strncasecmp(line, names[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Header blocks go to the log line by line, credentials replaced. */
static void
log_headers(FILE *log, const char *prefix, const char *data, size_t size)
{
	const char *p = data, *end = data + size, *nl;
	size_t len;

	while (p < end) {
		nl = memchr(p, '\n', (size_t) (end - p));
		len = nl ? (size_t) (nl - p) + 1 : (size_t) (end - p);
		if (header_is_secret(p, len)) {
			const char *colon = memchr(p, ':', len);

			fprintf(log, "%s%.*s [redacted]\n", prefix, (int) (colon - p + 1), p);
		} else {
			fprintf(log, "%s%.*s", prefix, (int) len, p);
			if (!nl)
				fputc('\n', log);
		}
		p += len;
	}
}

/*
 * Verbose output goes only to the debug log.  Bodies are never written:
 * the login request holds a client secret and its reply an access token.
 */
static int
on_debug(CURL *easy, curl_infotype type, char *data, size_t size, void *userp)
{
	FILE *log = userp;

	(void) easy;
	switch (type) {
	case CURLINFO_TEXT:
		fprintf(log, "* %.*s", (int) size, data);
		if (size == 0 || data[size - 1] != '\n')
			fputc('\n', log);
		break;
	case CURLINFO_HEADER_OUT:
		log_headers(log, "> ", data, size);
		break;
	case CURLINFO_HEADER_IN:
		log_headers(log, "< ", data, size);
		break;
	case CURLINFO_DATA_OUT:
		fprintf(log, "> [%zu bytes of body, not logged]\n", size);
		break;
	case CURLINFO_DATA_IN:
		fprintf(log, "< [%zu bytes of body, not logged]\n", size);
		break;
	default:
		break;
	}
	fflush(log);
	return 0;
}

/* ---- life cycle ---- */

enum rw_status
rw_http_new(const struct rw_http_config *config, struct rw_http **out)
{
	struct rw_http *http;
	int fd;

	*out = NULL;
	if (!have_libcurl())
		return RW_EIO;
	http = calloc(1, sizeof(*http));
	if (!http)
		return RW_ENOMEM;
	if (global_refs == 0 && cu->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		free(http);
		return RW_ENOMEM;
	}
	global_refs++;
	http->connect_timeout_ms = config && config->connect_timeout_ms > 0 ?
				   config->connect_timeout_ms : RW_HTTP_CONNECT_TIMEOUT_MS;
	http->total_timeout_ms = config && config->total_timeout_ms > 0 ?
				 config->total_timeout_ms : RW_HTTP_TOTAL_TIMEOUT_MS;
	if (config && config->cacert && !(http->cacert = strdup(config->cacert)))
		goto nomem;
	if (config && config->debug_log) {
		fd = open(config->debug_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		if (fd < 0 || !(http->debug = fdopen(fd, "a"))) {
			if (fd >= 0)
				close(fd);
			rw_http_free(&http);
			return RW_EIO;
		}
	}
	http->multi = cu->multi_init();
	if (!http->multi)
		goto nomem;
	rw_http_set_slots(http, 1);
	cu->multi_setopt(http->multi, CURLMOPT_PIPELINING, (long) CURLPIPE_NOTHING);
	*out = http;
	return RW_OK;
nomem:
	rw_http_free(&http);
	return RW_ENOMEM;
}

void
rw_http_set_slots(struct rw_http *http, int slots)
{
	if (!http)
		return;
	if (slots < 1)
		slots = 1;
	if (slots > RW_HTTP_SLOTS_MAX)
		slots = RW_HTTP_SLOTS_MAX;
	http->slots = slots;
	/*
	 * One keep-alive connection a slot for the whole run.  dispatch()
	 * hands curl no more than slots requests at once, so these limits are
	 * a second guard; no multiplexing is assumed even where HTTP/2 would
	 * allow it.
	 */
	cu->multi_setopt(http->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long) slots);
	cu->multi_setopt(http->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long) slots);
	cu->multi_setopt(http->multi, CURLMOPT_MAXCONNECTS, (long) slots);
}

/* Ends the transfer and wipes what it sent: the token and the body. */
static void
request_release(struct rw_http *http, struct rw_http_request *req)
{
	if (req->easy) {
		if (req->state == REQ_RUNNING)
			cu->multi_remove_handle(http->multi, req->easy);
		cu->easy_cleanup(req->easy);
		req->easy = NULL;
	}
	wipe_headers(req->headers);
	req->headers = NULL;
	if (req->body) {
		secret_wipe(req->body, req->body_len);
		free(req->body);
		req->body = NULL;
	}
}

static void
request_free(struct rw_http *http, struct rw_http_request *req)
{
	request_release(http, req);
	strbuf_free(&req->in);
	free(req->location);
	free(req->host);
	free(req->port);
	free(req);
}

void
rw_http_free(struct rw_http **httpp)
{
	struct rw_http *http;
	struct rw_http_request *req;

	if (!httpp || !*httpp)
		return;
	http = *httpp;
	while ((req = http->queued)) {
		http->queued = req->next;
		request_free(http, req);
	}
	while ((req = http->running)) {
		http->running = req->next;
		request_free(http, req);
	}
	while ((req = http->done)) {
		http->done = req->next;
		rw_http_reply_free(&req->reply);
		request_free(http, req);
	}
	if (http->multi)
		cu->multi_cleanup(http->multi);
	if (http->debug)
		fclose(http->debug);
	free(http->cacert);
	free(http);
	*httpp = NULL;
	if (global_refs > 0 && --global_refs == 0)
		cu->global_cleanup();
}

/* ---- requests ---- */

static int
set_options(struct rw_http *http, struct rw_http_request *req, enum rw_http_method method,
	    const char *url)
{
	CURL *e = req->easy;
	CURLcode rc = CURLE_OK;

#define SET(opt, val) do { if (rc == CURLE_OK) rc = cu->easy_setopt(e, opt, val); } while (0)
	SET(CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
#else
	SET(CURLOPT_PROTOCOLS, (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	/* A redirect is reported, never followed: the token must not travel elsewhere. */
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_NETRC, (long) CURL_NETRC_IGNORED);
	SET(CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	/*
	 * --cacert adds a CA: CAINFO alone would replace the system bundle, so
	 * the system's CA directory stays trusted beside it (OpenSSL reads both).
	 */
	if (http->cacert) {
		const curl_version_info_data *info = cu->version_info(CURLVERSION_NOW);

		SET(CURLOPT_CAINFO, http->cacert);
		SET(CURLOPT_CAPATH, info->capath ? info->capath : "/etc/ssl/certs");
	}
	SET(CURLOPT_USERAGENT, "rotwiz/" PACKAGE_VERSION);
	SET(CURLOPT_HTTPHEADER, req->headers);
	SET(CURLOPT_CONNECTTIMEOUT_MS, http->connect_timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, http->total_timeout_ms);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) RW_RESPONSE_MAX_BYTES);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, req);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, req);
	SET(CURLOPT_ERRORBUFFER, req->errbuf);
	SET(CURLOPT_PRIVATE, req);
	if (method == RW_HTTP_POST || method == RW_HTTP_PATCH) {
		/*
		 * The body goes through a read callback rather than POSTFIELDS:
		 * libcurl resends POSTFIELDS by itself when a reused connection
		 * dies unanswered, but it can resend a callback's body only by
		 * rewinding, which a RW_HTTP_NO_RESEND request refuses.
		 */
		SET(CURLOPT_POST, 1L);
		SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) req->body_len);
		SET(CURLOPT_READFUNCTION, on_read);
		SET(CURLOPT_READDATA, req);
		if (!(req->flags & RW_HTTP_NO_RESEND)) {
			SET(CURLOPT_SEEKFUNCTION, on_seek);
			SET(CURLOPT_SEEKDATA, req);
		}
		if (method == RW_HTTP_PATCH)
			SET(CURLOPT_CUSTOMREQUEST, "PATCH");
	} else {
		SET(CURLOPT_HTTPGET, 1L);
		/* No body and so no Content-Type: Fastify refuses an empty JSON body. */
		if (method == RW_HTTP_DELETE)
			SET(CURLOPT_CUSTOMREQUEST, "DELETE");
		/*
		 * Without a body there is nothing to refuse rewinding: libcurl
		 * would send it again by itself when a reused connection dies
		 * unanswered (a lost DELETE then answers 404 for one that was
		 * made).  A connection of its own is never one that died.
		 */
		if (req->flags & RW_HTTP_NO_RESEND)
			SET(CURLOPT_FRESH_CONNECT, 1L);
	}
	if (http->debug) {
		SET(CURLOPT_DEBUGFUNCTION, on_debug);
		SET(CURLOPT_DEBUGDATA, http->debug);
		SET(CURLOPT_VERBOSE, 1L);
	}
#undef SET
	return rc == CURLE_OK ? 0 : -1;
}

static struct curl_slist *
build_headers(int has_body, const char *token)
{
	struct curl_slist *list = NULL, *l;
	struct strbuf auth = STRBUF_INIT;

#define ADD(s) do { if (!(l = cu->slist_append(list, s))) goto fail; list = l; } while (0)
	ADD("Accept: application/json");
	if (has_body)
		ADD("Content-Type: application/json");
	/* No "Expect: 100-continue" round trip for bodies over 1 KiB. */
	ADD("Expect:");
	if (token) {
		strbuf_puts(&auth, "Authorization: Bearer ");
		strbuf_puts(&auth, token);
		if (auth.failed)
			goto fail;
		ADD(auth.data);
		strbuf_free(&auth);	/* wipes our copy; the list's copy is wiped later */
	}
#undef ADD
	return list;
fail:
	strbuf_free(&auth);
	wipe_headers(list);
	return NULL;
}

struct rw_http_request *
rw_http_start(struct rw_http *http, enum rw_http_method method, const char *url,
	      const char *body, size_t len, const char *token, int flags, void *user)
{
	struct rw_http_request *req;

	if (!http || !url)
		return NULL;
	req = calloc(1, sizeof(*req));
	if (!req)
		return NULL;
	strbuf_init(&req->in, RW_RESPONSE_MAX_BYTES);
	req->retry_after = -1;
	req->flags = flags;
	req->reply.user = user;
	if (url_parts(url, NULL, &req->host, &req->port) != RW_OK)
		goto fail;
	if (method == RW_HTTP_POST || method == RW_HTTP_PATCH) {
		req->body = malloc(len + 1);
		if (!req->body)
			goto fail;
		if (len)
			memcpy(req->body, body, len);
		req->body[len] = '\0';
		req->body_len = len;
	}
	req->headers = build_headers(method == RW_HTTP_POST || method == RW_HTTP_PATCH, token && *token ? token : NULL);
	if (!req->headers)
		goto fail;
	req->easy = cu->easy_init();
	if (!req->easy || set_options(http, req, method, url) < 0)
		goto fail;
	req->state = REQ_QUEUED;
	list_append(&http->queued, req);
	return req;
fail:
	request_free(http, req);
	return NULL;
}

/* ---- finishing ---- */

static int
is_tls_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_USE_SSL_FAILED:
		return 1;
	default:
		return 0;
	}
}

/* libcurl's own words, or its code's description when it left none. */
static const char *
curl_words(const struct rw_http_request *req, CURLcode rc)
{
	return req->errbuf[0] ? req->errbuf : cu->easy_strerror(rc);
}

static void
describe_failure(struct rw_http_request *req, CURLcode rc, long timeout_ms, const char *cacert)
{
	struct rw_http_reply *r = &req->reply;
	const char *host = req->host ? req->host : "the server";
	const char *port = req->port ? req->port : "?";
	curl_off_t connect_us = 0, pretransfer_us = 0;
	long os_errno = 0, request_size = 0, code = 0;
	int connected;

	cu->easy_getinfo(req->easy, CURLINFO_OS_ERRNO, &os_errno);
	cu->easy_getinfo(req->easy, CURLINFO_REQUEST_SIZE, &request_size);
	cu->easy_getinfo(req->easy, CURLINFO_CONNECT_TIME_T, &connect_us);
	cu->easy_getinfo(req->easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer_us);
	connected = connect_us > 0 || pretransfer_us > 0 || request_size > 0;
	/* For a POST what matters is the body: without it the server cannot act. */
	r->sent = req->body ? req->body_off > 0 : request_size > 0;

	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		r->status = RW_ENET;
		r->transient = 1;
		r->message = strbuf_format("could not resolve host %s", host);
		break;
	case CURLE_COULDNT_CONNECT:
		r->status = RW_ENET;
		r->transient = 1;
		r->message = strbuf_format("could not connect to %s port %s: %s", host, port,
					   os_errno ? strerror((int) os_errno) : curl_words(req, rc));
		break;
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_FAIL_REWIND:
		r->status = RW_ENET;
		r->transient = 1;
		/* SEND_FAIL_REWIND: a reused connection died after our body went out (RW_HTTP_NO_RESEND). */
		if (rc == CURLE_SEND_FAIL_REWIND)
			r->sent = 1;
		r->message = strbuf_format("%s port %s closed the connection without answering", host, port);
		break;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
		r->status = RW_ENET;
		r->transient = 1;
		r->message = strbuf_format("the connection to %s port %s broke: %s", host, port,
				  curl_words(req, rc));
		break;
	case CURLE_OPERATION_TIMEDOUT:
		r->status = RW_ETIMEOUT;
		if (connected && timeout_ms % 1000 == 0)
			r->message = strbuf_format("no answer from %s port %s within %ld s", host, port,
					  timeout_ms / 1000);
		else if (connected)
			r->message = strbuf_format("no answer from %s port %s within %ld ms", host, port,
					  timeout_ms);
		else
			r->message = strbuf_format("could not connect to %s port %s in time: %s", host, port,
					  curl_words(req, rc));
		break;
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		if (req->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
			r->status = RW_EPROTO;
			r->message = strbuf_format("the reply from %s is larger than %u bytes", host,
					  (unsigned) RW_RESPONSE_MAX_BYTES);
		} else {
			r->status = RW_ENOMEM;
			r->message = strbuf_format("out of memory reading the reply from %s", host);
		}
		break;
	case CURLE_PARTIAL_FILE:
		r->status = RW_EPROTO;
		r->message = strbuf_format("the reply from %s was cut short", host);
		break;
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_BAD_CONTENT_ENCODING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_HTTP3:
		r->status = RW_EPROTO;
		r->message = strbuf_format("broken HTTP from %s: %s", host, curl_words(req, rc));
		break;
	case CURLE_OUT_OF_MEMORY:
		/*
		 * libcurl says "out of memory" for a header line over its limit
		 * (100 KB) too: with the status line read, that is what it was.
		 */
		cu->easy_getinfo(req->easy, CURLINFO_RESPONSE_CODE, &code);
		if (connected && code > 0) {
			r->status = RW_EPROTO;
			r->message = strbuf_format("the reply from %s port %s has a header line too "
						   "large to read (libcurl stopped with \"%s\"; its "
						   "limit is 100 KB)", host, port, curl_words(req, rc));
		} else {
			r->status = RW_ENOMEM;
			r->message = strbuf_format("out of memory");
		}
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		/* What libcurl calls an unsupported protocol here is a reply without a status line. */
		if (connected) {
			r->status = RW_EPROTO;
			r->message = strbuf_format("%s port %s answered without an HTTP status line "
						   "(HTTP/0.9, or not HTTP at all)", host, port);
			break;
		}
		/* fall through */
	case CURLE_URL_MALFORMAT:
		r->status = RW_EUSAGE;
		r->message = strbuf_format("bad server URL: %s", curl_words(req, rc));
		break;
	default:
		if (is_tls_error(rc) && cacert) {
			/* report.c's advice is then about this file, not "pass --cacert". */
			r->status = RW_ETLS;
			r->message = strbuf_format("TLS failure with %s, checked against the CA file "
						   "%s too: %s", host, cacert, curl_words(req, rc));
		} else if (is_tls_error(rc)) {
			r->status = RW_ETLS;
			r->message = strbuf_format("TLS failure with %s: %s", host, curl_words(req, rc));
		} else {
			r->status = RW_ENET;
			r->message = strbuf_format("request to %s failed: %s", host, curl_words(req, rc));
		}
		break;
	}
}

static void
request_finish(struct rw_http *http, struct rw_http_request *req, CURLcode rc)
{
	struct rw_http_reply *r = &req->reply;

	cu->easy_getinfo(req->easy, CURLINFO_RESPONSE_CODE, &r->http_status);
	r->retry_after = req->retry_after;
	r->location = req->location;
	req->location = NULL;
	if (rc == CURLE_OK) {
		r->status = RW_OK;
		r->sent = 1;
		r->len = req->in.len;
		r->body = strbuf_detach(&req->in);
		if (!r->body) {
			r->status = RW_ENOMEM;
			r->len = 0;
		}
	} else {
		describe_failure(req, rc, http->total_timeout_ms, http->cacert);
		strbuf_free(&req->in);
	}
	/* The token and the body are no longer needed. */
	request_release(http, req);
	list_remove(&http->running, req);
	req->state = REQ_DONE;
	list_append(&http->done, req);
}

/*
 * Hands the next queued requests to curl while a slot is free.  Our
 * own FIFO rather than curl's pending queue: a request's timeouts then run
 * from the moment it gets the connection, so one slow call cannot use up
 * the time of the calls queued behind it.
 */
static void
dispatch(struct rw_http *http)
{
	struct rw_http_request *req, *r;
	int running = 0;

	for (r = http->running; r; r = r->next)
		running++;
	while (running < http->slots && (req = http->queued)) {
		http->queued = req->next;
		req->next = NULL;
		if (cu->multi_add_handle(http->multi, req->easy) == CURLM_OK) {
			req->state = REQ_RUNNING;
			list_append(&http->running, req);
			running++;
		} else {
			req->reply.status = RW_ENOMEM;
			req->reply.message = strbuf_format("could not start the request");
			req->state = REQ_DONE;
			list_append(&http->done, req);
		}
	}
}

static void
drive(struct rw_http *http)
{
	struct rw_http_request *req;
	CURLMsg *msg;
	char *priv;
	int running, left, finished;

	do {
		finished = 0;
		dispatch(http);
		cu->multi_perform(http->multi, &running);
		while ((msg = cu->multi_info_read(http->multi, &left))) {
			CURLcode rc;

			if (msg->msg != CURLMSG_DONE)
				continue;
			rc = msg->data.result;
			priv = NULL;
			cu->easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
			req = (struct rw_http_request *) (void *) priv;
			if (req) {
				request_finish(http, req, rc);
				finished = 1;
			}
		}
		/* Start the next one at once, on the connection just released. */
	} while (finished && http->queued);
}

int
rw_http_poll(struct rw_http *http, int extra_fd, int timeout_ms)
{
	struct curl_waitfd wfd;
	int readable = 0, numfds = 0;

	if (!http)
		return 0;
	drive(http);
	if (http->done)
		timeout_ms = 0;
	if (timeout_ms < 0) {
		/* Nothing could ever wake us: do not sleep forever. */
		if (!http->running && !http->queued && extra_fd < 0)
			return 0;
		timeout_ms = INT_MAX;
	}
	memset(&wfd, 0, sizeof(wfd));
	wfd.fd = extra_fd;
	wfd.events = CURL_WAIT_POLLIN;
	cu->multi_poll(http->multi, extra_fd >= 0 ? &wfd : NULL, extra_fd >= 0 ? 1 : 0,
			timeout_ms, &numfds);
	/* libcurl folds POLLHUP into POLLIN: a closed keyboard wakes us too (tested). */
	if (extra_fd >= 0 && (wfd.revents & CURL_WAIT_POLLIN))
		readable = 1;
	drive(http);
	return readable;
}

int
rw_http_next_reply(struct rw_http *http, struct rw_http_reply *reply)
{
	struct rw_http_request *req;

	memset(reply, 0, sizeof(*reply));
	if (!http || !(req = http->done))
		return 0;
	http->done = req->next;
	*reply = req->reply;
	memset(&req->reply, 0, sizeof(req->reply));
	request_free(http, req);
	return 1;
}

void
rw_http_cancel(struct rw_http *http, struct rw_http_request *req)
{
	if (!http || !req)
		return;
	if (list_remove(&http->running, req)) {
		/* request_free() takes it out of the multi; the connection closes. */
	} else if (!list_remove(&http->queued, req) && !list_remove(&http->done, req)) {
		return;		/* not ours */
	}
	rw_http_reply_free(&req->reply);
	request_free(http, req);
}

int
rw_http_sent(const struct rw_http_request *req)
{
	long request_size = 0;

	if (!req)
		return 0;
	if (req->state == REQ_DONE)
		return req->reply.sent;
	if (req->body)
		return req->body_off > 0;
	if (req->state == REQ_RUNNING && req->easy)
		cu->easy_getinfo(req->easy, CURLINFO_REQUEST_SIZE, &request_size);
	return request_size > 0;
}

int
rw_http_pending(const struct rw_http *http)
{
	const struct rw_http_request *req;
	int n = 0;

	if (!http)
		return 0;
	for (req = http->queued; req; req = req->next)
		n++;
	for (req = http->done; req; req = req->next)
		n++;
	for (req = http->running; req; req = req->next)
		n++;
	return n;
}

void
rw_http_reply_free(struct rw_http_reply *reply)
{
	if (!reply)
		return;
	if (reply->body) {
		secret_wipe(reply->body, reply->len);
		free(reply->body);
	}
	free(reply->location);
	free(reply->message);
	memset(reply, 0, sizeof(*reply));
	reply->retry_after = -1;
}
