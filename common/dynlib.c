#include "config.h"

#include <dlfcn.h>
#include <stdio.h>

#include "common/dynlib.h"

void *
rw_dynlib_open(const char *soname, const char *need, char *why, size_t whysz)
{
	const char *err;
	void *lib;

	/* RTLD_LAZY: what rotwiz never calls is never bound. */
	lib = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
	if (!lib) {
		err = dlerror();
		snprintf(why, whysz, "%s could not be loaded (%s) -- %s", soname,
			 err ? err : "no reason given", need);
	}
	return lib;
}

void *
rw_dynlib_sym(void *lib, const char *soname, const char *symbol, const char *need,
	      char *why, size_t whysz)
{
	const char *err;
	void *sym;

	dlerror();
	sym = dlsym(lib, symbol);
	if (!sym) {
		err = dlerror();
		snprintf(why, whysz, "%s lacks %s (%s) -- %s", soname, symbol,
			 err ? err : "no reason given", need);
	}
	return sym;
}
