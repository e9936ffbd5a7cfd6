/* The front (congvan, built with CLI_FRONT) hands the commands that need
 * the mail libraries to congvan-full: the same arguments, the same
 * process (a supervisor's PID and notify socket stay valid). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "congvan/util.h"
#include "private.h"

#ifndef CONGVAN_LIBEXECDIR
#define CONGVAN_LIBEXECDIR "/usr/local/lib/congvan"
#endif

int cli_exec_full(char **argv)
{
	char *path = util_libexec_path(CLI_FULL_NAME);

	if (!path) {
		fprintf(stderr, "congvan: cannot find " CLI_FULL_NAME
				" (beside congvan, or in " CONGVAN_LIBEXECDIR
				"): is congvan installed whole?\n");
		return EX_SOFTWARE;
	}
	execv(path, argv);
	fprintf(stderr, "congvan: cannot run %s: %s\n", path, strerror(errno));
	free(path);
	return EX_OSERR;
}
