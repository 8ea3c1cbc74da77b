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
 * System mode: set once by the "tcg" accelerator (machine_init) before
 * anything is translated. Guest accesses then go through the soft MMU
 * (accel/tcg/cputlb.h) instead of guest_base, and TBs are keyed by the
 * physical address of their code.
 */
extern bool tcg_system_mode;

/*
 * Instruction fetch for front ends (little-endian parcels). User mode:
 * guest_base + vaddr. System mode: through the code TLB of the vCPU this
 * thread runs (tcg_current_cpu()), at the target's fetch mmu_idx; a fetch
 * fault is raised through the target (the exec loop has the guest state
 * exact while it translates). A 32-bit fetch may cross a page.
 */
struct CPUArchState;
uint16_t tcg_fetch_code16(struct CPUArchState *env, uint64_t vaddr);
uint32_t tcg_fetch_code32(struct CPUArchState *env, uint64_t vaddr);

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
