/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86-64 back end's private pieces: the frame layout shared by the
 * entry trampoline and generated code, the per-TB record behind tc_ptr
 * and the restore table written after each TB's code.
 */
#ifndef ACCEL_TCG_BACKEND_X86_64_X86_BACKEND_H
#define ACCEL_TCG_BACKEND_X86_64_X86_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/tcg/tcg-internal.h"

/*
 * Frame (rsp-relative, set up by the trampoline): [0] &cpu->exit_request,
 * [8] the TCGVcpu, [16] where the current guest memory access is (a
 * 32-bit code-buffer offset, for faults reported without a host pc), [24]
 * chained entries so far (folded into the vCPU on the way out), [32] the
 * base of the vCPU's soft-MMU TLB tables (system mode, else 0; the inline
 * fast path of guest accesses indexes it), then one 8-byte slot per
 * spilled temp. Six pushes plus the return address
 * leave rsp = 8 mod 16, so the frame size is 8 mod 16 and helper calls
 * see an aligned stack.
 */
#define X86_FRAME_EXIT_REQ 0
#define X86_FRAME_VCPU 8
#define X86_FRAME_INSN_LOC 16
#define X86_FRAME_CHAINED 24
#define X86_FRAME_TLB 32
#define X86_FRAME_SLOTS 40
#define X86_FRAME_SIZE (64 * 1024 + 8)
#define X86_MAX_SLOTS ((X86_FRAME_SIZE - X86_FRAME_SLOTS) / 8)

/* Fixed registers: env, guest_base, and a scratch the allocator never
 * hands out (constant stores, addresses, the TB prologue). */
#define X86_REG_ENV X86_RBP
#define X86_REG_GUEST_BASE X86_R12
#define X86_REG_TMP X86_R11

/* Returned by a TB whose entry found exit_request set: tb | 2. */
#define X86_EXIT_REQUESTED_TAG 2

/*
 * Each TB starts with its chained entry (count the entry in the frame,
 * only in TBs translated while tcg_x86_count_chained_entries is set; else
 * the chained entry is the entry), then its entry proper (the
 * exit_request test), which the trampoline and goto_ptr use (goto_ptr
 * through its copy in tb->host_entry). Patched goto_tb jumps land on the
 * chained entry.
 */
/* tb->tc_ptr of a native TB (malloc'd, so the TB cache's free works). */
typedef struct X86TBInfo {
    const void *code;          /* executable address of the entry */
    uintptr_t chain_entry;     /* executable address of the chained entry */
} X86TBInfo;

/* One guest instruction's restore data and where its host code ends. */
typedef struct X86RestoreEntry {
    uint64_t data[2];
    uint32_t end_off;
    uint32_t pad;
} X86RestoreEntry;

typedef struct X86RestoreTable {
    uint32_t nb;
    uint32_t code_size;
    uint64_t tb_pc;            /* restored before the first insn_start */
    X86RestoreEntry e[];
} X86RestoreTable;

/* x86-exec.c */
/* The shared prologue/epilogue; NULL until the code buffer exists. */
extern uintptr_t x86_epilogue_rx;
/* Record a TB's code range for host-pc lookups (gen lock held). */
void x86_restore_index_add(uintptr_t rx_start, const X86RestoreTable *rt);
void x86_restore_index_reset(void);
/* Emit the trampoline at the start of the (empty) code buffer. */
int x86_trampoline_emit(void);

/* x86-gen.c: count chained entries in TBs translated from now on (a
 * debugging statistic, off by default: it costs a memory add per entry). */
extern bool tcg_x86_count_chained_entries;

/* x86-gen.c: the C helpers generated code calls. */

void x86_helper_unaligned(CPUArchState *env, uint64_t addr, uint32_t mop_st);

#endif
