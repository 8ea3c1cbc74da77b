/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A translation block: the host form of a run of guest instructions,
 * keyed by guest pc, the CPU flags that change translation, and cflags.
 */
#ifndef ACCEL_TCG_TB_H
#define ACCEL_TCG_TB_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct TranslationBlock TranslationBlock;

/* cflags */
enum {
    CF_COUNT_MASK = 0x1ff,   /* max guest instructions (0 = default) */
    CF_NO_CHAIN = 0x200,     /* never chain out of this TB */
};

struct TranslationBlock {
    /*
     * The key and what a jump-cache hit needs come first, in one cache
     * line: the x86-64 back end's inline lookup (lookup_goto_ptr) reads
     * pc, flags and cflags as two qwords, then invalid and host_entry.
     */
    uint64_t pc;            /* guest pc of the first instruction */
    uint32_t flags;         /* target flags (privilege, FP state, ...) */
    uint32_t cflags;
    /* x86-64 back end: executable address of the entry (the exit_request
     * test) that goto_ptr jumps to; NULL for the interpreter */
    const void *host_entry;
    bool invalid;
    /*
     * Pages of guest code it covers (user mode: guest virtual page
     * addresses; system mode: guest physical page addresses, see
     * docs/softmmu.md). page_addr[1] = -1 if one page.
     */
    uint64_t page_addr[2];
    uint32_t size;          /* guest bytes */
    uint16_t icount;        /* guest instructions */

    const void *tc_ptr;     /* host code, or the interpreter's program */
    uint32_t tc_size;
    /* Per-instruction restore table (pc, extra, host end offset). */
    const uint8_t *restore_table;
    uint32_t restore_size;

    /* Outgoing chains: slot n jumps to jmp_dest[n] (NULL = exit stub). */
    struct TranslationBlock *jmp_dest[2];
    uint32_t jmp_insn_offset[2];   /* back end: where the patchable jump is */
    uint32_t jmp_reset_offset[2];  /* back end: the exit stub of slot n */
    /* Incoming chains: TBs whose slot points here (tagged pointer: tb | n). */
    uintptr_t jmp_list_head;
    uintptr_t jmp_list_next[2];
    pthread_mutex_t jmp_lock;

    /* TBs on the same page (tagged pointer: tb | page index). */
    uintptr_t page_next[2];
    struct TranslationBlock *hash_next;
};

#endif
