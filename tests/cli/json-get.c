#include "config.h"

/*
 * json-get FILE PATH: prints the value at a dotted PATH of the JSON in
 * FILE ("-": standard input): a string as it is, a number, true/false/null,
 * anything else as compact JSON.  A path part that is a number indexes an
 * array; "#" prints an array's length.  Exit 1 when the path is not there,
 * 2 when the input is not JSON.  For the shell tests (no jq on CI).
 */

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
slurp(FILE *fp, size_t *len)
{
	size_t cap = 8192, n;
	char *buf = malloc(cap + 1), *grown;

	*len = 0;
	while (buf && (n = fread(buf + *len, 1, cap - *len, fp)) > 0) {
		*len += n;
		if (*len == cap) {
			cap *= 2;
			if (!(grown = realloc(buf, cap + 1))) {
				free(buf);
				return NULL;
			}
			buf = grown;
		}
	}
	if (buf)
		buf[*len] = '\0';
	return buf;
}

int
main(int argc, char **argv)
{
	FILE *fp;
	cJSON *root, *item;
	char *text, *path, *part, *save = NULL, *out;
	size_t len;
	int rc = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: json-get FILE PATH\n");
		return 2;
	}
	fp = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "rb");
	if (!fp || !(text = slurp(fp, &len))) {
		fprintf(stderr, "json-get: cannot read %s\n", argv[1]);
		return 2;
	}
	if (fp != stdin)
		fclose(fp);
	root = cJSON_ParseWithLength(text, len);
	free(text);
	if (!root) {
		fprintf(stderr, "json-get: %s is not JSON\n", argv[1]);
		return 2;
	}
	item = root;
	path = strdup(argv[2]);
	for (part = strtok_r(path, ".", &save); part && item; part = strtok_r(NULL, ".", &save)) {
		if (strcmp(part, "#") == 0 && cJSON_IsArray(item)) {
			printf("%d\n", cJSON_GetArraySize(item));
			item = NULL;
			rc = -1;
		} else if (cJSON_IsArray(item) && strspn(part, "0123456789") == strlen(part)) {
			item = cJSON_GetArrayItem(item, atoi(part));
		} else {
			item = cJSON_GetObjectItemCaseSensitive(item, part);
		}
	}
	free(path);
	if (rc == -1) {
		rc = 0;
	} else if (!item) {
		rc = 1;
	} else if (cJSON_IsString(item)) {
		printf("%s\n", item->valuestring);
	} else if (cJSON_IsNumber(item)) {
		if (item->valuedouble == (double) (long long) item->valuedouble)
			printf("%lld\n", (long long) item->valuedouble);
		else
			printf("%g\n", item->valuedouble);
	} else if ((out = cJSON_PrintUnformatted(item))) {
		printf("%s\n", out);
		free(out);
	}
	cJSON_Delete(root);
	return rc;
}
