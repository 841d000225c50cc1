#ifndef ROTWIZ_CORE_SIGNIN_H
#define ROTWIZ_CORE_SIGNIN_H

/*
 * Sign-in (doc/contract.md step 0 and section 5), shared by every front-end.
 *
 *   1. signin_api_base()          the server URL, as "<origin>/api"
 *   2. signin_load_credentials()  a token or Universal Auth pair from the
 *                                 environment or --token-file (never argv)
 *      ... or the sign-in screen fills app->token, or app->ua_client_id
 *      and app->ua_client_secret (malloc'd copies; app owns them).
 *   3. signin_connect()           blocking: makes app->api, logs in by
 *                                 Universal Auth when there is no token,
 *                                 and checks the credentials with
 *                                 GET /api/v1/projects, whose answer it
 *                                 keeps in app->projects for step 2.
 *
 * Before any front-end starts, main has done steps 1 and 2: app->api_base
 * is always set (the default when nothing was given) and the credentials
 * are loaded when the environment or --token-file had them
 * (app->credentials_given: skip the sign-in form).  Nothing is sent yet:
 * step 3 is the front-end's, so that a failure keeps the user on the
 * sign-in step with the server's reason.
 *
 * A front-end that wants the keyboard live during step 3 calls
 * signin_open() and starts rw_api_login() / rw_api_projects() itself, then
 * hands the results to signin_take_login() / signin_take_projects().
 *
 * Messages are one line, "cause -- fix", without a "rotwiz: " prefix; the
 * fix names flags in batch mode and fields in the wizard (app->mode).
 * Secrets are wiped (secret_free) when no longer needed and by
 * signin_forget() / app_free().
 */

#include <stddef.h>

#include "libcore/app.h"
#include "libcore/report.h"
#include "common/status.h"
#include "net/api.h"
#include "net/url.h"

#define SIGNIN_DEFAULT_DOMAIN RW_URL_EXAMPLE
/* The two Infisical clouds a sign-in step offers; US is the default. */
#define SIGNIN_US_CLOUD SIGNIN_DEFAULT_DOMAIN
#define SIGNIN_EU_CLOUD "https://eu.infisical.com"

/*
 * The API base (rw_url_normalize, net/url.h) from domain_flag (--domain),
 * else INFISICAL_DOMAIN, else INFISICAL_API_URL, else
 * SIGNIN_DEFAULT_DOMAIN.  The message names where the bad URL came from.
 * *api_base is freed first.
 */
enum rw_status signin_api_base(const char *domain_flag, char **api_base, char *msg, size_t msgsz);

/*
 * Credentials, first found wins: --token-file FILE (app->opt.token_file;
 * its first line, trimmed), INFISICAL_TOKEN,
 * INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN, then the pair
 * INFISICAL_UNIVERSAL_AUTH_CLIENT_ID / _CLIENT_SECRET.  Secret variables
 * are wiped and unset once copied, so no child process inherits them.
 * Sets *found and app->credentials_given.  RW_OK (msg may then hold a
 * warning, e.g. a token file others can read; "" when none), RW_EIO (the
 * token file cannot be read or is empty) or RW_EUSAGE (half a UA pair).
 */
enum rw_status signin_load_credentials(struct app *app, int *found, char *msg, size_t msgsz);

/*
 * Wipes and unsets the secret variables without using them (--demo has its
 * own token), so that no child process inherits them.
 */
void signin_wipe_environment(void);

/*
 * Makes a fresh app->api for app->api_base (with --cacert and
 * ROTWIZ_TIMEOUT_MS), freeing any old one and the kept projects, and
 * hands it app->token when there is one.
 */
enum rw_status signin_open(struct app *app, char *msg, size_t msgsz);

/*
 * An RW_CALL_LOGIN result: on success the access token goes to app->api
 * and app->token, and the Universal Auth secret is wiped.  Else msg says
 * why.  The result's token is wiped either way (rw_result_free is still
 * the caller's).
 */
enum rw_status signin_take_login(struct app *app, struct rw_result *result,
				 char *msg, size_t msgsz);

/*
 * An RW_CALL_PROJECTS result: on success the list moves into
 * app->projects (result's list left empty) and app->signed_in is set.
 */
enum rw_status signin_take_projects(struct app *app, struct rw_result *result,
				    char *msg, size_t msgsz);

/*
 * signin_open, then the Universal Auth login when there is no token, then
 * the projects check; blocking.  RW_OK, RW_EUSAGE (no credentials), or
 * the failing call's status (RW_EAUTH, RW_ENET...) with msg.
 */
enum rw_status signin_connect(struct app *app, char *msg, size_t msgsz);

/* Wipes every credential, frees app->api and the kept projects. */
void signin_forget(struct app *app);

#endif
