/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to accel/tcg: the pieces shared between the IR, the exec loop,
 * the TB cache and the back end. Front ends and users never include this
 * (unit tests do, to look at counters).
 */
#ifndef ACCEL_TCG_TCG_INTERNAL_H
#define ACCEL_TCG_TCG_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accel/tcg/tb.h"
#include "accel/tcg/tcg-exec.h"
#include "accel/tcg/tcg.h"

/* Guest pages as TBs see them (user mode: virtual pages). */
#define TB_PAGE_BITS 12
#define TB_PAGE_SIZE (1ull << TB_PAGE_BITS)
#define TB_PAGE_MASK (~(TB_PAGE_SIZE - 1))

/* Entries of TCGCPUState.jmp_cache. */
#define TCG_JMP_CACHE_SIZE \
    (sizeof(((TCGCPUState *)0)->jmp_cache) / sizeof(TranslationBlock *))

/* Default cap on guest instructions per TB (cflags count 0). */
#define TB_MAX_INSNS 512

/*
 * The full per-vCPU state. The public TCGCPUState comes first, so
 * cpu->accel_state points at both.
 */
typedef struct TCGVcpu {
    TCGCPUState pub;
    CPU *cpu;
    /* insn_start args of the guest instruction now executing, written by
     * the interpreter at each insn_start: what precise exceptions restore. */
    uint64_t insn_data[2];
    bool in_tb;                 /* executing translated code */
    _Atomic bool inside_exec;   /* inside tcg_cpu_exec (tcg-exclusive.c) */
    /* x86-64 back end: the frame of the running TB code (for faults
     * without a host pc) and chained entries counted by that code. */
    uintptr_t x86_frame;
    uint64_t x86_chained;
    unsigned long stat_loop_lookups;
    unsigned long stat_helper_lookups;  /* calls of tcg_lookup_tb_ptr */
    struct TCGVcpu *next;       /* registry, for jump cache flushes */
} TCGVcpu;

static inline TCGVcpu *tcg_vcpu(CPU *cpu)
{
    return (TCGVcpu *)cpu->accel_state;
}

/*
 * Counters for tests and -d exec. The rare ones are global relaxed
 * atomics; the hot ones (one per TB entry) are counted per vCPU
 * (TCGVcpu.stat_*, written only by the vCPU's thread, no lock prefix) and
 * summed when read: tcg_stats_loop_lookups(), tcg_stats_chained_entries().
 */
typedef struct TCGStats {
    _Atomic unsigned long translations;
    _Atomic unsigned long links;            /* tb_link calls that chained */
    _Atomic unsigned long chained_entries;  /* interpreter: TB entries
                                               through jmp_dest */
    _Atomic unsigned long invalidations;    /* TBs invalidated */
    _Atomic unsigned long flushes;
    _Atomic unsigned long guarded_links;    /* of links: cross-page ones */
    _Atomic unsigned long guarded_unlinks;  /* dropped by a TLB flush */
} TCGStats;

/* TB lookups by the exec loop, every vCPU. */
unsigned long tcg_stats_loop_lookups(void);
/* TB entries through a chain (patched jump or jmp_dest), every vCPU. */
unsigned long tcg_stats_chained_entries(void);

extern TCGStats tcg_stats;

/* tcg.c */
bool tcg_op_is_typed(TCGOpcode opc);
/* Interned constant temp of (type, val); returns its index. */
unsigned tcg_constant_index(TCGContext *s, TCGType type, int64_t val);
/* Dump name of temp idx: global name, tmpN or $0x... */
void tcg_temp_name(const TCGContext *s, unsigned idx, char *buf, size_t size);

/*
 * Interpreter back end (backend/interp; the x86-64 one below has the same
 * contract). gen turns tcg_ctx's optimised ops into tb->tc_ptr; exec runs
 * tb and the TBs chained from it.
 *
 * exec returns: (uintptr_t)tb | n when tb left through exit_tb(tb, n);
 * 0 for exit_tb(NULL) or a failed goto_ptr lookup; TB_EXIT_REQUESTED when
 * exit_request was found set at a TB entry (the pc is then that TB's).
 */
#define TB_EXIT_REQUESTED ((uintptr_t)3)
int tcg_backend_gen(TCGContext *s, TranslationBlock *tb);
uintptr_t tcg_backend_exec(TCGVcpu *v, TranslationBlock *tb);
void tcg_backend_free(TranslationBlock *tb);

/* tb-cache.c */
static inline unsigned jmp_cache_index(uint64_t pc)
{
    return (unsigned)((pc >> 1) ^ (pc >> 13)) & (TCG_JMP_CACHE_SIZE - 1);
}

static inline bool tb_matches(const TranslationBlock *tb, uint64_t pc,
                              uint32_t flags, uint32_t cflags)
{
    return tb->pc == pc && tb->flags == flags && tb->cflags == cflags &&
           !__atomic_load_n(&tb->invalid, __ATOMIC_ACQUIRE);
}

/* The vCPU's jump cache alone (no lock): the hot path of every lookup. */
static inline TranslationBlock *tb_jmp_cache_probe(TCGVcpu *v, uint64_t pc,
                                                   uint32_t flags,
                                                   uint32_t cflags)
{
    TranslationBlock *tb = __atomic_load_n(
        &v->pub.jmp_cache[jmp_cache_index(pc)], __ATOMIC_ACQUIRE);

    return tb && tb_matches(tb, pc, flags, cflags) ? tb : NULL;
}

void tb_cache_register_cpu(TCGVcpu *v);
void tb_cache_unregister_cpu(TCGVcpu *v);
/* Sum of the per-vCPU counters, registered vCPUs and gone ones. */
void tb_cache_vcpu_stats(unsigned long *loop_lookups,
                         unsigned long *x86_chained);
/* Jump cache, then hash table; NULL if not translated (or invalid). */
TranslationBlock *tb_lookup(TCGVcpu *v, uint64_t pc, uint32_t flags,
                            uint32_t cflags);
/* System mode: also require the TB's first code page to be phys_page (a
 * physical page address); tb_lookup passes the virtual page. */
TranslationBlock *tb_lookup_phys(TCGVcpu *v, uint64_t pc, uint64_t phys_page,
                                 uint32_t flags, uint32_t cflags);
/* Insert a freshly generated tb; returns the TB to use (an equal one
 * another thread inserted first wins, and tb is freed). */
TranslationBlock *tb_cache_insert(TCGVcpu *v, TranslationBlock *tb);
/* Chain from's slot n to to (no-op if either is invalid). */
void tb_link(TranslationBlock *from, unsigned n, TranslationBlock *to);
void tb_free(TranslationBlock *tb);
/*
 * System mode, chains that leave the source TB's virtual page (or enter a
 * TB spanning two pages): valid only while the destination's virtual
 * page(s) map where they did when the link was made. tb_link_guarded
 * links from's slot n to to and records the guard pages (virtual, 1 or 2)
 * of the link; the caller has checked them against the code TLB just
 * before. A TLB flush drops the links it could invalidate:
 * tb_unlink_guarded(page) those guarded by that virtual page,
 * tb_unlink_guarded(-1) all of them. Only done while one vCPU exists
 * (tb_cross_page_chaining): chained code is shared by every vCPU, and
 * another hart may map the same virtual page elsewhere at the same time.
 */
bool tb_link_guarded(TranslationBlock *from, unsigned n, TranslationBlock *to,
                     const uint64_t *guard_pages, unsigned nr_guards);
void tb_unlink_guarded(uint64_t vpage);

/*
 * tcg-exclusive.c: every vCPU is inside between tcg_exec_enter and
 * tcg_exec_leave (tcg_cpu_exec does it); between tcg_exclusive_start and
 * _end no other vCPU is (tb_flush_all runs so). Callable from inside or
 * outside tcg_cpu_exec; no TCG lock may be held.
 */
void tcg_exec_enter(TCGVcpu *v);
void tcg_exec_leave(TCGVcpu *v);
void tcg_exclusive_start(void);
void tcg_exclusive_end(void);
/* tb-cache.c: set exit_request on every vCPU inside tcg_cpu_exec but self
 * (a vCPU outside waits at its next tcg_exec_enter: no stale kick). */
void tb_cache_kick_inside(CPU *self);

/* tb-gen.c: translate, optimise and generate the TB for (pc, flags). */
TranslationBlock *tb_gen_code(TCGVcpu *v, uint64_t pc, uint32_t flags,
                              uint32_t cflags);

/* user-mem.c: the hook that write-protects code pages (user mode); in
 * system mode both go to the soft MMU's code-page set. */
void tb_code_page_added(uint64_t page_start);
void tb_code_page_removed(uint64_t page_start);

/* cpu-exec.c: the core helper behind tcg_gen_lookup_and_goto_ptr, and
 * the slow path of lookup_goto_ptr: the TB for the CPU's state now (the
 * interpreter's "host code pointer"), NULL to leave to the exec loop. */
extern const TCGHelperInfo tcg_helper_info_lookup_tb_ptr;
void *tcg_lookup_tb_ptr(CPUArchState *env);

/*
 * Back-end choice (tb-gen.c): JANUS_TCG_BACKEND=interp|x86_64 read once;
 * tcg_backend_select() (tests) switches and flushes every TB.
 */
typedef enum TCGBackendKind {
    TCG_BACKEND_INTERP,
    TCG_BACKEND_X86_64,
} TCGBackendKind;
TCGBackendKind tcg_backend_kind(void);
int tcg_backend_select(TCGBackendKind kind);

/*
 * code-buffer.c: one memfd mapped twice, writable (rw) and executable
 * (rx) at different addresses, never both through one mapping.
 */
typedef struct TCGCodeBuffer {
    uint8_t *rw;
    uint8_t *rx;
    size_t size;
    size_t used;          /* bytes allocated from the start */
    size_t reserved;      /* kept across resets (the trampoline) */
} TCGCodeBuffer;
extern TCGCodeBuffer tcg_code_buffer;
/* Create the buffer (size 0: JANUS_TCG_CODE_SIZE or 64 MiB); idempotent. */
int tcg_code_buffer_init(size_t size);
/* Drop the buffer (tests resizing it); every TB must be flushed first. */
void tcg_code_buffer_destroy(void);
bool tcg_code_buffer_contains(uintptr_t rx_addr);

/* backend/x86_64: same contract as tcg_backend_gen/exec above. */
bool tcg_x86_available(void);
int tcg_x86_gen(TCGContext *s, TranslationBlock *tb);
uintptr_t tcg_x86_exec(TCGVcpu *v, TranslationBlock *tb);
/* Point goto_tb slot n of tb at to's chained entry (NULL: back to the
 * slot's exit stub): one atomic store into the code (tb_lock held). */
void tcg_x86_chain(TranslationBlock *tb, unsigned n,
                   const TranslationBlock *to);
/* Leaving native code (return or longjmp). */
void tcg_x86_leave(TCGVcpu *v);
/* About to longjmp out of native code (frame still live). */
void tcg_x86_unwind(TCGVcpu *v);
/* Restore data of the guest access the running TB recorded last (a host
 * fault reported with host_pc 1); false if none. */
bool tcg_x86_fault_lookup(TCGVcpu *v, uint64_t data[2]);
/* Restore data of the guest insn whose host code holds host_pc (a return
 * address or faulting pc + 1); false if host_pc is not in a TB. */
bool tcg_x86_restore_lookup(uintptr_t host_pc, uint64_t data[2]);

#endif
