/* libFuzzer target: the decision and the assignment ("Giao Vụ PC chủ
 * trì, Vụ TC phối hợp, hạn 20/12") stated in natural sentences and the
 * command lines of a reply's new text (reply_parse), on arbitrary text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/reply.h"
#include "congvan/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reply_parsed p;
	char *text = malloc(size + 1);
	bool valid;

	/* reply_parse takes a C string: the input up to its first NUL. */
	memcpy(text, data, size);
	text[size] = '\0';
	valid = text_utf8_valid(text, strlen(text));
	reply_parse(text, &p);
	if (p.decision != REPLY_DECISION_NONE &&
	    !reply_decision_name(p.decision)) {
		abort(); /* a decision without a name */
	}
	for (size_t i = 0; i < p.n_commands; i++) {
		const char *v = p.commands[i].value;

		/* values are text as written: valid UTF-8 in, valid out
		 * (reply_trim gives valid UTF-8) */
		if (!v || (valid && !text_utf8_valid(v, strlen(v)))) {
			abort();
		}
	}
	reply_parsed_free(&p);
	free(text);
	return 0;
}
