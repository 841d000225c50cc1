#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "net/url.h"

/*
 * The server URL as typed, and the one loopback rule: both the sign-in
 * (which turns what the user typed into an API base) and net/http.c
 * (which checks every URL before libcurl sees it) ask here, so they can
 * never disagree.  No name is looked up to decide.
 */

#define URL_MAX 2048

int
rw_url_host_is_loopback(const char *host)
{
	unsigned char addr[16];
	char inner[INET6_ADDRSTRLEN + 1];
	size_t len = host ? strlen(host) : 0;

	if (!host)
		return 0;
	/* "[::1]" as libcurl gives an IPv6 host, "::1" as a URL holds it between brackets. */
	if (len > 2 && host[0] == '[' && host[len - 1] == ']') {
		if (len - 2 >= sizeof(inner))
			return 0;
		memcpy(inner, host + 1, len - 2);
		inner[len - 2] = '\0';
		host = inner;
	}

	if (strcasecmp(host, "localhost") == 0)
		return 1;
	if (inet_pton(AF_INET, host, addr) == 1)
		return addr[0] == 127;
	if (inet_pton(AF_INET6, host, addr) == 1) {
		static const unsigned char v4mapped[12] = {
			0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
		};
		size_t i;

		if (memcmp(addr, v4mapped, 12) == 0)
			return addr[12] == 127;
		for (i = 0; i < 15; i++)
			if (addr[i])
				return 0;
		return addr[15] == 1;
	}
	return 0;
}

static int
valid_host_name(const char *host)
{
	const char *p;

	for (p = host; *p; p++)
		if (!isalnum((unsigned char) *p) && *p != '.' && *p != '-' && *p != '_')
			return 0;
	return p != host;
}

enum rw_status
rw_url_normalize(const char *url, const char *source, char **api_base, char *msg, size_t msgsz)
{
	char text[URL_MAX], host[256], from[64] = "";
	unsigned char addr[16];
	const char *start, *end, *rest, *auth_end, *host_start, *host_end, *port = NULL;
	size_t len, plen;
	int https;

	*api_base = NULL;
	if (!url)
		url = "";
	if (source)
		snprintf(from, sizeof(from), " (from %s)", source);
	for (start = url; isspace((unsigned char) *start); start++)
		;
	for (end = start + strlen(start); end > start && isspace((unsigned char) end[-1]); end--)
		;
	len = (size_t) (end - start);
	if (len == 0) {
		snprintf(msg, msgsz, "the server URL%s is empty -- give one such as %s",
			 from, RW_URL_EXAMPLE);
		return RW_EUSAGE;
	}
	if (len >= sizeof(text)) {
		snprintf(msg, msgsz, "the server URL%s is too long -- give one such as %s",
			 from, RW_URL_EXAMPLE);
		return RW_EUSAGE;
	}
	memcpy(text, start, len);
	text[len] = '\0';
	/* libcurl would refuse these with a bare "malformed": name the character and where. */
	for (rest = text; *rest; rest++) {
		unsigned char c = (unsigned char) *rest;

		if (c == ' ') {
			snprintf(msg, msgsz, "the server URL%s has a space at character %zu -- a URL "
				 "holds none: remove it, or write it as %%20", from,
				 (size_t) (rest - text) + 1);
			return RW_EUSAGE;
		}
		if (c < 0x20 || c >= 0x7f) {
			snprintf(msg, msgsz, "the server URL%s has a %s (byte 0x%02x) at character "
				 "%zu -- type the URL as plain ASCII, such as %s", from,
				 c >= 0x80 ? "non-ASCII character" : "control character", c,
				 (size_t) (rest - text) + 1, RW_URL_EXAMPLE);
			return RW_EUSAGE;
		}
	}

	if ((rest = strstr(text, "://"))) {
		size_t slen = (size_t) (rest - text);

		if (slen == 5 && strncasecmp(text, "https", 5) == 0)
			https = 1;
		else if (slen == 4 && strncasecmp(text, "http", 4) == 0)
			https = 0;
		else {
			snprintf(msg, msgsz, "the server URL%s must start with https:// -- got "
				 "\"%.*s://\"", from, (int) (slen > 16 ? 16 : slen), text);
			return RW_EUSAGE;
		}
		rest += 3;
	} else {
		https = 1;	/* "eu.infisical.com" means what a browser would make of it */
		rest = text;
	}
	if (strpbrk(rest, "?#")) {
		snprintf(msg, msgsz, "the server URL%s has a ?query or #fragment -- give only "
			 "the address, such as %s", from, RW_URL_EXAMPLE);
		return RW_EUSAGE;
	}
	auth_end = rest + strcspn(rest, "/");
	if (memchr(rest, '@', (size_t) (auth_end - rest))) {
		snprintf(msg, msgsz, "the server URL%s holds a user name or password, which "
			 "rotwiz does not use -- remove the part before \"@\"; credentials come "
			 "from INFISICAL_TOKEN or --token-file", from);
		return RW_EUSAGE;
	}
	host_start = rest;
	if (*rest == '[') {
		host_start = rest + 1;
		host_end = memchr(host_start, ']', (size_t) (auth_end - host_start));
		if (!host_end) {
			snprintf(msg, msgsz, "the server URL%s has an unclosed [ -- write an IPv6 "
				 "address as http://[::1]:8080", from);
			return RW_EUSAGE;
		}
		if (host_end + 1 < auth_end) {
			if (host_end[1] != ':') {
				snprintf(msg, msgsz, "the server URL%s is not a URL -- give one "
					 "such as %s", from, RW_URL_EXAMPLE);
				return RW_EUSAGE;
			}
			port = host_end + 2;
		}
	} else {
		host_end = memchr(rest, ':', (size_t) (auth_end - rest));
		if (host_end)
			port = host_end + 1;
		else
			host_end = auth_end;
	}
	if ((size_t) (host_end - host_start) >= sizeof(host) || host_end == host_start) {
		snprintf(msg, msgsz, "the server URL%s has no host name -- give one such as %s",
			 from, RW_URL_EXAMPLE);
		return RW_EUSAGE;
	}
	memcpy(host, host_start, (size_t) (host_end - host_start));
	host[host_end - host_start] = '\0';
	if (*rest == '[' ? inet_pton(AF_INET6, host, addr) != 1 : !valid_host_name(host)) {
		snprintf(msg, msgsz, "the server URL%s has a host name that is not one: \"%.60s\"",
			 from, host);
		return RW_EUSAGE;
	}
	if (port) {
		size_t digits = (size_t) (auth_end - port);
		long value = digits ? strtol(port, NULL, 10) : 0;

		if (!digits || digits > 5 || strspn(port, "0123456789") < digits ||
		    value < 1 || value > 65535) {
			snprintf(msg, msgsz, "the server URL%s has a bad port -- a port is a "
				 "number from 1 to 65535", from);
			return RW_EUSAGE;
		}
	}
	if (!https && !rw_url_host_is_loopback(host)) {
		snprintf(msg, msgsz, "plain http:// to %s%s is refused: the token would cross the "
			 "network unencrypted -- use https://, or http:// only for 127.0.0.1, "
			 "localhost, ::1 or ::ffff:127.0.0.1", host, from);
		return RW_EUSAGE;
	}

	/* The path: without trailing slashes, and ending in /api. */
	plen = strlen(auth_end);
	while (plen > 0 && auth_end[plen - 1] == '/')
		plen--;
	len = strlen(https ? "https://" : "http://") + (size_t) (auth_end - rest) + plen + 5;
	if (!(*api_base = malloc(len))) {
		snprintf(msg, msgsz, "out of memory");
		return RW_ENOMEM;
	}
	snprintf(*api_base, len, "%s%.*s%.*s%s", https ? "https://" : "http://",
		 (int) (auth_end - rest), rest, (int) plen, auth_end,
		 plen >= 4 && strncmp(auth_end + plen - 4, "/api", 4) == 0 ? "" : "/api");
	return RW_OK;
}

