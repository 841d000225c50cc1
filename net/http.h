#ifndef ROTWIZ_NET_HTTP_H
#define ROTWIZ_NET_HTTP_H

/*
 * The one libcurl user.  A small asynchronous HTTP client for net/api.c:
 * requests go into a FIFO and are handed one at a time to a curl multi
 * handle limited to one connection, so a whole run talks over a single
 * keep-alive connection (a batch of creates may ask for a few more:
 * rw_http_set_slots).  Finished requests come back as rw_http_reply
 * structs.  Nothing about Infisical lives here: no JSON, no routes.
 *
 * curl.h is included by http.c (and net/libcurl.h, its loader) only;
 * nothing here exposes a curl type.  rotwiz does not link libcurl: the first
 * rw_http_check_url(), rw_http_new() or rw_http_escape() loads it
 * (net/libcurl.h), so nothing before the first frame maps it.  When it
 * cannot be loaded, those return RW_EIO (rw_http_escape() NULL) and
 * rw_http_library_error() says why.
 */

#include <stddef.h>

#include "common/status.h"

struct rw_http;
struct rw_http_request;

struct rw_http_config {
	const char *cacert;		/* CA file replacing the default bundle, or NULL */
	long connect_timeout_ms;	/* 0: 10 s */
	long total_timeout_ms;		/* 0: 30 s */
	const char *debug_log;		/* verbose log file (appended, mode 0600), or NULL */
};

#define RW_HTTP_CONNECT_TIMEOUT_MS 10000L
#define RW_HTTP_TOTAL_TIMEOUT_MS 30000L

enum rw_http_method {
	RW_HTTP_GET,
	RW_HTTP_POST,
	RW_HTTP_PATCH,		/* with a JSON body, as POST */
	RW_HTTP_DELETE,		/* no body */
};

/*
 * Request flags.  RW_HTTP_NO_RESEND: libcurl must not send the body a
 * second time by itself (it does so for a reused connection that died
 * without an answer, which for a create could mean two creates); such a
 * request fails instead, with sent = 1.  One without a body (DELETE)
 * goes on a fresh connection, which libcurl never retries.
 */
#define RW_HTTP_NO_RESEND 0x1

struct rw_http_reply {
	void *user;		/* as given to rw_http_start() */
	/*
	 * RW_OK when an HTTP answer came, whatever its status code; else the
	 * transport failure: RW_ENET, RW_ETIMEOUT, RW_ETLS, RW_EPROTO (reply
	 * too large, broken HTTP), RW_EUSAGE (bad URL), RW_ENOMEM.
	 */
	enum rw_status status;
	long http_status;	/* 0 when no status line came */
	char *body;		/* NUL-terminated (may also hold NULs); wiped by rw_http_reply_free() */
	size_t len;
	long retry_after;	/* Retry-After header in seconds, -1 when absent */
	char *location;		/* Location header of a redirect (not followed), or NULL */
	/* Transport failures only: */
	char *message;		/* e.g. "could not connect to 127.0.0.1 port 9: Connection refused" */
	int transient;		/* connect failure, reset or empty reply: worth retrying a GET */
	int sent;		/* the request (its body, for a POST) may have reached the server */
};

/*
 * A URL is refused (RW_EUSAGE) unless it is https://, or http:// to a
 * loopback host by the one rule of net/url.h (rw_url_host_is_loopback).
 * The host is taken as libcurl parses it, so "http://127.0.0.1@example.com"
 * is example.com.
 */
enum rw_status rw_http_check_url(const char *url);

enum rw_status rw_http_new(const struct rw_http_config *config, struct rw_http **out);
/* Why libcurl could not be loaded, naming it and dlerror()'s words; NULL if it could. */
const char *rw_http_library_error(void);
/*
 * How many requests may run at once, each on its own keep-alive connection
 * (1 from rw_http_new(): the whole run on one connection).  Clamped to 1..
 * RW_HTTP_SLOTS_MAX.  Requests beyond it wait in order in our own queue.
 */
#define RW_HTTP_SLOTS_MAX 32
void rw_http_set_slots(struct rw_http *http, int slots);

/* Cancels whatever is queued or running and frees; NULLs *http. */
void rw_http_free(struct rw_http **http);

/*
 * Queues a request.  body (len bytes, may be NULL for none) is copied and
 * wiped after sending; token, when not NULL, becomes "Authorization:
 * Bearer <token>" for this request only and is wiped when it finishes.
 * NULL when out of memory or the URL is malformed.
 */
struct rw_http_request *rw_http_start(struct rw_http *http, enum rw_http_method method,
				      const char *url, const char *body, size_t len,
				      const char *token, int flags, void *user);
/* Drops a queued, running or finished-but-uncollected request. */
void rw_http_cancel(struct rw_http *http, struct rw_http_request *request);
/* Whether the request (its body, for a POST) may have reached the server yet. */
int rw_http_sent(const struct rw_http_request *request);
/* Requests queued, running or finished but not collected. */
int rw_http_pending(const struct rw_http *http);

/*
 * Drives the transfers and waits up to timeout_ms (-1: no limit) for
 * socket activity or extra_fd (-1: none) to become readable.  Does not
 * wait when a finished request is already waiting to be collected.
 * Returns 1 when extra_fd is readable, else 0.
 */
int rw_http_poll(struct rw_http *http, int extra_fd, int timeout_ms);
/* Moves the oldest finished request into *reply (caller frees).  1, or 0 when none. */
int rw_http_next_reply(struct rw_http *http, struct rw_http_reply *reply);
void rw_http_reply_free(struct rw_http_reply *reply);

/* s percent-encoded for a URL path segment or query value; free(). NULL when out of memory. */
char *rw_http_escape(const char *s);

#endif
