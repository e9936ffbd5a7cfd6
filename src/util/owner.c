/* Files that root creates for a service user. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "congvan/util.h"

int file_own_as_folder(int fd, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : slash - path)
			  : xstrdup(".");
	struct stat sb;
	int ret = 0;

	if (geteuid() == 0 && stat(dir, &sb) == 0 && sb.st_uid != 0) {
		ret = fchown(fd, sb.st_uid, sb.st_gid);
	}
	free(dir);
	return ret;
}
