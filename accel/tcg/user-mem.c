/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * User-mode guest memory: guest_base, and the hook through which user/
 * learns which guest pages hold translated code (to write-protect them).
 * In system mode the same TB-cache notifications go to the soft MMU.
 */
#include <stdint.h>

#include "accel/tcg/cputlb.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-internal.h"

uintptr_t guest_base;
int (*guest_page_prot_hook)(uint64_t addr);
bool tcg_system_mode;

static void (*tb_code_page_hook)(uint64_t page_start);

void tb_set_code_page_hook(void (*hook)(uint64_t page_start))
{
    tb_code_page_hook = hook;
}

void tb_code_page_added(uint64_t page_start)
{
    if (tcg_system_mode) {
        /* physical page: route its TLB write entries to the SMC path */
        tlb_code_page_added(page_start);
    } else if (tb_code_page_hook) {
        tb_code_page_hook(page_start);
    }
}

void tb_code_page_removed(uint64_t page_start)
{
    /* user mode unprotects lazily, in its SIGSEGV handler */
    if (tcg_system_mode) {
        tlb_code_page_removed(page_start);
    }
}
