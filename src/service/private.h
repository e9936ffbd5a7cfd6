/* Shared by the files of the service module. */
#ifndef CONGVAN_SERVICE_PRIVATE_H
#define CONGVAN_SERVICE_PRIVATE_H

#include "congvan/feed.h"
#include "congvan/service.h"

/* Creates the service secret at path when there is none: 0, or -1
 * (logged). */
int service_make_secret(const char *path);

/* Starts the calendar feed server when [feed] listen is set: 0 (also
 * when it is not), or -1 (logged). */
int service_feed_start(struct service *svc, struct feed_server **feed);

/* Reads the configuration again from the file it came from, with its
 * templates, working calendar, secret and DKIM keys, and puts them in
 * place of the running ones when all of them are good; the feed server
 * is restarted with them and the mailbox reconnected at the next cycle.
 * Anything wrong is logged and the service goes on as it was.  The
 * database cannot change (its lock is held): that needs a restart.
 * 0 when the new configuration is in use, -1 when not. */
int service_reload(struct service *svc, struct feed_server **feed);

#endif
