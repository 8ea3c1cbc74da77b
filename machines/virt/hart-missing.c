/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stand-ins for the cpu/riscv hart functions (cpu/riscv/hart.h) while
 * this branch has no system-mode riscv64 harts: the board then fails
 * clearly at hart creation. Linked only while cpu/riscv defines no
 * riscv_hart_create (machines/virt/Build.mk); delete with the real harts.
 */
#include "cpu/riscv/hart.h"
#include "util/error.h"

CPU *riscv_hart_create(Machine *m, unsigned hartid)
{
    error_report("riscv64 harts are not built yet (cpu/riscv has no "
                 "system mode in this build)");
    return NULL;
}

/* Never reached: there is no hart to call them on. */
void riscv_hart_set_irq(CPU *cpu, unsigned irq, bool level)
{
}

void riscv_hart_set_time_source(CPU *cpu, RiscvTimeSource *read_mtime,
                                void *opaque)
{
}

void riscv_hart_set_sbi_handler(CPU *cpu, RiscvSbiHandler *handler,
                                void *opaque)
{
}

void riscv_hart_reset(CPU *cpu, unsigned hartid, uint64_t reset_pc,
                      uint64_t a1)
{
}

void riscv_hart_reset_to_supervisor(CPU *cpu, unsigned hartid, uint64_t pc,
                                    uint64_t fdt_addr)
{
}

void riscv_hart_set_stimer(CPU *cpu, uint64_t deadline)
{
}

void riscv_hart_raise_ssip(CPU *cpu)
{
}

void riscv_hart_flush_tlb(CPU *cpu)
{
}

void riscv_hart_stop(CPU *cpu)
{
}

void riscv_hart_start(CPU *cpu, unsigned hartid, uint64_t pc, uint64_t opaque)
{
}
