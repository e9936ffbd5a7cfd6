/* [letters]: how attached documents are read (congvan-reader): how many
 * pages of a scan go through OCR, and the trust anchors that signed PDFs
 * are checked against.  Optional. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "congvan/reader.h"
#include "congvan/util.h"
#include "private.h"

enum { LET_OCR_PAGES, LET_TRUST, LET_TIME_LIMIT, LET_NKEYS };

static const struct key_spec letters_keys[LET_NKEYS] = {
    [LET_OCR_PAGES] = {"ocr_pages", "", "a number of pages from 1 to 50"},
    [LET_TRUST] = {"trust", "",
		   "a folder of PEM certificates or an NSS database"},
    [LET_TIME_LIMIT] = {"time_limit", "", "a number of seconds from 1 to 600"},
};

static void letters_finish(struct loader *ld, struct raw_section *rs)
{
	struct config_letters *l = &ld->cfg->letters;
	struct stat sb;
	long pages, seconds;

	config_get_long(ld, rs, LET_OCR_PAGES, 1, READER_OCR_PAGES_MAX,
			READER_OCR_PAGES_DEFAULT, &pages);
	l->ocr_pages = (int)pages;
	config_get_long(ld, rs, LET_TIME_LIMIT, 1, READER_TIME_LIMIT_MAX,
			READER_TIME_LIMIT_DEFAULT, &seconds);
	l->time_limit = (int)seconds;
	config_take_path(ld, rs, LET_TRUST, false, &l->trust);
	if (!l->trust) {
		return;
	}
	if (stat(l->trust, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
		config_loader_error(ld, rs->values[LET_TRUST].line,
				    "'trust' = '%s' is not a folder; expected "
				    "%s",
				    l->trust, letters_keys[LET_TRUST].expect);
	} else if (stat(l->trust, &sb) < 0 ||
		   access(l->trust, R_OK | X_OK) < 0) {
		config_loader_error(ld, rs->values[LET_TRUST].line,
				    "cannot read 'trust' folder '%s': %s",
				    l->trust, strerror(errno));
	}
}

const struct section_kind config_letters_kind = {
    .name = "letters",
    .keys = letters_keys,
    .nkeys = LET_NKEYS,
    .finish = letters_finish,
};
