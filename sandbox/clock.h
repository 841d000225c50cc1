#ifndef ROTWIZ_SANDBOX_CLOCK_H
#define ROTWIZ_SANDBOX_CLOCK_H

#include <stdint.h>

/*
 * Time as the sandbox tells it: milliseconds since the epoch, UTC.  With
 * --now the clock is frozen at a given instant, so that dates in answers
 * (createdAt, nextRotationAt) are the same on every run.
 */

/* ISO 8601 with milliseconds and Z, as JavaScript's toISOString(). */
#define SB_TIME_LEN 32

int64_t sb_now_ms(void);
/* Freezes the clock at ms; called once, before the server starts. */
void sb_clock_freeze(int64_t ms);
/*
 * --speed: the clock starts at start_ms and runs speed times faster than
 * real time (86400: a day a second), so that the scheduler's rotations
 * can be watched.  Called once, before the server starts; overrides a
 * freeze.
 */
void sb_clock_run(int64_t start_ms, long speed);

void sb_time_format(int64_t ms, char out[SB_TIME_LEN]);
/* Parses YYYY-MM-DDTHH:MM:SS[.mmm]Z.  Returns 0, or -1 when it is not that. */
int sb_time_parse(const char *text, int64_t *ms);

/* The start of the UTC day holding ms. */
int64_t sb_day_start(int64_t ms);

/*
 * nextRotationAt by Infisical's rule (doc/api.md s.2):
 * lastRotatedAt's UTC date at hours:minutes, plus interval days, plus one
 * more day when the last rotation was manual and happened at or after that
 * day's rotation time.  Hours and minutes are JSON numbers and may carry a
 * fraction: the comparison uses them as given, the date their integer part,
 * as JavaScript's Date does.
 */
int64_t sb_next_rotation_at(int64_t last_rotated_ms, double hours, double minutes,
			    long interval_days, int manual);

/* Where a failed rotation is retried: the next UTC day at hours:minutes. */
int64_t sb_next_day_at(int64_t now_ms, double hours, double minutes);

#endif
