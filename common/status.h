#ifndef ROTWIZ_COMMON_STATUS_H
#define ROTWIZ_COMMON_STATUS_H

/*
 * One status enum for the whole program, one message table behind it
 * (tig's STATUS_CODE_INFO, curl's CURLcode).  Functions return a status;
 * details a caller needs (the server's words, the bad value) travel as data
 * beside it, never as a printf from deep inside.
 */
enum rw_status {
	RW_OK = 0,
	RW_EINVAL,	/* a value breaks a field rule: found before sending */
	RW_EUSAGE,	/* the command line or an input file is wrong */
	RW_ENOMEM,
	RW_EIO,		/* a local file could not be read or written */
	RW_ENET,	/* DNS, connect, reset: nothing usable came back */
	RW_ETIMEOUT,
	RW_ETLS,	/* certificate or handshake failure */
	RW_EAUTH,	/* 401, or 403 about the token itself */
	RW_ESERVER,	/* the server refused: 4xx other than auth, 5xx */
	RW_EPROTO,	/* the reply was not what the API promises */
	RW_ECANCEL,	/* the user cancelled a running request */
	RW_EQUIT,	/* the user quit */
	RW_STATUS_COUNT
};

/* A short sentence naming the cause, e.g. "could not reach the server". */
const char *rw_status_message(enum rw_status status);

/* Exit codes of doc/contract.md section 6 that are not a status's. */
#define RW_EXIT_OUTCOME_UNKNOWN 5	/* a create may have been made: not found out (decision 17) */
#define RW_EXIT_SUMMARY_UNWRITTEN 6	/* created, but its summary could not be written (decision 19) */

/* The process exit code of doc/contract.md section 6 for a final status. */
int rw_status_exit_code(enum rw_status status);

#endif
