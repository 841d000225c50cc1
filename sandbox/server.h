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

/* At most this many connections at once; more wait in the kernel's backlog or are refused. */
#define SB_MAX_CONNECTIONS 256

struct sb_server_config {
	unsigned port;			/* 0: any free port */
	long latency_ms;		/* added before every answer */
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
