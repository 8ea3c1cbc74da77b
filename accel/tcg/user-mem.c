/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * User-mode guest memory: guest_base, and the hook through which user/
 * learns which guest pages hold translated code (to write-protect them).
 */
#include <stdint.h>

#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-internal.h"

uintptr_t guest_base;
int (*guest_page_prot_hook)(uint64_t addr);

static void (*tb_code_page_hook)(uint64_t page_start);

void tb_set_code_page_hook(void (*hook)(uint64_t page_start))
{
    tb_code_page_hook = hook;
}

void tb_code_page_added(uint64_t page_start)
{
    if (tb_code_page_hook) {
        tb_code_page_hook(page_start);
    }
}
