#ifndef ROTWIZ_NET_URL_H
#define ROTWIZ_NET_URL_H

/*
 * The one URL normaliser and the one loopback rule (doc/architecture.md,
 * "net/").  http:// is allowed only to a loopback host, decided from the
 * text alone: 127.0.0.0/8, "localhost", ::1 and the IPv4-mapped loopback
 * ::ffff:127.x.y.z.
 */

#include <stddef.h>

#include "common/status.h"

/* The URL messages give as an example of a good one. */
#define RW_URL_EXAMPLE "https://us.infisical.com"

/*
 * Nonzero when host (a name or an address; an IPv6 address with or
 * without its [brackets]) is loopback by the rule above.
 */
int rw_url_host_is_loopback(const char *host);

/*
 * The API base for a server URL as typed: https://host[:port][/prefix],
 * with or without a trailing /api or slash, becomes
 * "https://host[:port][/prefix]/api".  A URL without a scheme gets
 * https://.  http:// is refused unless the host is loopback.  source
 * names where the URL came from ("--domain", "INFISICAL_DOMAIN") in the
 * messages, or NULL.  RW_OK with *api_base (caller frees), else RW_EUSAGE
 * (or RW_ENOMEM) with a one-line "cause -- fix" in msg naming the cause.
 */
enum rw_status rw_url_normalize(const char *url, const char *source, char **api_base,
				char *msg, size_t msgsz);

#endif
