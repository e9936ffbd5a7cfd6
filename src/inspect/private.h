/* Private to the inspect module. */
#ifndef CONGVAN_INSPECT_PRIVATE_H
#define CONGVAN_INSPECT_PRIVATE_H

#include <stddef.h>

/* letter_pdf_text run in a child process with memory, CPU and time
 * limits; NULL when the PDF cannot be read or its reader fails.  Caller
 * frees. */
char *inspect_pdf_text(const char *data, size_t len);

#endif
