/* Shared inside src/ical only.  libical types never leave this folder. */
#ifndef CONGVAN_ICAL_PRIVATE_H
#define CONGVAN_ICAL_PRIVATE_H

#include <libical/ical.h>

#include "congvan/ical.h"

/* libical reports errors through icalerrno; congvan must never let it
 * abort the process on malformed input.  Called before each use. */
void ical_lib_init(void);
/* Frees libical's ring of temporary buffers, which would otherwise keep
 * up to a few thousand strings alive between calls; no string of libical
 * is kept past it. */
void ical_lib_done(void);

#endif
