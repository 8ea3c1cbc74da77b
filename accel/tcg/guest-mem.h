/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest memory as TCG's user mode sees it: guest address addr lives at
 * host address guest_base + addr. The interpreter's guest_ld/st and the
 * front ends' instruction fetch use this; user/ sets guest_base before
 * running anything.
 */
#ifndef ACCEL_TCG_GUEST_MEM_H
#define ACCEL_TCG_GUEST_MEM_H

#include <stdbool.h>
#include <stdint.h>

/* Host address of guest address 0 (defined in accel/tcg/user-mem.c). */
extern uintptr_t guest_base;

/*
 * Called (with the TB cache lock held, so keep it short and do not call
 * back into TCG) the first time a TB is made from guest page
 * [page_start, page_start + 4096): user mode write-protects the page so a
 * later guest store faults, and its SIGSEGV handler calls
 * tb_invalidate_range() (tcg-exec.h) and unprotects. NULL: no tracking.
 */
void tb_set_code_page_hook(void (*hook)(uint64_t page_start));

/*
 * User mode: the guest's rights on the page holding guest address addr
 * (PROT_READ/WRITE/EXEC as the guest mapped it), or -1 where the guest
 * has nothing mapped. Front ends check instruction fetches with it
 * before reading code; NULL (system mode, tests): no checks.
 */
extern int (*guest_page_prot_hook)(uint64_t addr);

/*
 * True while the calling thread executes translated guest code. A host
 * SIGSEGV/SIGBUS taken then comes from a guest memory access; the handler
 * may call tcg_raise_exception(tcg_current_cpu(), excp, 1) to land in the
 * exec loop with the state of the faulting instruction restored.
 */
bool tcg_cpu_in_guest_code(void);

#endif
