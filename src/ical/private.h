/* Shared inside src/ical only.  libical types never leave this folder. */
#ifndef CONGVAN_ICAL_PRIVATE_H
#define CONGVAN_ICAL_PRIVATE_H

#include <libical/ical.h>

#include "congvan/ical.h"

/* libical reports errors through icalerrno; congvan must never let it
 * abort the process on malformed input.  Called before each use. */
void ical_lib_init(void);

#endif
