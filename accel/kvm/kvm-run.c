/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running a vCPU: the KVM_RUN loop, exit dispatch through the address
 * spaces (design contract 3) and the kick (contract 4).
 *
 * The kick: cpu_kick() sets cpu->exit_request, then sends KVM_KICK_SIGNAL
 * to the vCPU thread. The signal is unblocked only in vCPU threads and its
 * handler stores immediate_exit = 1 in that thread's kvm_run. The loop
 * tests exit_request before every KVM_RUN; a kick landing between the test
 * and the ioctl has already set immediate_exit, so KVM_RUN returns EINTR at
 * once instead of entering the guest. No kick is lost, none waits for a
 * timer.
 */
#include "accel/kvm/kvm-internal.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "util/error.h"

/* The kvm_run of the vCPU this thread runs; read by the signal handler. */
static __thread struct kvm_run *volatile kick_run;

static void kvm_kick_handler(int sig)
{
    struct kvm_run *run = kick_run;

    if (run) {
        run->immediate_exit = 1;
    }
}

static pthread_once_t kick_once = PTHREAD_ONCE_INIT;

static void kvm_kick_install(void)
{
    /* No SA_RESTART: KVM_RUN must come back with EINTR. */
    struct sigaction sa = { .sa_handler = kvm_kick_handler };

    sigemptyset(&sa.sa_mask);
    if (sigaction(KVM_KICK_SIGNAL, &sa, NULL) < 0) {
        fatal_internal("kvm: cannot install the kick signal handler");
    }
}

void kvm_kick_signal_init(void)
{
    sigset_t set;

    pthread_once(&kick_once, kvm_kick_install);
    sigemptyset(&set);
    sigaddset(&set, KVM_KICK_SIGNAL);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/* First run on this thread: point the handler at our kvm_run, unblock. */
static void kvm_kick_thread_enable(KvmVcpu *v)
{
    sigset_t set;

    kick_run = v->run;
    atomic_signal_fence(memory_order_seq_cst);
    sigemptyset(&set);
    sigaddset(&set, KVM_KICK_SIGNAL);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

void kvm_cpu_kick(CPU *cpu)
{
    if (cpu->thread_running) {
        pthread_kill(cpu->thread, KVM_KICK_SIGNAL);
    }
}

static const char *kvm_exit_name(uint32_t reason)
{
    switch (reason) {
    case KVM_EXIT_UNKNOWN: return "unknown";
    case KVM_EXIT_EXCEPTION: return "exception";
    case KVM_EXIT_DEBUG: return "debug";
    case KVM_EXIT_FAIL_ENTRY: return "entry failure";
    case KVM_EXIT_INTERNAL_ERROR: return "internal error";
    case KVM_EXIT_SYSTEM_EVENT: return "system event";
    default: return "unexpected exit";
    }
}

static const char *kvm_suberror_name(uint32_t reason, uint32_t sub)
{
    if (reason != KVM_EXIT_INTERNAL_ERROR) {
        return "";
    }
    switch (sub) {
    case KVM_INTERNAL_ERROR_EMULATION: return " (instruction emulation failed)";
    case KVM_INTERNAL_ERROR_SIMUL_EX: return " (exception while delivering one)";
    case KVM_INTERNAL_ERROR_DELIVERY_EV: return " (event delivery failed)";
    default: return "";
    }
}

/* One line saying why the vCPU cannot go on, with where the guest was. */
static void kvm_report_fatal_exit(KvmVcpu *v, const char *what)
{
    struct kvm_run *run = v->run;
    struct kvm_regs regs;
    struct kvm_sregs sregs;
    uint64_t sub = 0;
    char where[160] = "";

    if (run->exit_reason == KVM_EXIT_INTERNAL_ERROR) {
        sub = run->internal.suberror;
    } else if (run->exit_reason == KVM_EXIT_FAIL_ENTRY) {
        sub = run->fail_entry.hardware_entry_failure_reason;
    }
    if (ioctl(v->fd, KVM_GET_REGS, &regs) == 0 &&
        ioctl(v->fd, KVM_GET_SREGS, &sregs) == 0) {
        snprintf(where, sizeof(where),
                 " at RIP 0x%" PRIx64 " CS 0x%04x (base 0x%" PRIx64
                 ") CR0 0x%" PRIx64,
                 (uint64_t)regs.rip, sregs.cs.selector, (uint64_t)sregs.cs.base,
                 (uint64_t)sregs.cr0);
    }
    error_report("kvm: CPU %d stopped: %s: exit reason %u (%s), suberror "
                 "%" PRIu64 "%s%s",
                 v->cpu->index, what, run->exit_reason,
                 kvm_exit_name(run->exit_reason), sub,
                 kvm_suberror_name(run->exit_reason, (uint32_t)sub), where);
}

static void kvm_handle_io(Machine *m, struct kvm_run *run)
{
    uint8_t *data = (uint8_t *)run + run->io.data_offset;
    bool is_write = run->io.direction == KVM_EXIT_IO_OUT;

    /* String I/O (rep ins/outs) comes as count back-to-back items. */
    for (uint32_t i = 0; i < run->io.count; i++) {
        address_space_rw(&m->as_io, run->io.port, data, run->io.size, is_write);
        data += run->io.size;
    }
}

static CPUExit kvm_handle_system_event(KvmVcpu *v)
{
    switch (v->run->system_event.type) {
    case KVM_SYSTEM_EVENT_SHUTDOWN:
        return CPU_EXIT_SHUTDOWN;
    case KVM_SYSTEM_EVENT_RESET:
        return CPU_EXIT_RESET;
    default:
        error_report("kvm: CPU %d stopped: system event %u (guest crash)",
                     v->cpu->index, v->run->system_event.type);
        return CPU_EXIT_ERROR;
    }
}

/*
 * An I/O or MMIO exit completes (IN data reaches the register) only at the
 * next KVM_RUN. Before handing the vCPU back (its state may be read), run
 * once with immediate_exit set: KVM finishes the instruction and returns
 * EINTR without entering the guest.
 */
static void kvm_complete_pending_io(KvmVcpu *v)
{
    if (!v->io_pending) {
        return;
    }
    v->run->immediate_exit = 1;
    ioctl(v->fd, KVM_RUN, 0);
    v->run->immediate_exit = 0;
    v->io_pending = false;
}

CPUExit kvm_cpu_run(CPU *cpu)
{
    KvmVcpu *v = cpu->accel_state;
    Machine *m = cpu->machine;
    struct kvm_run *run = v->run;

    if (kick_run != run) {
        kvm_kick_thread_enable(v);
    }
    for (;;) {
        if (atomic_exchange(&cpu->exit_request, 0)) {
            kvm_complete_pending_io(v);
            run->immediate_exit = 0;
            return CPU_EXIT_KICK;
        }
        if (ioctl(v->fd, KVM_RUN, 0) < 0) {
            int err = errno;

            if (err == EINTR || err == EAGAIN) {
                /* A kick (or another signal): the loop re-tests requests. */
                run->immediate_exit = 0;
                v->io_pending = false;
                continue;
            }
            error_report("kvm: CPU %d stopped: KVM_RUN failed: %s",
                         cpu->index, strerror(err));
            return CPU_EXIT_ERROR;
        }
        v->io_pending = false;
        switch (run->exit_reason) {
        case KVM_EXIT_IO:
            kvm_handle_io(m, run);
            v->io_pending = true;
            break;
        case KVM_EXIT_MMIO:
            address_space_rw(&m->as_memory, run->mmio.phys_addr,
                             run->mmio.data, run->mmio.len,
                             run->mmio.is_write);
            v->io_pending = true;
            break;
        case KVM_EXIT_INTR:
            break;
        case KVM_EXIT_HLT:
            /* Only without the in-kernel LAPIC; kept for that case. */
            return CPU_EXIT_HALT;
        case KVM_EXIT_SHUTDOWN:
            /* Triple fault: a PC resets. */
            return CPU_EXIT_RESET;
        case KVM_EXIT_SYSTEM_EVENT:
            return kvm_handle_system_event(v);
        case KVM_EXIT_DEBUG:
            return CPU_EXIT_DEBUG;
        case KVM_EXIT_INTERNAL_ERROR:
            kvm_report_fatal_exit(v, "KVM could not run the guest");
            return CPU_EXIT_ERROR;
        case KVM_EXIT_FAIL_ENTRY:
            kvm_report_fatal_exit(v, "KVM could not enter the guest (bad "
                                     "guest state)");
            return CPU_EXIT_ERROR;
        default:
            kvm_report_fatal_exit(v, "unhandled KVM exit");
            return CPU_EXIT_ERROR;
        }
    }
}
