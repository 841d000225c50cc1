#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/rows.h"
#include "libcore/app.h"
#include "libcore/names.h"
#include "libcore/signin.h"

void
app_init(struct app *app)
{
	memset(app, 0, sizeof(*app));
	rw_answers_init(&app->answers);
}

void
app_free(struct app *app)
{
	signin_forget(app);
	free(app->api_base);
	app->api_base = NULL;
	rw_answers_free(&app->answers);
	core_names_free(app);
	rw_rows_free(app->rows);
	free(app->rows);
	app->rows = NULL;
}

int
app_answers_given(const struct app *app)
{
	int i;

	if (app->opt.from_file)
		return 1;
	for (i = 0; i < RW_FIELD_COUNT; i++)
		if (i != RW_FIELD_PROJECT && i != RW_FIELD_ENVIRONMENT &&
		    i != RW_FIELD_SECRET_PATH && rw_answers_is_set(&app->answers, (enum rw_field) i))
			return 1;
	return 0;
}

int
app_demo_banner(const struct app *app, int short_form, char *buf, size_t bufsz)
{
	const char *base = app->api_base ? app->api_base : "";
	size_t len = strlen(base);

	if (!bufsz)
		return 0;
	buf[0] = '\0';
	if (app->demo_pid <= 0 || !app->demo_token)
		return 0;
	/* The sandbox's root, as a curl from another terminal is typed: without /api. */
	if (len >= 4 && strcmp(base + len - 4, "/api") == 0)
		len -= 4;
	snprintf(buf, bufsz, short_form ? "DEMO %.*s token %s" :
		 "DEMO - sandbox at %.*s, token %s", (int) len, base, app->demo_token);
	return 1;
}
