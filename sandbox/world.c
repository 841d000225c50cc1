#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/secret.h"
#include "sandbox/clock.h"
#include "sandbox/world.h"

#define DAY_MS ((int64_t) 86400 * 1000)

/*
 * Makes room for one more element in an array of count elements holding
 * *cap.  Returns the (maybe moved) array, or NULL when out of memory, in
 * which case the old one is untouched.
 */
static void *
grow(void *items, size_t count, size_t *cap, size_t elem)
{
	void *bigger;
	size_t n;

	if (count < *cap)
		return items;
	n = *cap ? *cap * 2 : 16;
	bigger = realloc(items, n * elem);
	if (bigger)
		*cap = n;
	return bigger;
}

static void
secret_free_one(struct sb_secret *secret)
{
	if (!secret)
		return;
	free(secret->key);
	secret_free(&secret->value);
	free(secret->comment);
	free(secret);
}

void
sb_credential_clear(struct sb_credential *credential)
{
	free(credential->client_id);
	secret_free(&credential->client_secret);
	memset(credential, 0, sizeof(*credential));
}

void
sb_rotation_free(struct sb_rotation *rotation)
{
	int i;

	if (!rotation)
		return;
	free(rotation->name);
	free(rotation->description);
	free(rotation->object_id);
	free(rotation->client_id);
	free(rotation->app_name);
	free(rotation->map_client_id);
	free(rotation->map_client_secret);
	free(rotation->last_message);
	for (i = 0; i < 2; i++)
		sb_credential_clear(&rotation->creds[i]);
	free(rotation);
}

static size_t
app_index(const struct sb_azure_app *app)
{
	size_t count;
	const struct sb_azure_app *apps = sb_seed_apps(&count);

	return (size_t) (app - apps);
}

/*
 * The seeded rotation was created 40 days before today and last rotated by
 * the scheduler 10 days ago at its rotation time, so its next rotation is
 * 20 days ahead whatever day the sandbox starts on.
 */
static const struct sb_azure_app *find_app(const struct sb_connection *connection,
					   const char *object_id);
static int issue_password(struct sb_world *world, const struct sb_azure_app *app,
			  const char *client_id, struct sb_credential *out);

/* Infisical's words for a rotation Graph refused (as sb_rotation_rotate() words them). */
static char *
refusal_message(const struct sb_azure_app *app)
{
	static const char lead[] = "Infisical encountered an issue while generating credentials "
				   "with the configured inputs: Failed to add client secret to Azure app ";
	size_t len = strlen(lead) + strlen(app->object_id) + 2 + strlen(app->graph_error) + 1;
	char *text = malloc(len);

	if (text)
		snprintf(text, len, "%s%s: %s", lead, app->object_id, app->graph_error);
	return text;
}

/* A rotation as the seed describes it, its two client secrets issued before `now`. */
static int
seed_one(struct sb_world *world, const struct sb_seed_rotation *seed, const char *id,
	 const char *name, const struct sb_folder *folder, const char *map_id,
	 const char *map_secret, int64_t now)
{
	struct sb_rotation *r = calloc(1, sizeof(*r));
	int64_t today = sb_day_start(now);
	int i;

	if (!r)
		return -1;
	memcpy(r->id, id, SB_UUID_LEN + 1);
	r->name = strdup(name);
	r->description = strdup(seed->description);
	r->folder = folder;
	r->connection = seed->connection;
	r->auto_rotation = 1;
	r->interval = seed->interval;
	r->object_id = strdup(seed->app->object_id);
	r->client_id = strdup(seed->app->app_id);
	r->app_name = strdup(seed->app->name);
	r->map_client_id = strdup(map_id);
	r->map_client_secret = strdup(map_secret);
	r->created = today - 40 * DAY_MS + (9 * 60 + 15) * 60 * 1000;
	r->last_rotated = r->last_attempted = r->updated = today - 10 * DAY_MS;
	r->last_manual = 0;
	/* Issued while the connection could still write the app, so Graph's refusal is not asked. */
	for (i = 0; i < 2; i++) {
		if (issue_password(world, find_app(seed->connection, seed->app->object_id),
				   seed->app->app_id, &r->creds[i]) < 0) {
			sb_rotation_free(r);
			return -1;
		}
		if (seed->key_id[i])
			memcpy(r->creds[i].key_id, seed->key_id[i], SB_UUID_LEN + 1);
	}
	r->cred_count = 2;
	r->active_index = 1;
	r->has_next = 1;
	if (seed->failed) {
		/* Rotated 31 days ago; the scheduler's try at 00:00 today failed; retried tomorrow. */
		r->last_rotated = r->updated = today - 31 * DAY_MS;
		r->last_attempted = today;
		r->failed = 1;
		r->last_message = refusal_message(seed->app);
		r->next_rotation = sb_next_day_at(now, 0, 0);
	} else {
		r->next_rotation = sb_next_rotation_at(r->last_rotated, 0, 0, r->interval, 0);
	}
	if (!r->name || !r->description || !r->object_id || !r->client_id || !r->app_name ||
	    !r->map_client_id || !r->map_client_secret || (seed->failed && !r->last_message) ||
	    !sb_world_secret_add(world, r->folder, r->map_client_id, r->client_id, r->created) ||
	    !sb_world_secret_add(world, r->folder, r->map_client_secret,
				 r->creds[1].client_secret, r->last_rotated) ||
	    sb_world_rotation_add(world, r) < 0) {
		sb_rotation_free(r);
		return -1;
	}
	return 0;
}

static int
seed_rotation(struct sb_world *world, const struct sb_seed_rotation *seed, int64_t now)
{
	return seed_one(world, seed, seed->id, seed->name, seed->folder, seed->map_client_id,
			seed->map_client_secret, now);
}

int
sb_world_seed_bulk(struct sb_world *world, long count, int64_t now)
{
	size_t nseeds, nfolders, i;
	const struct sb_seed_rotation *seed = sb_seed_rotations(&nseeds);
	const struct sb_folder *folders = sb_world_folders(&nfolders);
	const struct sb_folder *where[16];
	size_t nwhere = 0;
	long n;

	/* Payments Platform's /workers folders, so that names resolve per environment. */
	for (i = 0; i < nfolders && nwhere < 16; i++)
		if (folders[i].project == seed[0].folder->project &&
		    strcmp(folders[i].path, "/workers") == 0)
			where[nwhere++] = &folders[i];
	if (!nwhere)
		return -1;
	for (n = 1; n <= count; n++) {
		char id[48], name[32], map_id[48], map_secret[48];
		struct sb_seed_rotation bulk = seed[0];

		/* A fixed id per number, so a test may name one. */
		snprintf(id, sizeof(id), "5eed0000-0000-4000-8000-%012ld", n % 1000000000000L);
		snprintf(name, sizeof(name), "bulk-%04ld", n);
		snprintf(map_id, sizeof(map_id), "BULK_%04ld_CLIENT_ID", n);
		snprintf(map_secret, sizeof(map_secret), "BULK_%04ld_CLIENT_SECRET", n);
		bulk.key_id[0] = bulk.key_id[1] = NULL;
		bulk.description = "seeded by --seed-rotations";
		/* Longer than the ten days since the seeded last rotation: none is due at start. */
		bulk.interval = 11 + n % 80;
		if (seed_one(world, &bulk, id, name, where[n % nwhere], map_id, map_secret, now) < 0)
			return -1;
	}
	return 0;
}

struct sb_world *
sb_world_new(int64_t now)
{
	struct sb_world *world = calloc(1, sizeof(*world));
	const struct sb_seed_secret *secrets;
	const struct sb_seed_rotation *rotations;
	size_t count, i;
	int64_t seeded;

	if (!world)
		return NULL;
	pthread_mutex_init(&world->lock, NULL);
	sb_seed_apps(&world->app_count);
	world->live_secrets = calloc(world->app_count, sizeof(*world->live_secrets));
	if (!world->live_secrets)
		goto fail;
	secrets = sb_seed_secrets(&count);
	for (i = 0; i < count; i++) {
		struct sb_secret *s;

		if (sb_time_parse(secrets[i].folder->created_at, &seeded) < 0)
			seeded = now;
		s = sb_world_secret_add(world, secrets[i].folder, secrets[i].key,
					secrets[i].value, seeded);
		if (!s)
			goto fail;
		free(s->comment);
		s->comment = strdup(secrets[i].comment);
		if (!s->comment)
			goto fail;
	}
	rotations = sb_seed_rotations(&count);
	for (i = 0; i < count; i++)
		if (seed_rotation(world, &rotations[i], now) < 0)
			goto fail;
	return world;
fail:
	sb_world_free(&world);
	return NULL;
}

void
sb_world_free(struct sb_world **pworld)
{
	struct sb_world *world = *pworld;
	size_t i;

	if (!world)
		return;
	for (i = 0; i < world->secret_count; i++)
		secret_free_one(world->secrets[i]);
	for (i = 0; i < world->rotation_count; i++)
		sb_rotation_free(world->rotations[i]);
	for (i = 0; i < world->token_count; i++)
		secret_free(&world->tokens[i]);
	for (i = 0; i < world->revoked_count; i++)
		secret_free(&world->revoked[i]);
	free(world->revoked);
	free(world->secrets);
	free(world->rotations);
	free(world->tokens);
	free(world->live_secrets);
	pthread_mutex_destroy(&world->lock);
	free(world);
	*pworld = NULL;
}

void
sb_world_lock(struct sb_world *world)
{
	pthread_mutex_lock(&world->lock);
}

void
sb_world_unlock(struct sb_world *world)
{
	pthread_mutex_unlock(&world->lock);
}

/* ---- seeded lookups ---- */

const struct sb_project *
sb_world_project(const char *id)
{
	size_t count, i;
	const struct sb_project *projects = sb_seed_projects(&count);

	for (i = 0; id && i < count; i++)
		if (strcmp(projects[i].id, id) == 0)
			return &projects[i];
	return NULL;
}

const struct sb_project *
sb_world_project_by_slug(const char *slug)
{
	size_t count, i;
	const struct sb_project *projects = sb_seed_projects(&count);

	for (i = 0; slug && i < count; i++)
		if (strcmp(projects[i].slug, slug) == 0)
			return &projects[i];
	return NULL;
}

const struct sb_env *
sb_world_env(const struct sb_project *project, const char *slug)
{
	size_t i;

	for (i = 0; project && slug && i < project->env_count; i++)
		if (strcmp(project->envs[i].slug, slug) == 0)
			return &project->envs[i];
	return NULL;
}

const struct sb_folder *
sb_world_folder(const struct sb_project *project, const struct sb_env *env, const char *path)
{
	size_t count, i, len;
	const struct sb_folder *folders = sb_seed_folders(&count);

	if (!project || !env || !path)
		return NULL;
	len = strlen(path);
	if (len > 1 && path[len - 1] == '/')
		len--;
	for (i = 0; i < count; i++)
		if (folders[i].project == project && folders[i].env == env &&
		    strlen(folders[i].path) == len && strncmp(folders[i].path, path, len) == 0)
			return &folders[i];
	return NULL;
}

const struct sb_folder *
sb_world_folders(size_t *count)
{
	return sb_seed_folders(count);
}

const struct sb_connection *
sb_world_connection(const char *id)
{
	size_t count, i;
	const struct sb_connection *connections = sb_seed_connections(&count);

	for (i = 0; id && i < count; i++)
		if (strcasecmp(connections[i].id, id) == 0)
			return &connections[i];
	return NULL;
}

const struct sb_connection *
sb_world_connections(size_t *count)
{
	return sb_seed_connections(count);
}

const struct sb_azure_app *
sb_world_apps(size_t *count)
{
	return sb_seed_apps(count);
}

static const struct sb_azure_app *
find_app(const struct sb_connection *connection, const char *object_id)
{
	size_t count, i;
	const struct sb_azure_app *apps = sb_seed_apps(&count);

	for (i = 0; object_id && i < count; i++)
		if (apps[i].connection == connection && strcasecmp(apps[i].object_id, object_id) == 0)
			return &apps[i];
	return NULL;
}

/* ---- tokens ---- */

enum sb_actor
sb_world_token_actor(struct sb_world *world, const char *token, enum sb_token_state *state)
{
	size_t i;

	*state = SB_TOKEN_VALID;
	if (strcmp(token, SB_USER_TOKEN) == 0)
		return SB_ACTOR_USER;
	for (i = 0; i < world->token_count; i++)
		if (strcmp(world->tokens[i], token) == 0)
			return SB_ACTOR_IDENTITY;
	for (i = 0; i < world->revoked_count; i++)
		if (strcmp(world->revoked[i], token) == 0) {
			*state = SB_TOKEN_REVOKED;
			return SB_ACTOR_NONE;
		}
	*state = strcmp(token, SB_EXPIRED_TOKEN) == 0 ? SB_TOKEN_EXPIRED : SB_TOKEN_UNKNOWN;
	return SB_ACTOR_NONE;
}

const char *
sb_world_token_issue(struct sb_world *world)
{
	char **tokens, *token;

	tokens = grow(world->tokens, world->token_count, &world->token_cap, sizeof(*tokens));
	if (!tokens)
		return NULL;
	world->tokens = tokens;
	token = sb_access_token_new();
	if (!token)
		return NULL;
	world->tokens[world->token_count++] = token;
	return token;
}

int
sb_world_token_revoke(struct sb_world *world, const char *token)
{
	size_t i;

	for (i = 0; i < world->token_count; i++) {
		if (strcmp(world->tokens[i], token) == 0) {
			char **revoked = grow(world->revoked, world->revoked_count,
					      &world->revoked_cap, sizeof(*revoked));

			/* Kept, so that its next use is told "revoked", as the real server tells it. */
			if (revoked) {
				world->revoked = revoked;
				world->revoked[world->revoked_count++] = world->tokens[i];
			} else {
				secret_free(&world->tokens[i]);
			}
			world->tokens[i] = world->tokens[--world->token_count];
			return 0;
		}
	}
	return -1;
}

/* ---- secrets ---- */

struct sb_secret *
sb_world_secret(struct sb_world *world, const struct sb_folder *folder, const char *key)
{
	size_t i;

	for (i = 0; i < world->secret_count; i++)
		if (world->secrets[i]->folder == folder && strcmp(world->secrets[i]->key, key) == 0)
			return world->secrets[i];
	return NULL;
}

struct sb_secret *
sb_world_secret_add(struct sb_world *world, const struct sb_folder *folder, const char *key,
		    const char *value, int64_t now)
{
	struct sb_secret **secrets, *s;

	secrets = grow(world->secrets, world->secret_count, &world->secret_cap, sizeof(*secrets));
	if (!secrets)
		return NULL;
	world->secrets = secrets;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	sb_uuid4(s->id);
	s->folder = folder;
	s->key = strdup(key);
	s->value = strdup(value);
	s->comment = strdup("");
	s->version = 1;
	s->created = s->updated = now;
	if (!s->key || !s->value || !s->comment) {
		secret_free_one(s);
		return NULL;
	}
	world->secrets[world->secret_count++] = s;
	return s;
}

int
sb_world_secret_set(struct sb_secret *secret, const char *value, int64_t now)
{
	char *copy = strdup(value);

	if (!copy)
		return -1;
	secret_free(&secret->value);
	secret->value = copy;
	secret->version++;
	secret->updated = now;
	return 0;
}

int
sb_world_secret_rename(struct sb_secret *secret, const char *key, int64_t now)
{
	char *copy = strdup(key);

	if (!copy)
		return -1;
	free(secret->key);
	secret->key = copy;
	secret->version++;
	secret->updated = now;
	return 0;
}

void
sb_world_secret_remove(struct sb_world *world, struct sb_secret *secret)
{
	size_t i;

	for (i = 0; i < world->secret_count; i++) {
		if (world->secrets[i] == secret) {
			/* Keep the folder's order: lists show secrets as they were made. */
			memmove(&world->secrets[i], &world->secrets[i + 1],
				(world->secret_count - i - 1) * sizeof(*world->secrets));
			world->secret_count--;
			secret_free_one(secret);
			return;
		}
	}
}

/* ---- rotations ---- */

const struct sb_rotation *
sb_world_secret_rotation(const struct sb_world *world, const struct sb_secret *secret)
{
	size_t i;

	for (i = 0; i < world->rotation_count; i++) {
		const struct sb_rotation *r = world->rotations[i];

		if (r->folder == secret->folder && (strcmp(r->map_client_id, secret->key) == 0 ||
						    strcmp(r->map_client_secret, secret->key) == 0))
			return r;
	}
	return NULL;
}

struct sb_rotation *
sb_world_rotation(struct sb_world *world, const char *id)
{
	size_t i;

	for (i = 0; id && i < world->rotation_count; i++)
		if (strcasecmp(world->rotations[i]->id, id) == 0)
			return world->rotations[i];
	return NULL;
}

struct sb_rotation *
sb_world_rotation_by_name(struct sb_world *world, const struct sb_folder *folder, const char *name)
{
	size_t i;

	for (i = 0; i < world->rotation_count; i++)
		if (world->rotations[i]->folder == folder && strcmp(world->rotations[i]->name, name) == 0)
			return world->rotations[i];
	return NULL;
}

int
sb_world_rotation_add(struct sb_world *world, struct sb_rotation *rotation)
{
	struct sb_rotation **rotations;

	rotations = grow(world->rotations, world->rotation_count, &world->rotation_cap,
			 sizeof(*rotations));
	if (!rotations)
		return -1;
	world->rotations = rotations;
	world->rotations[world->rotation_count++] = rotation;
	return 0;
}

void
sb_world_rotation_remove(struct sb_world *world, struct sb_rotation *rotation)
{
	size_t i;

	for (i = 0; i < world->rotation_count; i++) {
		if (world->rotations[i] == rotation) {
			memmove(&world->rotations[i], &world->rotations[i + 1],
				(world->rotation_count - i - 1) * sizeof(*world->rotations));
			world->rotation_count--;
			sb_rotation_free(rotation);
			return;
		}
	}
}

/* ---- Azure ---- */

int
sb_world_azure_add_password(struct sb_world *world, const struct sb_connection *connection,
			    const char *object_id, const char *client_id,
			    struct sb_credential *out, const char **graph_error)
{
	const struct sb_azure_app *app = find_app(connection, object_id);

	memset(out, 0, sizeof(*out));
	*graph_error = NULL;
	if (!app)
		return -1;
	if (app->graph_error) {
		*graph_error = app->graph_error;
		return -1;
	}
	if (issue_password(world, app, client_id, out) < 0) {
		*graph_error = "Out of memory";
		return -1;
	}
	return 0;
}

/* A new client secret on the app, as Graph's addPassword makes one.  0, or -1 on no memory. */
static int
issue_password(struct sb_world *world, const struct sb_azure_app *app, const char *client_id,
	       struct sb_credential *out)
{
	char text[SB_AZURE_SECRET_LEN + 1];

	memset(out, 0, sizeof(*out));
	if (!app)
		return -1;
	sb_azure_secret_text(text);
	out->client_secret = strdup(text);
	secret_wipe(text, sizeof(text));
	out->client_id = strdup(client_id);
	sb_uuid4(out->key_id);
	if (!out->client_secret || !out->client_id) {
		sb_credential_clear(out);
		return -1;
	}
	world->live_secrets[app_index(app)]++;
	return 0;
}

void
sb_world_azure_remove_password(struct sb_world *world, const struct sb_connection *connection,
			       const char *object_id)
{
	const struct sb_azure_app *app = find_app(connection, object_id);

	if (app && world->live_secrets[app_index(app)] > 0)
		world->live_secrets[app_index(app)]--;
}

long
sb_world_azure_live_secrets(const struct sb_world *world)
{
	long total = 0;
	size_t i;

	for (i = 0; i < world->app_count; i++)
		total += world->live_secrets[i];
	return total;
}
