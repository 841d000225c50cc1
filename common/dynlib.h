#ifndef ROTWIZ_COMMON_DYNLIB_H
#define ROTWIZ_COMMON_DYNLIB_H

/*
 * Libraries opened when first needed, not linked (decision 30): libcurl by
 * net/, GNU readline by plain/ (each layer's own shim).  Each failure is one
 * sentence in why: what could not be loaded, the loader's reason, and what
 * the user needs.
 */

#include <stddef.h>

/* dlopen(soname) for good (never closed), or NULL with why set. */
void *rw_dynlib_open(const char *soname, const char *need, char *why, size_t whysz);

/* dlsym(lib, symbol), or NULL with why set ("SONAME lacks SYMBOL (...) -- NEED"). */
void *rw_dynlib_sym(void *lib, const char *soname, const char *symbol, const char *need,
		    char *why, size_t whysz);

#endif
