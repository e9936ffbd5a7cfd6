/* libFuzzer target: the holiday file parser on arbitrary bytes, then the
 * deadline arithmetic on what it accepted.  An input whose first line
 * starts with '!' gives the rest of that line as the workdays setting
 * (and as a date to parse), the remaining lines as the file. */
#include <stdlib.h>
#include <string.h>

#include "congvan/util.h"
#include "congvan/workday.h"

/* The invariants the header promises; a broken one aborts. */
static void check(const struct workcal *cal, int32_t from, int n)
{
	int32_t d = workcal_add(cal, from, n);

	if (workcal_count(cal, from, d) != n ||
	    workcal_count(cal, from, d - 1) != n - 1 ||
	    workcal_sub(cal, d, n) != workcal_sub(cal, from, 0) ||
	    !workcal_is_workday(cal, d) || workcal_next_workday(cal, d) != d) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char *workdays = NULL;
	struct workcal *cal = NULL;
	char *err = NULL;
	int32_t day;

	if (size > 0 && text[0] == '!') {
		const char *nl = memchr(text, '\n', size);
		size_t n = nl ? (size_t)(nl - text) : size;

		workdays = xstrndup(text + 1, n - 1);
		(void)workday_parse_date(workdays, &day);
		text += nl ? n + 1 : n;
		size -= nl ? n + 1 : n;
	}
	if (workcal_load_buffer("fuzz.txt", text, size, workdays, &cal, &err) ==
	    0) {
		/* 2024-01-01 onwards, where the holidays most likely are. */
		day = 19723 + (int32_t)(size % 2600);
		check(cal, day, 1 + (int)(size % 40));
		check(cal, day + 1, 1);
		workcal_free(&cal);
	}
	free(err);
	free(workdays);
	return 0;
}
