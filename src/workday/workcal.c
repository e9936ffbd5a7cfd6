/* The working calendar: the working week, the holiday lists, and the
 * deadline arithmetic over them.  Lookups are binary searches; stepping
 * functions walk day by day, which stays bounded because n is capped and
 * the holiday file is: at worst 7 * (WORKCAL_MAX_DAYS + WORKCAL_MAX_LINES)
 * days are looked at. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "congvan/util.h"
#include "private.h"

#define DEFAULT_WORKDAYS "mon-fri"

static int week_error(const char *item, char **error_r)
{
	*error_r = xasprintf("workdays: expected day names like mon-fri, "
			     "got '%.40s'",
			     item);
	return -1;
}

/* One comma-separated item, trimmed: "mon" or "mon-fri".  Works on a
 * copy, so that the message can show the item as written. */
static int parse_item(const char *item, bool week[7])
{
	char *copy = xstrdup(item);
	char *hyphen = strchr(copy, '-');
	int first, last;

	if (!hyphen) {
		first = last = workday_name_lookup(copy);
	} else {
		*hyphen = '\0';
		first = workday_name_lookup(str_trim(copy));
		last = workday_name_lookup(str_trim(hyphen + 1));
	}
	free(copy);
	if (first < 0 || last < 0) {
		return -1;
	}
	for (int i = first;; i = (i + 1) % 7) {
		week[i] = true;
		if (i == last) {
			break;
		}
	}
	return 0;
}

int workcal_parse_week(const char *spec, bool week_r[7], char **error_r)
{
	char *copy = str_trim(xstrdup(spec ? spec : ""));
	char *item;
	bool week[7] = {false};
	int ret = 0;

	if (!*copy) {
		free(copy);
		copy = xstrdup(DEFAULT_WORKDAYS);
	}
	item = copy;
	for (;;) {
		char *comma = strchr(item, ',');

		if (comma) {
			*comma = '\0';
		}
		item = str_trim(item);
		if (parse_item(item, week) < 0) {
			ret = week_error(item, error_r);
			break;
		}
		if (!comma) {
			break;
		}
		item = comma + 1;
	}
	if (ret == 0) {
		memcpy(week_r, week, sizeof(week));
	}
	free(copy);
	return ret;
}

static int read_capped(const char *path, char **data_r, size_t *len_r)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	char chunk[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = 0;
	int saved;

	if (fd < 0) {
		return -1;
	}
	/* One byte past the limit is enough to refuse the file. */
	while (sb.len <= WORKCAL_MAX_FILE) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;
		}
		sbuf_add(&sb, chunk, (size_t)n);
	}
	saved = errno;
	close(fd);
	if (n < 0) {
		sbuf_release(&sb);
		errno = saved;
		return -1;
	}
	*len_r = sb.len;
	*data_r = sbuf_detach(&sb);
	return 0;
}

int workcal_load_buffer(const char *name, const char *data, size_t len,
			const char *workdays, struct workcal **cal_r,
			char **error_r)
{
	struct workcal *cal = xcalloc(1, sizeof(*cal));

	if (workcal_parse_week(workdays, cal->week, error_r) < 0 ||
	    (data &&
	     workcal_read_holidays(cal, name, data, len, error_r) < 0)) {
		workcal_free(&cal);
		return -1;
	}
	*cal_r = cal;
	return 0;
}

int workcal_load(const char *path, const char *workdays, struct workcal **cal_r,
		 char **error_r)
{
	char *data = NULL;
	size_t len = 0;
	bool week[7];
	int ret;

	if (workcal_parse_week(workdays, week, error_r) < 0) {
		return -1;
	}
	if (path && read_capped(path, &data, &len) < 0) {
		*error_r =
		    xasprintf("%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	ret = workcal_load_buffer(path, data, len, workdays, cal_r, error_r);
	free(data);
	return ret;
}

void workcal_free(struct workcal **calp)
{
	if (!calp || !*calp) {
		return;
	}
	free((*calp)->off);
	free((*calp)->work);
	FREE_AND_NULL(*calp);
}

/* The index of the first element of the sorted v that is >= day. */
static size_t lower_bound(const int32_t *v, size_t n, int32_t day)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < day) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

static bool contains(const int32_t *v, size_t n, int32_t day)
{
	size_t i = lower_bound(v, n, day);

	return i < n && v[i] == day;
}

/* v's 8 bytes, the lowest first, into h. */
static uint64_t fnv(uint64_t h, int64_t v)
{
	for (int i = 0; i < 8; i++) {
		h = util_fnv1a(h, (unsigned char)((uint64_t)v >> (8 * i)));
	}
	return h;
}

uint64_t workcal_digest(const struct workcal *cal)
{
	uint64_t h = UTIL_FNV_BASIS;

	for (int i = 0; i < 7; i++) {
		h = fnv(h, cal->week[i]);
	}
	h = fnv(h, (int64_t)cal->noff);
	for (size_t i = 0; i < cal->noff; i++) {
		h = fnv(h, cal->off[i]);
	}
	h = fnv(h, (int64_t)cal->nwork);
	for (size_t i = 0; i < cal->nwork; i++) {
		h = fnv(h, cal->work[i]);
	}
	return h;
}

bool workcal_is_workday(const struct workcal *cal, int32_t day)
{
	day = workday_clamp(day);
	if (contains(cal->off, cal->noff, day)) {
		return false;
	}
	if (contains(cal->work, cal->nwork, day)) {
		return true;
	}
	return cal->week[workday_weekday(day)];
}

static int cap_count(int n)
{
	if (n < 0) {
		return 0;
	}
	return n > WORKCAL_MAX_DAYS ? WORKCAL_MAX_DAYS : n;
}

int32_t workcal_next_workday(const struct workcal *cal, int32_t day)
{
	int32_t d = workday_clamp(day);

	while (d < WORKDAY_DAY_MAX && !workcal_is_workday(cal, d)) {
		d++;
	}
	return d;
}

int32_t workcal_add(const struct workcal *cal, int32_t from, int n)
{
	int32_t d = workday_clamp(from);

	n = cap_count(n);
	if (n == 0) {
		return workcal_next_workday(cal, d);
	}
	while (n > 0 && d < WORKDAY_DAY_MAX) {
		d++;
		if (workcal_is_workday(cal, d)) {
			n--;
		}
	}
	return d;
}

int32_t workcal_sub(const struct workcal *cal, int32_t deadline, int n)
{
	int32_t d = workday_clamp(deadline);

	n = cap_count(n);
	if (n == 0) {
		while (d > WORKDAY_DAY_MIN && !workcal_is_workday(cal, d)) {
			d--;
		}
		return d;
	}
	while (n > 0 && d > WORKDAY_DAY_MIN) {
		d--;
		if (workcal_is_workday(cal, d)) {
			n--;
		}
	}
	return d;
}

/* Working days in (a, b] by the week alone. */
static int64_t count_week(const struct workcal *cal, int32_t a, int32_t b)
{
	int64_t per_week = 0;
	int64_t total;
	int32_t d;

	for (int i = 0; i < 7; i++) {
		per_week += cal->week[i];
	}
	total = (int64_t)(b - a) / 7 * per_week;
	for (d = a + (b - a) / 7 * 7 + 1; d <= b; d++) {
		total += cal->week[workday_weekday(d)];
	}
	return total;
}

int workcal_count(const struct workcal *cal, int32_t a, int32_t b)
{
	int64_t total;
	size_t i;

	a = workday_clamp(a);
	b = workday_clamp(b);
	if (b <= a) {
		return 0;
	}
	total = count_week(cal, a, b);
	/* The lists are disjoint: each day in them moves the count by at
	 * most one, and only when it goes against the week. */
	for (i = lower_bound(cal->off, cal->noff, a + 1);
	     i < cal->noff && cal->off[i] <= b; i++) {
		total -= cal->week[workday_weekday(cal->off[i])];
	}
	for (i = lower_bound(cal->work, cal->nwork, a + 1);
	     i < cal->nwork && cal->work[i] <= b; i++) {
		total += !cal->week[workday_weekday(cal->work[i])];
	}
	return (int)total;
}
