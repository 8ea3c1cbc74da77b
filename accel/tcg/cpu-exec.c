/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The exec loop: find or translate the TB for the CPU's state, chain the
 * TB we came from to it, run it through the back end, and return to the
 * caller only for an exception or an exit request.
 *
 * Exceptions from helpers (and host faults in guest accesses) leave the
 * back end with siglongjmp to tcg_cpu_exec(); restore_state_to_insn gets
 * the faulting instruction's insn_start data to make the guest state
 * precise (native code: from the host pc or the TB's frame; the
 * interpreter: the record it keeps in the vCPU).
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "accel/tcg/cputlb.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-internal.h"
#include "accel/tcg/tcg-log.h"
#include "util/error.h"

TCGStats tcg_stats;

unsigned long tcg_stats_loop_lookups(void)
{
    unsigned long lookups, chained;

    tb_cache_vcpu_stats(&lookups, &chained);
    return lookups;
}

unsigned long tcg_stats_chained_entries(void)
{
    unsigned long lookups, chained;

    tb_cache_vcpu_stats(&lookups, &chained);
    return chained + atomic_load_explicit(&tcg_stats.chained_entries,
                                          memory_order_relaxed);
}

static __thread CPU *tcg_this_cpu;

CPU *tcg_current_cpu(void)
{
    return tcg_this_cpu;
}

bool tcg_cpu_in_guest_code(void)
{
    return tcg_this_cpu && tcg_vcpu(tcg_this_cpu)->in_tb;
}

int tcg_cpu_init(CPU *cpu, const TCGTargetOps *ops)
{
    TCGVcpu *v = calloc(1, sizeof(*v));

    if (!v) {
        error_report("tcg: out of memory for vCPU %d", cpu->index);
        return -ENOMEM;
    }
    /* the code buffer now, so a bad JANUS_TCG_CODE_SIZE is one clean error */
    if (tcg_backend_kind() == TCG_BACKEND_X86_64) {
        int ret = tcg_code_buffer_init(0);

        if (ret < 0) {
            free(v);
            return ret;
        }
    }
    v->pub.ops = ops;
    v->cpu = cpu;
    cpu->accel_state = v;
    tb_cache_register_cpu(v);
    return 0;
}

static uint32_t tcg_cpu_cflags(const TCGVcpu *v)
{
    return v->pub.one_insn_per_tb ? 1 : 0;
}

/* The helper behind tcg_gen_lookup_and_goto_ptr: for the interpreter the
 * "host code pointer" is the TB itself; NULL sends the TB to the loop. */
void *tcg_lookup_tb_ptr(CPUArchState *env)
{
    CPU *cpu = tcg_this_cpu;
    TCGVcpu *v = tcg_vcpu(cpu);
    TranslationBlock *tb;
    uint64_t pc;
    uint32_t flags;

    /* only this thread writes it: a plain increment, read racily */
    __atomic_store_n(&v->stat_helper_lookups, v->stat_helper_lookups + 1,
                     __ATOMIC_RELAXED);
    if (tcg_log_mask & TCG_LOG_EXEC) {
        return NULL;    /* every TB entry through the loop, to log it */
    }
    v->pub.ops->get_tb_cpu_state(env, &pc, &flags);
    if (tcg_system_mode) {
        uint64_t phys;

        /* fast path, no lock: the jump cache's TB for pc, one page long,
         * whose page the code TLB still maps there */
        tb = tb_jmp_cache_probe(v, pc, flags, tcg_cpu_cflags(v));
        if (tb && tb->page_addr[1] == (uint64_t)-1 &&
            tlb_code_page_is(cpu, pc, tb->page_addr[0])) {
            return tb;
        }
        /* a fetch fault is the loop's to raise, with the state exact */
        phys = tlb_get_page_addr_code(cpu, pc, true);

        tb = phys == (uint64_t)-1 ? NULL
            : tb_lookup_phys(v, pc, phys & TB_PAGE_MASK, flags,
                             tcg_cpu_cflags(v));

        return tb && tlb_tb_pages_current(cpu, tb) ? tb : NULL;
    }
    tb = tb_jmp_cache_probe(v, pc, flags, tcg_cpu_cflags(v));
    return tb ? tb : tb_lookup(v, pc, flags, tcg_cpu_cflags(v));
}

const TCGHelperInfo tcg_helper_info_lookup_tb_ptr = {
    .func = (void *)tcg_lookup_tb_ptr,
    .name = "lookup_tb_ptr",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(1, TCG_HELPER_PTR),
    .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .nb_args = 1,
};

/*
 * System mode: chain last's slot n to tb, which the loop has just found
 * for the current mapping. Within the source's virtual page, to a TB of
 * that page only, the link needs nothing more (the source ran under the
 * same page mapping). Otherwise it is guarded by the virtual pages of tb
 * and dropped by any TLB flush of them (tb_link_guarded).
 */
static void tcg_link_system(CPU *cpu, TranslationBlock *last, unsigned n,
                            TranslationBlock *tb)
{
    uint64_t to_page = tb->pc & TB_PAGE_MASK, guards[2];
    unsigned nr = 0;

    if (to_page != (last->pc & TB_PAGE_MASK)) {
        guards[nr++] = to_page;
    }
    if (tb->page_addr[1] != (uint64_t)-1) {
        guards[nr++] = to_page + TB_PAGE_SIZE;
    }
    if (!nr) {
        tb_link(last, n, tb);
        return;
    }
    /* the guard: tb's pages map, in the code TLB, where tb was made */
    if (tlb_cross_page_chaining() &&
        tlb_code_page_is(cpu, tb->pc, tb->page_addr[0]) &&
        tlb_tb_pages_current(cpu, tb)) {
        tb_link_guarded(last, n, tb, guards, nr);
    }
}

static int tcg_cpu_loop(TCGVcpu *v)
{
    CPU *cpu = v->cpu;
    const TCGTargetOps *ops = v->pub.ops;
    TranslationBlock *last = NULL;
    unsigned last_n = 0;
    unsigned long flushes = atomic_load(&tcg_stats.flushes);

    for (;;) {
        TranslationBlock *tb;
        uint64_t pc;
        uint32_t flags, cflags = tcg_cpu_cflags(v);
        uintptr_t ret;

        if (atomic_load_explicit(&cpu->exit_request, memory_order_acquire)) {
            return EXCP_INTERRUPT;
        }
        ops->get_tb_cpu_state(cpu->arch, &pc, &flags);
        /* only this thread writes it: a plain increment, read racily */
        __atomic_store_n(&v->stat_loop_lookups, v->stat_loop_lookups + 1,
                         __ATOMIC_RELAXED);
        if (tcg_system_mode) {
            /* TBs are keyed by the physical page of their code */
            uint64_t phys;

            tb = tb_jmp_cache_probe(v, pc, flags, cflags);
            if (tb && tb->page_addr[1] == (uint64_t)-1 &&
                tlb_code_page_is(cpu, pc, tb->page_addr[0])) {
                goto found;     /* the lock-free fast path */
            }
            phys = tlb_get_page_addr_code(cpu, pc, false);
            tb = tb_lookup_phys(v, pc, phys & TB_PAGE_MASK, flags, cflags);
            if (tb && !tlb_tb_pages_current(cpu, tb)) {
                /* its second page moved: drop it (and any TB on its first
                 * byte) so the retranslation does not find it again */
                tb_invalidate_range(phys, phys + 1);
                tb = NULL;
            }
        } else {
            tb = tb_lookup(v, pc, flags, cflags);
        }
        if (!tb) {
            tb = tb_gen_code(v, pc, flags, cflags);
        }
found:
        if (atomic_load(&tcg_stats.flushes) != flushes) {
            last = NULL;       /* freed by a flush */
            flushes = atomic_load(&tcg_stats.flushes);
        }
        if (last && !(last->cflags & CF_NO_CHAIN) &&
            !(tcg_log_mask & TCG_LOG_EXEC)) {
            if (tcg_system_mode) {
                tcg_link_system(cpu, last, last_n, tb);
            } else {
                tb_link(last, last_n, tb);
            }
        }
        if (tcg_log_mask & TCG_LOG_EXEC) {
            fprintf(tcg_log_stream(), "Trace: TB %p pc=0x%" PRIx64 "\n",
                    (void *)tb, pc);
        }
        v->in_tb = true;
        ret = tcg_backend_kind() == TCG_BACKEND_X86_64
              ? tcg_x86_exec(v, tb) : tcg_backend_exec(v, tb);
        v->in_tb = false;
        if (ret == TB_EXIT_REQUESTED) {
            return EXCP_INTERRUPT;
        }
        last = (TranslationBlock *)(ret & ~(uintptr_t)3);
        last_n = ret & 1;
    }
}

static void tcg_target_exec_leave(CPU *cpu, TCGVcpu *v)
{
    if (v->pub.ops->exec_leave) {
        v->pub.ops->exec_leave(cpu->arch);
    }
    tcg_exec_leave(v);
}

int tcg_cpu_exec(CPU *cpu)
{
    TCGVcpu *v = tcg_vcpu(cpu);
    int ret;

    tcg_this_cpu = cpu;
    if (!tcg_ctx) {
        tcg_context_init();
        if (v->pub.ops->init_globals) {
            v->pub.ops->init_globals();
        }
    }
    /*
     * No signal mask saved: that would be a syscall on every call (every
     * guest syscall) and another on every exception. Helpers raise with
     * the mask untouched; a host fault handler leaving through
     * tcg_raise_exception(..., 1) is SA_NODEFER with an empty sa_mask
     * (user/signal.c), and that path unblocks SIGSEGV/SIGBUS anyway.
     */
    tcg_exec_enter(v);
    if (sigsetjmp(v->pub.jmp_env, 0)) {
        v->in_tb = false;
        tcg_x86_leave(v);
        tcg_target_exec_leave(cpu, v);
        return v->pub.exception_index;
    }
    ret = tcg_cpu_loop(v);
    tcg_target_exec_leave(cpu, v);
    return ret;
}

void tcg_raise_exception(CPU *cpu, int excp, uintptr_t host_pc)
{
    TCGVcpu *v = tcg_vcpu(cpu);

    v->pub.exception_index = excp;
    if (host_pc && v->in_tb && v->pub.ops->restore_state_to_insn) {
        uint64_t data[2];

        /*
         * Native code: a host pc inside the code buffer names the insn
         * (restore table); otherwise (host_pc 1 from a fault handler, a
         * helper's helper) the last guest access or helper call the TB
         * recorded in its frame. The interpreter: its insn_start record.
         */
        if ((host_pc != 1 && tcg_x86_restore_lookup(host_pc, data)) ||
            tcg_x86_fault_lookup(v, data)) {
            v->pub.ops->restore_state_to_insn(cpu->arch, data);
        } else {
            v->pub.ops->restore_state_to_insn(cpu->arch, v->insn_data);
        }
    }
    v->in_tb = false;
    tcg_x86_unwind(v);
    if (host_pc == 1) {
        /* from a fault handler: do not come back with the fault blocked */
        sigset_t faults;

        sigemptyset(&faults);
        sigaddset(&faults, SIGSEGV);
        sigaddset(&faults, SIGBUS);
        pthread_sigmask(SIG_UNBLOCK, &faults, NULL);
    }
    siglongjmp(v->pub.jmp_env, 1);
}
