#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/http.h"
#include "net/url.h"
#include "tests/tap.h"

/*
 * The one loopback rule: the sign-in's URL normaliser and the check
 * net/http.c makes before libcurl sees a URL must agree on every host, so
 * a URL the sign-in takes is never refused later as a bare "usage error".
 */

static const struct {
	const char *host;
	int loopback;
} hosts[] = {
	{ "127.0.0.1", 1 },
	{ "127.255.255.254", 1 },
	{ "localhost", 1 },
	{ "LocalHost", 1 },
	{ "::1", 1 },
	{ "[::1]", 1 },
	{ "::ffff:127.0.0.1", 1 },
	{ "[::ffff:127.0.0.1]", 1 },
	{ "::ffff:127.9.8.7", 1 },
	{ "0:0:0:0:0:ffff:7f00:1", 1 },
	{ "128.0.0.1", 0 },
	{ "10.0.0.1", 0 },
	{ "::2", 0 },
	{ "::ffff:10.0.0.1", 0 },
	{ "::127.0.0.1", 0 },
	{ "localhost.evil.example", 0 },
	{ "127.0.0.1.evil.example", 0 },
	{ "", 0 },
	{ "[]", 0 },
};

static void
test_hosts(void)
{
	size_t i;

	ok(!rw_url_host_is_loopback(NULL), "null_host_is_not_loopback");
	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
		ok(rw_url_host_is_loopback(hosts[i].host) == hosts[i].loopback, "host_%s_is_%s",
		   hosts[i].host, hosts[i].loopback ? "loopback" : "not_loopback");
}

/* For every host: http:// to it is taken by both or refused by both. */
static void
test_normaliser_and_http_agree(void)
{
	char url[128], msg[512], *base;
	size_t i;

	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		const char *h = hosts[i].host;
		enum rw_status norm, http;

		if (!*h || strcmp(h, "[]") == 0)
			continue;
		snprintf(url, sizeof(url), strchr(h, ':') && h[0] != '[' ? "http://[%s]:8080" :
			 "http://%s:8080", h);
		base = NULL;
		norm = rw_url_normalize(url, NULL, &base, msg, sizeof(msg));
		http = rw_http_check_url(base ? base : url);
		ok(norm == http && (norm == RW_OK) == hosts[i].loopback,
		   "http_to_%s_is_%s_by_both", h, hosts[i].loopback ? "taken" : "refused");
		if (norm != http)
			diag("normaliser %d (%s), http %d", (int) norm, norm ? msg : base, (int) http);
		if (norm != RW_OK)
			ok(strstr(msg, "unencrypted") != NULL, "refused_%s_names_the_cause", h);
		free(base);
	}
}

int
main(void)
{
	test_hosts();
	test_normaliser_and_http_agree();
	return done_testing();
}
