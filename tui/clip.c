#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/clip.h"

char *
tui_clip_base64(const char *data, size_t len)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *in = (const unsigned char *) data;
	char *out = malloc((len + 2) / 3 * 4 + 1), *p = out;
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i + 2 < len; i += 3) {
		*p++ = digits[in[i] >> 2];
		*p++ = digits[((in[i] & 3) << 4) | (in[i + 1] >> 4)];
		*p++ = digits[((in[i + 1] & 15) << 2) | (in[i + 2] >> 6)];
		*p++ = digits[in[i + 2] & 63];
	}
	if (i < len) {
		*p++ = digits[in[i] >> 2];
		if (i + 1 < len) {
			*p++ = digits[((in[i] & 3) << 4) | (in[i + 1] >> 4)];
			*p++ = digits[(in[i + 1] & 15) << 2];
		} else {
			*p++ = digits[(in[i] & 3) << 4];
			*p++ = '=';
		}
		*p++ = '=';
	}
	*p = '\0';
	return out;
}

int
tui_clip_copy(int fd, const char *text)
{
	char *encoded = tui_clip_base64(text, strlen(text)), *seq;
	size_t len, done = 0;
	ssize_t n;

	if (!encoded)
		return -1;
	len = strlen(encoded) + 8;
	if (!(seq = malloc(len + 1))) {
		free(encoded);
		return -1;
	}
	/* "c": the clipboard (not the primary selection); BEL ends it, as most terminals take. */
	memcpy(seq, "\033]52;c;", 7);
	memcpy(seq + 7, encoded, len - 8);
	seq[len - 1] = '\a';
	seq[len] = '\0';
	free(encoded);
	while (done < len) {
		n = write(fd, seq + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t) n;
	}
	free(seq);
	return done == len ? 0 : -1;
}
