# sandbox: rotwiz-sandbox, a local stand-in for Infisical (libmicrohttpd).
bin_PROGRAMS += rotwiz-sandbox
rotwiz_sandbox_CPPFLAGS = $(AM_CPPFLAGS) $(MHD_CFLAGS) $(CJSON_CFLAGS)
rotwiz_sandbox_SOURCES = \
	sandbox/main.c \
	sandbox/server.c sandbox/server.h \
	sandbox/router.c sandbox/router.h \
	sandbox/request.h \
	sandbox/routes.h sandbox/routes_common.c \
	sandbox/routes_auth.c \
	sandbox/routes_projects.c \
	sandbox/routes_connections.c \
	sandbox/routes_rotations.c \
	sandbox/routes_sandbox.c \
	sandbox/present.c sandbox/present.h \
	sandbox/world.c sandbox/world.h \
	sandbox/seed.c sandbox/seed.h \
	sandbox/zod.c sandbox/zod.h \
	sandbox/reply.c sandbox/reply.h \
	sandbox/fault.c sandbox/fault.h \
	sandbox/stats.c sandbox/stats.h \
	sandbox/clock.c sandbox/clock.h \
	sandbox/scheduler.c sandbox/scheduler.h \
	sandbox/rand.c sandbox/rand.h
rotwiz_sandbox_LDADD = libcommon.a $(MHD_LIBS) $(CJSON_LIBS) -lpthread -lm

EXTRA_DIST += sandbox/README.md
