/* The shared mailbox, over IMAP (libetpan).  Nothing outside src/mail/
 * sees libetpan; failures come back as enum fail plus a message. */
#ifndef CONGVAN_MAIL_H
#define CONGVAN_MAIL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "congvan/config.h"
#include "congvan/fail.h"

struct mail_session;

struct mail_folder {
	uint32_t uidvalidity;
	uint32_t uidnext;
	uint32_t exists;
};

/* A message on the server: its UID, RFC822.SIZE and INTERNALDATE (when
 * it reached the mailbox; 0 when the server gave none). */
struct mail_uid {
	uint32_t uid;
	uint32_t size;
	time_t internal_date;
};

/* Connects, secures (imaps, or STARTTLS as cfg->tls says), logs in and
 * selects cfg->folder.  A rejected login is FAIL_FATAL; an unreachable
 * server FAIL_TEMP.  On failure *error_r names the server and what the
 * server said (never the password). */
int mail_open(const struct config_mailbox *cfg, struct mail_session **s_r,
	      enum fail *fail_r, char **error_r);
/* Logs out (best effort), closes and clears *sp; NULL-safe. */
void mail_close(struct mail_session **sp);

/* The selected folder's state, as of the last SELECT or IDLE wake-up.
 * Borrowed. */
const struct mail_folder *mail_folder_state(const struct mail_session *s);

/* Lists the messages with UID >= from_uid, in ascending UID order.
 * Caller frees *uids_r. */
int mail_list_from(struct mail_session *s, uint32_t from_uid,
		   struct mail_uid **uids_r, size_t *n_r, enum fail *fail_r,
		   char **error_r);

/* Called once per fetched message with its raw text (borrowed for the
 * call).  A non-zero return stops further callbacks for this fetch and
 * makes mail_fetch fail with the error the callback set. */
typedef int mail_message_cb(uint32_t uid, const char *data, size_t len,
			    void *ctx, char **error_r);

/* Fetches the given messages (BODY.PEEK[], so nothing is marked read)
 * in one UID FETCH, streaming: cb sees each message as it arrives. */
int mail_fetch(struct mail_session *s, const uint32_t *uids, size_t n,
	       mail_message_cb *cb, void *ctx, enum fail *fail_r,
	       char **error_r);

/* Adds a keyword (e.g. "$Registered") to the messages, silently.  When the
 * server does not allow keywords this is a no-op. */
int mail_add_keyword(struct mail_session *s, const uint32_t *uids, size_t n,
		     const char *keyword, enum fail *fail_r, char **error_r);

bool mail_can_idle(const struct mail_session *s);

/* Waits in IDLE up to timeout seconds or until *stop is set, under the
 * signal mask mask (NULL: the thread's own), so that signals blocked
 * while mail is read and sent arrive while it waits.  Returns 1 when the
 * server reported a change, 0 on timeout or stop, -1 on failure. */
int mail_idle(struct mail_session *s, int timeout, volatile sig_atomic_t *stop,
	      const sigset_t *mask, enum fail *fail_r, char **error_r);

#endif
