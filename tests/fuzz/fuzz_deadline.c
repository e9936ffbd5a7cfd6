/* libFuzzer target: the deadline a letter states (letter_find_deadline),
 * a letter read from its covering mail (letter_parse_cover: the first
 * line as subject and file name, the rest as body), and the first line as
 * a date written after "Hạn:" (workday_parse_written), and a date
 * read as sentences do, from every position of the folded first line
 * (workday_read_written), on arbitrary text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/letter.h"
#include "congvan/text.h"
#include "congvan/workday.h"

/* workday_read_written from each position of folded s: an end past
 * the position and inside the text, a real day and month. */
static void read_everywhere(const char *s)
{
	char *f = text_fold(s);
	size_t n = strlen(f);

	for (size_t pos = 0; pos < n; pos++) {
		struct workday_written w;
		size_t e = workday_read_written(f, pos, n, &w);

		if (e != 0 &&
		    (e <= pos || e > n || w.m < 1 || w.m > 12 || w.d < 1 ||
		     w.d > 31 || w.weekday < -1 || w.weekday > 6)) {
			abort();
		}
	}
	free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct letter_deadline d;
	struct letter l;
	char *text = malloc(size + 1), *nl;
	const char *names[2] = {text, NULL};

	memcpy(text, data, size);
	text[size] = '\0';
	if (letter_find_deadline(text, size, &d) &&
	    (d.kind == LETTER_DEADLINE_NONE || !d.phrase ||
	     (d.days == 0 && !d.date[0]))) {
		abort(); /* found, but says nothing */
	}
	letter_deadline_release(&d);
	nl = memchr(text, '\n', size);
	if (nl) {
		*nl = '\0';
	}
	if (letter_parse_cover(text, nl ? nl + 1 : NULL,
			       nl ? size - (size_t)(nl + 1 - text) : 0, names,
			       &l) &&
	    (!l.number || !l.symbol)) {
		abort(); /* a number without its symbol */
	}
	letter_free(&l);
	{
		int32_t today, day = -7;

		if (workday_day_from_ymd(2026, 12, 28, &today) < 0 ||
		    (workday_parse_written(text, today, &day, NULL) == 0
			 ? day < 0
			 : day != -7)) {
			abort(); /* a day before 1970, or one set on failure */
		}
	}
	read_everywhere(text);
	free(text);
	return 0;
}
