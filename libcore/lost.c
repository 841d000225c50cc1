#include "config.h"

#include <stdio.h>

#include "libcore/lost.h"
#include "libcore/report.h"

int
core_lost_may_be_done(const struct rw_result *result)
{
	return result->status == RW_ENET || result->status == RW_EPROTO;
}

enum core_lost_outcome
core_lost_outcome(int is_delete, const struct rw_result *lookup, const char *api_base, char *buf,
		  size_t bufsz)
{
	char why[REPORT_FAILURE_MAX];

	if (lookup->status == RW_OK) {
		snprintf(buf, bufsz, is_delete ? "not deleted: the reply was lost and the server still "
			 "has the rotation -- it is safe to delete again" : "saved?: the reply was lost; "
			 "the server now holds what is shown -- check that the change is there");
		return is_delete ? CORE_LOST_NOT_DONE : CORE_LOST_DONE;
	}
	if (is_delete && lookup->status == RW_ESERVER && lookup->error.http_status == 404) {
		snprintf(buf, bufsz, "deleted: the reply was lost, and the server has the rotation no more");
		return CORE_LOST_DONE;
	}
	report_failure(lookup, api_base, NULL, REPORT_CLI, why, sizeof(why));
	snprintf(buf, bufsz, "outcome unknown: could not look it up: %s -- look before trying again",
		 why);
	return CORE_LOST_UNKNOWN;
}
