/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A virtual CPU as the rest of Janus sees it. The accelerator that runs it
 * is chosen per vCPU (cpu->accel); the architectural state lives in
 * cpu->arch, defined by cpu/<target>/cpu-state.h.
 */
#ifndef CPU_CPU_H
#define CPU_CPU_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct AccelOps AccelOps;
typedef struct Machine Machine;
typedef struct CPUArchState CPUArchState;

/* interrupt_request bits */
enum {
    CPU_INTERRUPT_HARD = 1u << 0,  /* maskable interrupt pending */
    CPU_INTERRUPT_NMI = 1u << 1,
    CPU_INTERRUPT_INIT = 1u << 2,
    CPU_INTERRUPT_SIPI = 1u << 3,
};

typedef enum CPUExit {
    CPU_EXIT_KICK,      /* exit_request was set; loop re-checks requests */
    CPU_EXIT_HALT,      /* guest halted, waits for an interrupt */
    CPU_EXIT_DEBUG,
    CPU_EXIT_RESET,     /* guest asked for a reset (triple fault, 0xcf9...) */
    CPU_EXIT_SHUTDOWN,  /* guest asked to power off */
    CPU_EXIT_ERROR,     /* unrecoverable; the accelerator reported why */
} CPUExit;

typedef struct CPU {
    int index;
    Machine *machine;
    const AccelOps *accel;         /* chosen per vCPU by the machine */
    void *accel_state;             /* private to accel/ */
    CPUArchState *arch;            /* canonical registers */
    bool arch_dirty;               /* arch is newer than the accelerator's copy */

    _Atomic uint32_t exit_request;      /* read by every TB and the KVM loop */
    _Atomic uint32_t interrupt_request; /* CPU_INTERRUPT_* */
    bool halted;

    /* thread control, see cpu/cpu-thread.c */
    pthread_t thread;
    bool thread_running;
    bool stop_request;    /* park in the thread loop (machine lock) */
    bool stopped;         /* parked */
    bool quit_request;    /* leave the thread loop */
    pthread_cond_t cond;  /* signalled on stopped/halted changes */
} CPU;

/* Set bits in interrupt_request, then kick the vCPU. Any thread. */
void cpu_interrupt(CPU *cpu, uint32_t mask);
void cpu_interrupt_clear(CPU *cpu, uint32_t mask);
/* Make cpu_run return soon: exit_request = 1, then the accelerator's kick. */
void cpu_kick(CPU *cpu);

/* vCPU threads (cpu/cpu-thread.c). Called with the machine lock held. */
int cpu_thread_start(CPU *cpu);
/* Park every vCPU and wait until all are parked (for reset, state moves). */
void cpus_stop_all(Machine *m);
void cpus_resume_all(Machine *m);
/* Stop and join every vCPU thread; called at exit. */
void cpus_quit_all(Machine *m);

#endif
