/* Raw messages, kept by content (SHA-256) in append-only pack files beside
 * the database: DATABASE.raw/pack-000001, ...  The blobs table says where
 * each one lies.  A message is appended, then the pack is synced before
 * the commit that records it, so a committed message always has its
 * bytes; what a crash leaves after the last commit is unreferenced tail,
 * never a half message that something points to.  One file per batch
 * instead of one per message keeps intake cheap on any filesystem.
 *
 * The messages of queued mail go into the same packs by place, not by
 * content (store_blob_append; the outbox row records the place): each one
 * is written once, so it neither goes through SQLite's WAL and then again
 * into the database, nor pushes the indexes out of its page cache.  A
 * pack that only such messages went into is not one the blobs table
 * names: the next start goes on with the last pack a blob is in, then the
 * one after it; either way open_pack appends after what the file holds,
 * never over it. */
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

/* Bytes appended between two starts of write-back (write_behind). */
#define WRITE_BEHIND ((int64_t)1 << 20)

void store_blob_hash(const void *data, size_t len, char out[STORE_SHA_HEX])
{
	struct sha256_ctx ctx;
	unsigned char digest[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(digest), digest);
	hex_encode(digest, sizeof(digest), out);
}

static char *pack_path(const struct store *st, int64_t no)
{
	return xasprintf("%s/pack-%06lld", st->blob_dir, (long long)no);
}

static int open_pack(struct store *st, int64_t no, char **error_r)
{
	char *path = pack_path(st, no);
	struct stat sb;

	/* Not O_APPEND: a message is written at the place reserved for it,
	 * perhaps by another thread, perhaps after later ones are reserved. */
	st->pack_fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (st->pack_fd < 0 || fstat(st->pack_fd, &sb) < 0 ||
	    ((sb.st_mode & 077) && fchmod(st->pack_fd, 0600) < 0) ||
	    file_own_as_folder(st->pack_fd, path) < 0) {
		*error_r =
		    xasprintf("cannot open '%s': %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	st->pack_no = no;
	st->pack_size = sb.st_size;
	return 0;
}

/* The pack folder, 0700, its owner's as the database's. */
static int blob_dir_open(struct store *st, char **error_r)
{
	struct stat sb;
	int fd;

	if (mkdir(st->blob_dir, 0700) < 0 && errno != EEXIST) {
		goto fail;
	}
	fd = open(st->blob_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		goto fail;
	}
	if (fstat(fd, &sb) < 0 ||
	    ((sb.st_mode & 077) && fchmod(fd, sb.st_mode & 0700) < 0) ||
	    file_own_as_folder(fd, st->blob_dir) < 0) {
		close(fd);
		goto fail;
	}
	close(fd);
	return 0;
fail:
	*error_r =
	    xasprintf("cannot create '%s': %s", st->blob_dir, strerror(errno));
	return -1;
}

int store_blob_open(struct store *st, bool write, char **error_r)
{
	sqlite3_stmt *s;
	int64_t no = 1;

	st->blob_dir = xasprintf("%s.raw", st->path);
	if (!write) {
		return 0; /* packs are opened by path to be read */
	}
	if (blob_dir_open(st, error_r) < 0) {
		return -1;
	}
	s = store_stmt(st, Q_BLOB_LAST_PACK, error_r);
	if (!s ||
	    store_query_id(st, s, "finding the last pack", &no, error_r) < 0) {
		return -1;
	}
	return open_pack(st, no, error_r);
}

/* Closes the packs retired since the last sync. */
static void close_retired(struct store *st)
{
	for (size_t i = 0; i < st->n_retired; i++) {
		close(st->retired_fds[i]);
	}
	FREE_AND_NULL(st->retired_fds);
	st->n_retired = 0;
}

void store_blob_close(struct store *st)
{
	close_retired(st);
	if (st->pack_fd >= 0) {
		close(st->pack_fd);
		st->pack_fd = -1;
	}
	FREE_AND_NULL(st->blob_dir);
}

/* Starts writing back, without waiting, each WRITE_BEHIND-aligned part of
 * the pack that the bytes just written at [offset, end) complete: the
 * sync before the batch's commit then finds them on disk instead of
 * writing the whole batch while intake waits (mbsync's way is a sync per
 * message).  The thread that wrote the bytes does it, so that the reading
 * thread, which writes the raw messages, takes that work off the intake
 * thread.  Only a hint: on failure the sync does it all. */
static void write_behind(const struct store_blob_place *place, size_t len)
{
	int64_t from = place->offset / WRITE_BEHIND * WRITE_BEHIND;
	int64_t to =
	    (place->offset + (int64_t)len) / WRITE_BEHIND * WRITE_BEHIND;

	if (to > from) {
		(void)sync_file_range(place->fd, from, to - from,
				      SYNC_FILE_RANGE_WRITE);
	}
}

static bool pack_full(const struct store *st, size_t len)
{
	return st->pack_size > 0 &&
	       st->pack_size + (int64_t)len > STORE_PACK_MAX;
}

int store_blob_reserve(struct store *st, size_t len,
		       struct store_blob_place *place_r, char **error_r)
{
	if (pack_full(st, len)) {
		/* Kept open until the next sync: another thread may still
		 * be writing at a place reserved in it, and a pack opened in
		 * its stead would get the same descriptor. */
		st->retired_fds =
		    xrealloc(st->retired_fds,
			     (st->n_retired + 1) * sizeof(*st->retired_fds));
		st->retired_fds[st->n_retired++] = st->pack_fd;
		st->pack_fd = -1;
		if (open_pack(st, st->pack_no + 1, error_r) < 0) {
			return -1;
		}
	}
	place_r->fd = st->pack_fd;
	place_r->pack_no = st->pack_no;
	place_r->offset = st->pack_size;
	place_r->dir = st->blob_dir;
	st->pack_size += (int64_t)len;
	st->blobs_dirty = true;
	return 0;
}

int store_blob_write(const struct store_blob_place *place, const void *data,
		     size_t len, char **error_r)
{
	const char *p = data;
	int64_t at = place->offset;

	while (len > 0) {
		ssize_t n = pwrite(place->fd, p, len, (off_t)at);

		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			*error_r = xasprintf(
			    "cannot write pack %lld in '%s': %s",
			    (long long)place->pack_no, place->dir,
			    n < 0 ? strerror(errno) : "nothing written");
			return -1;
		}
		p += n;
		at += n;
		len -= (size_t)n;
	}
	write_behind(place, (size_t)(at - place->offset));
	return 0;
}

int store_blob_append(struct store *st, const void *data, size_t len,
		      struct store_blob_place *place_r, char **error_r)
{
	if (store_blob_reserve(st, len, place_r, error_r) < 0 ||
	    store_blob_write(place_r, data, len, error_r) < 0) {
		return -1;
	}
	return 0;
}

void store_blob_set_writer(struct store *st, store_blob_writer_fn *fn,
			   void *ctx)
{
	st->writer = fn;
	st->writer_ctx = ctx;
}

int store_blob_append_deferred(struct store *st, const void *data, size_t len,
			       struct store_blob_place *place_r, char **error_r)
{
	char *copy;

	if (!st->writer || !st->in_tx) {
		return store_blob_append(st, data, len, place_r, error_r);
	}
	if (store_blob_reserve(st, len, place_r, error_r) < 0) {
		return -1;
	}
	copy = xmalloc(len ? len : 1);
	memcpy(copy, data, len);
	st->writer(st->writer_ctx, place_r, copy, len);
	return 0;
}

/* Whether the blob sha is kept: 1, 0, or -1 on error. */
static int kept(struct store *st, const char sha[STORE_SHA_HEX], char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_BLOB_GET, error_r);
	int64_t found;

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, sha);
	return store_query_id(st, s, "finding blob", &found, error_r);
}

static int record(struct store *st, const char sha[STORE_SHA_HEX], size_t len,
		  const struct store_blob_place *place, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_BLOB_ADD, error_r);

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, sha);
	sqlite3_bind_int64(s, 2, place->pack_no);
	sqlite3_bind_int64(s, 3, place->offset);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)len);
	return store_exec_done(st, s, "recording blob", error_r);
}

int store_blob_put(struct store *st, const void *data, size_t len,
		   char sha_r[STORE_SHA_HEX], char **error_r)
{
	store_blob_hash(data, len, sha_r);
	return store_blob_put_hashed(st, data, len, sha_r, error_r);
}

int store_blob_put_hashed(struct store *st, const void *data, size_t len,
			  const char sha[STORE_SHA_HEX], char **error_r)
{
	struct store_blob_place place;
	int rc = kept(st, sha, error_r);

	if (rc != 0) {
		return rc < 0 ? -1 : 0;
	}
	if (store_blob_append(st, data, len, &place, error_r) < 0) {
		return -1;
	}
	return record(st, sha, len, &place, error_r);
}

int store_blob_put_placed(struct store *st, const char sha[STORE_SHA_HEX],
			  size_t len, const struct store_blob_place *place,
			  char **error_r)
{
	/* One look into the blobs, not two: a blob with this sha kept
	 * already is left as it is (INSERT OR IGNORE). */
	return record(st, sha, len, place, error_r);
}

int store_blob_sync(struct store *st, char **error_r)
{
	for (size_t i = 0; i < st->n_retired; i++) {
		if (fdatasync(st->retired_fds[i]) < 0) {
			*error_r = xasprintf("cannot sync a pack before %lld"
					     " in '%s': %s",
					     (long long)st->pack_no,
					     st->blob_dir, strerror(errno));
			return -1;
		}
	}
	close_retired(st);
	if (fdatasync(st->pack_fd) < 0) {
		*error_r = xasprintf("cannot sync pack %lld in '%s': %s",
				     (long long)st->pack_no, st->blob_dir,
				     strerror(errno));
		return -1;
	}
	st->blobs_dirty = false;
	return 0;
}

static int read_at(const char *path, int64_t offset, size_t len, char *buf)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t done = 0;

	if (fd < 0) {
		return -1;
	}
	while (done < len) {
		ssize_t n = pread(fd, buf + done, len - done,
				  (off_t)(offset + (int64_t)done));

		if (n <= 0) {
			if (n == 0) {
				errno =
				    EIO; /* the pack is shorter than recorded */
			}
			if (n == 0 || errno != EINTR) {
				close(fd);
				return -1;
			}
			continue;
		}
		done += (size_t)n;
	}
	close(fd);
	return 0;
}

int store_blob_read(const struct store *st, int64_t pack, int64_t offset,
		    size_t len, char **data_r, char **error_r)
{
	char *path = pack_path(st, pack);
	char *buf = xmalloc(len + 1);

	if (read_at(path, offset, len, buf) < 0) {
		*error_r =
		    xasprintf("cannot read '%s': %s", path, strerror(errno));
		free(buf);
		free(path);
		return -1;
	}
	buf[len] = '\0';
	free(path);
	*data_r = buf;
	return 0;
}

int store_blob_get(struct store *st, const char *sha, char **data_r,
		   size_t *len_r, char **error_r)
{
	sqlite3_stmt *s = store_stmt(st, Q_BLOB_GET, error_r);
	int64_t pack, offset;
	size_t len;
	int rc;

	if (!s) {
		return -1;
	}
	store_bind_text(s, 1, sha);
	rc = sqlite3_step(s);
	pack = sqlite3_column_int64(s, 0);
	offset = sqlite3_column_int64(s, 1);
	len = (size_t)sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW) {
		*error_r = xasprintf("no raw message '%s'", sha);
		return -1;
	}
	if (store_blob_read(st, pack, offset, len, data_r, error_r) < 0) {
		return -1;
	}
	*len_r = len;
	return 0;
}
