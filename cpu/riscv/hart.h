/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A riscv64 hart in system mode, as a board (machines/virt) and the TCG
 * system accelerator see it. The privileged state itself lives in
 * CPURISCVState (cpu-state.h); these calls are the only way devices touch
 * it, so the interrupt path stays the one of design contract 4: set a bit,
 * then kick the hart (cpu_interrupt), which leaves translated code at the
 * next block boundary through exit_request.
 */
#ifndef CPU_RISCV_HART_H
#define CPU_RISCV_HART_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/riscv/cpu-state.h"
#include "machines/machine.h"

/* Interrupt numbers: bit positions in mip/mie, and mcause codes. */
enum {
    RISCV_IRQ_S_SOFT = 1,
    RISCV_IRQ_M_SOFT = 3,
    RISCV_IRQ_S_TIMER = 5,
    RISCV_IRQ_M_TIMER = 7,
    RISCV_IRQ_S_EXT = 9,
    RISCV_IRQ_M_EXT = 11,
};

/* Privilege levels (CPURISCVState.priv). */
enum { RISCV_PRIV_U = 0, RISCV_PRIV_S = 1, RISCV_PRIV_M = 3 };

/*
 * Drive interrupt line irq (RISCV_IRQ_*) of the hart to level, from any
 * thread (device models, timers). Lines driven by devices are MSIP, MTIP,
 * MEIP, SEIP (and STIP when Sstc is off); the hart ORs them with the bits
 * software wrote to mip. Kicks the hart when the line rises.
 */
void riscv_hart_set_irq(CPU *cpu, unsigned irq, bool level);

/*
 * The time base: the board's mtime (ACLINT), in ticks of
 * RISCV_TIMEBASE_HZ. The hart reads it for the time CSR and for Sstc's
 * stimecmp. Set before the hart first runs.
 */
#define RISCV_TIMEBASE_HZ 10000000ull
typedef uint64_t RiscvTimeSource(void *opaque);
void riscv_hart_set_time_source(CPU *cpu, RiscvTimeSource *read_mtime,
                                void *opaque);

/*
 * The built-in SBI: when the board runs no firmware (no -bios), an ECALL
 * from S mode is handed to handler instead of trapping to M mode. handler
 * reads a0-a7 from the hart's registers and writes a0/a1 (the SBI return
 * pair); the hart then continues after the ECALL. handler may call
 * machine_request_shutdown/reset (it runs on the hart's thread without the
 * machine lock) and riscv_hart_* of other harts. NULL: no built-in SBI,
 * every ECALL traps as the ISA says.
 */
typedef void RiscvSbiHandler(CPU *cpu, CPURISCVState *env, void *opaque);
void riscv_hart_set_sbi_handler(CPU *cpu, RiscvSbiHandler *handler,
                                void *opaque);

/*
 * Power-on state for a system-mode hart: M mode, mhartid, every CSR at
 * its reset value, pc = reset_pc, a0 = hartid, a1 = a1 (the device-tree
 * address, as firmware and Linux expect). With a built-in SBI the board
 * instead starts the boot hart in S mode at the kernel with
 * riscv_hart_reset_to_supervisor.
 */
void riscv_hart_reset(CPU *cpu, unsigned hartid, uint64_t reset_pc,
                      uint64_t a1);
/*
 * Like riscv_hart_reset, then what firmware does before it jumps to an
 * S-mode payload: delegate the S-mode exceptions and interrupts
 * (medeleg/mideleg as OpenSBI sets them), open every counter to S and U
 * (mcounteren), enable Sstc (menvcfg.STCE), give S mode all of memory (no
 * PMP restriction), and enter S mode at pc with a0 = hartid, a1 = fdt.
 */
void riscv_hart_reset_to_supervisor(CPU *cpu, unsigned hartid, uint64_t pc,
                                    uint64_t fdt_addr);

/*
 * What the built-in SBI (machines/virt/sbi.c) asks of a hart. Added by the
 * board helper (H6) for SBI v1.0's TIME, IPI, RFENCE and HSM extensions;
 * implemented in cpu/riscv.
 */
/*
 * SBI set_timer: program the hart's supervisor timer, as a write of
 * stimecmp would: STIP is pending while mtime >= deadline (timer armed
 * through main-loop timers as for Sstc). Called on the hart's own thread.
 */
void riscv_hart_set_stimer(CPU *cpu, uint64_t deadline);
/* SBI send_ipi: set the software-writable mip.SSIP and kick. Any thread. */
void riscv_hart_raise_ssip(CPU *cpu);
/*
 * SBI remote_sfence_vma(_asid): the hart drops every cached translation
 * (soft-MMU TLB) before it next runs guest code. Any thread.
 */
void riscv_hart_flush_tlb(CPU *cpu);
/*
 * SBI HSM; the hart's own state (env->hsm) is the only record of it. A
 * stopped hart runs nothing and no interrupt wakes it.
 * riscv_hart_stop on the hart's own thread (hart_stop: it stops when the
 * SBI handler returns), or by the board while the hart's thread is not
 * running guest code (not started yet, or parked for a machine reset);
 * false if the hart was not started.
 * riscv_hart_start, any thread: if the hart is stopped, as
 * riscv_hart_reset_to_supervisor(cpu, hartid, pc, opaque), then it runs;
 * false (nothing done) if it is not stopped.
 * riscv_hart_hsm_status: RISCV_HSM_* (the SBI hart_get_status values).
 */
bool riscv_hart_stop(CPU *cpu);
bool riscv_hart_start(CPU *cpu, unsigned hartid, uint64_t pc, uint64_t opaque);
int riscv_hart_hsm_status(CPU *cpu);

/* The TCG hooks of a system-mode riscv64 hart (tcg-exec.h). */
struct TCGTargetOps;
extern const struct TCGTargetOps riscv64_system_tcg_ops;

/*
 * Create hart hartid for board m (CPU struct, arch state, TCG per-vCPU
 * state with riscv64_system_tcg_ops); the board adds it to m->cpus.
 */
CPU *riscv_hart_create(Machine *m, unsigned hartid);

#endif
