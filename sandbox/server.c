#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "common/clock.h"
#include "common/strbuf.h"
#include "sandbox/router.h"
#include "sandbox/request.h"
#include "sandbox/server.h"

/*
 * A body past the limit is still read, and thrown away, up to here so that
 * the client is ready to read its 413; past this the connection is closed.
 */
#define DISCARD_LIMIT (64u * 1024u * 1024u)
/* How often a sleeping or stalled request looks whether it should end. */
#define TICK_MS 20

/*
 * One open connection, for the header timeout and the room kept free
 * (sb_server.h).  busy: its request's headers arrived, so it is being
 * served (a --latency wait, a stall, a body on its way) and is never cut;
 * served: it answered a request before (then it waits as keep-alive).
 */
struct conn {
	struct conn *prev, *next;
	int fd;
	long long started_ms;
	int busy, served, closing;
};

struct sb_server {
	struct MHD_Daemon *daemon;
	struct sb_server_config config;
	atomic_int stopping;
	pthread_mutex_t lock;		/* guards the list below */
	struct conn *oldest, *newest;
	unsigned open;
	pthread_t watchdog;
	int watching;
};

/* One request in flight. */
struct pending {
	int route;
	char *params[2];
	struct strbuf body;
	size_t received;
	int too_large;
	int answered;		/* a response was queued before the body arrived */
};

static const char garbage_page[] =
	"<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head>"
	"<body><h1>Checking your connection</h1><p>This page requires JavaScript.</p>"
	"</body></html>\n";

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Waits ms, or less when the server is stopping. */
static void
delay(struct sb_server *server, long ms)
{
	while (ms > 0 && !atomic_load(&server->stopping)) {
		long step = ms < TICK_MS ? ms : TICK_MS;

		sleep_ms(step);
		ms -= step;
	}
}

/*
 * Never answers: waits until the client gives up (closes its end) or the
 * server stops.  Only this connection's thread waits.
 */
static void
stall(struct sb_server *server, struct MHD_Connection *connection)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
	int fd = info ? info->connect_fd : -1;

	while (!atomic_load(&server->stopping)) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;
		char byte;

		if (fd < 0) {
			sleep_ms(TICK_MS);
			continue;
		}
		if (poll(&p, 1, TICK_MS) <= 0)
			continue;
		if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
			return;
		n = recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
			return;
		sleep_ms(TICK_MS);	/* more bytes (a pipelined request): keep not answering */
	}
}

static enum MHD_Result
collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
	    const char *value, size_t value_size)
{
	cJSON *query = cls, *old, *text;
	char *copy;
	size_t i;

	(void) kind;
	(void) key_size;
	if (!key)
		return MHD_YES;
	/* "?a" has no value; the query parser Infisical uses gives "". */
	if (!value)
		value_size = 0;
	copy = malloc(value_size + 1);
	if (!copy)
		return MHD_NO;
	/* A %00 in the query is a NUL in the string JavaScript sees: kept as the mark (request.h). */
	for (i = 0; i < value_size; i++)
		copy[i] = value[i] == '\0' ? SB_NUL_MARK : value[i];
	copy[value_size] = '\0';
	text = cJSON_CreateString(copy);
	free(copy);
	old = cJSON_GetObjectItemCaseSensitive(query, key);
	if (!old) {
		cJSON_AddItemToObject(query, key, text);
	} else if (cJSON_IsArray(old)) {
		cJSON_AddItemToArray(old, text);
	} else {
		/* Repeated: the value becomes an array, which string rules then refuse. */
		cJSON *array = cJSON_CreateArray();

		cJSON_AddItemToArray(array, cJSON_Duplicate(old, 1));
		cJSON_AddItemToArray(array, text);
		cJSON_ReplaceItemInObjectCaseSensitive(query, key, array);
	}
	return MHD_YES;
}

static enum MHD_Result
append_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct strbuf *url = cls;

	(void) kind;
	if (key)
		strbuf_printf(url, "%c%s%s%s", strchr(strbuf_str(url), '?') ? '&' : '?', key,
			      value ? "=" : "", value ? value : "");
	return MHD_YES;
}

static enum MHD_Result
send_reply(struct MHD_Connection *connection, struct sb_reply *reply)
{
	struct MHD_Response *response;
	enum MHD_Result rc;
	char retry[24];

	if (reply->body && reply->len) {
		response = MHD_create_response_from_buffer(reply->len, reply->body, MHD_RESPMEM_MUST_FREE);
		if (response)
			reply->body = NULL;	/* libmicrohttpd frees it */
	} else {
		response = MHD_create_response_from_buffer(0, (void *) "", MHD_RESPMEM_PERSISTENT);
	}
	if (!response)
		return MHD_NO;
	if (reply->content_type)
		MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, reply->content_type);
	if (reply->retry_after >= 0) {
		snprintf(retry, sizeof(retry), "%ld", reply->retry_after);
		MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER, retry);
	}
	rc = MHD_queue_response(connection, reply->status ? reply->status : 500, response);
	MHD_destroy_response(response);
	return rc;
}

/* What the request carried, read from libmicrohttpd; free with incoming_free(). */
static void
incoming_read(struct MHD_Connection *connection, const char *method, const char *path,
	      const struct pending *p, struct sb_incoming *in, struct strbuf *url)
{
	memset(in, 0, sizeof(*in));
	in->method = method;
	in->path = path;
	in->query = cJSON_CreateObject();
	if (in->query)
		MHD_get_connection_values_n(connection, MHD_GET_ARGUMENT_KIND, collect_arg, in->query);
	strbuf_puts(url, path);
	MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, append_arg, url);
	in->url = strbuf_str(url);
	in->authorization = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
							MHD_HTTP_HEADER_AUTHORIZATION);
	in->content_type = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
						       MHD_HTTP_HEADER_CONTENT_TYPE);
	in->content_length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
							 MHD_HTTP_HEADER_CONTENT_LENGTH);
	in->chunked = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
						  MHD_HTTP_HEADER_TRANSFER_ENCODING) != NULL;
	in->body = strbuf_str(&p->body);
	in->body_len = p->body.len;
	in->too_large = p->too_large;
}

/* Routes the request (the router locks the world) and fills reply. */
static void
handle(struct sb_server *server, struct MHD_Connection *connection, const char *method,
       const char *path, struct pending *p, struct sb_reply *reply)
{
	struct sb_incoming in;
	struct strbuf url = STRBUF_INIT;

	incoming_read(connection, method, path, p, &in, &url);
	if (!in.query || url.failed || (p->body.failed && !p->too_large)) {
		sb_reply_internal(reply);
	} else {
		sb_router_handle(server->config.world, server->config.stats, &in, p->route,
				 p->params, reply);
	}
	cJSON_Delete(in.query);
	strbuf_free(&url);
}

/*
 * The answer to a body announced too large by a client that waits for
 * "100 Continue": the route and token are judged first, as the server's
 * hooks run before it reads a body; then 413.
 */
static enum MHD_Result
refuse_body(struct sb_server *server, struct MHD_Connection *connection, const char *method,
	    const char *path, struct pending *p)
{
	struct sb_incoming in;
	struct strbuf url = STRBUF_INIT;
	struct sb_reply reply;
	enum sb_actor actor;
	enum MHD_Result rc;
	int refused;

	sb_reply_init(&reply);
	incoming_read(connection, method, path, p, &in, &url);
	sb_world_lock(server->config.world);
	refused = sb_router_gate(server->config.world, &in, p->route, &actor, &reply) < 0;
	sb_world_unlock(server->config.world);
	if (!refused)
		sb_reply_error_ex(&reply, 413, "Payload Too Large", "Request body is too large",
				  "FST_ERR_CTP_BODY_TOO_LARGE", NULL);
	rc = send_reply(connection, &reply);
	sb_reply_free(&reply);
	cJSON_Delete(in.query);
	strbuf_free(&url);
	return rc;
}

static void
fault_status(unsigned status, struct sb_reply *reply)
{
	if (status == 422) {
		cJSON *issues = cJSON_CreateArray(), *issue = cJSON_CreateObject();

		cJSON_AddStringToObject(issue, "code", "custom");
		cJSON_AddStringToObject(issue, "message", "Injected fault");
		cJSON_AddItemToObject(issue, "path", cJSON_CreateArray());
		cJSON_AddItemToArray(issues, issue);
		sb_reply_issues(reply, issues);
	} else if (status == 429) {
		sb_reply_error(reply, 429, "RateLimitExceeded",
			       "Rate limit exceeded. Please try again in 1 seconds");
		reply->retry_after = 1;
	} else if (status >= 500) {
		sb_reply_error(reply, status, sb_error_name(status), "%s",
			       status == 503 ? "Service Unavailable" :
			       status == 502 ? "Bad Gateway" :
			       status == 504 ? "Gateway Timeout" : "Something went wrong");
	} else {
		sb_reply_error(reply, status, sb_error_name(status), "Injected fault: HTTP %u", status);
	}
}

/* The whole request has arrived: delay, fault, route, answer. */
static enum MHD_Result
answer(struct sb_server *server, struct MHD_Connection *connection, const char *method,
       const char *path, struct pending *p)
{
	enum sb_fault_action action = SB_FAULT_STATUS;
	unsigned status = 0;
	int faulted;
	struct sb_reply reply;
	enum MHD_Result rc;

	delay(server, server->config.latency_ms);
	if (atomic_load(&server->stopping))
		return MHD_NO;
	faulted = sb_faults_take(server->config.faults, method, path, &action, &status);
	sb_reply_init(&reply);
	if (faulted) {
		switch (action) {
		case SB_FAULT_DROP:
			return MHD_NO;	/* libmicrohttpd closes the connection unanswered */
		case SB_FAULT_STALL:
			stall(server, connection);
			return MHD_NO;
		case SB_FAULT_STATUS:
			fault_status(status, &reply);
			goto send;
		case SB_FAULT_GARBAGE:
			sb_reply_raw(&reply, 200, "text/html; charset=utf-8", garbage_page,
				     sizeof(garbage_page) - 1);
			goto send;
		case SB_FAULT_TRUNCATE:
		case SB_FAULT_DROP_AFTER:
		case SB_FAULT_STALL_AFTER:
			break;
		}
	}
	handle(server, connection, method, path, p, &reply);
	if (faulted && action == SB_FAULT_DROP_AFTER) {
		sb_reply_free(&reply);
		return MHD_NO;
	}
	if (faulted && action == SB_FAULT_STALL_AFTER) {
		sb_reply_free(&reply);
		stall(server, connection);
		return MHD_NO;
	}
	if (faulted && action == SB_FAULT_TRUNCATE)
		reply.len /= 2;
send:
	rc = send_reply(connection, &reply);
	sb_reply_free(&reply);
	return rc;
}

static int
expects_continue(struct MHD_Connection *connection)
{
	const char *expect = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
							 MHD_HTTP_HEADER_EXPECT);

	return expect && strcasecmp(expect, "100-continue") == 0;
}

/*
 * Ends a connection from outside its thread: the thread's next read sees
 * the end and libmicrohttpd closes it.  The fd stays valid meanwhile:
 * libmicrohttpd closes it only after NOTIFY_CLOSED took it off the list,
 * under the same lock.  Called with the lock held.
 */
static void
cut(struct conn *c)
{
	c->closing = 1;
	shutdown(c->fd, SHUT_RDWR);
}

/* A connection's request headers arrived (busy) or its answer is done. */
static void
mark(struct sb_server *server, struct MHD_Connection *connection, int busy)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct conn *c = info ? info->socket_context : NULL;

	if (!c)
		return;
	pthread_mutex_lock(&server->lock);
	c->busy = busy;
	if (!busy)
		c->served = 1;
	pthread_mutex_unlock(&server->lock);
}

/* Cuts connections whose first request's headers are late (slowloris). */
static void *
watchdog(void *arg)
{
	struct sb_server *server = arg;
	struct conn *c;
	long long now;

	while (!atomic_load(&server->stopping)) {
		sleep_ms(100);
		now = rw_monotonic_ms();
		pthread_mutex_lock(&server->lock);
		for (c = server->oldest; c; c = c->next)
			if (!c->busy && !c->served && !c->closing &&
			    now - c->started_ms >= server->config.header_timeout_ms)
				cut(c);
		pthread_mutex_unlock(&server->lock);
	}
	return NULL;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
	   const char *version, const char *upload_data, size_t *upload_data_size, void **req_cls)
{
	struct sb_server *server = cls;
	struct pending *p = *req_cls;

	(void) version;
	if (!p) {
		const char *length;

		mark(server, connection, 1);
		p = calloc(1, sizeof(*p));
		if (!p)
			return MHD_NO;
		strbuf_init(&p->body, SB_BODY_LIMIT);
		*req_cls = p;
		p->route = sb_router_match(method, url, p->params);
		sb_stats_request(server->config.stats, p->route);
		length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_LENGTH);
		/*
		 * A client that waits for "100 Continue" learns at once that its
		 * body is too large, and never sends it.
		 */
		if (length && strtoull(length, NULL, 10) > SB_BODY_LIMIT && expects_continue(connection)) {
			p->answered = 1;
			return refuse_body(server, connection, method, url, p);
		}
		return MHD_YES;
	}
	if (p->answered) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size) {
		p->received += *upload_data_size;
		if (!p->too_large && strbuf_append(&p->body, upload_data, *upload_data_size) < 0 &&
		    p->received > SB_BODY_LIMIT)
			p->too_large = 1;
		*upload_data_size = 0;
		return p->received > DISCARD_LIMIT ? MHD_NO : MHD_YES;
	}
	return answer(server, connection, method, url, p);
}

static void
on_completed(void *cls, struct MHD_Connection *connection, void **req_cls,
	     enum MHD_RequestTerminationCode code)
{
	struct pending *p = *req_cls;

	(void) code;
	mark(cls, connection, 0);
	if (!p)
		return;
	sb_router_params_free(p->params);
	strbuf_free(&p->body);
	free(p);
	*req_cls = NULL;
}

static void
on_connection(void *cls, struct MHD_Connection *connection, void **socket_context,
	      enum MHD_ConnectionNotificationCode code)
{
	struct sb_server *server = cls;
	const union MHD_ConnectionInfo *info;
	struct conn *c = *socket_context, *old;

	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		if (!c)
			return;
		pthread_mutex_lock(&server->lock);
		*(c->prev ? &c->prev->next : &server->oldest) = c->next;
		*(c->next ? &c->next->prev : &server->newest) = c->prev;
		server->open--;
		pthread_mutex_unlock(&server->lock);
		free(c);
		*socket_context = NULL;
		return;
	}
	sb_stats_connection(server->config.stats);
	info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (!info || !(c = calloc(1, sizeof(*c))))
		return;		/* not watched: libmicrohttpd's idle timeout still ends it */
	c->fd = info->connect_fd;
	c->started_ms = rw_monotonic_ms();
	pthread_mutex_lock(&server->lock);
	c->prev = server->newest;
	*(server->newest ? &server->newest->next : &server->oldest) = c;
	server->newest = c;
	/*
	 * Room is kept for a new client: past SB_OPEN_CONNECTIONS the oldest
	 * connection that is not being served (headers still coming, or an
	 * idle keep-alive) makes way, so held connections can never fill the
	 * limit and lock everyone out.
	 */
	if (++server->open > SB_OPEN_CONNECTIONS)
		for (old = server->oldest; old && old != c; old = old->next)
			if (!old->busy && !old->closing) {
				cut(old);
				break;
			}
	pthread_mutex_unlock(&server->lock);
	*socket_context = c;
}

int
sb_server_start(const struct sb_server_config *config, struct sb_server **out,
		unsigned *port_out, char *err, size_t err_size)
{
	struct sb_server *server = calloc(1, sizeof(*server));
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	const union MHD_DaemonInfo *info;

	*out = NULL;
	if (!server) {
		snprintf(err, err_size, "out of memory");
		return -1;
	}
	server->config = *config;
	if (server->config.header_timeout_ms <= 0)
		server->config.header_timeout_ms = SB_HEADER_TIMEOUT_MS;
	pthread_mutex_init(&server->lock, NULL);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((unsigned short) config->port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	errno = 0;
	server->daemon = MHD_start_daemon(
		MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL_INTERNAL_THREAD,
		(uint16_t) config->port, NULL, NULL, on_request, server,
		MHD_OPTION_SOCK_ADDR, (const struct sockaddr *) &addr,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int) SB_MAX_CONNECTIONS,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) SB_IDLE_TIMEOUT_S,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, server,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, server,
		MHD_OPTION_END);
	if (!server->daemon) {
		snprintf(err, err_size, "cannot listen on 127.0.0.1:%u%s%s", config->port,
			 errno ? ": " : "", errno ? strerror(errno) : "");
		pthread_mutex_destroy(&server->lock);
		free(server);
		return -1;
	}
	server->watching = pthread_create(&server->watchdog, NULL, watchdog, server) == 0;
	info = MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_LISTEN_FD);
	memset(&addr, 0, sizeof(addr));
	if (!info || getsockname(info->listen_fd, (struct sockaddr *) &addr, &len) < 0) {
		snprintf(err, err_size, "cannot tell which port was bound");
		sb_server_stop(&server);
		return -1;
	}
	*port_out = ntohs(addr.sin_port);
	*out = server;
	return 0;
}

void
sb_server_stop(struct sb_server **pserver)
{
	struct sb_server *server = *pserver;

	if (!server)
		return;
	atomic_store(&server->stopping, 1);
	if (server->watching)
		pthread_join(server->watchdog, NULL);
	MHD_stop_daemon(server->daemon);
	pthread_mutex_destroy(&server->lock);
	free(server);
	*pserver = NULL;
}
