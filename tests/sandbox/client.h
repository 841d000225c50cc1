#ifndef ROTWIZ_TESTS_SANDBOX_CLIENT_H
#define ROTWIZ_TESTS_SANDBOX_CLIENT_H

/*
 * Black-box tests of rotwiz-sandbox: start the real program on a free
 * loopback port, talk HTTP to it with libcurl, read JSON with cJSON, stop it
 * with SIGTERM and require a clean exit (status 0, no sanitizer report on
 * its stderr).
 */

#include <stddef.h>
#include <sys/types.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

/* Fixed ids of the seeded world (sandbox/README.md). */
#define PAYMENTS "ec28d541-4984-455a-b145-c3b923b5c5b2"
#define TOOLS "f8992e83-e950-4cf5-868e-479de251590d"
#define CERTS "e6c1bc1f-806a-409f-88fc-13079e8c309c"
#define CONTOSO "9640d92c-838b-4c31-a495-6e6be4e58523"
#define FABRIKAM "0d2add2d-92b6-4566-9081-070bf7c9b5ca"
#define AWS_CONN "fbc2b11c-e7a5-485f-9eb0-3c2945de949d"
#define APP_PAYMENTS_OBJ "607e495a-aa5b-4896-9125-08d1a22c504c"
#define APP_PAYMENTS_CLIENT "b2a0517a-42c2-4a1b-97cb-0472be8a5e0b"
#define APP_BILLING_OBJ "74a3f82e-531e-45c2-b7d5-d81151298038"
#define APP_BILLING_CLIENT "9c743c18-95ce-4fbe-8f48-3723a676b96e"
#define APP_LEGACY_OBJ "f903695a-233e-405e-9480-34d9c384bd99"
#define APP_LEGACY_CLIENT "b50be191-ede9-4404-9c59-5d6b8438087e"
#define SEEDED_ROTATION "9362c962-2e0f-40a9-9e92-f8fadf7f37cf"
#define USER_TOKEN "sandbox-user-token"
#define ROT_PATH "/api/v2/secret-rotations/azure-client-secret"

struct sbc_server {
	pid_t pid;
	unsigned port;
	char url[64];
	int out_fd;		/* the rest of its stdout */
	char err_path[64];	/* its stderr, kept in a file to look for sanitizer reports */
};

/*
 * Starts "$top_builddir/rotwiz-sandbox --port 0 ARGS..." (args: NULL or a
 * NULL-terminated list) and waits for its first line.  0, or -1 with a diag.
 */
int sbc_start(struct sbc_server *server, const char *const *args);

/* SIGTERM, then waits: 1 when it exited 0 within 5 s with a clean stderr. */
int sbc_stop(struct sbc_server *server);

struct sbc_options {
	const char *token;		/* "Authorization: Bearer <token>"; NULL: none */
	const char *authorization;	/* the whole header value instead */
	const char *body;		/* NULL: none */
	long body_len;			/* -1 or 0: strlen(body) */
	const char *content_type;	/* NULL: application/json when there is a body; "": none */
	long timeout_ms;		/* 0: 5000 */
	int no_expect;			/* suppress "Expect: 100-continue" */
	CURL *handle;			/* reuse this handle (and its connection); NULL: a fresh one */
};

struct sbc_reply {
	CURLcode code;		/* CURLE_OK when an HTTP answer came */
	long status;
	char *body;
	size_t len;
	cJSON *json;		/* the body parsed, or NULL */
	char *retry_after;	/* the Retry-After header, or NULL */
	char *content_type;
	double seconds;
};

/* Seconds on a monotonic clock, for timing what a test waits for. */
double sbc_now(void);

/* Sends one request; the reply is always filled (code says what happened). */
void sbc_request(const struct sbc_server *server, const char *method, const char *path,
		 const struct sbc_options *options, struct sbc_reply *reply);
void sbc_reply_free(struct sbc_reply *reply);

/* GET with the user token, and POST/PATCH of a JSON body with the user token. */
void sbc_get(const struct sbc_server *server, const char *path, struct sbc_reply *reply);
void sbc_send(const struct sbc_server *server, const char *method, const char *path,
	      const char *body, struct sbc_reply *reply);

/* The value at a dotted path: "secretRotation.folder.path", "projects.0.id". */
const cJSON *sbc_at(const cJSON *json, const char *path);
/* Its string, or NULL. */
const char *sbc_str(const cJSON *json, const char *path);
/* Its number, or dflt. */
double sbc_num(const cJSON *json, const char *path, double dflt);

/*
 * Whether every key of the JSON text `expected` is in `actual` with an equal
 * value (objects compared by their keys, arrays element by element).
 * Shows both sides in a diag when not.
 */
int sbc_json_has(const cJSON *actual, const char *expected);

/* Status, statusCode, error, message (NULL: any) and a reqId: an Infisical error. */
int sbc_error_is(const struct sbc_reply *reply, long status, const char *error,
		 const char *message);

/*
 * A 422 whose message array has an issue at path (dotted, "" for the root)
 * with this code and message (NULL: any).
 */
int sbc_issue_is(const struct sbc_reply *reply, const char *path, const char *code,
		 const char *message);

/* How many issues a 422 carries (-1 if it is not one). */
int sbc_issue_count(const struct sbc_reply *reply);

/* Sends raw bytes over a new TCP connection and reads until close or timeout_ms. */
int sbc_raw(const struct sbc_server *server, const void *data, size_t len, char *out,
	    size_t out_size, int timeout_ms);

/* A number from GET /sandbox/stats ("connections", "routes.GET /api/v1/projects"), or -1. */
double sbc_stat(const struct sbc_server *server, const char *key);

/* A create body with good defaults; fields in `overrides` (JSON text, NULL: none) replace them. */
char *sbc_create_body(const char *name, const char *overrides);

#endif
