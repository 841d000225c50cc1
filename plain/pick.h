#ifndef ROTWIZ_PLAIN_PICK_H
#define ROTWIZ_PLAIN_PICK_H

/*
 * Numbered pick-lists for plain mode: printed as "  1) name  detail", and
 * answered by number, by an exact name or ID (Tab completes them), or by
 * a fragment, which prints the entries it appears in and asks again.
 */

#include <stddef.h>

struct plain_entry {
	const char *value;		/* what the answer stores: an ID, a slug */
	const char *label;		/* shown first: the name */
	const char *detail;		/* shown after the name, or NULL */
	const char *alt[2];		/* other words that choose it exactly, or NULL */
};

struct plain_pick {
	const char *what;		/* "project": used in messages */
	const struct plain_entry *entries;
	size_t count;
	const char *letters;		/* one-letter answers the caller handles ("m"), or NULL */
};

#define PLAIN_PICK_NONE		(-1)	/* nothing chosen: msg says why */
#define PLAIN_PICK_LETTER	(-2)	/* one of pick->letters: *letter set */
#define PLAIN_PICK_SHOWN	(-3)	/* a fragment or a shared name: the entries meant were printed */

/* Prints the numbered list. */
void plain_pick_print(const struct plain_pick *pick);

/*
 * What answer (already trimmed) chooses: an index, or one of the
 * PLAIN_PICK_ codes.  An empty answer gives PLAIN_PICK_NONE with msg "".
 */
int plain_pick_match(const struct plain_pick *pick, const char *answer, int *letter,
		     char *msg, size_t msgsz);

/* The entry whose value (else an alternative) is value, ignoring case; or -1. */
int plain_pick_find(const struct plain_pick *pick, const char *value);

/* plain_complete_fn over a struct plain_pick: names, then values and alternatives. */
char **plain_pick_complete(void *ctx, const char *text);

#endif
