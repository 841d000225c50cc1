# The JSON half (cJSON only) and the HTTP half (the one libcurl user) are
# separate archives, so the parsers' unit tests never link libcurl.
noinst_LIBRARIES += libnetjson.a libnet.a
libnetjson_a_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
libnetjson_a_SOURCES = \
	net/response.c net/response.h
libnet_a_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) $(CJSON_CFLAGS)
libnet_a_SOURCES = \
	net/http.c net/http.h \
	net/libcurl.c net/libcurl.h \
	net/url.c net/url.h \
	net/api.c net/api.h
