/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The sse_int group of the x86 front end (see translate.h): not built yet,
 * every encoding is #UD. */
#include "cpu/x86/translate.h"

X86_TRANS(sse_int)
{
    (void)s;
    return false;
}
