/* Raw messages, kept by content: DATABASE.raw/ab/abcdef... (SHA-256).
 * A blob is written to a temporary name and renamed, so a reader never
 * sees half a file; store_blob_sync makes them durable before the commit
 * that refers to them, so a committed message always has its blob. */
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "congvan/util.h"
#include "private.h"

static void sha256_hex(const void *data, size_t len, char out[STORE_SHA_HEX])
{
	struct sha256_ctx ctx;
	unsigned char digest[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(digest), digest);
	hex_encode(digest, sizeof(digest), out);
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_blob(struct store *st, const char *rel, const void *data,
		      size_t len, char **error_r)
{
	char tmp[STORE_SHA_HEX + 16];
	int fd;

	snprintf(tmp, sizeof(tmp), "%.2s/tmp.%ld", rel, (long)getpid());
	fd = openat(st->blob_dir_fd, tmp,
		    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (fd < 0 || write_all(fd, data, len) < 0 || close(fd) < 0) {
		*error_r = xasprintf("cannot write '%s/%s': %s", st->blob_dir,
				     tmp, strerror(errno));
		if (fd >= 0) {
			close(fd);
		}
		unlinkat(st->blob_dir_fd, tmp, 0);
		return -1;
	}
	if (renameat(st->blob_dir_fd, tmp, st->blob_dir_fd, rel) < 0) {
		*error_r = xasprintf("cannot rename '%s/%s': %s", st->blob_dir,
				     tmp, strerror(errno));
		unlinkat(st->blob_dir_fd, tmp, 0);
		return -1;
	}
	return 0;
}

int store_blob_put(struct store *st, const void *data, size_t len,
		   char sha_r[STORE_SHA_HEX], char **error_r)
{
	char rel[STORE_SHA_HEX + 4];
	struct stat sb;

	sha256_hex(data, len, sha_r);
	snprintf(rel, sizeof(rel), "%.2s", sha_r);
	if (mkdirat(st->blob_dir_fd, rel, 0750) < 0 && errno != EEXIST) {
		*error_r = xasprintf("cannot create '%s/%s': %s", st->blob_dir,
				     rel, strerror(errno));
		return -1;
	}
	snprintf(rel, sizeof(rel), "%.2s/%s", sha_r, sha_r);
	if (fstatat(st->blob_dir_fd, rel, &sb, 0) == 0 &&
	    (size_t)sb.st_size == len) {
		return 0;
	}
	if (write_blob(st, rel, data, len, error_r) < 0) {
		return -1;
	}
	st->blobs_dirty = true;
	return 0;
}

int store_blob_sync(struct store *st, char **error_r)
{
	if (syncfs(st->blob_dir_fd) < 0) {
		*error_r = xasprintf("cannot sync '%s': %s", st->blob_dir,
				     strerror(errno));
		return -1;
	}
	st->blobs_dirty = false;
	return 0;
}

int store_blob_get(struct store *st, const char *sha, char **data_r,
		   size_t *len_r, char **error_r)
{
	char *path;
	int ret;

	if (strlen(sha) != STORE_SHA_HEX - 1 ||
	    strspn(sha, "0123456789abcdef") != STORE_SHA_HEX - 1) {
		*error_r = xasprintf("malformed blob name '%s'", sha);
		return -1;
	}
	path = xasprintf("%s/%.2s/%s", st->blob_dir, sha, sha);
	ret = file_read_all(path, data_r, len_r);
	if (ret < 0) {
		*error_r = xasprintf("cannot read '%s': %s", path,
				     strerror(errno));
	}
	free(path);
	return ret;
}
