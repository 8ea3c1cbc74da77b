/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The "tcg" accelerator for whole machines (system mode): the vCPU loop
 * around tcg_cpu_exec that takes interrupts, delivers exceptions, halts
 * in WFI, and serves the soft MMU's flush requests (docs/softmmu.md).
 */
#include <errno.h>
#include <stdatomic.h>

#include "accel/accel.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-exec.h"
#include "machines/machine.h"
#include "util/error.h"
#include "util/machine-lock.h"

/* What wakes a halted vCPU in cpu/cpu-thread.c. */
static const uint32_t tcg_wakeup_mask =
    CPU_INTERRUPT_HARD | CPU_INTERRUPT_NMI | CPU_INTERRUPT_INIT |
    CPU_INTERRUPT_SIPI;

/*
 * A change of the memory map may move RAM or devices under cached
 * translations: every vCPU drops its TLB before its next TB.
 */
static void tcg_memory_commit(void *opaque, AddressSpace *as)
{
    Machine *m = opaque;

    for (unsigned i = 0; i < m->nr_cpus; i++) {
        tlb_flush_async(m->cpus[i]);
    }
}

static const MemoryListenerOps tcg_memory_listener_ops = {
    .commit = tcg_memory_commit,
};

static MemoryListener tcg_memory_listener;

/*
 * DMA, loaders and page-table updates write RAM behind the TLB's back:
 * translations of the bytes they change are dropped here, as a guest
 * store to a code page drops them.
 */
static void tcg_ram_written(AddressSpace *as, uint64_t addr, uint64_t len,
                            void *opaque)
{
    Machine *m = opaque;

    if (as == &m->as_memory) {   /* TBs are keyed by its addresses */
        tlb_notify_phys_write(addr, len);
    }
}

static int tcg_accel_machine_init(Machine *m)
{
    if (!accel_tcg_target()) {
        error_report("-accel tcg: no TCG front end for this target");
        return -ENOTSUP;
    }
    /* before anything is translated: guest accesses go to the soft MMU */
    tcg_system_mode = true;
    tcg_memory_listener.ops = &tcg_memory_listener_ops;
    tcg_memory_listener.opaque = m;
    memory_listener_register(&m->as_memory, &tcg_memory_listener);
    memory_set_ram_write_hook(tcg_ram_written, m);
    return 0;
}

static void tcg_accel_machine_destroy(Machine *m)
{
    memory_set_ram_write_hook(NULL, NULL);
    memory_listener_unregister(&m->as_memory, &tcg_memory_listener);
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        if (m->cpus[i]->accel_state) {
            tlb_destroy(m->cpus[i]);
        }
    }
}

static int tcg_accel_cpu_create(CPU *cpu)
{
    int ret;

    /* a target may have set the vCPU up itself (riscv_hart_create) */
    if (!cpu->accel_state) {
        ret = tcg_cpu_init(cpu, accel_tcg_target());
        if (ret < 0) {
            return ret;
        }
    }
    return tlb_init(cpu);
}

/*
 * Halted with an interrupt pending that is not enabled (so has_work is
 * false) while interrupt_request still has a wake bit: returning HALT
 * would make the thread loop run us again at once. Sleep until the next
 * kick instead (a device raising a line, an IPI, a stop request).
 */
static void tcg_wait_for_kick(CPU *cpu)
{
    machine_lock();
    while (!atomic_load(&cpu->exit_request)) {
        machine_lock_cond_wait(&cpu->cond);
    }
    machine_unlock();
    /* consumed: the caller returns to the thread loop, which rechecks */
    atomic_store(&cpu->exit_request, 0);
}

static CPUExit tcg_accel_cpu_run(CPU *cpu)
{
    TCGCPUState *s = cpu->accel_state;
    const TCGTargetOps *ops = s->ops;

    for (;;) {
        int excp;

        /*
         * A kick is consumed by going back to the thread loop, which
         * rechecks stop, reset and shutdown requests (as kvm-run.c does).
         */
        if (atomic_exchange(&cpu->exit_request, 0)) {
            return CPU_EXIT_KICK;
        }
        tlb_process_requests(cpu);

        if (ops->cpu_parked && ops->cpu_parked(cpu)) {
            s->wfi_halted = true;
        }
        if (s->wfi_halted) {
            if (!ops->has_work || ops->has_work(cpu)) {
                s->wfi_halted = false;
            } else if (!(atomic_load(&cpu->interrupt_request) &
                         tcg_wakeup_mask)) {
                return CPU_EXIT_HALT;   /* the thread sleeps for a wake bit */
            } else {
                tcg_wait_for_kick(cpu);
                return CPU_EXIT_KICK;
            }
        }
        if ((atomic_load(&cpu->interrupt_request) & CPU_INTERRUPT_HARD) &&
            ops->exec_interrupt && ops->exec_interrupt(cpu)) {
            continue;   /* trap entry done; the pc and mode changed */
        }

        tlb_exec_begin(cpu);
        excp = tcg_cpu_exec(cpu);
        tlb_exec_end(cpu);
        if (excp == EXCP_INTERRUPT) {
            return CPU_EXIT_KICK;
        }
        if (excp == EXCP_HALTED) {
            s->wfi_halted = true;
            continue;
        }
        if (excp < 0 || !ops->do_exception) {
            error_report("tcg: vCPU %d: exception %d the target cannot "
                         "deliver", cpu->index, excp);
            return CPU_EXIT_ERROR;
        }
        ops->do_exception(cpu, excp);
    }
}

static void tcg_accel_cpu_kick(CPU *cpu)
{
    /*
     * exit_request is set: translated code stops at the next TB entry, and
     * a vCPU sleeping in tcg_wait_for_kick is woken by cpu_kick's
     * broadcast of cpu->cond. Nothing else to do.
     */
}

static int tcg_accel_cpu_state_get(CPU *cpu)
{
    return 0;   /* TCG runs on cpu->arch itself */
}

static int tcg_accel_cpu_state_put(CPU *cpu)
{
    TCGCPUState *s = cpu->accel_state;

    /* the board rewrote the state (reset): nothing cached survives */
    cpu->arch_dirty = false;
    s->wfi_halted = false;
    tlb_flush(cpu);
    return 0;
}

/*
 * Guest reset (every vCPU parked, none in translated code): RAM was
 * reloaded behind the soft MMU's back, so no translation survives.
 */
static void tcg_accel_machine_reset(Machine *m)
{
    tb_flush_all();
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        tlb_flush_async(m->cpus[i]);
    }
}

const AccelOps tcg_accel_ops = {
    .name = "tcg",
    .machine_init = tcg_accel_machine_init,
    .machine_destroy = tcg_accel_machine_destroy,
    .cpu_create = tcg_accel_cpu_create,
    .cpu_run = tcg_accel_cpu_run,
    .cpu_kick = tcg_accel_cpu_kick,
    .cpu_state_get = tcg_accel_cpu_state_get,
    .cpu_state_put = tcg_accel_cpu_state_put,
    .machine_reset = tcg_accel_machine_reset,
    /* machine_init registers its own listener, with the Machine as opaque */
    .memory_listener = NULL,
};
