#ifndef ROTWIZ_TESTS_FUZZ_CORPUS_H
#define ROTWIZ_TESTS_FUZZ_CORPUS_H

/*
 * For a fuzz entry built without libFuzzer: feeds LLVMFuzzerTestOneInput()
 * a seed, every prefix of it (a file cut short anywhere) and deterministic
 * stacked mutations (bytes and tokens replaced, inserted, deleted, chunks
 * repeated), so that every `make check` runs the entry's checks on a few
 * thousand inputs in well under a second.  A crash or broken promise
 * aborts, which the TAP driver reports.  Static functions only, like
 * tests/tap.h: each fuzz program includes it once.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

#include "tests/tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fixed seed: the same inputs on every run, so a failure reproduces. */
static unsigned long corpus_rng_state = 0x2545f491UL;

static unsigned long
corpus_rng(void)
{
	corpus_rng_state = corpus_rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return corpus_rng_state >> 33;
}

/* Bytes a JSON parser is likely to trip on. */
static const char corpus_bytes[] = "{}[]\",:\\u0\x00\xff\x80\xc3-1e9 ntf\n\t";

/* Exactly len bytes, no NUL after them: ASan sees any read past the end. */
static void
corpus_feed(const char *buf, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);

	if (!copy)
		abort();
	if (len)
		memcpy(copy, buf, len);
	LLVMFuzzerTestOneInput(copy, len);
	free(copy);
}

/* A regular file's bytes (caller frees), or NULL. */
static char *
corpus_read(const char *path, size_t *len)
{
	struct stat st;
	FILE *f;
	char *buf;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) || !(f = fopen(path, "rb")))
		return NULL;
	buf = malloc((size_t) st.st_size + 1);
	if (!buf || fread(buf, 1, (size_t) st.st_size, f) != (size_t) st.st_size) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[st.st_size] = '\0';
	*len = (size_t) st.st_size;
	return buf;
}

/* One random edit of buf[0..*len) in place; buf holds at least cap bytes. */
static void
corpus_mutate(char *buf, size_t *len, size_t cap, const char *const *tokens, size_t ntokens)
{
	size_t pos = *len ? corpus_rng() % *len : 0, n, from;
	unsigned long op = corpus_rng() % 7;
	char chunk[32];
	const char *tok;

	switch (op) {
	case 0:	/* replace a byte */
		if (*len)
			buf[pos] = corpus_bytes[corpus_rng() % (sizeof(corpus_bytes) - 1)];
		break;
	case 1:	/* insert a byte */
		if (*len + 1 <= cap) {
			memmove(buf + pos + 1, buf + pos, *len - pos);
			buf[pos] = corpus_bytes[corpus_rng() % (sizeof(corpus_bytes) - 1)];
			(*len)++;
		}
		break;
	case 2:	/* delete a run of 1..8 bytes */
		n = 1 + corpus_rng() % 8;
		if (pos + n > *len)
			n = *len - pos;
		memmove(buf + pos, buf + pos + n, *len - pos - n);
		*len -= n;
		break;
	case 3:	/* insert a token */
	case 4:	/* overwrite with a token */
		tok = tokens[corpus_rng() % ntokens];
		n = strlen(tok);
		if (*len + n > cap)
			break;
		if (op == 3 || pos + n > *len) {
			memmove(buf + pos + n, buf + pos, *len - pos);
			*len += n;
		}
		memcpy(buf + pos, tok, n);
		break;
	case 5:	/* repeat a chunk (a key given twice, a nesting doubled) */
		if (!*len)
			break;
		from = corpus_rng() % *len;
		n = 1 + corpus_rng() % sizeof(chunk);
		if (from + n > *len)
			n = *len - from;
		if (*len + n > cap)
			break;
		memcpy(chunk, buf + from, n);
		memmove(buf + pos + n, buf + pos, *len - pos);
		memcpy(buf + pos, chunk, n);
		*len += n;
		break;
	default:	/* flip a bit */
		if (*len)
			buf[pos] = (char) (buf[pos] ^ (1 << (corpus_rng() % 8)));
		break;
	}
}

/*
 * The seed, its prefixes and `rounds` mutants of 1 to 4 stacked edits.
 * tokens: NULL-terminated, words the format cares about (keys, literals).
 * Returns how many inputs were fed.
 */
static size_t
corpus_run(const char *seed, size_t len, const char *const *tokens, int rounds)
{
	size_t cap = len * 2 + 512, mlen, i, ntokens = 0, runs = 0;
	char *mut = malloc(cap);
	int r, edits;

	if (!mut)
		abort();
	while (tokens[ntokens])
		ntokens++;
	corpus_feed(seed, len), runs++;
	for (i = 0; i < len; i += 1 + len / 512)
		corpus_feed(seed, i), runs++;
	for (r = 0; r < rounds; r++) {
		memcpy(mut, seed, len);
		mlen = len;
		for (edits = 1 + (int) (corpus_rng() % 4); edits > 0; edits--)
			corpus_mutate(mut, &mlen, cap, tokens, ntokens);
		corpus_feed(mut, mlen), runs++;
	}
	free(mut);
	return runs;
}

/*
 * Every seed in dir, in name order: files whose names end in suffix (NULL:
 * any), dot files skipped.  For each, check(path, seed, len) says whether
 * the parser took it (and may ok() more of its own); a seed named bad-*
 * must be refused, the others accepted.  Then the seed and its mutants go
 * through corpus_run.  Returns how many seeds were read; a folder that
 * cannot be read bails out.
 */
__attribute__((unused))
static int
corpus_seeds(const char *dir, const char *suffix, const char *const *tokens,
	     int (*check)(const char *path, const char *seed, size_t len))
{
	struct dirent **names;
	char path[4096], *buf;
	size_t len, runs, slen = suffix ? strlen(suffix) : 0;
	int n, i, files = 0, bad;

	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		printf("Bail out! cannot read %s\n", dir);
		exit(1);
	}
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t nlen = strlen(name);

		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (name[0] != '.' && nlen > slen && (!suffix || !strcmp(name + nlen - slen, suffix)) &&
		    (buf = corpus_read(path, &len))) {
			bad = !strncmp(name, "bad-", 4);
			ok(check(path, buf, len) == !bad, "seed_%s_is_%s", name,
			   bad ? "refused" : "accepted");
			runs = corpus_run(buf, len, tokens, 1500);
			ok(runs > 0, "seed_%s_and_its_mutants_keep_every_promise (%zu inputs)", name,
			   runs);
			free(buf);
			files++;
		}
		free(names[i]);
	}
	free(names);
	return files;
}

#endif
