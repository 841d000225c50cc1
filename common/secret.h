#ifndef ROTWIZ_COMMON_SECRET_H
#define ROTWIZ_COMMON_SECRET_H

#include <stddef.h>

/* Overwrites memory in a way the compiler may not optimise out. */
void secret_wipe(void *p, size_t len);

/* Wipes a NUL-terminated string, frees it and sets *p to NULL. */
void secret_free(char **p);

/*
 * Keeps secrets out of core dumps (RLIMIT_CORE 0, PR_SET_DUMPABLE 0):
 * called once at start by programs that will hold a token.
 */
void secret_protect_process(void);

#endif
