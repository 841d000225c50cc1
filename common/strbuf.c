#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/secret.h"
#include "common/strbuf.h"

void
strbuf_init(struct strbuf *sb, size_t limit)
{
	memset(sb, 0, sizeof(*sb));
	sb->limit = limit;
}

static int
strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need, cap;
	char *data;

	if (sb->failed)
		return -1;
	if (extra > (size_t) -1 - sb->len - 1 ||
	    (sb->limit && sb->len + extra > sb->limit)) {
		sb->failed = 1;
		return -1;
	}
	need = sb->len + extra + 1;
	if (need <= sb->cap)
		return 0;
	cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap = cap > ((size_t) -1) / 2 ? need : cap * 2;
	/* Not realloc: the old block may hold a secret and must be wiped. */
	data = malloc(cap);
	if (!data) {
		sb->failed = 1;
		return -1;
	}
	if (sb->data) {
		memcpy(data, sb->data, sb->len + 1);
		secret_wipe(sb->data, sb->cap);
		free(sb->data);
	}
	sb->data = data;
	sb->cap = cap;
	return 0;
}

int
strbuf_append(struct strbuf *sb, const char *data, size_t len)
{
	if (strbuf_grow(sb, len) < 0)
		return -1;
	if (len)
		memcpy(sb->data + sb->len, data, len);
	sb->len += len;
	sb->data[sb->len] = '\0';
	return 0;
}

int
strbuf_reserve(struct strbuf *sb, size_t len)
{
	size_t need;
	char *data;

	if (sb->failed || len > (size_t) -1 - sb->len - 1 || (sb->limit && sb->len + len > sb->limit))
		return -1;
	need = sb->len + len + 1;
	if (need <= sb->cap)
		return 0;
	data = malloc(need);
	if (!data)
		return -1;
	if (sb->data) {
		memcpy(data, sb->data, sb->len + 1);
		secret_wipe(sb->data, sb->cap);
		free(sb->data);
	} else {
		data[0] = '\0';
	}
	sb->data = data;
	sb->cap = need;
	return 0;
}

int
strbuf_puts(struct strbuf *sb, const char *s)
{
	return strbuf_append(sb, s, strlen(s));
}

int
strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0 || strbuf_grow(sb, (size_t) n) < 0) {
		sb->failed = 1;
		return -1;
	}
	vsnprintf(sb->data + sb->len, (size_t) n + 1, fmt, ap);
	sb->len += (size_t) n;
	return 0;
}

int
strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
	return rc;
}

char *
strbuf_format(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb);
}

const char *
strbuf_str(const struct strbuf *sb)
{
	return sb->data ? sb->data : "";
}

char *
strbuf_detach(struct strbuf *sb)
{
	char *data = NULL;

	if (!sb->failed)
		data = sb->data ? sb->data : strdup("");
	else
		strbuf_free(sb);
	sb->data = NULL;
	sb->len = sb->cap = 0;
	sb->failed = 0;
	return data;
}

void
strbuf_reset(struct strbuf *sb)
{
	if (sb->data) {
		secret_wipe(sb->data, sb->cap);
		sb->data[0] = '\0';
	}
	sb->len = 0;
	sb->failed = 0;
}

void
strbuf_free(struct strbuf *sb)
{
	if (sb->data) {
		secret_wipe(sb->data, sb->cap);
		free(sb->data);
	}
	sb->data = NULL;
	sb->len = sb->cap = 0;
}
