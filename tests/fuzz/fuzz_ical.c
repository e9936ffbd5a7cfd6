/* libFuzzer target: iTIP REPLY parsing on arbitrary bytes; then the same
 * bytes as the subject and unit name of a REQUEST, whose output must read
 * back (libical) with our UID, SUMMARY prefix and folded lines. */
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "congvan/ical.h"
#include "congvan/util.h"

static void check_built(const char *text)
{
	icalcomponent *root = icalparser_parse_string(text);
	icalcomponent *ev =
	    root
		? icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT)
		: NULL;
	const char *uid = ev ? icalcomponent_get_uid(ev) : NULL;
	const char *sum = ev ? icalcomponent_get_summary(ev) : NULL;

	if (!uid || strcmp(uid, "cv-2026-000001.lead.tttn@x.vn") != 0 || !sum ||
	    !str_startswith(sum, "Hạn xử lý: [CV-2026-000001]")) {
		abort();
	}
	for (const char *p = text; *p;) {
		const char *cr = strstr(p, "\r\n");

		if (!cr || cr - p > 75 || memchr(p, '\n', (size_t)(cr - p)) ||
		    memchr(p, '\r', (size_t)(cr - p))) {
			abort();
		}
		p = cr + 2;
	}
	icalcomponent_free(root);
	icalmemory_free_ring();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct ical_attendee att[] = {{"a@x.vn", NULL, true}};
	struct ical_reply r;
	struct ical_event ev = {0};
	char *err = NULL, *text = NULL, *s = xstrndup((const char *)data, size);

	/* an answer, read as from a sender that may be listed among
	 * several attendees; a counter-proposal always names a date */
	if (ical_answer_parse((const char *)data, size, "b@x.vn", &r, &err) ==
	    0) {
		if (!r.uid || !r.attendee || !strchr(r.attendee, '@') ||
		    (r.answer == ICAL_ANSWER_COUNTER) !=
			(strlen(r.proposed) == 10)) {
			abort();
		}
		ical_reply_release(&r);
	}
	free(err);
	err = NULL;
	ev.uid = "cv-2026-000001.lead.tttn@x.vn";
	ev.key = "CV-2026-000001";
	ev.subject = s;
	ev.unit = s;
	ev.number = s;
	ev.due_day = 20823;
	ev.organizer = "congvan@x.vn";
	ev.organizer_name = s;
	ev.attendees = att;
	ev.n_attendees = 1;
	if (ical_build(&ev, size % 2 == 1, &text, &err) < 0) {
		abort();
	}
	check_built(text);
	free(text);
	free(s);
	return 0;
}
