/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The sse_fp group of the x86 front end (see translate.h): not built yet,
 * every encoding but the 0F AE fences and CLFLUSH is #UD. */
#include "cpu/x86/translate.h"

X86_TRANS(sse_fp)
{
    if (s->b == 0x1ae) {
        return x86_trans_grp15(s);
    }
    return false;
}
