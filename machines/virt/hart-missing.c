/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stand-ins for the cpu/riscv hart functions (cpu/riscv/hart.h), so
 * janus-system-riscv64 links before cpu/riscv has them all. Each is
 * compiled only while cpu/riscv defines no function of its name
 * (machines/virt/Build.mk passes -DHAVE_<name> otherwise; weak symbols
 * would not do: the linker never pulls an archive member to replace one).
 * Without harts the board fails at hart creation; a hart without one of
 * the SBI calls below ends the machine with an error the first time the
 * kernel needs it. Delete this file once cpu/riscv defines all of hart.h.
 */
#include "cpu/riscv/hart.h"
#include "util/error.h"

#ifndef HAVE_riscv_hart_create
CPU *riscv_hart_create(Machine *m, unsigned hartid)
{
    error_report("riscv64 harts are not built yet (cpu/riscv has no "
                 "system mode in this build)");
    return NULL;
}
#endif

/* Without riscv_hart_create there is no hart to call these on. */
#ifndef HAVE_riscv_hart_set_irq
void riscv_hart_set_irq(CPU *cpu, unsigned irq, bool level)
{
}
#endif

#ifndef HAVE_riscv_hart_set_time_source
void riscv_hart_set_time_source(CPU *cpu, RiscvTimeSource *read_mtime,
                                void *opaque)
{
}
#endif

#ifndef HAVE_riscv_hart_set_sbi_handler
void riscv_hart_set_sbi_handler(CPU *cpu, RiscvSbiHandler *handler,
                                void *opaque)
{
}
#endif

#ifndef HAVE_riscv_hart_reset
void riscv_hart_reset(CPU *cpu, unsigned hartid, uint64_t reset_pc,
                      uint64_t a1)
{
}
#endif

#ifndef HAVE_riscv_hart_reset_to_supervisor
void riscv_hart_reset_to_supervisor(CPU *cpu, unsigned hartid,
                                    uint64_t pc, uint64_t fdt_addr)
{
}
#endif

/* The SBI's calls: real harts may exist without them. */
static inline void hart_call_missing(CPU *cpu, const char *what)
{
    error_report("riscv hart %d: %s is not implemented by cpu/riscv yet",
                 cpu->index, what);
    machine_request_shutdown(cpu->machine, SHUTDOWN_ERROR, 1);
}

#ifndef HAVE_riscv_hart_set_stimer
void riscv_hart_set_stimer(CPU *cpu, uint64_t deadline)
{
    hart_call_missing(cpu, "riscv_hart_set_stimer (SBI set_timer)");
}
#endif

#ifndef HAVE_riscv_hart_flush_tlb
void riscv_hart_flush_tlb(CPU *cpu)
{
    hart_call_missing(cpu, "riscv_hart_flush_tlb (SBI remote_sfence_vma)");
}
#endif

#ifndef HAVE_riscv_hart_stop
void riscv_hart_stop(CPU *cpu)
{
    hart_call_missing(cpu, "riscv_hart_stop (SBI HSM, secondary harts)");
}
#endif

#ifndef HAVE_riscv_hart_start
void riscv_hart_start(CPU *cpu, unsigned hartid, uint64_t pc,
                      uint64_t opaque)
{
    hart_call_missing(cpu, "riscv_hart_start (SBI hart_start)");
}
#endif
