#ifndef ROTWIZ_NET_LIBCURL_H
#define ROTWIZ_NET_LIBCURL_H

/*
 * libcurl, loaded when first needed (net/http.c only).  rotwiz does not
 * link libcurl: its dependency tree (some 38 shared objects: OpenSSL,
 * GnuTLS, Kerberos, LDAP...) took longer to map and relocate than the whole
 * first frame takes to draw.  The first call that needs libcurl -- the first
 * rw_http_new(), rw_http_check_url() or rw_http_escape(), which the
 * sign-in makes right after the first frame -- dlopen()s RW_LIBCURL_SONAME
 * and resolves the functions below with dlsym(), as systemd loads its
 * optional libraries.  It stays loaded until exit.
 *
 * Internal to net/: the table carries curl types, so only http.c includes this.
 */

#include <time.h>

#include <curl/curl.h>

#define RW_LIBCURL_SONAME "libcurl.so.4"

/* The libcurl functions http.c calls, each curl_NAME as NAME. */
struct rw_libcurl {
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	curl_version_info_data *(*version_info)(CURLversion age);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
	CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *curl);
	const char *(*easy_strerror)(CURLcode code);
	char *(*easy_escape)(CURL *curl, const char *string, int length);
	void (*free)(void *p);
	time_t (*getdate)(const char *p, const time_t *unused);
	struct curl_slist *(*slist_append)(struct curl_slist *list, const char *data);
	void (*slist_free_all)(struct curl_slist *list);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_setopt)(CURLM *multi, CURLMoption option, ...);
	CURLMcode (*multi_add_handle)(CURLM *multi, CURL *curl);
	CURLMcode (*multi_remove_handle)(CURLM *multi, CURL *curl);
	CURLMcode (*multi_perform)(CURLM *multi, int *running);
	CURLMcode (*multi_poll)(CURLM *multi, struct curl_waitfd extra_fds[],
				unsigned int extra_nfds, int timeout_ms, int *ret);
	CURLMsg *(*multi_info_read)(CURLM *multi, int *msgs_in_queue);
	CURLMcode (*multi_cleanup)(CURLM *multi);
	CURLU *(*url)(void);
	CURLUcode (*url_set)(CURLU *handle, CURLUPart what, const char *part, unsigned int flags);
	CURLUcode (*url_get)(CURLU *handle, CURLUPart what, char **part, unsigned int flags);
	void (*url_cleanup)(CURLU *handle);
};

/*
 * The table, libcurl loaded on the first call (once, thread-safe); NULL if
 * it could not be loaded, rw_libcurl_error() then says why.
 */
const struct rw_libcurl *rw_libcurl_load(void);

/*
 * Why the load failed, naming the library and dlerror()'s words, e.g.
 * "libcurl.so.4 could not be loaded (libcurl.so.4: cannot open shared
 * object file: No such file or directory)"; NULL if no load has failed.
 */
const char *rw_libcurl_error(void);

#endif
