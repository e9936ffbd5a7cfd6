/* A connection the server closes ends libetpan's read with an error.
 *
 * libetpan's buffered read returns 0 at the end of the stream, and its
 * parser reads the rest of a literal (a message's bytes) in a loop that
 * ends only when the bytes come or a read fails: a server that dies in the
 * middle of a FETCH (Dovecot restarted, its process killed, the network
 * cut) left congvan calling recv() on a closed socket forever, at 100 % of
 * a core.  Between libetpan and the real stream (socket or TLS) this layer
 * turns the end of the stream into a failed read; everything else passes
 * through. */
#include <stdlib.h>

#include "congvan/util.h"
#include "private.h"

static mailstream_low *inner(mailstream_low *s)
{
	return s->data;
}

static ssize_t guard_read(mailstream_low *s, void *buf, size_t count)
{
	ssize_t n = mailstream_low_read(inner(s), buf, count);

	return n == 0 && count > 0 ? -1 : n;
}

static ssize_t guard_write(mailstream_low *s, const void *buf, size_t count)
{
	return mailstream_low_write(inner(s), buf, count);
}

static int guard_close(mailstream_low *s)
{
	return mailstream_low_close(inner(s));
}

static int guard_get_fd(mailstream_low *s)
{
	return mailstream_low_get_fd(inner(s));
}

static void guard_free(mailstream_low *s)
{
	mailstream_low_free(inner(s));
	free(s);
}

static void guard_cancel(mailstream_low *s)
{
	mailstream_low_cancel(inner(s));
}

static struct mailstream_cancel *guard_get_cancel(mailstream_low *s)
{
	return mailstream_low_get_cancel(inner(s));
}

static carray *guard_certificate_chain(mailstream_low *s)
{
	mailstream_low *in = inner(s);

	return in->driver->mailstream_get_certificate_chain
		   ? in->driver->mailstream_get_certificate_chain(in)
		   : NULL;
}

static int guard_setup_idle(mailstream_low *s)
{
	mailstream_low *in = inner(s);

	return in->driver->mailstream_setup_idle
		   ? in->driver->mailstream_setup_idle(in)
		   : -1;
}

static int guard_unsetup_idle(mailstream_low *s)
{
	mailstream_low *in = inner(s);

	return in->driver->mailstream_unsetup_idle
		   ? in->driver->mailstream_unsetup_idle(in)
		   : -1;
}

static int guard_interrupt_idle(mailstream_low *s)
{
	mailstream_low *in = inner(s);

	return in->driver->mailstream_interrupt_idle
		   ? in->driver->mailstream_interrupt_idle(in)
		   : -1;
}

static mailstream_low_driver guard_driver = {
    .mailstream_read = guard_read,
    .mailstream_write = guard_write,
    .mailstream_close = guard_close,
    .mailstream_get_fd = guard_get_fd,
    .mailstream_free = guard_free,
    .mailstream_cancel = guard_cancel,
    .mailstream_get_cancel = guard_get_cancel,
    .mailstream_get_certificate_chain = guard_certificate_chain,
    .mailstream_setup_idle = guard_setup_idle,
    .mailstream_unsetup_idle = guard_unsetup_idle,
    .mailstream_interrupt_idle = guard_interrupt_idle,
};

void mail_stream_guard(mailstream *stream)
{
	mailstream_low *low = mailstream_get_low(stream);
	mailstream_low *guard;

	if (!low || low->driver == &guard_driver) {
		return;
	}
	guard = mailstream_low_new(low, &guard_driver);
	if (!guard) {
		abort(); /* out of memory */
	}
	guard->timeout = low->timeout;
	mailstream_set_low(stream, guard);
}
