#include "config.h"

/*
 * json-equal A B: exit 0 when the two files hold the same JSON value
 * (parsed, key order ignored), 1 when not, 2 when one cannot be read or
 * parsed.  "-" is standard input.  The shell tests compare bodies with it,
 * since neither python nor jq is on every machine.
 */

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cJSON *
load(const char *path)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t len = 0, cap = 0, n;
	char *buf = NULL, *grown;
	cJSON *json;

	if (!fp) {
		fprintf(stderr, "json-equal: cannot open %s\n", path);
		return NULL;
	}
	do {
		if (len + 4096 > cap) {
			cap = cap ? cap * 2 : 8192;
			if (!(grown = realloc(buf, cap + 1))) {
				free(buf);
				return NULL;
			}
			buf = grown;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	if (fp != stdin)
		fclose(fp);
	buf[len] = '\0';
	json = cJSON_ParseWithLength(buf, len);
	if (!json)
		fprintf(stderr, "json-equal: %s is not JSON\n", path);
	free(buf);
	return json;
}

int
main(int argc, char **argv)
{
	cJSON *a, *b;
	int same;

	if (argc != 3) {
		fprintf(stderr, "usage: json-equal A B\n");
		return 2;
	}
	a = load(argv[1]);
	b = load(argv[2]);
	if (!a || !b) {
		cJSON_Delete(a);
		cJSON_Delete(b);
		return 2;
	}
	same = cJSON_Compare(a, b, 1);
	cJSON_Delete(a);
	cJSON_Delete(b);
	return same ? 0 : 1;
}
