#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libcore/batch.h"
#include "libcore/terraform.h"

void
core_terraform_header(struct strbuf *sb)
{
	strbuf_puts(sb,
		"# Infisical Azure Client Secret rotations as Terraform, written by rotwiz for the\n"
		"# provider infisical/infisical (resource infisical_secret_rotation_azure_client_secret).\n"
		"# Caveats of the provider:\n"
		"# - It creates, changes and deletes rotations only when signed in as a machine\n"
		"#   identity (auth = { universal = { ... } }), not with a user's token.\n"
		"# - It has no import: for a rotation that already exists, `terraform apply` tries\n"
		"#   to create it again (and the server refuses the name).\n"
		"# - `terraform destroy` deletes the rotation but leaves the client secret it made\n"
		"#   in Azure: it stays valid until it expires (revoke it there).\n"
		"# - The app's name (parameters.appName) has no attribute: it is left out.\n");
}

/* s as an HCL quoted string. */
static void
put_string(struct strbuf *sb, const char *s)
{
	const unsigned char *p;
	char esc[8];

	strbuf_puts(sb, "\"");
	for (p = (const unsigned char *) (s ? s : ""); *p; p++) {
		switch (*p) {
		case '"':	strbuf_puts(sb, "\\\""); break;
		case '\\':	strbuf_puts(sb, "\\\\"); break;
		case '\n':	strbuf_puts(sb, "\\n"); break;
		case '\r':	strbuf_puts(sb, "\\r"); break;
		case '\t':	strbuf_puts(sb, "\\t"); break;
		case '$':
		case '%':
			/* "${" and "%{" start a template: "$${" and "%%{" are the characters. */
			strbuf_append(sb, (const char *) p, 1);
			if (p[1] == '{')
				strbuf_append(sb, (const char *) p, 1);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				snprintf(esc, sizeof(esc), "\\u%04x", *p);
				strbuf_puts(sb, esc);
			} else {
				strbuf_append(sb, (const char *) p, 1);
			}
		}
	}
	strbuf_puts(sb, "\"");
}

static int
label_for(const char *name, struct rw_name_list *labels, char *out, size_t outsz)
{
	char base[72], *p, **grown;
	int n;

	core_batch_slug(name, base + 2, sizeof(base) - 2);
	for (p = base + 2; *p; p++)
		if (*p == '-')
			*p = '_';
	if (!base[2] || (base[2] >= '0' && base[2] <= '9')) {
		base[0] = 'r';
		base[1] = '_';
		p = base;
	} else {
		p = base + 2;
	}
	snprintf(out, outsz, "%s", p);
	for (n = 2; labels && rw_name_list_has(labels, out); n++)
		snprintf(out, outsz, "%s_%d", p, n);
	if (!labels)
		return 0;
	if (!(grown = realloc(labels->items, (labels->count + 1) * sizeof(*grown))))
		return -1;
	labels->items = grown;
	if (!(grown[labels->count] = strdup(out)))
		return -1;
	labels->count++;
	return 0;
}

static void
put_attr(struct strbuf *sb, const char *indent, const char *key, int width, const char *value)
{
	strbuf_printf(sb, "%s%-*s = ", indent, width, key);
	put_string(sb, value);
	strbuf_puts(sb, "\n");
}

int
core_terraform_resource(struct strbuf *sb, const struct rw_rotation *rot,
			struct rw_name_list *labels)
{
	char label[96];

	if (label_for(rot->name, labels, label, sizeof(label)) < 0)
		return -1;
	strbuf_printf(sb, "\nresource \"infisical_secret_rotation_azure_client_secret\" \"%s\" {\n",
		      label);
	put_attr(sb, "  ", "name", 13, rot->name);
	if (rot->description && *rot->description)
		put_attr(sb, "  ", "description", 13, rot->description);
	put_attr(sb, "  ", "project_id", 13, rot->project_id);
	put_attr(sb, "  ", "environment", 13, rot->environment_slug);
	put_attr(sb, "  ", "secret_path", 13, rot->folder_path);
	put_attr(sb, "  ", "connection_id", 13, rot->connection_id);
	strbuf_printf(sb, "\n  auto_rotation_enabled = %s\n", rot->auto_rotation ? "true" : "false");
	strbuf_printf(sb, "  rotation_interval     = %ld\n", rot->interval_days);
	strbuf_printf(sb, "  rotate_at_utc = {\n    hours   = %d\n    minutes = %d\n  }\n",
		      rot->hours, rot->minutes);
	strbuf_puts(sb, "\n  parameters = {\n");
	put_attr(sb, "    ", "object_id", 9, rot->object_id);
	put_attr(sb, "    ", "client_id", 9, rot->client_id);
	strbuf_puts(sb, "  }\n\n  secrets_mapping = {\n");
	put_attr(sb, "    ", "client_id", 13, rot->map_client_id);
	put_attr(sb, "    ", "client_secret", 13, rot->map_client_secret);
	strbuf_puts(sb, "  }\n}\n");
	return sb->failed ? -1 : 0;
}

void
core_terraform_from_answers(const struct rw_answers *a, struct rw_rotation *rot)
{
#define GET(f) ((char *) rw_answers_get(a, (f)))
	memset(rot, 0, sizeof(*rot));
	rot->name = GET(RW_FIELD_NAME);
	rot->description = GET(RW_FIELD_DESCRIPTION);
	rot->project_id = GET(RW_FIELD_PROJECT);
	rot->environment_slug = GET(RW_FIELD_ENVIRONMENT);
	rot->folder_path = GET(RW_FIELD_SECRET_PATH);
	rot->connection_id = GET(RW_FIELD_CONNECTION);
	rot->object_id = GET(RW_FIELD_OBJECT_ID);
	rot->client_id = GET(RW_FIELD_CLIENT_ID);
	rot->map_client_id = GET(RW_FIELD_MAP_CLIENT_ID);
	rot->map_client_secret = GET(RW_FIELD_MAP_CLIENT_SECRET);
	rot->auto_rotation = strcmp(GET(RW_FIELD_AUTO_ROTATION), "no") != 0;
	rot->interval_days = atol(GET(RW_FIELD_INTERVAL));
	rot->hours = atoi(GET(RW_FIELD_HOURS));
	rot->minutes = atoi(GET(RW_FIELD_MINUTES));
#undef GET
}
