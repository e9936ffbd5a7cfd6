/* libFuzzer target: the configuration parser on arbitrary bytes, then the
 * directory's lookups (what staff write in replies, and senders) on the
 * same bytes against a fixed directory. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/config.h"
#include "congvan/util.h"

static const char directory[] =
    "[service]\norganization = O\ndomain = congvan.test\ndatabase = /x\n"
    "office = vanthu@congvan.test\n"
    "[mailbox]\nurl = imap://127.0.0.1\nuser = u\npassword = p\n"
    "[smtp]\nurl = smtp://127.0.0.1\nfrom = cv@congvan.test\n"
    "[leaders]\nmembers = Bộ trưởng <bt@congvan.test>\n"
    "[unit VU-PC]\nname = Vụ Pháp chế\nemail = pc@congvan.test\n"
    "head = an@congvan.test\nmembers = Nguyễn Văn An <an@congvan.test>,\n"
    "  Trần Thị Bình <binh@congvan.test>\n"
    "[unit VU-KHTC]\nname = Vụ Kế hoạch và Tài chính\n"
    "email = khtc@congvan.test\nhead = c@congvan.test\n"
    "members = Nguyễn Văn An <an2@congvan.test>\n"
    "[rule a]\nfrom = *@*.gov.vn\nsubject = ngân sách\nlead = VU-KHTC\n"
    "coordinate = VU-PC\n"
    "[rule b]\nfrom = *@chinhphu.vn\nlead = vu-pc\n";

static struct config dir_cfg;

static void lookups(const char *text)
{
	const struct config_unit **units = NULL;
	const struct config_unit *u = NULL;
	struct config_person p = {0};
	char *err = NULL;
	size_t n = 0;

	if (config_units_parse(&dir_cfg, text, &units, &n, &err) == 0) {
		free(units);
	}
	FREE_AND_NULL(err);
	if (config_person_parse(&dir_cfg, text, &p, &err) == 0) {
		config_person_release(&p);
	}
	free(err);
	config_rule_match(&dir_cfg, text, text);
	config_role_of(&dir_cfg, text, &u);
	config_person_find(&dir_cfg, text, &u);
	config_unit_find(&dir_cfg, text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg = {0};
	char *err = NULL;
	char *text;

	if (config_load_buffer("fuzz.conf", (const char *)data, size, &cfg,
			       &err) == 0) {
		config_free(&cfg);
	}
	FREE_AND_NULL(err);
	if (!dir_cfg.path &&
	    config_load_buffer("/fuzz/dir.conf", directory,
			       sizeof(directory) - 1, &dir_cfg, &err) < 0) {
		abort(); /* the fixed directory must load */
	}
	text = xstrndup((const char *)data, size < 8192 ? size : 8192);
	lookups(text);
	free(text);
	return 0;
}
