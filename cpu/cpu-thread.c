/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One host thread per vCPU, for every accelerator (design contract 8).
 *
 * The thread holds the machine lock except while the guest runs
 * (cpu_run). The flags stop_request, stopped, quit_request, halted and
 * thread_running are read and written under the machine lock; cpu->cond
 * (waited on with the machine lock) signals every change of them.
 */
#include "cpu/cpu.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "accel/accel.h"
#include "machines/machine.h"
#include "util/error.h"
#include "util/machine-lock.h"

static const uint32_t cpu_wakeup_mask =
    CPU_INTERRUPT_HARD | CPU_INTERRUPT_NMI | CPU_INTERRUPT_INIT |
    CPU_INTERRUPT_SIPI;

/* Parked for stop_request: tell the waiter, sleep until released. */
static void cpu_thread_park(CPU *cpu)
{
    cpu->stopped = true;
    pthread_cond_broadcast(&cpu->cond);
    while (cpu->stop_request && !cpu->quit_request) {
        machine_lock_cond_wait(&cpu->cond);
    }
    cpu->stopped = false;
    pthread_cond_broadcast(&cpu->cond);
}

/*
 * The vCPU cannot go on (error): count as stopped for cpus_stop_all and
 * sleep until the main loop ends the machine.
 */
static void cpu_thread_park_forever(CPU *cpu)
{
    cpu->stopped = true;
    pthread_cond_broadcast(&cpu->cond);
    while (!cpu->quit_request) {
        machine_lock_cond_wait(&cpu->cond);
    }
}

/*
 * After a reset or poweroff request the main loop acts next (stop +
 * reset, or quit); do not run the guest meanwhile.
 */
static void cpu_thread_wait_for_main(CPU *cpu)
{
    while (!cpu->stop_request && !cpu->quit_request) {
        machine_lock_cond_wait(&cpu->cond);
    }
}

static void *cpu_thread_fn(void *opaque)
{
    CPU *cpu = opaque;
    Machine *m = cpu->machine;
    CPUExit exit;

    machine_lock();
    while (!cpu->quit_request) {
        if (cpu->stop_request) {
            cpu_thread_park(cpu);
            continue;
        }
        if (cpu->halted) {
            if (atomic_load(&cpu->interrupt_request) & cpu_wakeup_mask) {
                cpu->halted = false;
                pthread_cond_broadcast(&cpu->cond);
            } else {
                machine_lock_cond_wait(&cpu->cond);
            }
            continue;
        }
        if (machine_request_pending(m)) {
            /* A poweroff or reset stops the guest until the main loop acts. */
            cpu_thread_wait_for_main(cpu);
            continue;
        }
        /* Before the first run and after a reset the board wrote arch. */
        if (cpu->arch_dirty && cpu->accel->cpu_state_put(cpu) < 0) {
            machine_request_shutdown(m, SHUTDOWN_ERROR, 1);
            cpu_thread_park_forever(cpu);
            break;
        }

        machine_unlock();
        exit = cpu->accel->cpu_run(cpu);
        machine_lock();

        switch (exit) {
        case CPU_EXIT_KICK:
        case CPU_EXIT_DEBUG:
            break;
        case CPU_EXIT_HALT:
            cpu->halted = true;
            pthread_cond_broadcast(&cpu->cond);
            break;
        case CPU_EXIT_RESET:
            machine_request_reset(m);
            cpu_thread_wait_for_main(cpu);
            break;
        case CPU_EXIT_SHUTDOWN:
            machine_request_shutdown(m, SHUTDOWN_GUEST_POWEROFF, 0);
            cpu_thread_wait_for_main(cpu);
            break;
        case CPU_EXIT_ERROR:
            /* QEMU pauses the guest forever here; we end with status 1. */
            machine_request_shutdown(m, SHUTDOWN_ERROR, 1);
            cpu_thread_park_forever(cpu);
            break;
        }
    }
    machine_unlock();
    return NULL;
}

int cpu_thread_start(CPU *cpu)
{
    char name[16];
    int ret;

    cpu->quit_request = false;
    cpu->stopped = false;
    ret = pthread_create(&cpu->thread, NULL, cpu_thread_fn, cpu);
    if (ret) {
        error_report("cannot start the thread of CPU %d: %s", cpu->index,
                     strerror(ret));
        return -ret;
    }
    snprintf(name, sizeof(name), "CPU %d/%s", cpu->index,
             cpu->accel && cpu->accel->name ? cpu->accel->name : "?");
    pthread_setname_np(cpu->thread, name);
    cpu->thread_running = true;
    return 0;
}

void cpus_stop_all(Machine *m)
{
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        CPU *cpu = m->cpus[i];

        if (cpu->thread_running) {
            cpu->stop_request = true;
            cpu_kick(cpu);
        }
    }
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        CPU *cpu = m->cpus[i];

        while (cpu->thread_running && !cpu->stopped) {
            machine_lock_cond_wait(&cpu->cond);
        }
    }
}

void cpus_resume_all(Machine *m)
{
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        CPU *cpu = m->cpus[i];

        cpu->stop_request = false;
        pthread_cond_broadcast(&cpu->cond);
    }
}

void cpus_quit_all(Machine *m)
{
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        CPU *cpu = m->cpus[i];

        if (cpu->thread_running) {
            cpu->quit_request = true;
            cpu_kick(cpu);
        }
    }
    /* The threads need the machine lock to see the request and leave. */
    machine_unlock();
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        CPU *cpu = m->cpus[i];

        if (cpu->thread_running) {
            pthread_join(cpu->thread, NULL);
        }
    }
    machine_lock();
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        m->cpus[i]->thread_running = false;
    }
}
