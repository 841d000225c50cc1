#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "common/strbuf.h"
#include "forms/body.h"
#include "forms/draft.h"

#define DRAFT_VERSION	1
#define DRAFT_MAX	(1024 * 1024)	/* a real draft is well under 4 KiB */

/*
 * The draft's own key for each answer: the field's flag name, except where
 * a flag does not name one answer (hours and minutes share --rotate-at;
 * --no-auto-rotation is negated).  Spelled out here rather than taken from
 * the field table so that renaming a flag never orphans saved drafts.
 * There is no key for a token or client secret: answers hold neither.
 */
static const char *const draft_key[RW_FIELD_COUNT] = {
	[RW_FIELD_NAME] = "name",
	[RW_FIELD_DESCRIPTION] = "description",
	[RW_FIELD_PROJECT] = "project",
	[RW_FIELD_ENVIRONMENT] = "environment",
	[RW_FIELD_SECRET_PATH] = "secret-path",
	[RW_FIELD_CONNECTION] = "connection",
	[RW_FIELD_OBJECT_ID] = "object-id",
	[RW_FIELD_CLIENT_ID] = "client-id",
	[RW_FIELD_APP_NAME] = "app-name",
	[RW_FIELD_AUTO_ROTATION] = "auto-rotation",
	[RW_FIELD_INTERVAL] = "interval",
	[RW_FIELD_HOURS] = "rotate-at-hours",
	[RW_FIELD_MINUTES] = "rotate-at-minutes",
	[RW_FIELD_MAP_CLIENT_ID] = "map-client-id",
	[RW_FIELD_MAP_CLIENT_SECRET] = "map-client-secret",
};

char *
rw_draft_path(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	struct strbuf sb = STRBUF_INIT;

	/* The XDG spec says a relative XDG_STATE_HOME is invalid and ignored. */
	if (state && state[0] == '/')
		strbuf_printf(&sb, "%s/rotwiz/draft.json", state);
	else if (home && *home)
		strbuf_printf(&sb, "%s/.local/state/rotwiz/draft.json", home);
	else
		return NULL;
	return strbuf_detach(&sb);
}

/* Creates every missing folder above path, each 0700.  0 or -1 (errno set). */
static int
make_parents(const char *path)
{
	char *copy = strdup(path), *slash;
	struct stat st;
	int rc = 0;

	if (!copy)
		return -1;
	slash = strrchr(copy, '/');
	if (!slash || slash == copy) {
		free(copy);
		return 0;	/* in the current folder, or right under "/" */
	}
	*slash = '\0';
	for (slash = strchr(copy + 1, '/');; slash = strchr(slash + 1, '/')) {
		if (slash)
			*slash = '\0';
		if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		if (!slash)
			break;
		*slash = '/';
	}
	if (rc == 0 && stat(copy, &st) < 0) {
		rc = -1;
	} else if (rc == 0 && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(copy);
	return rc;
}

static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = ENOSPC;	/* write() made no progress: no room */
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t) n;
	}
	return 0;
}

/* Flushes the folder so the rename itself survives a crash. */
static void
sync_parent(const char *path)
{
	char *copy = strdup(path), *slash;
	int fd;

	if (!copy)
		return;
	slash = strrchr(copy, '/');
	if (slash == copy)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	fd = open(slash ? copy : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

static char *
draft_text(const struct rw_answers *answers, enum rw_step step, const char *server, time_t saved,
	   int create_may_exist)
{
	cJSON *root, *values;
	char *printed, *out = NULL;
	int i, rc = 0;

	if (!(root = cJSON_CreateObject()))
		return NULL;
	if (!cJSON_AddNumberToObject(root, "version", DRAFT_VERSION) ||
	    !cJSON_AddNumberToObject(root, "step", (double) step) ||
	    (server && !cJSON_AddStringToObject(root, "server", server)) ||
	    (saved > 0 && !cJSON_AddNumberToObject(root, "saved", (double) saved)) ||
	    (create_may_exist && !cJSON_AddTrueToObject(root, "createMayExist")) ||
	    !(values = cJSON_AddObjectToObject(root, "answers")))
		rc = -1;
	for (i = 0; rc == 0 && i < RW_FIELD_COUNT; i++)
		if (answers->value[i] &&
		    !cJSON_AddStringToObject(values, draft_key[i], answers->value[i]))
			rc = -1;
	if (rc == 0 && (printed = cJSON_Print(root))) {
		out = strdup(printed);
		cJSON_free(printed);
	}
	cJSON_Delete(root);
	return out;
}

enum rw_status
rw_draft_save(const char *path, const struct rw_answers *answers, enum rw_step step)
{
	return rw_draft_save_for(path, answers, step, NULL, 0);
}

enum rw_status
rw_draft_save_for(const char *path, const struct rw_answers *answers, enum rw_step step,
		  const char *server, time_t saved)
{
	return rw_draft_save_marked(path, answers, step, server, saved, 0);
}

enum rw_status
rw_draft_save_marked(const char *path, const struct rw_answers *answers, enum rw_step step,
		     const char *server, time_t saved, int create_may_exist)
{
	struct strbuf tmp = STRBUF_INIT;
	enum rw_status status = RW_EIO;
	char *text;
	int fd, err = 0;

	errno = 0;
	if (!path || !*path || !answers || (unsigned) step >= RW_STEP_COUNT)
		return RW_EUSAGE;
	if (!(text = draft_text(answers, step, server, saved, create_may_exist)))
		return RW_ENOMEM;
	if (make_parents(path) < 0)
		goto out;
	/* Same folder as the draft, so the rename cannot cross file systems. */
	if (strbuf_printf(&tmp, "%s.XXXXXX", path) < 0) {
		status = RW_ENOMEM;
		goto out;
	}
	fd = mkstemp(tmp.data);		/* creates it 0600 */
	if (fd < 0)
		goto out;
	if (fchmod(fd, 0600) < 0 || write_all(fd, text, strlen(text)) < 0 ||
	    write_all(fd, "\n", 1) < 0 || fsync(fd) < 0) {
		err = errno ? errno : EIO;	/* a short write of 0 bytes: the disk is full */
		close(fd);
		unlink(tmp.data);
		goto out;
	}
	if (close(fd) < 0 || rename(tmp.data, path) < 0) {
		err = errno;
		unlink(tmp.data);
		goto out;
	}
	sync_parent(path);
	status = RW_OK;
out:
	if (status == RW_EIO && !err)
		err = errno;
	strbuf_free(&tmp);
	free(text);
	/* The cause, for the caller's message ("Read-only file system"). */
	errno = status == RW_OK ? 0 : status == RW_ENOMEM ? ENOMEM : err;
	return status;
}

/* Why a draft was refused, in words (why may be NULL). */
static void
say_why(char *why, size_t whysz, const char *fmt, ...)
{
	va_list ap;

	if (!why || !whysz)
		return;
	va_start(ap, fmt);
	vsnprintf(why, whysz, fmt, ap);
	va_end(ap);
}

/* The file's bytes, at most DRAFT_MAX of them; *st its status. */
static enum rw_status
read_draft(const char *path, struct strbuf *sb, struct stat *st, char *why, size_t whysz)
{
	char chunk[4096];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		say_why(why, whysz, "it cannot be read: %s", strerror(errno));
		return RW_EIO;
	}
	/* Not a regular file (a folder, a fifo): not a draft we wrote. */
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode)) {
		say_why(why, whysz, "it is not a regular file");
		close(fd);
		return RW_EPROTO;
	}
	strbuf_init(sb, DRAFT_MAX);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			say_why(why, whysz, "it cannot be read: %s", strerror(errno));
			close(fd);
			return RW_EIO;
		}
		if (n == 0)
			break;
		if (strbuf_append(sb, chunk, (size_t) n) < 0) {
			say_why(why, whysz, "it is larger than any draft (over %d KiB)",
				DRAFT_MAX / 1024);
			close(fd);
			return RW_EPROTO;	/* larger than any draft of ours */
		}
	}
	close(fd);
	return RW_OK;
}

/* A JSON number that is exactly the integer want_min..want_max; -1 otherwise. */
static int
small_int(const cJSON *item, int min, int max)
{
	double v;

	if (!cJSON_IsNumber(item))
		return -1;
	v = item->valuedouble;
	if (!(v >= min && v <= max) || v != (double) (int) v)
		return -1;
	return (int) v;
}

/* The origin keys, where they are of their type; anything else is as if absent. */
static void
read_origin(const cJSON *root, struct rw_draft_origin *origin)
{
	const cJSON *server = cJSON_GetObjectItemCaseSensitive(root, "server");
	const cJSON *saved = cJSON_GetObjectItemCaseSensitive(root, "saved");

	memset(origin, 0, sizeof(*origin));
	origin->create_may_exist = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root,
										  "createMayExist"));
	if (cJSON_IsString(server) && server->valuestring &&
	    strlen(server->valuestring) < sizeof(origin->server))
		snprintf(origin->server, sizeof(origin->server), "%s", server->valuestring);
	/* A time after 1970 and before the year 10000, in whole seconds. */
	if (cJSON_IsNumber(saved) && saved->valuedouble >= 1 && saved->valuedouble < 253402300800.0 &&
	    saved->valuedouble == (double) (long long) saved->valuedouble)
		origin->saved = (time_t) saved->valuedouble;
}

static enum rw_status
parse_draft(const char *text, size_t len, struct rw_answers *out, enum rw_step *step,
	    struct rw_draft_origin *origin, char *why, size_t whysz)
{
	const cJSON *root, *values, *item, *version;
	enum rw_status status = RW_EPROTO;
	int i, at;

	/* A NUL inside would hide the rest from the parser: not ours. */
	if (!len || memchr(text, '\0', len)) {
		say_why(why, whysz, len ? "it holds a NUL byte" : "it is empty");
		return RW_EPROTO;
	}
	root = cJSON_ParseWithOpts(text, NULL, 1);
	if (!root) {
		say_why(why, whysz, "it is not JSON");
		return RW_EPROTO;
	}
	version = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsObject(root)) {
		say_why(why, whysz, "it is not a JSON object");
	} else if (small_int(version, DRAFT_VERSION, DRAFT_VERSION) != DRAFT_VERSION) {
		if (cJSON_IsNumber(version) && version->valuedouble > DRAFT_VERSION)
			say_why(why, whysz, "it is of version %g, newer than this rotwiz reads (%d)",
				version->valuedouble, DRAFT_VERSION);
		else
			say_why(why, whysz, "it has no \"version\": %d", DRAFT_VERSION);
	} else if ((at = small_int(cJSON_GetObjectItemCaseSensitive(root, "step"), 0,
				   RW_STEP_COUNT - 1)) < 0) {
		say_why(why, whysz, "its \"step\" is missing or not 0 to %d", RW_STEP_COUNT - 1);
	} else if (!cJSON_IsObject(values = cJSON_GetObjectItemCaseSensitive(root, "answers"))) {
		say_why(why, whysz, "its \"answers\" are missing or not an object");
	} else if (rw_json_has_nul_escape(text, len)) {
		/* rotwiz never writes one (a C string cannot hold it): not ours. */
		say_why(why, whysz, "it holds \"\\u0000\", which no answer may hold");
	} else {
		status = RW_OK;
	}
	for (item = status == RW_OK ? values->child : NULL; item; item = item->next) {
		for (i = 0; i < RW_FIELD_COUNT; i++)
			if (item->string && strcmp(item->string, draft_key[i]) == 0)
				break;
		if (i == RW_FIELD_COUNT)
			continue;	/* a later version's key: ignored */
		if (!cJSON_IsString(item) || !item->valuestring) {
			say_why(why, whysz, "its answer \"%s\" is not a string", draft_key[i]);
			status = RW_EPROTO;
			break;
		}
		if (rw_answers_set(out, (enum rw_field) i, item->valuestring) < 0) {
			status = RW_ENOMEM;
			break;
		}
	}
	if (status == RW_OK) {
		read_origin(root, origin);
		*step = (enum rw_step) at;
	}
	cJSON_Delete((cJSON *) root);
	return status;
}

/* rw_draft_parse(), and the origin and why it was refused. */
static enum rw_status
draft_parse_from(const char *json, size_t len, struct rw_answers *answers, enum rw_step *step,
		 struct rw_draft_origin *origin, char *why, size_t whysz)
{
	struct rw_draft_origin found;
	struct rw_answers loaded;
	enum rw_step at = RW_STEP_SIGN_IN;
	enum rw_status status;
	char *text;

	if (!json || !answers || !step)
		return RW_EUSAGE;
	if (len > DRAFT_MAX) {
		say_why(why, whysz, "it is larger than any draft (over %d KiB)", DRAFT_MAX / 1024);
		return RW_EPROTO;	/* as read_draft() refuses it */
	}
	/* cJSON wants a terminated string; the caller's bytes need not be one. */
	if (!(text = malloc(len + 1)))
		return RW_ENOMEM;
	memcpy(text, json, len);
	text[len] = '\0';
	/* Into a scratch copy: a refused draft leaves the caller's answers alone. */
	rw_answers_init(&loaded);
	status = parse_draft(text, len, &loaded, &at, &found, why, whysz);
	if (status == RW_OK) {
		rw_answers_free(answers);
		*answers = loaded;
		*step = at;
		if (origin)
			*origin = found;
	} else {
		rw_answers_free(&loaded);
	}
	free(text);
	return status;
}

enum rw_status
rw_draft_parse(const char *json, size_t len, struct rw_answers *answers, enum rw_step *step)
{
	return draft_parse_from(json, len, answers, step, NULL, NULL, 0);
}

enum rw_status
rw_draft_load(const char *path, struct rw_answers *answers, enum rw_step *step)
{
	return rw_draft_load_from(path, answers, step, NULL);
}

/* rw_draft_load_from(), and the file's status and why it was refused. */
static enum rw_status
load_file(const char *path, struct rw_answers *answers, enum rw_step *step,
	  struct rw_draft_origin *origin, struct stat *st, char *why, size_t whysz)
{
	struct strbuf sb = STRBUF_INIT;
	enum rw_status status;

	if (!path || !*path || !answers || !step)
		return RW_EUSAGE;
	status = read_draft(path, &sb, st, why, whysz);
	if (status == RW_OK)
		status = draft_parse_from(strbuf_str(&sb), sb.len, answers, step, origin, why,
					  whysz);
	strbuf_free(&sb);
	return status;
}

enum rw_status
rw_draft_load_from(const char *path, struct rw_answers *answers, enum rw_step *step,
		   struct rw_draft_origin *origin)
{
	struct stat st;

	return load_file(path, answers, step, origin, &st, NULL, 0);
}

enum rw_status
rw_draft_remove(const char *path)
{
	if (!path || !*path)
		return RW_EUSAGE;
	if (unlink(path) < 0 && errno != ENOENT)
		return RW_EIO;
	return RW_OK;
}

/* <path>.bad-YYYYmmddTHHMMSS (UTC), or with -2, -3... when that is taken (malloc'd). */
static char *
aside_name(const char *path, time_t now)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	char stamp[32];
	struct tm tm;
	int n;

	if (!gmtime_r(&now, &tm) || !strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", &tm))
		snprintf(stamp, sizeof(stamp), "%lld", (long long) now);
	for (n = 1; n < 100; n++) {
		strbuf_reset(&sb);
		if (n == 1)
			strbuf_printf(&sb, "%s.bad-%s", path, stamp);
		else
			strbuf_printf(&sb, "%s.bad-%s-%d", path, stamp, n);
		if (sb.failed)
			break;
		if (lstat(sb.data, &st) < 0 && errno == ENOENT)
			return strbuf_detach(&sb);
	}
	strbuf_free(&sb);
	return NULL;
}

enum rw_status
rw_draft_inspect(const char *path, time_t now, struct rw_draft_inspection *out)
{
	struct rw_answers scratch;
	enum rw_step step = RW_STEP_SIGN_IN;
	enum rw_status status;
	struct stat st, link;

	if (!out)
		return RW_EUSAGE;
	memset(out, 0, sizeof(*out));
	if (!path || !*path)
		return RW_EUSAGE;
	/*
	 * Nothing there, or its folder cannot be looked into (ENOTDIR, EACCES):
	 * then nothing can be overwritten either, and a save says why it fails.
	 */
	if (lstat(path, &link) < 0)
		return RW_OK;
	out->present = 1;
	out->owner = (long) link.st_uid;
	out->mode = (unsigned) (link.st_mode & 07777);
	rw_answers_init(&scratch);
	status = load_file(path, &scratch, &step, NULL, &st, out->problem, sizeof(out->problem));
	rw_answers_free(&scratch);
	if (status == RW_ENOMEM)
		return RW_ENOMEM;
	if (status == RW_OK) {
		out->problem[0] = '\0';
		/* What it says about the file it points to, when it is a link. */
		out->owner = (long) st.st_uid;
		out->mode = (unsigned) (st.st_mode & 07777);
		out->shared = (st.st_mode & 077) != 0;
		out->foreign = st.st_uid != geteuid();
		return RW_OK;
	}
	/* Unusable: kept aside for the user to look at, never overwritten. */
	out->moved_to = aside_name(path, now);
	if (!out->moved_to) {
		out->move_errno = EEXIST;
	} else if (rename(path, out->moved_to) < 0) {
		out->move_errno = errno;
		free(out->moved_to);
		out->moved_to = NULL;
	}
	return RW_OK;
}

void
rw_draft_inspection_free(struct rw_draft_inspection *in)
{
	if (!in)
		return;
	free(in->moved_to);
	in->moved_to = NULL;
}
