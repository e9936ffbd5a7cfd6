/* How a failure should be handled where the retry decision is made. */
#ifndef CONGVAN_FAIL_H
#define CONGVAN_FAIL_H

enum fail {
	FAIL_NONE,  /* no failure */
	FAIL_TEMP,  /* back off and retry: connection refused, 4xx, timeout */
	FAIL_PERM,  /* give up on this one thing and report it: 5xx */
	FAIL_FATAL, /* stop: bad credentials, bad configuration */
	FAIL_LOCAL, /* stop: our own side failed (the database, the disk) */
};

#endif
