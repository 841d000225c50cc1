#ifndef ROTWIZ_SANDBOX_SERVER_H
#define ROTWIZ_SANDBOX_SERVER_H

#include <stddef.h>

#include "sandbox/fault.h"
#include "sandbox/stats.h"
#include "sandbox/world.h"

/*
 * The HTTP side: libmicrohttpd with one thread per connection, so that a
 * delayed or stalled answer never holds up another connection.  It reads
 * requests (bodies up to the limit), applies --latency and --fault, and
 * hands the rest to router.c with the world locked.
 */

/*
 * Connections (sandbox/README.md "Connections").  Past SB_OPEN_CONNECTIONS
 * open ones, each new connection closes the oldest one that is not being
 * served (its first request's headers still coming, or idle between
 * keep-alive requests), so held partial requests (slowloris) never lock a
 * new client out.  That close takes its thread a moment, so
 * libmicrohttpd's own limit, SB_MAX_CONNECTIONS (past it a new connection
 * is closed at once), is set well above: a burst of held connections is
 * pushed out before it reaches it.  A connection's first request must
 * bring its headers within the header timeout (--header-timeout, default
 * SB_HEADER_TIMEOUT_MS) of connecting, else it is closed unanswered.  A
 * connection quiet for SB_IDLE_TIMEOUT_S is closed (libmicrohttpd's
 * connection timeout).  No per-IP limit: every client is 127.0.0.1.
 */
#define SB_OPEN_CONNECTIONS 240
#define SB_MAX_CONNECTIONS 512
#define SB_HEADER_TIMEOUT_MS 10000L
#define SB_IDLE_TIMEOUT_S 60

struct sb_server_config {
	unsigned port;			/* 0: any free port */
	long latency_ms;		/* added before every answer */
	long header_timeout_ms;		/* 0: SB_HEADER_TIMEOUT_MS */
	struct sb_world *world;
	struct sb_stats *stats;
	struct sb_faults *faults;
};

struct sb_server;

/* Listens on 127.0.0.1.  0 with *port_out set, or -1 with a reason in err. */
int sb_server_start(const struct sb_server_config *config, struct sb_server **out,
		    unsigned *port_out, char *err, size_t err_size);
/* Ends stalls and delays, closes every connection, joins every thread. */
void sb_server_stop(struct sb_server **server);

#endif
