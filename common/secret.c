#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "common/secret.h"

void
secret_wipe(void *p, size_t len)
{
	if (p && len)
		explicit_bzero(p, len);
}

void
secret_free(char **p)
{
	if (!p || !*p)
		return;
	secret_wipe(*p, strlen(*p));
	free(*p);
	*p = NULL;
}

void
secret_protect_process(void)
{
	struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}
