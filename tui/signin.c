#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libcore/help.h"
#include "libcore/signin.h"
#include "net/url.h"
#include "common/secret.h"
#include "tui/frame.h"
#include "tui/signin.h"
#include "tui/text.h"

/*
 * Step 0: which server, then an access token or a Universal Auth pair.
 * The secrets go straight from libform into struct app (which wipes them)
 * and never into the answers, so never into a draft.
 */

#define SECRET_MAX 4096

static const char *const server_names[3] = {
	"US cloud (" SIGNIN_US_CLOUD ")", "EU cloud (" SIGNIN_EU_CLOUD ")", "Self-hosted",
};
static const char *const method_names[2] = {
	"Access token", "Universal Auth (machine identity)",
};
static const char *const labels[TUI_SIGNIN_COUNT] = {
	"Server", "Server URL", "Sign in with", "Access token", "Client ID", "Client secret",
};
/* Their help (libcore/help.h), in the same order. */
static const enum core_help_signin helps[TUI_SIGNIN_COUNT] = {
	CORE_HELP_SERVER, CORE_HELP_SERVER_URL, CORE_HELP_METHOD, CORE_HELP_TOKEN,
	CORE_HELP_UA_CLIENT_ID, CORE_HELP_UA_CLIENT_SECRET,
};

static int
signin_items(const struct tui *t, enum tui_signin_item *items)
{
	int n = 0;

	items[n++] = TUI_SIGNIN_SERVER;
	if (t->signin.server == 2)
		items[n++] = TUI_SIGNIN_URL;
	items[n++] = TUI_SIGNIN_METHOD;
	if (t->signin.method == 0) {
		items[n++] = TUI_SIGNIN_TOKEN;
	} else {
		items[n++] = TUI_SIGNIN_CLIENT_ID;
		items[n++] = TUI_SIGNIN_CLIENT_SECRET;
	}
	return n;
}

static enum tui_signin_item
focused(struct tui *t, int *n)
{
	enum tui_signin_item items[TUI_SIGNIN_COUNT];

	*n = signin_items(t, items);
	if (t->focus >= *n)
		t->focus = *n - 1;
	if (t->focus < 0)
		t->focus = 0;
	return items[t->focus];
}

void
tui_signin_prepare(struct tui *t)
{
	const char *base = t->app->api_base;
	size_t len;

	if (!base || strncmp(base, SIGNIN_US_CLOUD "/api", strlen(SIGNIN_US_CLOUD) + 4) == 0) {
		t->signin.server = 0;
	} else if (strncmp(base, SIGNIN_EU_CLOUD "/api", strlen(SIGNIN_EU_CLOUD) + 4) == 0) {
		t->signin.server = 1;
	} else {
		t->signin.server = 2;
		free(t->signin.url);
		t->signin.url = strdup(base);
		/* Show the URL as a person writes it, without the "/api" we add. */
		if (t->signin.url && (len = strlen(t->signin.url)) > 4 &&
		    strcmp(t->signin.url + len - 4, "/api") == 0)
			t->signin.url[len - 4] = '\0';
	}
	t->signin.method = t->app->ua_client_id ? 1 : 0;
	if (t->app->ua_client_id && !t->signin.client_id)
		t->signin.client_id = strdup(t->app->ua_client_id);
}

static int
is_text(enum tui_signin_item item)
{
	return item != TUI_SIGNIN_SERVER && item != TUI_SIGNIN_METHOD;
}

static int
is_secret(enum tui_signin_item item)
{
	return item == TUI_SIGNIN_TOKEN || item == TUI_SIGNIN_CLIENT_SECRET;
}

static const char *
text_value(const struct tui *t, enum tui_signin_item item)
{
	switch (item) {
	case TUI_SIGNIN_URL:
		return t->signin.url;
	case TUI_SIGNIN_CLIENT_ID:
		return t->signin.client_id;
	default:
		return NULL;	/* secrets are never put back into a field */
	}
}

static void
signin_draw(struct tui *t)
{
	enum tui_signin_item items[TUI_SIGNIN_COUNT];
	int n = signin_items(t, items), i, label_w = 15, x0 = 2, y0 = TUI_TOP;
	int input_x = x0 + label_w, input_w = COLS - 4 - label_w, extra_y, last_rows = 1;
	char line[256];
	const char *last_msg;

	if (t->focus >= n)
		t->focus = n - 1;
	last_msg = t->signin.msg[items[n - 1]];
	if (last_msg[0]) {
		/* From under the last field down to the status line. */
		int room = LINES - TUI_BOTTOM - (y0 + 2 * (n - 1) + 1);

		last_rows = tui_frame_field_msg_rows(input_w, last_msg, 0);
		if (last_rows > room)
			last_rows = room > 1 ? room : 1;
	}
	if (is_text(items[t->focus]) && !tui_editor_is_open(&t->ed)) {
		enum tui_signin_item it = items[t->focus];
		int w = input_w < 60 ? input_w : 60;

		tui_editor_open(&t->ed, y0 + 2 * t->focus, input_x, w, text_value(t, it),
				is_secret(it) ? SECRET_MAX : 512, is_secret(it));
	}
	for (i = 0; i < n; i++) {
		int y = y0 + 2 * i, focus = i == t->focus;
		attr_t attr = tui_attr(focus ? TUI_ROLE_EDIT : TUI_ROLE_FIELD);

		if (focus)
			mvaddstr(y, x0 - 2, tui_glyph("\xe2\x96\xb8", ">"));
		tui_text_draw(y, x0, labels[items[i]], label_w - 1,
			      tui_attr(focus ? TUI_ROLE_TITLE : TUI_ROLE_LABEL));
		switch (items[i]) {
		case TUI_SIGNIN_SERVER:
		case TUI_SIGNIN_METHOD:
			snprintf(line, sizeof(line), "%s %s %s", tui_glyph("\xe2\x80\xb9", "<"),
				 items[i] == TUI_SIGNIN_SERVER ? server_names[t->signin.server] :
				 method_names[t->signin.method], tui_glyph("\xe2\x80\xba", ">"));
			tui_text_draw(y, input_x, line, input_w, attr);
			break;
		case TUI_SIGNIN_TOKEN:
		case TUI_SIGNIN_CLIENT_SECRET:
			if (!focus) {
				int have = items[i] == TUI_SIGNIN_TOKEN ? t->signin.have_token :
					t->signin.have_secret;

				tui_text_draw(y, input_x, have ? "(entered, hidden)" : "", input_w, attr);
			}
			break;
		default:
			if (!focus)
				tui_text_draw(y, input_x, text_value(t, items[i]), input_w, attr);
			break;
		}
		if (t->signin.msg[items[i]][0])
			/*
			 * The last field carries the server's reason, which may be
			 * long: whole, in the rows left below it (decision 15).
			 */
			tui_frame_field_msg(y + 1, input_x, input_w, i == n - 1 ? last_rows : 1,
					    t->signin.msg[items[i]], 0);
	}
	if (!is_text(items[t->focus])) {
		t->cur_y = y0 + 2 * t->focus;
		t->cur_x = input_x;
	}
	extra_y = y0 + 2 * n + (t->signin.msg[items[n - 1]][0] ? last_rows - 1 : 0);
	if (t->signing_in) {
		snprintf(line, sizeof(line), "%s Checking the credentials with the server...  "
			 "Esc cancels.", tui_spinner());
		tui_text_draw(extra_y, x0, line, COLS - 4, tui_attr(TUI_ROLE_DIM));
	} else {
		tui_frame_paragraph(extra_y, x0, LINES - TUI_BOTTOM - extra_y, COLS - 4,
				    "Enter on the last field signs in and checks the credentials "
				    "right away. Nothing typed here is saved.", tui_attr(TUI_ROLE_DIM));
	}
}

static unsigned
signin_contexts(struct tui *t)
{
	int n;
	enum tui_signin_item it = focused(t, &n);
	unsigned ctx = TUI_CTX_SIGNIN;

	ctx |= is_text(it) ? TUI_CTX_TEXT : TUI_CTX_TOGGLE;
	if (t->signing_in)
		ctx |= TUI_CTX_LOADING;
	return ctx;
}

static enum core_slot_id
signin_shown_load(struct tui *t)
{
	return t->signing_in ? CORE_SLOT_SIGNIN : CORE_SLOT_COUNT;
}

/* The editor's text into struct tui or, for a secret, struct app. */
static void
copy_out(struct tui *t, enum tui_signin_item it)
{
	char *v = tui_editor_value(&t->ed);
	char **dst = NULL;

	if (!v)
		return;
	switch (it) {
	case TUI_SIGNIN_URL:
		dst = &t->signin.url;
		break;
	case TUI_SIGNIN_CLIENT_ID:
		dst = &t->signin.client_id;
		break;
	case TUI_SIGNIN_TOKEN:
		secret_free(&t->app->token);
		t->signin.have_token = *v != '\0';
		t->app->token = v;
		return;
	case TUI_SIGNIN_CLIENT_SECRET:
		secret_free(&t->app->ua_client_secret);
		t->signin.have_secret = *v != '\0';
		t->app->ua_client_secret = v;
		return;
	default:
		secret_free(&v);
		return;
	}
	free(*dst);
	*dst = v;
}

/* The checks that need no server. Returns 0, or -1 with the message under the field. */
static int
check(struct tui *t, enum tui_signin_item it)
{
	char msg[480], *base = NULL;

	t->signin.msg[it][0] = '\0';
	switch (it) {
	case TUI_SIGNIN_URL:
		if (!t->signin.url || !*t->signin.url) {
			snprintf(t->signin.msg[it], sizeof(t->signin.msg[it]),
				 "Server URL: required, such as https://infisical.example.com");
			return -1;
		}
		if (rw_url_normalize(t->signin.url, NULL, &base, msg, sizeof(msg)) != RW_OK) {
			snprintf(t->signin.msg[it], sizeof(t->signin.msg[it]), "Server URL: %s", msg);
			return -1;
		}
		free(base);
		return 0;
	case TUI_SIGNIN_TOKEN:
		if (!t->signin.have_token) {
			snprintf(t->signin.msg[it], sizeof(t->signin.msg[it]), "Access token: required");
			return -1;
		}
		return 0;
	case TUI_SIGNIN_CLIENT_ID:
		if (!t->signin.client_id || !*t->signin.client_id) {
			snprintf(t->signin.msg[it], sizeof(t->signin.msg[it]), "Client ID: required");
			return -1;
		}
		return 0;
	case TUI_SIGNIN_CLIENT_SECRET:
		if (!t->signin.have_secret) {
			snprintf(t->signin.msg[it], sizeof(t->signin.msg[it]), "Client secret: required");
			return -1;
		}
		return 0;
	default:
		return 0;
	}
}

int
tui_signin_ready(struct tui *t)
{
	enum tui_signin_item items[TUI_SIGNIN_COUNT];
	int n = signin_items(t, items), i;

	for (i = 0; i < n; i++) {
		if (check(t, items[i]) < 0) {
			t->focus = i;
			return -1;
		}
	}
	return 0;
}

const char *
tui_signin_url(const struct tui *t)
{
	switch (t->signin.server) {
	case 0:
		return SIGNIN_US_CLOUD;
	case 1:
		return SIGNIN_EU_CLOUD;
	default:
		return t->signin.url ? t->signin.url : "";
	}
}

int
tui_signin_apply(struct tui *t)
{
	struct app *app = t->app;
	char msg[480], *base = NULL;

	if (rw_url_normalize(tui_signin_url(t), NULL, &base, msg, sizeof(msg)) != RW_OK) {
		snprintf(t->signin.msg[TUI_SIGNIN_URL], sizeof(t->signin.msg[TUI_SIGNIN_URL]),
			 "Server URL: %s", msg);
		return -1;
	}
	free(app->api_base);
	app->api_base = base;
	if (t->signin.method == 0) {
		/* A token: whatever Universal Auth pair there was goes. */
		secret_free(&app->ua_client_secret);
		free(app->ua_client_id);
		app->ua_client_id = NULL;
		app->token_is_user_session = 1;
	} else {
		secret_free(&app->token);
		free(app->ua_client_id);
		app->ua_client_id = t->signin.client_id ? strdup(t->signin.client_id) : NULL;
		app->token_is_user_session = 0;
		if (!app->ua_client_id)
			return -1;
	}
	return 0;
}

void
tui_signin_failed(struct tui *t, const char *why)
{
	enum tui_signin_item items[TUI_SIGNIN_COUNT];
	int n = signin_items(t, items);
	enum tui_signin_item last = items[n - 1];

	/* The server's reason goes under the credentials, where the fix is typed. */
	snprintf(t->signin.msg[last], sizeof(t->signin.msg[last]), "%s", why);
	t->focus = n - 1;
}

static enum tui_outcome
signin_key(struct tui *t, enum tui_action action, wint_t ch)
{
	int n;
	enum tui_signin_item it = focused(t, &n);

	if (t->signing_in && action != TUI_ACT_ESCAPE && action != TUI_ACT_QUIT &&
	    action != TUI_ACT_REDRAW)
		return TUI_OUT_STAY;	/* the credentials are being checked */
	switch (action) {
	case TUI_ACT_QUIT:
		return TUI_OUT_QUIT_ASK;
	case TUI_ACT_REDRAW:
		return TUI_OUT_REDRAW;
	case TUI_ACT_ESCAPE:
		return t->signing_in ? TUI_OUT_CANCEL_LOAD : TUI_OUT_STAY;
	case TUI_ACT_HELP:
		snprintf(t->help_title, sizeof(t->help_title), " %s ", labels[it]);
		core_help_signin(helps[it], t->help_text, sizeof(t->help_text));
		return TUI_OUT_HELP;
	case TUI_ACT_TOGGLE:
		if (it == TUI_SIGNIN_SERVER)
			t->signin.server = (t->signin.server + (ch == KEY_LEFT ? 2 : 1)) % 3;
		else if (it == TUI_SIGNIN_METHOD)
			t->signin.method = !t->signin.method;
		else
			return TUI_OUT_STAY;
		/* Every message was about the other server or method: none holds now. */
		memset(t->signin.msg, 0, sizeof(t->signin.msg));
		return TUI_OUT_REBUILD;
	case TUI_ACT_ACCEPT:
	case TUI_ACT_NEXT_FIELD:
	case TUI_ACT_NEXT_STEP:
		/* Secrets were copied as typed; their reopened field starts empty. */
		if (is_text(it) && !is_secret(it) && tui_editor_is_open(&t->ed))
			copy_out(t, it);
		if (action == TUI_ACT_NEXT_STEP || (action == TUI_ACT_ACCEPT && t->focus == n - 1)) {
			/* Back here after signing in, nothing retyped: on with the same session. */
			if (t->app->signed_in && !t->signin.have_token && !t->signin.have_secret)
				return TUI_OUT_NEXT_STEP;
			if (tui_signin_ready(t) < 0)
				return TUI_OUT_REBUILD;
			return TUI_OUT_SIGNIN;
		}
		if (check(t, it) < 0)
			return TUI_OUT_STAY;
		t->focus = (t->focus + 1) % n;
		return TUI_OUT_REBUILD;
	case TUI_ACT_PREV_FIELD:
		if (is_text(it) && !is_secret(it) && tui_editor_is_open(&t->ed))
			copy_out(t, it);
		if (t->focus > 0)
			t->focus--;
		return TUI_OUT_REBUILD;
	default:
		break;
	}
	if (is_text(it) && tui_editor_key(&t->ed, action, ch)) {
		copy_out(t, it);
		t->signin.msg[it][0] = '\0';
	}
	return TUI_OUT_STAY;
}

static void
signin_paste(struct tui *t, const char *text)
{
	int n;
	enum tui_signin_item it = focused(t, &n);
	char *clean, *p;
	const char *q;

	if (!is_text(it) || !(clean = strdup(text)))
		return;
	for (p = clean, q = text; *q; q++)
		if ((unsigned char) *q > 32 && *q != 127)
			*p++ = *q;	/* no credential or URL has spaces or line breaks */
	*p = '\0';
	tui_editor_insert(&t->ed, clean);
	secret_free(&clean);
	copy_out(t, it);
	t->signin.msg[it][0] = '\0';	/* like a typed key: the value changed */
}

const struct tui_screen tui_signin_screen = {
	signin_contexts, signin_draw, signin_key, signin_paste, signin_shown_load,
};
