/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Weak stand-ins for the cpu/riscv hart functions (cpu/riscv/hart.h),
 * linked into janus-system-riscv64 so it links before cpu/riscv has them
 * all. Each real definition in cpu/riscv replaces its stand-in (a strong
 * symbol wins over a weak one). Without harts the board fails at hart
 * creation; a hart without one of the SBI calls below ends the machine
 * with an error the first time the kernel needs it. Delete this file once
 * cpu/riscv defines every function of hart.h.
 *
 * Caveat: a real definition in an archive member that nothing else pulls
 * in would lose to the stand-in; keep them in hart.c with
 * riscv_hart_create.
 */
#include "cpu/riscv/hart.h"
#include "util/error.h"

#define WEAK __attribute__((weak))

WEAK CPU *riscv_hart_create(Machine *m, unsigned hartid)
{
    error_report("riscv64 harts are not built yet (cpu/riscv has no "
                 "system mode in this build)");
    return NULL;
}

/* Without riscv_hart_create there is no hart to call these on. */
WEAK void riscv_hart_set_irq(CPU *cpu, unsigned irq, bool level)
{
}

WEAK void riscv_hart_set_time_source(CPU *cpu, RiscvTimeSource *read_mtime,
                                     void *opaque)
{
}

WEAK void riscv_hart_set_sbi_handler(CPU *cpu, RiscvSbiHandler *handler,
                                     void *opaque)
{
}

WEAK void riscv_hart_reset(CPU *cpu, unsigned hartid, uint64_t reset_pc,
                           uint64_t a1)
{
}

WEAK void riscv_hart_reset_to_supervisor(CPU *cpu, unsigned hartid,
                                         uint64_t pc, uint64_t fdt_addr)
{
}

/* The SBI's calls: real harts may exist without them. */
static void hart_call_missing(CPU *cpu, const char *what)
{
    error_report("riscv hart %d: %s is not implemented by cpu/riscv yet",
                 cpu->index, what);
    machine_request_shutdown(cpu->machine, SHUTDOWN_ERROR, 1);
}

WEAK void riscv_hart_set_stimer(CPU *cpu, uint64_t deadline)
{
    hart_call_missing(cpu, "riscv_hart_set_stimer (SBI set_timer)");
}

WEAK void riscv_hart_flush_tlb(CPU *cpu)
{
    hart_call_missing(cpu, "riscv_hart_flush_tlb (SBI remote_sfence_vma)");
}

WEAK void riscv_hart_stop(CPU *cpu)
{
    hart_call_missing(cpu, "riscv_hart_stop (SBI HSM, secondary harts)");
}

WEAK void riscv_hart_start(CPU *cpu, unsigned hartid, uint64_t pc,
                           uint64_t opaque)
{
    hart_call_missing(cpu, "riscv_hart_start (SBI hart_start)");
}
