#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/validate.h"
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

/* The length of the valid UTF-8 sequence at p and its code point, or 0. */
static int
utf8_at(const unsigned char *p, unsigned *cp)
{
	int n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 && p[0] < 0xe0 ? 2 : 0;
	unsigned v = n == 4 ? p[0] & 0x07u : n == 3 ? p[0] & 0x0fu : p[0] & 0x1fu;
	int i;

	if (p[0] >= 0xf5 || !n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3fu);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/*
 * s as an HCL quoted string.  What a terminal would obey never goes out
 * raw, since the HCL may be printed: C0, DEL, C1 and the bidi controls
 * become \uNNNN (the same characters to HCL), a byte that is not UTF-8
 * becomes U+FFFD.
 */
static void
put_string(struct strbuf *sb, const char *s)
{
	const unsigned char *p;
	char esc[12];
	unsigned cp;
	int n;

	strbuf_puts(sb, "\"");
	for (p = (const unsigned char *) (s ? s : ""); *p; p++) {
		switch (*p) {
		case '"':	strbuf_puts(sb, "\\\""); continue;
		case '\\':	strbuf_puts(sb, "\\\\"); continue;
		case '\n':	strbuf_puts(sb, "\\n"); continue;
		case '\r':	strbuf_puts(sb, "\\r"); continue;
		case '\t':	strbuf_puts(sb, "\\t"); continue;
		case '$':
		case '%':
			/* "${" and "%{" start a template: "$${" and "%%{" are the characters. */
			strbuf_append(sb, (const char *) p, 1);
			if (p[1] == '{')
				strbuf_append(sb, (const char *) p, 1);
			continue;
		default:
			break;
		}
		if (*p < 0x20 || *p == 0x7f) {
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
			strbuf_puts(sb, esc);
		} else if (*p < 0x80) {
			strbuf_append(sb, (const char *) p, 1);
		} else if (!(n = utf8_at(p, &cp))) {
			strbuf_puts(sb, "\\ufffd");
		} else {
			if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
			    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f) {
				snprintf(esc, sizeof(esc), "\\u%04x", cp);
				strbuf_puts(sb, esc);
			} else {
				strbuf_append(sb, (const char *) p, (size_t) n);
			}
			p += n - 1;
		}
	}
	strbuf_puts(sb, "\"");
}

char *
core_terraform_text(const struct rw_rotation *const *rots, size_t n)
{
	struct rw_name_list labels = { NULL, 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int rc = 0;

	core_terraform_header(&sb);
	for (i = 0; i < n && rc == 0; i++)
		rc = core_terraform_resource(&sb, rots[i], &labels);
	rw_name_list_free(&labels);
	if (rc < 0 || sb.failed) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

static int
label_for(const char *name, struct rw_name_list *labels, char *out, size_t outsz)
{
	char base[72], *p;
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
	return labels ? rw_name_list_add(labels, out) : 0;
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
	/* The provider's project_id is the project's ID; a slug (what --dry-run keeps) fails there. */
	if (!rw_is_guid(rot->project_id))
		strbuf_puts(sb, "  # project_id below is not a project ID (a slug?), and the provider "
			    "needs the ID:\n  # give --project the ID (rotwiz show NAME "
			    "--print-terraform writes it).\n");
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
