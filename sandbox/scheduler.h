#ifndef ROTWIZ_SANDBOX_SCHEDULER_H
#define ROTWIZ_SANDBOX_SCHEDULER_H

#include <stdint.h>

#include "sandbox/world.h"

/*
 * The rotation job of the real server: a thread that, on every tick, runs
 * each rotation whose nextRotationAt has come by the sandbox's clock
 * (clock.h: real time, frozen by --now, or sped up by --speed), as
 * sb_rotation_rotate() with manual 0.  A failed one is retried the next day
 * at its time, as on the real server.
 */

struct sb_scheduler;

/* tick_ms: how often it looks (real milliseconds).  0, or -1 when the thread cannot start. */
int sb_scheduler_start(struct sb_world *world, long tick_ms, struct sb_scheduler **out);
void sb_scheduler_stop(struct sb_scheduler **scheduler);

/* One pass at `now` (the world locked by the caller): how many rotations ran. */
int sb_scheduler_run_due(struct sb_world *world, int64_t now);

#endif
