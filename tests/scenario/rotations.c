#include "config.h"

/*
 * rotations SKIP_IDS FILE...: the rotations of the server's list answers
 * (GET /api/v2/secret-rotations?projectId=, one FILE per project), one line
 * each in the scenario runner's canonical form, the rotations of SKIP_IDS
 * (the sandbox's seeded ones, comma-separated) left out:
 *
 *   name=N project=ID environment=SLUG folder=PATH connection=ID object=ID
 *   client=ID app-name=S auto=on|off interval=DAYS at=HH:MM id-name=S
 *   secret-name=S description=S
 *
 * separated by tabs, so that values with spaces stay whole.  Control bytes
 * become '?'; a list or object prints as compact JSON.  Exit 2 when a FILE is not such a list.
 *
 * rotations --find FILE LIST FIELD VALUE KEY...: one look-up in a list the
 * server answered (LIST a dotted path to the array): FIELD of the entry
 * whose KEY (any of them) is VALUE, or of the N-th entry for a VALUE
 * "#N"; FIELD "#" prints the list's length.  Exit 1 when there is none.
 * The runner resolves "the 2nd project" with one of these, not a loop.
 */

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
slurp(const char *file)
{
	FILE *fp = fopen(file, "r");
	size_t cap = 8192, len = 0, n;
	char *buf, *grown;

	if (!fp)
		return NULL;
	buf = malloc(cap + 1);
	while (buf && (n = fread(buf + len, 1, cap - len, fp)) > 0) {
		len += n;
		if (len == cap) {
			cap *= 2;
			if (!(grown = realloc(buf, cap + 1))) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = grown;
		}
	}
	if (buf)
		buf[len] = '\0';
	fclose(fp);
	return buf;
}

static const cJSON *
at(const cJSON *obj, const char *a, const char *b)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, a);

	return b ? cJSON_GetObjectItemCaseSensitive(v, b) : v;
}

static void
put(const char *key, const cJSON *v, int first)
{
	const char *s;

	if (*key)
		printf("%s%s=", first ? "" : "\t", key);
	if (cJSON_IsString(v)) {
		for (s = v->valuestring; *s; s++)
			putchar((unsigned char) *s < 0x20 || *s == 0x7f ? '?' : *s);
	} else if (cJSON_IsNumber(v)) {
		printf("%g", v->valuedouble);
	} else if (cJSON_IsNull(v) || !v) {
		/* nothing: an absent description prints as empty */
	} else {
		char *json = cJSON_PrintUnformatted(v);

		printf("%s", json ? json : "?");
		free(json);
	}
}

static const cJSON *
path_get(const cJSON *v, const char *path)
{
	char buf[256], *part, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (part = strtok_r(buf, ".", &save); v && part; part = strtok_r(NULL, ".", &save))
		v = cJSON_IsArray(v) ? cJSON_GetArrayItem(v, atoi(part))
				     : cJSON_GetObjectItemCaseSensitive(v, part);
	return v;
}

static int
find(int argc, char **argv)
{
	char *text;
	cJSON *root;
	const cJSON *list, *e, *hit = NULL;
	int i, rc = 1;

	if (argc < 4)
		return 2;
	text = slurp(argv[0]);
	root = text ? cJSON_Parse(text) : NULL;
	free(text);
	list = path_get(root, argv[1]);
	if (!cJSON_IsArray(list)) {
		cJSON_Delete(root);
		return 2;
	}
	if (strcmp(argv[2], "#") == 0) {
		printf("%d\n", cJSON_GetArraySize(list));
		cJSON_Delete(root);
		return 0;
	}
	if (argv[3][0] == '#')
		hit = cJSON_GetArrayItem(list, atoi(argv[3] + 1) - 1);
	cJSON_ArrayForEach(e, list) {
		if (hit)
			break;
		for (i = 4; i < argc; i++) {
			const cJSON *k = cJSON_GetObjectItemCaseSensitive(e, argv[i]);

			if (cJSON_IsString(k) && strcmp(k->valuestring, argv[3]) == 0)
				hit = e;
		}
	}
	if (hit) {
		put("", cJSON_GetObjectItemCaseSensitive(hit, argv[2]), 1);
		putchar('\n');
		rc = 0;
	}
	cJSON_Delete(root);
	return rc;
}

/* Whether id is one of the comma-separated ids in list. */
static int
skipped(const char *list, const char *id)
{
	size_t n = strlen(id);

	while (*list) {
		size_t len = strcspn(list, ",");

		if (len == n && strncmp(list, id, n) == 0)
			return 1;
		list += len;
		if (*list == ',')
			list++;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc > 1 && strcmp(argv[1], "--find") == 0)
		return find(argc - 2, argv + 2);

	if (argc < 2) {
		fprintf(stderr, "usage: rotations SKIP_ID FILE...\n");
		return 2;
	}
	for (i = 2; i < argc; i++) {
		char *text = slurp(argv[i]);
		cJSON *root = text ? cJSON_Parse(text) : NULL;
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "secretRotations"), *r;

		free(text);
		if (!cJSON_IsArray(list)) {
			fprintf(stderr, "rotations: %s is not a rotation list\n", argv[i]);
			rc = 2;
			cJSON_Delete(root);
			continue;
		}
		cJSON_ArrayForEach(r, list) {
			const cJSON *id = at(r, "id", NULL), *h = at(r, "rotateAtUtc", "hours"),
				    *m = at(r, "rotateAtUtc", "minutes");

			if (cJSON_IsString(id) && skipped(argv[1], id->valuestring))
				continue;
			put("name", at(r, "name", NULL), 1);
			put("project", at(r, "projectId", NULL), 0);
			put("environment", at(r, "environment", "slug"), 0);
			put("folder", at(r, "folder", "path"), 0);
			put("connection", at(r, "connectionId", NULL), 0);
			put("object", at(r, "parameters", "objectId"), 0);
			put("client", at(r, "parameters", "clientId"), 0);
			put("app-name", at(r, "parameters", "appName"), 0);
			printf("\tauto=%s", cJSON_IsTrue(at(r, "isAutoRotationEnabled", NULL)) ? "on" : "off");
			put("interval", at(r, "rotationInterval", NULL), 0);
			printf("\tat=%02d:%02d", cJSON_IsNumber(h) ? h->valueint : -1,
			       cJSON_IsNumber(m) ? m->valueint : -1);
			put("id-name", at(r, "secretsMapping", "clientId"), 0);
			put("secret-name", at(r, "secretsMapping", "clientSecret"), 0);
			put("description", at(r, "description", NULL), 0);
			putchar('\n');
		}
		cJSON_Delete(root);
	}
	return rc;
}
