#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/seed.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct sb_env payments_envs[] = {
	{ "fd2227a1-486d-4e3e-9ffd-b21a47282331", "dev", "Development" },
	{ "0cdf098f-cac5-41e1-8534-31b6842d361a", "staging", "Staging" },
	{ "aa986e26-f202-4b86-96a2-50ff64b12f2d", "prod", "Production" },
};

static const struct sb_env tools_envs[] = {
	{ "1dd5b750-6fe6-4e9c-a123-9efafb9c218e", "dev", "Development" },
	{ "bab1ab81-c855-4ac2-a0b3-ee95c2a4142a", "staging", "Staging" },
	{ "37e6d7fd-c3ab-4b41-af92-821f75105379", "prod", "Production" },
};

/*
 * --hostile-names: one more project (with its environment and root folder),
 * Azure apps and a secret whose names hold what a terminal would obey --
 * escape sequences, BEL, a C1 CSI, a bidi override, bytes that are not
 * UTF-8 -- as anyone who may name a project or register an Azure app could.
 * Each table keeps them last, so that without the option they are not counted.
 */
static int hostile;

static const struct sb_env hostile_envs[] = {
	{ "3f0e8f43-93a5-4a4e-9a83-0e6d8f6f2a01", "dev", "Dev \x1b[41mred\x1b[0m" },
};

/*
 * The third project is a certificate-manager project: it shows up in an
 * unfiltered project list, as on a real organisation, and secret routes
 * refuse it.  Clients should ask for ?type=secret-manager.
 */
static const struct sb_project projects[] = {
	{ "ec28d541-4984-455a-b145-c3b923b5c5b2", "Payments Platform", "payments-platform",
	  "Card payments, billing and the checkout front end", "secret-manager",
	  "2024-03-11T08:30:00.000Z", payments_envs, N(payments_envs) },
	{ "f8992e83-e950-4cf5-868e-479de251590d", "Internal Tools", "internal-tools",
	  "CI, deployment and operations tooling", "secret-manager",
	  "2024-05-02T14:05:00.000Z", tools_envs, N(tools_envs) },
	{ "e6c1bc1f-806a-409f-88fc-13079e8c309c", "Edge Certificates", "edge-certificates",
	  "TLS certificates for the edge proxies", "cert-manager",
	  "2024-09-19T10:00:00.000Z", NULL, 0 },
	{ "5b7e6c1e-1c1a-4d0b-8f59-7c0f3bd6e9a2", "Evil \x1b]0;owned\x07 \x1b[2JProject",
	  "evil-project", "\xc2\x9b" "31m hostile", "secret-manager",
	  "2024-10-01T10:00:00.000Z", hostile_envs, 1 },
};

#define PAY (&projects[0])
#define TOOLS (&projects[1])

static const struct sb_folder folders[] = {
	{ "2eff0287-6ecc-4a65-bb8d-79a5b9679d50", PAY, &payments_envs[0], "/", "2024-03-11T08:30:00.000Z" },
	{ "235db25a-746a-48d3-a125-e38f7afc1a91", PAY, &payments_envs[0], "/api", "2024-03-11T09:00:00.000Z" },
	{ "6b863fda-921b-4a29-9251-a8802954478f", PAY, &payments_envs[0], "/api/billing", "2024-03-12T11:20:00.000Z" },
	{ "784e7f76-9313-4ba7-969d-c11ced9d2350", PAY, &payments_envs[0], "/workers", "2024-03-12T11:25:00.000Z" },
	{ "e5cc999c-ab45-4f32-a6ff-525130cfe167", PAY, &payments_envs[0], "/frontend", "2024-04-01T16:40:00.000Z" },
	{ "3e6b79d1-7267-4d68-b07d-573d750bf2c6", PAY, &payments_envs[1], "/", "2024-03-11T08:30:00.000Z" },
	{ "50827e82-0515-44a7-894d-262abd7a35aa", PAY, &payments_envs[1], "/api", "2024-03-11T09:00:00.000Z" },
	{ "ed386d7c-b0ea-4c30-8bc5-8ccaa49a7012", PAY, &payments_envs[1], "/workers", "2024-03-12T11:25:00.000Z" },
	{ "0ca70893-860e-4f14-a34f-29f305fc8c0e", PAY, &payments_envs[2], "/", "2024-03-11T08:30:00.000Z" },
	{ "ed5e0982-25ed-4f3a-a5ae-9889e8360f8c", PAY, &payments_envs[2], "/api", "2024-03-11T09:00:00.000Z" },
	{ "f4b9c8a5-bc99-454b-bf4b-e399da10c97a", PAY, &payments_envs[2], "/workers", "2024-03-12T11:25:00.000Z" },
	{ "ce7b0a16-2f20-4fa6-922f-4f3ec065c377", PAY, &payments_envs[2], "/legacy", "2024-06-20T07:45:00.000Z" },
	{ "7ed85642-ed78-4f13-8e07-e55049224134", TOOLS, &tools_envs[0], "/", "2024-05-02T14:05:00.000Z" },
	{ "42dffa88-1cc1-4f91-b597-cf5cd4f941bc", TOOLS, &tools_envs[0], "/ci", "2024-05-02T14:10:00.000Z" },
	{ "367263a6-c4f2-41c3-a2a8-df0bb22c7238", TOOLS, &tools_envs[0], "/ops", "2024-05-02T14:12:00.000Z" },
	{ "300b264a-f78f-4722-a325-ddeadac11d1e", TOOLS, &tools_envs[1], "/", "2024-05-02T14:05:00.000Z" },
	{ "8b84020c-47df-479c-873a-53ea13287a31", TOOLS, &tools_envs[1], "/ci", "2024-05-02T14:10:00.000Z" },
	{ "710818b7-70d3-47ca-9843-ec610ce8e3ec", TOOLS, &tools_envs[2], "/", "2024-05-02T14:05:00.000Z" },
	{ "796986aa-08a5-4544-a1e1-5fea0c7619c3", TOOLS, &tools_envs[2], "/ops", "2024-05-02T14:12:00.000Z" },
	{ "9d1c3f7a-5e2b-4c8d-a1f0-6b3e2d4c5a7f", &projects[3], &hostile_envs[0], "/", "2024-10-01T10:00:00.000Z" },
};

/*
 * Two Azure connections: the machine identity may connect to the first only
 * (the second is missing from its /available list, and using it answers
 * 403).  The AWS connection exists so that picking a connection of the wrong
 * app can be shown.
 */
static const struct sb_connection connections[] = {
	{ "9640d92c-838b-4c31-a495-6e6be4e58523", "azure-contoso-prod",
	  "Contoso production tenant", "azure-client-secrets", "Azure Client Secrets", "oauth",
	  "2977d4df-2194-4f94-9abf-509fb7476180", NULL, "2024-03-15T10:00:00.000Z", 1,
	  "8a1ffa01a0822dd49463b7b0f7c4b2572cc138d6f7e3fc6918db44a5cc4acdd6" },
	{ "0d2add2d-92b6-4566-9081-070bf7c9b5ca", "azure-fabrikam-legacy",
	  "Fabrikam tenant (admins only)", "azure-client-secrets", "Azure Client Secrets",
	  "client-secret", "4584eba5-01da-434e-b3c1-bf8a30b6fddc",
	  "79d09ec3-5475-4dc6-9312-d6a41e0a752f", "2024-07-08T12:30:00.000Z", 0,
	  "f091efddca4db79331c8d9af90fee2e5634cc51c7e179d147fe2b6747cf3957f" },
	{ "fbc2b11c-e7a5-485f-9eb0-3c2945de949d", "aws-shared-services",
	  "Shared services account", "aws", "AWS", "access-key",
	  NULL, NULL, "2024-04-22T09:10:00.000Z", 1,
	  "faeb4c5fa3204f5b74f964080c24c682d2bbe64321c891ba8afb894b331d91d4" },
};

#define CONTOSO (&connections[0])
#define FABRIKAM (&connections[1])

/* Object id and client id always differ, as in Azure; two apps share a display name. */
static const struct sb_azure_app apps[] = {
	{ "607e495a-aa5b-4896-9125-08d1a22c504c", "b2a0517a-42c2-4a1b-97cb-0472be8a5e0b",
	  "Payments API", CONTOSO, NULL },
	{ "74a3f82e-531e-45c2-b7d5-d81151298038", "9c743c18-95ce-4fbe-8f48-3723a676b96e",
	  "Billing Worker", CONTOSO, NULL },
	{ "a206ff5c-5924-4b0f-9c70-2575907a80ff", "9d43905a-edc1-4513-a8d3-d5c23c3140ad",
	  "Checkout Frontend", CONTOSO, NULL },
	{ "02b9437c-9e85-48d6-bbc7-daf5621b9572", "ddbacd78-a3c0-4214-80c0-ebda27c453fc",
	  "Reporting Service", CONTOSO, NULL },
	{ "c5840a68-3dc3-4c5b-a451-4c5dcac829a0", "0b9b3e4c-4221-445f-b00b-6980be330a20",
	  "Reporting Service", CONTOSO, NULL },
	{ "a9ce2d85-607b-4a13-a3f6-a2022bae7d51", "c43112eb-796f-4001-bc9b-62cc1e9a620a",
	  "CI Deployer", CONTOSO, NULL },
	{ "f903695a-233e-405e-9480-34d9c384bd99", "b50be191-ede9-4404-9c59-5d6b8438087e",
	  "Legacy Billing Sync", CONTOSO,
	  "Insufficient privileges to complete the operation." },
	{ "45dd2a03-224e-4bd4-beb5-5ec5453076b1", "5d89cd7b-ef46-45b4-b994-a80664853bde",
	  "Fabrikam Portal", FABRIKAM, NULL },
	{ "b6b5137a-b801-4c71-84d8-7589263d87d6", "c747d64d-8742-497a-8359-93b003652a0a",
	  "Fabrikam Sync", FABRIKAM, NULL },
	/* --hostile-names from here on */
	{ "d3b07384-d9a0-4c6f-9a3e-1f2b3c4d5e6f", "8e296a06-7c2b-4b7f-9d1a-2c3d4e5f6a7b",
	  "Evil \x1b[31mRed\x1b[0m \x07" "App", CONTOSO, NULL },
	{ "0f1e2d3c-4b5a-4697-8877-665544332211", "1a2b3c4d-5e6f-4a8b-9cad-beef00112233",
	  "Invoice \xe2\x80\xae" "fdp.exe", CONTOSO, NULL },
	{ "2c3d4e5f-6a7b-4c8d-9eaf-b0c1d2e3f405", "3d4e5f6a-7b8c-4d9e-8fa0-b1c2d3e4f506",
	  "C1 \xc2\x9b" "2J app \xfe\xc0\xaf", CONTOSO, NULL },
};

#define HOSTILE_APPS 3

/* Folder indexes above, named for readability below. */
#define PAY_DEV_ROOT (&folders[0])
#define PAY_DEV_API (&folders[1])
#define PAY_DEV_BILLING (&folders[2])
#define PAY_STAGING_API (&folders[6])
#define PAY_PROD_API (&folders[9])
#define PAY_PROD_LEGACY (&folders[11])
#define TOOLS_DEV_CI (&folders[13])

/*
 * dev:/api already holds AZURE_CLIENT_ID and prod:/api holds both default
 * names, so a create there with the default mapping fails the way the real
 * server fails.  staging:/api gets its two through the seeded rotation.
 */
static const struct sb_seed_secret secrets[] = {
	{ PAY_DEV_ROOT, "LOG_LEVEL", "debug", "" },
	{ PAY_DEV_API, "AZURE_CLIENT_ID", "b2a0517a-42c2-4a1b-97cb-0472be8a5e0b", "set by hand before rotation" },
	{ PAY_DEV_API, "DATABASE_URL", "postgres://payments:dev-only@db.dev.internal:5432/payments", "" },
	{ PAY_DEV_API, "STRIPE_API_KEY", "sk_test_sandbox_not_a_real_key", "" },
	{ PAY_DEV_BILLING, "INVOICE_BUCKET", "payments-dev-invoices", "" },
	{ PAY_PROD_API, "AZURE_CLIENT_ID", "b2a0517a-42c2-4a1b-97cb-0472be8a5e0b", "" },
	{ PAY_PROD_API, "AZURE_CLIENT_SECRET", "sandbox-prod-secret-placeholder", "" },
	{ PAY_PROD_API, "DATABASE_URL", "postgres://payments@db.prod.internal:5432/payments", "" },
	{ PAY_PROD_LEGACY, "FTP_PASSWORD", "sandbox-legacy-placeholder", "" },
	{ TOOLS_DEV_CI, "GITHUB_TOKEN", "ghp_sandboxNotARealToken000000000000000", "" },
	/* --hostile-names */
	{ &folders[N(folders) - 1], "EVIL_\x1b[2J_KEY", "x", "" },
};

static const struct sb_seed_rotation rotations[] = {
	{ "9362c962-2e0f-40a9-9e92-f8fadf7f37cf", "staging-api-azure",
	  "Payments API client secret for staging", PAY_STAGING_API, CONTOSO, &apps[0],
	  { "50927ebc-00b0-4766-b179-4d6732fae505", "9f617d3f-cb60-4eb4-b49c-a35cc48f08f0" },
	  30, "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", 0 },
	{ "c0d7b6a1-5f3e-4c8a-9b21-7e4f0a6d2c91", "prod-legacy-sync",
	  "Legacy Billing Sync: its connection lost the Graph permission", PAY_PROD_LEGACY, CONTOSO,
	  &apps[6], { "3b1f6c2e-8a4d-4e7f-a0c9-51d2e8b7f604", "d84a2f17-6c3b-4e95-8f0a-2b7c91e4a3d5" },
	  30, "LEGACY_AZURE_CLIENT_ID", "LEGACY_AZURE_CLIENT_SECRET", 1 },
};

void
sb_seed_hostile(int on)
{
	hostile = on;
}

/*
 * Large worlds (--seed-apps, --seed-projects, --seed-secrets): the tables
 * above copied to the heap with the generated rows after them, every
 * pointer between them moved to the copy, so the rest of the sandbox reads
 * one array per kind as before.  NULL: no large world, the tables as they are.
 */
static struct {
	struct sb_project *projects;
	struct sb_env *envs;
	struct sb_folder *folders;
	struct sb_azure_app *apps;
	struct sb_seed_secret *secrets;
	struct sb_seed_rotation *rotations;
	size_t nprojects, nfolders, napps, nsecrets, nrotations;
	char *strings;		/* every generated id and name, one block */
} big;

#define BIG_ENVS 3

/* A UUID-shaped id that only index and kind decide (version 4 digits, as Infisical's). */
static char *
put_id(char **at, unsigned kind, size_t index)
{
	char *s = *at;

	sprintf(s, "%08x-5ca1-4e00-8%03x-%012zx", 0x5ca1e000u + kind, kind & 0xfff, index);
	*at += strlen(s) + 1;
	return s;
}

static char *
put_text(char **at, const char *fmt, size_t index)
{
	char *s = *at;

	sprintf(s, fmt, index);
	*at += strlen(s) + 1;
	return s;
}

static const struct sb_project *
moved_project(const struct sb_project *p)
{
	return p ? &big.projects[p - projects] : NULL;
}

static const struct sb_folder *
moved_folder(const struct sb_folder *f)
{
	return &big.folders[f - folders];
}

static const struct sb_env *
moved_env(const struct sb_folder *f)
{
	/* The seeded folders keep their seeded environments (constant, not copied). */
	return f->env;
}

int
sb_seed_large(size_t apps_per_connection, size_t more_projects, size_t secrets_per_folder)
{
	static const char *const env_slug[BIG_ENVS] = { "dev", "staging", "prod" };
	static const char *const env_name[BIG_ENVS] = { "Development", "Staging", "Production" };
	size_t nproj, nfold, napps, nsec, nazure = 0, i, j, c, room;
	size_t keep_proj, keep_fold, keep_apps, keep_sec;
	char *at;

	if (!apps_per_connection && !more_projects && !secrets_per_folder)
		return 0;
	sb_seed_projects(&keep_proj);
	sb_seed_folders(&keep_fold);
	sb_seed_apps(&keep_apps);
	sb_seed_secrets(&keep_sec);
	for (c = 0; c < N(connections); c++)
		nazure += strcmp(connections[c].app, "azure-client-secrets") == 0;
	nproj = keep_proj + more_projects;
	nfold = keep_fold + more_projects * BIG_ENVS;
	napps = keep_apps + apps_per_connection * nazure;
	nsec = keep_sec + secrets_per_folder * nfold;
	/* Every generated string is under 64 bytes; a project has 3 ids, a name, a slug and a description. */
	room = (more_projects * (6 + BIG_ENVS * 2) + apps_per_connection * nazure * 3 +
		secrets_per_folder * nfold * 2) * 64 + 1;
	big.projects = calloc(nproj, sizeof(*big.projects));
	big.envs = calloc(more_projects * BIG_ENVS + 1, sizeof(*big.envs));
	big.folders = calloc(nfold, sizeof(*big.folders));
	big.apps = calloc(napps, sizeof(*big.apps));
	big.secrets = calloc(nsec, sizeof(*big.secrets));
	big.rotations = calloc(N(rotations), sizeof(*big.rotations));
	big.strings = malloc(room);
	if (!big.projects || !big.envs || !big.folders || !big.apps || !big.secrets ||
	    !big.rotations || !big.strings)
		return -1;
	at = big.strings;

	memcpy(big.projects, projects, keep_proj * sizeof(*projects));
	for (i = 0; i < more_projects; i++) {
		struct sb_project *p = &big.projects[keep_proj + i];
		struct sb_env *e = &big.envs[i * BIG_ENVS];

		p->id = put_id(&at, 1, i);
		p->name = put_text(&at, "Scale Project %06zu", i + 1);
		p->slug = put_text(&at, "scale-project-%06zu", i + 1);
		p->description = "Seeded by --seed-projects";
		p->type = "secret-manager";
		p->created_at = "2024-11-01T09:00:00.000Z";
		p->envs = e;
		p->env_count = BIG_ENVS;
		for (j = 0; j < BIG_ENVS; j++) {
			e[j].id = put_id(&at, 2, i * BIG_ENVS + j);
			e[j].slug = env_slug[j];
			e[j].name = env_name[j];
		}
	}
	for (i = 0; i < keep_fold; i++) {
		big.folders[i] = folders[i];
		big.folders[i].project = moved_project(folders[i].project);
		big.folders[i].env = moved_env(&folders[i]);
	}
	for (i = 0; i < more_projects * BIG_ENVS; i++) {
		struct sb_folder *f = &big.folders[keep_fold + i];

		f->id = put_id(&at, 3, i);
		f->project = &big.projects[keep_proj + i / BIG_ENVS];
		f->env = &big.envs[i];
		f->path = "/";
		f->created_at = "2024-11-01T09:00:00.000Z";
	}
	memcpy(big.apps, apps, keep_apps * sizeof(*apps));
	for (c = 0, j = keep_apps; c < N(connections); c++) {
		if (strcmp(connections[c].app, "azure-client-secrets") != 0)
			continue;
		for (i = 1; i <= apps_per_connection; i++, j++) {
			/* Deterministic: the connection's place and the app's number (tests/cli/batch.sh). */
			big.apps[j].object_id = at;
			at += sprintf(at, "5eedaa%02zx-0000-4000-8000-%012zx", c, i) + 1;
			big.apps[j].app_id = at;
			at += sprintf(at, "5eedcc%02zx-0000-4000-8000-%012zx", c, i) + 1;
			big.apps[j].name = at;
			at += sprintf(at, "%s app %05zu", connections[c].name, i) + 1;
			big.apps[j].connection = &connections[c];
		}
	}
	for (i = 0; i < keep_sec; i++) {
		big.secrets[i] = secrets[i];
		big.secrets[i].folder = moved_folder(secrets[i].folder);
	}
	for (j = 0, i = keep_sec; j < nfold; j++) {
		size_t k;

		for (k = 0; k < secrets_per_folder; k++, i++) {
			big.secrets[i].folder = &big.folders[j];
			big.secrets[i].key = put_text(&at, "SCALE_SECRET_%06zu", k + 1);
			big.secrets[i].value = "seeded";
			big.secrets[i].comment = "";
		}
	}
	for (i = 0; i < N(rotations); i++) {
		big.rotations[i] = rotations[i];
		big.rotations[i].folder = moved_folder(rotations[i].folder);
		big.rotations[i].app = &big.apps[rotations[i].app - apps];
	}
	big.nprojects = nproj;
	big.nfolders = nfold;
	big.napps = napps;
	big.nsecrets = nsec;
	big.nrotations = N(rotations);
	return 0;
}

const struct sb_project *
sb_seed_projects(size_t *count)
{
	if (big.projects) {
		*count = big.nprojects;
		return big.projects;
	}
	*count = N(projects) - (hostile ? 0 : 1);
	return projects;
}

const struct sb_folder *
sb_seed_folders(size_t *count)
{
	if (big.folders) {
		*count = big.nfolders;
		return big.folders;
	}
	*count = N(folders) - (hostile ? 0 : 1);
	return folders;
}

const struct sb_connection *
sb_seed_connections(size_t *count)
{
	*count = N(connections);
	return connections;
}

const struct sb_azure_app *
sb_seed_apps(size_t *count)
{
	if (big.apps) {
		*count = big.napps;
		return big.apps;
	}
	*count = N(apps) - (hostile ? 0 : HOSTILE_APPS);
	return apps;
}

const struct sb_seed_secret *
sb_seed_secrets(size_t *count)
{
	if (big.secrets) {
		*count = big.nsecrets;
		return big.secrets;
	}
	*count = N(secrets) - (hostile ? 0 : 1);
	return secrets;
}

const struct sb_seed_rotation *
sb_seed_rotations(size_t *count)
{
	if (big.rotations) {
		*count = big.nrotations;
		return big.rotations;
	}
	*count = N(rotations);
	return rotations;
}

void
sb_seed_large_free(void)
{
	free(big.projects);
	free(big.envs);
	free(big.folders);
	free(big.apps);
	free(big.secrets);
	free(big.rotations);
	free(big.strings);
	memset(&big, 0, sizeof(big));
}
