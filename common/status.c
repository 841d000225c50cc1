#include "config.h"

#include "common/status.h"

static const struct {
	const char *message;
	int exit_code;
} status_info[RW_STATUS_COUNT] = {
	[RW_OK]		= { "success", 0 },
	[RW_EINVAL]	= { "invalid value", 2 },
	[RW_EUSAGE]	= { "usage error", 2 },
	[RW_ENOMEM]	= { "out of memory", 1 },
	[RW_EIO]	= { "could not read or write a file", 2 },
	[RW_ENET]	= { "could not reach the server", 3 },
	[RW_ETIMEOUT]	= { "the server did not answer in time", 3 },
	[RW_ETLS]	= { "the server's TLS certificate could not be verified", 3 },
	[RW_EAUTH]	= { "authentication failed", 4 },
	[RW_ESERVER]	= { "the server refused or failed the request", 1 },
	[RW_EPROTO]	= { "the server's reply could not be understood", 1 },
	[RW_ECANCEL]	= { "cancelled", 130 },
	[RW_EQUIT]	= { "quit", 130 },
};

const char *
rw_status_message(enum rw_status status)
{
	if ((unsigned) status >= RW_STATUS_COUNT)
		return "unknown status";
	return status_info[status].message;
}

int
rw_status_exit_code(enum rw_status status)
{
	if ((unsigned) status >= RW_STATUS_COUNT)
		return 1;
	return status_info[status].exit_code;
}
