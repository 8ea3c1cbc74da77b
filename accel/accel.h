/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * AccelOps: the only interface to an accelerator the rest of Janus sees.
 */
#ifndef ACCEL_ACCEL_H
#define ACCEL_ACCEL_H

#include <stdbool.h>
#include "cpu/cpu.h"
#include "memory/memory.h"

struct AccelOps {
    const char *name;
    /* Create the VM (KVM: VM fd, in-kernel irqchip; TCG: code buffer). */
    int (*machine_init)(Machine *m);
    void (*machine_destroy)(Machine *m);
    /* vCPU fd / TCG context; no thread. */
    int (*cpu_create)(CPU *cpu);
    /* Run until an exit worth returning; dispatches I/O itself. */
    CPUExit (*cpu_run)(CPU *cpu);
    /* Any thread; cpu_run returns soon. exit_request is already set. */
    void (*cpu_kick)(CPU *cpu);
    /* accelerator -> cpu->arch, and back (clears arch_dirty). */
    int (*cpu_state_get)(CPU *cpu);
    int (*cpu_state_put)(CPU *cpu);
    /*
     * Drive an input of the accelerator's in-kernel interrupt controllers
     * (GSI numbering). NULL if the accelerator has none; boards then use
     * the user-space controllers.
     */
    void (*irqchip_set_line)(Machine *m, int gsi, int level);
    /*
     * Put the accelerator's own devices (in-kernel irqchip, PIT, each
     * vCPU's local APIC) back to their power-on state for a guest reset.
     * NULL if it has none.
     */
    void (*machine_reset)(Machine *m);
    /* Listener for the memory address space; NULL if the map does not matter. */
    const MemoryListenerOps *memory_listener;
};

extern const AccelOps kvm_accel_ops;
/* TCG system mode (accel/tcg/tcg-accel-ops.c). */
extern const AccelOps tcg_accel_ops;

/*
 * What the system emulator binary emulates, for choosing an accelerator.
 * Its main() calls accel_set_target() before accel_find/accel_default;
 * without that call the target is x86-64 with KVM and no TCG front end.
 */
struct TCGTargetOps;
typedef struct AccelTarget {
    const char *name;                    /* "riscv64", for messages */
    bool kvm;                            /* KVM on this host can run it */
    const struct TCGTargetOps *tcg_ops;  /* TCG front end, NULL if none */
} AccelTarget;
void accel_set_target(const AccelTarget *target);
/* The TCG hooks of the target, or NULL (no TCG front end). */
const struct TCGTargetOps *accel_tcg_target(void);

/*
 * Find an accelerator by its -accel name. Returns NULL and reports why
 * (unknown name, or known but not built) if there is none.
 */
const AccelOps *accel_find(const char *name);
/*
 * The default accelerator for this host and target, or NULL: KVM where it
 * runs the target with hardware support, else TCG if the target has it.
 */
const AccelOps *accel_default(void);

#endif
