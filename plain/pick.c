#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/validate.h"
#include "common/term.h"
#include "plain/io.h"
#include "plain/pick.h"

/* Names longer than this are not padded further: the column would be too wide. */
#define LABEL_COLUMN 32

static int
same(const char *a, const char *b, int fold)
{
	if (!a || !b)
		return 0;
	return fold ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

static int
entry_is(const struct plain_entry *e, const char *word, int fold)
{
	return same(e->value, word, fold) || same(e->label, word, fold) ||
	       same(e->alt[0], word, fold) || same(e->alt[1], word, fold);
}

/* Case-insensitive substring search (ASCII folding is enough for IDs and slugs). */
static int
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay && *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

static int
entry_contains(const struct plain_entry *e, const char *word)
{
	return contains(e->value, word) || contains(e->label, word) ||
	       contains(e->detail, word) || contains(e->alt[0], word) ||
	       contains(e->alt[1], word);
}

/* Characters of s as printed (escaped by the terminal rule), for padding. */
static size_t
shown_len(const char *s)
{
	char *clean = rw_term_dup(s, 0);
	size_t n = 0;
	const char *p;

	for (p = clean; p && *p; p++)
		if (((unsigned char) *p & 0xC0) != 0x80)
			n++;
	free(clean);
	return n;
}

/* "  3) name      detail", the name padded to width. */
static void
print_entry(const struct plain_pick *pick, size_t i, size_t width)
{
	const struct plain_entry *e = &pick->entries[i];
	const char *label = e->label && *e->label ? e->label : e->value;
	size_t len;

	rw_term_printf(stdout, "  %2zu) ", i + 1);
	plain_print_clean(label);
	if (e->detail && *e->detail) {
		for (len = shown_len(label); len < width; len++)
			fputc(' ', stdout);
		fputs("  ", stdout);
		plain_print_clean(e->detail);
	}
	fputc('\n', stdout);
}

void
plain_pick_print(const struct plain_pick *pick)
{
	size_t i, width = 0, len;

	for (i = 0; i < pick->count; i++) {
		const struct plain_entry *e = &pick->entries[i];

		len = shown_len(e->label && *e->label ? e->label : e->value);
		if (len > width)
			width = len;
	}
	if (width > LABEL_COLUMN)
		width = LABEL_COLUMN;
	for (i = 0; i < pick->count; i++)
		print_entry(pick, i, width);
}

/* Exact matches (case as given, then folded): index, or -1 none, -2 several. */
static int
exact(const struct plain_pick *pick, const char *word, int fold, size_t *found)
{
	size_t i;
	int index = -1;

	*found = 0;
	for (i = 0; i < pick->count; i++) {
		if (!entry_is(&pick->entries[i], word, fold))
			continue;
		(*found)++;
		index = (int) i;
	}
	return *found > 1 ? -2 : index;
}

int
plain_pick_match(const struct plain_pick *pick, const char *answer, int *letter,
		 char *msg, size_t msgsz)
{
	size_t i, found;
	char *end, shown[RW_SHOWN_MAX];
	const char *p;
	unsigned long n;
	int index, fold;

	msg[0] = '\0';
	if (!*answer)
		return PLAIN_PICK_NONE;
	if (pick->letters && !answer[1] &&
	    strchr(pick->letters, tolower((unsigned char) answer[0]))) {
		*letter = tolower((unsigned char) answer[0]);
		return PLAIN_PICK_LETTER;
	}
	for (p = answer; isdigit((unsigned char) *p); p++)
		;
	if (!*p) {
		errno = 0;
		n = strtoul(answer, &end, 10);
		/* A number is an entry's place in the list, unless a name is that number. */
		if ((index = exact(pick, answer, 0, &found)) >= 0)
			return index;
		if (errno || n < 1 || n > pick->count) {
			/* answer is digits only here: safe to show as it is. */
			snprintf(msg, msgsz, "There is no %s number %.20s: type a number from 1 "
				 "to %zu, or a name.", pick->what, answer, pick->count);
			return PLAIN_PICK_NONE;
		}
		return (int) (n - 1);
	}
	rw_show_value(answer, shown, sizeof(shown));
	for (fold = 0; fold < 2; fold++) {
		index = exact(pick, answer, fold, &found);
		if (index >= 0)
			return index;
		if (index == -2) {
			rw_term_printf(stdout, "%zu entries are called \"%s\": type the number of the one you "
			       "mean.\n", found, shown);
			for (i = 0; i < pick->count; i++)
				if (entry_is(&pick->entries[i], answer, fold))
					print_entry(pick, i, 0);
			return PLAIN_PICK_SHOWN;
		}
	}
	for (i = 0, found = 0; i < pick->count; i++)
		if (entry_contains(&pick->entries[i], answer))
			found++;
	if (!found) {
		snprintf(msg, msgsz, "No %s matches \"%s\": type a number from 1 to %zu, or a "
			 "name%s.", pick->what, shown, pick->count,
			 plain_io_is_tty() ? " (Tab completes)" : "");
		return PLAIN_PICK_NONE;
	}
	rw_term_printf(stdout, "Entries matching \"%s\":\n", shown);
	for (i = 0; i < pick->count; i++)
		if (entry_contains(&pick->entries[i], answer))
			print_entry(pick, i, 0);
	return PLAIN_PICK_SHOWN;
}

int
plain_pick_find(const struct plain_pick *pick, const char *value)
{
	size_t i;

	if (!value || !*value)
		return -1;
	for (i = 0; i < pick->count; i++)
		if (same(pick->entries[i].value, value, 1))
			return (int) i;
	/* A slug or client ID given where the ID is stored (INFISICAL_PROJECT_ID=my-slug). */
	for (i = 0; i < pick->count; i++)
		if (same(pick->entries[i].alt[0], value, 1) || same(pick->entries[i].alt[1], value, 1))
			return (int) i;
	return -1;
}

char **
plain_pick_complete(void *ctx, const char *text)
{
	const struct plain_pick *pick = ctx;
	const char **words;
	char **out;
	size_t i, n = 0;

	if (!pick || !(words = calloc(pick->count * 4 + 1, sizeof(*words))))
		return NULL;
	/* Names first: that is what people type; IDs for those who paste a start. */
	for (i = 0; i < pick->count; i++)
		words[n++] = pick->entries[i].label;
	for (i = 0; i < pick->count; i++) {
		words[n++] = pick->entries[i].value;
		words[n++] = pick->entries[i].alt[0];
		words[n++] = pick->entries[i].alt[1];
	}
	out = plain_io_matches(words, n, text);
	free(words);
	return out;
}
