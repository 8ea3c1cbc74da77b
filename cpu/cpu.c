/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Interrupt requests and the kick, common to every accelerator. */
#include "cpu/cpu.h"

#include "accel/accel.h"
#include "util/machine-lock.h"

/*
 * Wake a vCPU thread waiting in its loop (halted or parked). Its waits use
 * cpu->cond with the machine lock, so signal under that lock or the wakeup
 * could fall between its test and its wait.
 */
static void cpu_thread_wake(CPU *cpu)
{
    if (machine_lock_held()) {
        pthread_cond_broadcast(&cpu->cond);
    } else {
        machine_lock();
        pthread_cond_broadcast(&cpu->cond);
        machine_unlock();
    }
}

void cpu_kick(CPU *cpu)
{
    atomic_store(&cpu->exit_request, 1);
    if (cpu->accel && cpu->accel->cpu_kick) {
        cpu->accel->cpu_kick(cpu);
    }
    if (cpu->thread_running) {
        cpu_thread_wake(cpu);
    }
}

void cpu_interrupt(CPU *cpu, uint32_t mask)
{
    atomic_fetch_or(&cpu->interrupt_request, mask);
    cpu_kick(cpu);
}

void cpu_interrupt_clear(CPU *cpu, uint32_t mask)
{
    atomic_fetch_and(&cpu->interrupt_request, ~mask);
}
