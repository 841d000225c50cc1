#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/signin.h"

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
}
