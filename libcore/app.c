#include "config.h"

#include <stdlib.h>
#include <string.h>

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
