#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "sandbox/rand.h"

static void
random_bytes(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len) {
		ssize_t n = getrandom(p, len, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* Handing out predictable tokens would be worse than stopping. */
			perror("rotwiz-sandbox: getrandom");
			abort();
		}
		p += n;
		len -= (size_t) n;
	}
}

void
sb_uuid4(char *out)
{
	unsigned char b[16];

	random_bytes(b, sizeof(b));
	b[6] = (unsigned char) ((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char) ((b[8] & 0x3f) | 0x80);
	snprintf(out, SB_UUID_LEN + 1,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
		 b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* Picks len characters from set without modulo bias. */
static void
random_from(char *out, size_t len, const char *set)
{
	size_t n = strlen(set), i = 0;
	unsigned limit = 256 - (256 % (unsigned) n);

	while (i < len) {
		unsigned char b[32];
		size_t j;

		random_bytes(b, sizeof(b));
		for (j = 0; j < sizeof(b) && i < len; j++)
			if (b[j] < limit)
				out[i++] = set[b[j] % n];
	}
	out[len] = '\0';
}

void
sb_random_alnum(char *out, size_t len)
{
	random_from(out, len,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
}

void
sb_azure_secret_text(char *out)
{
	static const char set[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-";

	random_from(out, 3, set);
	memcpy(out + 3, "8Q~", 3);
	random_from(out + 6, SB_AZURE_SECRET_LEN - 6, set);
}

char *
sb_access_token_new(void)
{
	/* base64url of {"alg":"HS256","typ":"JWT"}: real tokens start this way. */
	static const char header[] = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
	static const char b64url[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	char payload[121], signature[44];
	char *token;
	size_t len;

	random_from(payload, sizeof(payload) - 1, b64url);
	random_from(signature, sizeof(signature) - 1, b64url);
	len = sizeof(header) - 1 + 1 + strlen(payload) + 1 + strlen(signature) + 1;
	token = malloc(len);
	if (token)
		snprintf(token, len, "%s.%s.%s", header, payload, signature);
	return token;
}
