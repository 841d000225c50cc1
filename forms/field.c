#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "forms/field.h"

static const struct rw_field_info field_table[RW_FIELD_COUNT] = {
	[RW_FIELD_NAME] = {
		RW_FIELD_NAME, RW_STEP_ROTATION, RW_KIND_TEXT,
		"Name", "name", "name", NULL, 1, 64,
		"A short slug naming the rotation: lowercase letters, digits and "
		"single hyphens between them, at most 64 characters. It must be "
		"unique in its folder.",
	},
	[RW_FIELD_DESCRIPTION] = {
		RW_FIELD_DESCRIPTION, RW_STEP_ROTATION, RW_KIND_TEXT,
		"Description", "description", "description", NULL, 0, 60,
		"Optional. What this rotation is for, at most 255 characters (the server stores 255).",
	},
	[RW_FIELD_PROJECT] = {
		RW_FIELD_PROJECT, RW_STEP_WHERE, RW_KIND_PICK,
		"Project", "projectId", "project", NULL, 1, 40,
		"The Infisical project that will hold the rotated secrets.",
	},
	[RW_FIELD_ENVIRONMENT] = {
		RW_FIELD_ENVIRONMENT, RW_STEP_WHERE, RW_KIND_PICK,
		"Environment", "environment", "environment", NULL, 1, 32,
		"The environment slug, such as dev, staging or prod.",
	},
	[RW_FIELD_SECRET_PATH] = {
		RW_FIELD_SECRET_PATH, RW_STEP_WHERE, RW_KIND_PATH,
		"Secret path", "secretPath", "secret-path", "/", 1, 40,
		"The folder for the two secrets, such as / or /azure/app. The "
		"folder must already exist; Tab completes existing folders.",
	},
	[RW_FIELD_CONNECTION] = {
		RW_FIELD_CONNECTION, RW_STEP_CONNECTION, RW_KIND_PICK,
		"App connection", "connectionId", "connection", NULL, 1, 36,
		"The Azure Client Secrets app connection Infisical uses to reach "
		"Microsoft Graph. Connections are created in Organization Settings.",
	},
	[RW_FIELD_OBJECT_ID] = {
		RW_FIELD_OBJECT_ID, RW_STEP_AZURE_APP, RW_KIND_PICK,
		"Object ID", "parameters.objectId", "object-id", NULL, 1, 36,
		"The application's Object ID (Entra ID > App registrations > "
		"Overview), a GUID. Not the Application (client) ID.",
	},
	[RW_FIELD_CLIENT_ID] = {
		RW_FIELD_CLIENT_ID, RW_STEP_AZURE_APP, RW_KIND_TEXT,
		"Application (client) ID", "parameters.clientId", "client-id", NULL, 1, 36,
		"The application's Application (client) ID, a GUID. It is written "
		"as-is into the client ID secret.",
	},
	[RW_FIELD_APP_NAME] = {
		RW_FIELD_APP_NAME, RW_STEP_AZURE_APP, RW_KIND_TEXT,
		"App name", "parameters.appName", "app-name", NULL, 0, 40,
		"Optional. The application's display name, shown in Infisical.",
	},
	[RW_FIELD_AUTO_ROTATION] = {
		RW_FIELD_AUTO_ROTATION, RW_STEP_SCHEDULE, RW_KIND_TOGGLE,
		"Auto-rotation", "isAutoRotationEnabled", "no-auto-rotation", "yes", 1, 3,
		"yes: Infisical rotates the secret on the schedule below. "
		"no: it rotates only when asked.",
	},
	[RW_FIELD_INTERVAL] = {
		RW_FIELD_INTERVAL, RW_STEP_SCHEDULE, RW_KIND_NUMBER,
		"Interval (days)", "rotationInterval", "interval", "30", 1, 3,
		"Days between rotations, a whole number from 1 to 909 (Azure "
		"limits a client secret's life).",
	},
	[RW_FIELD_HOURS] = {
		RW_FIELD_HOURS, RW_STEP_SCHEDULE, RW_KIND_NUMBER,
		"Rotate at hour (UTC)", "rotateAtUtc.hours", "rotate-at", "0", 1, 2,
		"The hour of the day, in UTC, a whole number from 0 to 23.",
	},
	[RW_FIELD_MINUTES] = {
		RW_FIELD_MINUTES, RW_STEP_SCHEDULE, RW_KIND_NUMBER,
		"Rotate at minute (UTC)", "rotateAtUtc.minutes", "rotate-at", "0", 1, 2,
		"The minute of the hour, a whole number from 0 to 59.",
	},
	[RW_FIELD_MAP_CLIENT_ID] = {
		RW_FIELD_MAP_CLIENT_ID, RW_STEP_SECRETS, RW_KIND_TEXT,
		"Client ID secret", "secretsMapping.clientId", "map-client-id",
		"AZURE_CLIENT_ID", 1, 40,
		"The name of the secret that will hold the Application (client) ID. "
		"No : or /, and not already in the folder.",
	},
	[RW_FIELD_MAP_CLIENT_SECRET] = {
		RW_FIELD_MAP_CLIENT_SECRET, RW_STEP_SECRETS, RW_KIND_TEXT,
		"Client secret secret", "secretsMapping.clientSecret", "map-client-secret",
		"AZURE_CLIENT_SECRET", 1, 40,
		"The name of the secret that will hold the current client secret. "
		"No : or /, different from the client ID secret.",
	},
};

static const enum rw_field rotation_fields[] = { RW_FIELD_NAME, RW_FIELD_DESCRIPTION };
static const enum rw_field where_fields[] = {
	RW_FIELD_PROJECT, RW_FIELD_ENVIRONMENT, RW_FIELD_SECRET_PATH,
};
static const enum rw_field connection_fields[] = { RW_FIELD_CONNECTION };
static const enum rw_field app_fields[] = {
	RW_FIELD_OBJECT_ID, RW_FIELD_CLIENT_ID, RW_FIELD_APP_NAME,
};
static const enum rw_field schedule_fields[] = {
	RW_FIELD_AUTO_ROTATION, RW_FIELD_INTERVAL, RW_FIELD_HOURS, RW_FIELD_MINUTES,
};
static const enum rw_field secrets_fields[] = {
	RW_FIELD_MAP_CLIENT_ID, RW_FIELD_MAP_CLIENT_SECRET,
};

#define STEP(id, title, fields) { id, title, fields, (int) (sizeof(fields) / sizeof(fields[0])) }

static const struct rw_step_info step_table[RW_STEP_COUNT] = {
	{ RW_STEP_SIGN_IN, "Sign in", NULL, 0 },
	STEP(RW_STEP_ROTATION, "Rotation", rotation_fields),
	STEP(RW_STEP_WHERE, "Where", where_fields),
	STEP(RW_STEP_CONNECTION, "Connection", connection_fields),
	STEP(RW_STEP_AZURE_APP, "Azure app", app_fields),
	STEP(RW_STEP_SCHEDULE, "Schedule", schedule_fields),
	STEP(RW_STEP_SECRETS, "Secret names", secrets_fields),
	{ RW_STEP_REVIEW, "Review", NULL, 0 },
	{ RW_STEP_RESULT, "Result", NULL, 0 },
};

const struct rw_field_info *
rw_field_info(enum rw_field field)
{
	if (field < 0 || field >= RW_FIELD_COUNT)
		return NULL;
	return &field_table[field];
}

const struct rw_step_info *
rw_step_info(enum rw_step step)
{
	if ((unsigned) step >= RW_STEP_COUNT)
		return NULL;
	return &step_table[step];
}

enum rw_field
rw_field_by_flag(const char *flag)
{
	int i;

	/* hours and minutes share --rotate-at; the first match (hours) wins. */
	for (i = 0; flag && i < RW_FIELD_COUNT; i++)
		if (strcmp(field_table[i].flag, flag) == 0)
			return (enum rw_field) i;
	return RW_FIELD_NONE;
}

enum rw_field
rw_field_by_api_path(const char *path)
{
	int i;

	for (i = 0; path && i < RW_FIELD_COUNT; i++)
		if (strcmp(field_table[i].api_path, path) == 0)
			return (enum rw_field) i;
	return RW_FIELD_NONE;
}

void
rw_answers_init(struct rw_answers *answers)
{
	memset(answers, 0, sizeof(*answers));
}

void
rw_answers_free(struct rw_answers *answers)
{
	int i;

	for (i = 0; i < RW_FIELD_COUNT; i++) {
		free(answers->value[i]);
		answers->value[i] = NULL;
	}
}

int
rw_answers_set(struct rw_answers *answers, enum rw_field field, const char *value)
{
	char *copy = NULL;

	if (field < 0 || field >= RW_FIELD_COUNT)
		return -1;
	if (value && !(copy = strdup(value)))
		return -1;
	free(answers->value[field]);
	answers->value[field] = copy;
	return 0;
}

const char *
rw_answers_get(const struct rw_answers *answers, enum rw_field field)
{
	if (field < 0 || field >= RW_FIELD_COUNT || !answers->value[field])
		return "";
	return answers->value[field];
}

int
rw_answers_is_set(const struct rw_answers *answers, enum rw_field field)
{
	return field >= 0 && field < RW_FIELD_COUNT && answers->value[field] != NULL;
}

int
rw_answers_apply_defaults(struct rw_answers *answers)
{
	int i;

	for (i = 0; i < RW_FIELD_COUNT; i++)
		if (!answers->value[i] && field_table[i].default_value &&
		    rw_answers_set(answers, (enum rw_field) i, field_table[i].default_value) < 0)
			return -1;
	return 0;
}

int
rw_answers_beyond_defaults(const struct rw_answers *answers)
{
	const char *v;
	int i;

	for (i = 0; i < RW_FIELD_COUNT; i++) {
		v = rw_answers_get(answers, (enum rw_field) i);
		if (*v && (!field_table[i].default_value || strcmp(v, field_table[i].default_value) != 0))
			return 1;
	}
	return 0;
}

int
rw_answers_copy(struct rw_answers *dst, const struct rw_answers *src)
{
	int i;

	rw_answers_free(dst);
	for (i = 0; i < RW_FIELD_COUNT; i++)
		if (rw_answers_set(dst, (enum rw_field) i, src->value[i]) < 0) {
			rw_answers_free(dst);
			return -1;
		}
	return 0;
}
