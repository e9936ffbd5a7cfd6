#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "congvan/util.h"

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

bool str_startswith(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_istartswith(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		if (lower((unsigned char)*s) != lower((unsigned char)*prefix)) {
			return false;
		}
	}
	return true;
}

bool str_iequal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		if (lower((unsigned char)*a) != lower((unsigned char)*b)) {
			return false;
		}
	}
	return *a == *b;
}

const char *str_icasestr(const char *hay, const char *needle)
{
	if (!*needle) {
		return hay;
	}
	for (; *hay; hay++) {
		if (str_istartswith(hay, needle)) {
			return hay;
		}
	}
	return NULL;
}

char *str_trim(char *s)
{
	size_t len = strlen(s);
	size_t start = 0;

	while (len > 0 && is_space((unsigned char)s[len - 1])) {
		len--;
	}
	while (start < len && is_space((unsigned char)s[start])) {
		start++;
	}
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
	return s;
}

int str_to_long(const char *s, long min, long max, long *out_r)
{
	char *end;
	long v;

	if (!s || !*s || is_space((unsigned char)*s)) {
		return -1;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max) {
		return -1;
	}
	*out_r = v;
	return 0;
}

void hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * n] = '\0';
}

int file_read_all(const char *path, char **data_r, size_t *len_r)
{
	struct sbuf sb = SBUF_INIT(SIZE_MAX);
	char chunk[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		return -1;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;
		}
		sbuf_add(&sb, chunk, (size_t)n);
	}
	if (n < 0) {
		int saved = errno;

		close(fd);
		sbuf_release(&sb);
		errno = saved;
		return -1;
	}
	close(fd);
	if (len_r) {
		*len_r = sb.len;
	}
	*data_r = sbuf_detach(&sb);
	return 0;
}
