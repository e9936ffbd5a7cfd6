/* Where congvan's own helper executables are (congvan-reader,
 * congvan-full): beside the running binary in a source tree, then where
 * `make install` put them relative to it (PREFIX/bin and
 * PREFIX/lib/congvan, any PREFIX), then the compiled-in folder. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "congvan/util.h"

#ifndef CONGVAN_LIBEXECDIR
#define CONGVAN_LIBEXECDIR "/usr/local/lib/congvan"
#endif

static bool executable(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	       access(path, X_OK) == 0;
}

char *util_libexec_path(const char *name)
{
	static const char *const near_exe[] = {"", "../lib/congvan/",
					       "../congvan/"};
	char exe[PATH_MAX], *slash, *path;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
		}
		for (size_t i = 0; i < ARRAY_SIZE(near_exe); i++) {
			path = xasprintf("%s/%s%s", exe, near_exe[i], name);
			if (executable(path)) {
				return path;
			}
			free(path);
		}
	}
	path = xasprintf("%s/%s", CONGVAN_LIBEXECDIR, name);
	if (executable(path)) {
		return path;
	}
	free(path);
	return NULL;
}
