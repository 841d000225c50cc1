#include "config.h"

#include <pthread.h>
#include <stdio.h>

#include "common/dynlib.h"
#include "net/libcurl.h"

static struct rw_libcurl table;
static int loaded;
static char why[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/*
 * LOAD(name): table.name = dlsym(curl_name).  The sizeof is never
 * evaluated (no reference to libcurl's symbol is made), but the compiler
 * checks that curl.h's prototype fits the table's pointer.
 */
#define LOAD(name) do { \
		(void) sizeof(table.name = curl_##name); \
		LOAD_UNCHECKED(name); \
	} while (0)
#define LOAD_UNCHECKED(name) do { \
		void *sym = rw_dynlib_sym(lib, RW_LIBCURL_SONAME, "curl_" #name, \
					  "rotwiz needs a newer libcurl", why, sizeof(why)); \
		if (!sym) \
			return; \
		*(void **) (void *) &table.name = sym; \
	} while (0)

static void
load(void)
{
	void *lib = rw_dynlib_open(RW_LIBCURL_SONAME, "rotwiz needs libcurl at run time "
				   "(Debian: apt-get install libcurl4)", why, sizeof(why));

	if (!lib)
		return;
	LOAD(global_init);
	LOAD(global_cleanup);
	LOAD(version_info);
	LOAD(easy_init);
	LOAD(easy_setopt);
	LOAD(easy_getinfo);
	LOAD(easy_cleanup);
	LOAD(easy_strerror);
	LOAD(easy_escape);
	LOAD(free);
	LOAD(getdate);
	LOAD(slist_append);
	LOAD(slist_free_all);
	LOAD(multi_init);
	LOAD(multi_setopt);
	LOAD(multi_add_handle);
	LOAD(multi_remove_handle);
	LOAD(multi_perform);
	LOAD(multi_poll);
	LOAD(multi_info_read);
	LOAD(multi_cleanup);
	LOAD(url);
	LOAD(url_set);
	/* Its handle became const CURLU * in newer curl.h: the same call either way. */
	LOAD_UNCHECKED(url_get);
	LOAD(url_cleanup);
	/* Never dlclose()d: OpenSSL and its kin do not unload cleanly. */
	loaded = 1;
}

const struct rw_libcurl *
rw_libcurl_load(void)
{
	pthread_once(&once, load);
	return loaded ? &table : NULL;
}

const char *
rw_libcurl_error(void)
{
	return why[0] ? why : NULL;
}
