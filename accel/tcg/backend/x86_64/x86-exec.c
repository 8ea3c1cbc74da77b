/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Entering and leaving native TBs: the trampoline at the start of the
 * code buffer (prologue: save callee-saved registers, make the frame, put
 * env in rbp and guest_base in r12, jump to the TB; epilogue: undo it and
 * return the exit value in rax), and the host-pc -> guest-instruction
 * lookup behind precise exceptions.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include "accel/tcg/backend/x86_64/x86-backend.h"
#include "accel/tcg/backend/x86_64/x86-emit.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-fork.h"
#include "util/error.h"

typedef uintptr_t (*X86EnterFn)(CPUArchState *env, const void *code,
                                _Atomic uint32_t *exit_request,
                                TCGVcpu *v, void *tlb_table);

uintptr_t x86_epilogue_rx;
static X86EnterFn x86_enter;

/* TB code ranges in buffer order (allocation is linear), for lookups. */
typedef struct X86IndexEntry {
    uintptr_t start;
    const X86RestoreTable *rt;
} X86IndexEntry;

static pthread_mutex_t x86_index_lock = PTHREAD_MUTEX_INITIALIZER;
static X86IndexEntry *x86_index;
static size_t x86_index_nb, x86_index_cap;

bool tcg_x86_available(void)
{
#if defined(__x86_64__)
    return __builtin_cpu_supports("popcnt");
#else
    return false;
#endif
}

int x86_trampoline_emit(void)
{
    static const int saved[6] = { X86_RBP, X86_RBX, X86_R12, X86_R13,
                                  X86_R14, X86_R15 };
    TCGCodeBuffer *cb = &tcg_code_buffer;
    X86Emit e = { .p = cb->rw, .start = cb->rw, .end = cb->rw + 256,
                  .rx_start = (uintptr_t)cb->rx };
    int i;

    for (i = 0; i < 6; i++) {
        x86_emit_opc(&e, 0x50 + (saved[i] & 7), 0, 0, saved[i]);   /* push */
    }
    x86_emit_rr(&e, P_REXW | 0x81, 5, X86_RSP);                     /* sub */
    x86_emit32(&e, X86_FRAME_SIZE);
    x86_emit_rr(&e, P_REXW | 0x89, X86_RDI, X86_REG_ENV);
    x86_emit_mem(&e, P_REXW | 0x89, X86_RDX, X86_RSP, -1, X86_FRAME_EXIT_REQ);
    x86_emit_mem(&e, P_REXW | 0x89, X86_RCX, X86_RSP, -1, X86_FRAME_VCPU);
    x86_emit_mem(&e, P_REXW | 0x89, X86_R8, X86_RSP, -1, X86_FRAME_TLB);
    x86_emit_mem(&e, P_REXW | 0x89, X86_RSP, X86_RCX, -1,
                 (int32_t)offsetof(TCGVcpu, x86_frame));
    x86_emit_mem(&e, P_REXW | 0xc7, 0, X86_RSP, -1, X86_FRAME_CHAINED);
    x86_emit32(&e, 0);
    x86_emit_movi(&e, true, X86_REG_GUEST_BASE,
                  (uint64_t)(uintptr_t)&guest_base);
    x86_emit_mem(&e, P_REXW | 0x8b, X86_REG_GUEST_BASE, X86_REG_GUEST_BASE,
                 -1, 0);
    x86_emit_rr(&e, 0xff, 4, X86_RSI);                              /* jmp */
    while ((uintptr_t)e.p & 15) {
        x86_emit8(&e, 0xcc);
    }
    x86_epilogue_rx = x86_rx_here(&e);
    /* fold the frame's chained-entry count into the vCPU's */
    x86_emit_mem(&e, P_REXW | 0x8b, X86_R11, X86_RSP, -1, X86_FRAME_VCPU);
    x86_emit_mem(&e, P_REXW | 0x8b, X86_RCX, X86_RSP, -1, X86_FRAME_CHAINED);
    x86_emit_mem(&e, P_REXW | 0x01, X86_RCX, X86_R11, -1,
                 (int32_t)offsetof(TCGVcpu, x86_chained));
    x86_emit_rr(&e, P_REXW | 0x81, 0, X86_RSP);                     /* add */
    x86_emit32(&e, X86_FRAME_SIZE);
    for (i = 5; i >= 0; i--) {
        x86_emit_opc(&e, 0x58 + (saved[i] & 7), 0, 0, saved[i]);   /* pop */
    }
    x86_emit8(&e, 0xc3);
    if (e.overflow) {
        return -1;
    }
    x86_enter = (X86EnterFn)(uintptr_t)cb->rx;
    cb->used = cb->reserved = (size_t)(e.p - cb->rw);
    return 0;
}

uintptr_t tcg_x86_exec(TCGVcpu *v, TranslationBlock *tb)
{
    CPU *cpu = v->cpu;
    const X86TBInfo *info = tb->tc_ptr;
    uintptr_t ret;

    ret = x86_enter(cpu->arch, info->code, &cpu->exit_request, v,
                    tcg_system_mode ? tlb_fast_table(cpu) : NULL);
    tcg_x86_leave(v);
    if ((ret & 3) == X86_EXIT_REQUESTED_TAG) {
        /* a chained entry skipped the pc store after goto_tb */
        const TranslationBlock *at = (const TranslationBlock *)(ret & ~3ul);

        if (v->pub.ops->set_pc) {
            v->pub.ops->set_pc(cpu->arch, at->pc);
        }
        return TB_EXIT_REQUESTED;
    }
    return ret;
}

void tcg_x86_leave(TCGVcpu *v)
{
    v->x86_frame = 0;
}

void tcg_x86_unwind(TCGVcpu *v)
{
    if (v->x86_frame) {
        /* the frame dies with the longjmp: keep its count */
        uint64_t *n = (uint64_t *)(v->x86_frame + X86_FRAME_CHAINED);

        __atomic_store_n(&v->x86_chained, v->x86_chained + *n,
                         __ATOMIC_RELAXED);
        *n = 0;
    }
}

bool tcg_x86_fault_lookup(TCGVcpu *v, uint64_t data[2])
{
    uint32_t off;

    if (!v->x86_frame || !tcg_code_buffer.rx) {
        return false;
    }
    off = *(const uint32_t *)(v->x86_frame + X86_FRAME_INSN_LOC);
    return tcg_x86_restore_lookup((uintptr_t)tcg_code_buffer.rx + off + 1,
                                  data);
}

void x86_restore_index_add(uintptr_t rx_start, const X86RestoreTable *rt)
{
    pthread_mutex_lock(&x86_index_lock);
    if (x86_index_nb == x86_index_cap) {
        x86_index_cap = x86_index_cap ? x86_index_cap * 2 : 1024;
        x86_index = realloc(x86_index, x86_index_cap * sizeof(*x86_index));
        if (!x86_index) {
            fatal_internal("tcg x86: out of memory for the restore index");
        }
    }
    x86_index[x86_index_nb].start = rx_start;
    x86_index[x86_index_nb++].rt = rt;
    pthread_mutex_unlock(&x86_index_lock);
}

void x86_restore_index_reset(void)
{
    pthread_mutex_lock(&x86_index_lock);
    x86_index_nb = 0;
    pthread_mutex_unlock(&x86_index_lock);
}

bool tcg_x86_restore_lookup(uintptr_t host_pc, uint64_t data[2])
{
    size_t lo = 0, hi;
    const X86RestoreTable *rt = NULL;
    uintptr_t off = 0;
    uint32_t i;

    if (!tcg_code_buffer_contains(host_pc)) {
        return false;
    }
    host_pc--;       /* a return address: the call is just before it */
    pthread_mutex_lock(&x86_index_lock);
    hi = x86_index_nb;
    while (lo < hi) {            /* last entry with start <= host_pc */
        size_t mid = (lo + hi) / 2;

        if (x86_index[mid].start <= host_pc) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo > 0 && host_pc - x86_index[lo - 1].start <
                  x86_index[lo - 1].rt->code_size) {
        rt = x86_index[lo - 1].rt;
        off = host_pc - x86_index[lo - 1].start;
    }
    pthread_mutex_unlock(&x86_index_lock);
    if (!rt) {
        return false;
    }
    /* insn i covers [end of insn i-1, end of insn i); code before the
     * first insn_start counts as the first insn */
    data[0] = rt->tb_pc;
    data[1] = 0;
    for (i = 0; i < rt->nb; i++) {
        if (off < rt->e[i].end_off) {
            data[0] = rt->e[i].data[0];
            data[1] = rt->e[i].data[1];
            break;
        }
    }
    return true;
}

/*
 * fork(): hold x86_index_lock across it (tcg-fork.h):
 * the restore index stays whole.
 */
void x86_index_fork_prepare(void)
{
    pthread_mutex_lock(&x86_index_lock);
}

void x86_index_fork_parent(void)
{
    pthread_mutex_unlock(&x86_index_lock);
}

void x86_index_fork_child(void)
{
    pthread_mutex_init(&x86_index_lock, NULL);
}
