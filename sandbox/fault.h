#ifndef ROTWIZ_SANDBOX_FAULT_H
#define ROTWIZ_SANDBOX_FAULT_H

#include <pthread.h>
#include <stddef.h>

/*
 * Injected failures (--fault 'METHOD PATH=ACTION[@N]'), so that tests and
 * demos can show what a user sees when the server or the network misbehaves.
 * PATH is matched exactly against the request path without its query; a
 * segment "*" matches any one segment (a rotation id not known in advance).
 *
 * Actions that answer before the request is handled (the server's state does
 * not change): an HTTP status with an Infisical-shaped error body, drop
 * (close without answering), stall (never answer), garbage (200 with a body
 * that is not JSON).  Actions that handle the request first: truncate (the
 * real answer, JSON cut in half), drop-after and stall-after (the change is
 * made, the answer is lost: the case a client must recover from on create).
 */

enum sb_fault_action {
	SB_FAULT_STATUS,
	SB_FAULT_DROP,
	SB_FAULT_STALL,
	SB_FAULT_GARBAGE,
	SB_FAULT_TRUNCATE,
	SB_FAULT_DROP_AFTER,
	SB_FAULT_STALL_AFTER,
};

struct sb_fault {
	char *method, *path;
	enum sb_fault_action action;
	unsigned status;	/* SB_FAULT_STATUS only */
	long limit;		/* -1: every matching request; else the first `limit` */
	long used;
};

struct sb_faults {
	pthread_mutex_t lock;
	struct sb_fault *items;
	size_t count;
};

void sb_faults_init(struct sb_faults *faults);
void sb_faults_free(struct sb_faults *faults);

/* Parses and adds one spec.  0, or -1 with a reason in err. */
int sb_faults_add(struct sb_faults *faults, const char *spec, char *err, size_t err_size);

/*
 * The first fault that matches and has uses left, counted as used.
 * Returns 1 and fills *action and *status, or 0 when none applies.
 */
int sb_faults_take(struct sb_faults *faults, const char *method, const char *path,
		   enum sb_fault_action *action, unsigned *status);

#endif
