/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * KVM accelerator: the few declarations outside accel/kvm may use (main,
 * the board, tests). Device models never include this (design contract 1).
 */
#ifndef ACCEL_KVM_KVM_H
#define ACCEL_KVM_KVM_H

#include <signal.h>

#include "machines/machine.h"

/* What the host's /dev/kvm can do. */
typedef enum KvmHostKind {
    KVM_HOST_NONE,          /* no usable /dev/kvm */
    KVM_HOST_HARDWARE,      /* VMX/SVM: guest kernels run natively */
    KVM_HOST_EMULATED_CPL0, /* e.g. kvm_pvm: guest CPL0 is emulated, slow */
} KvmHostKind;

/* Probe the host once (cached); never reports. */
KvmHostKind kvm_host_kind(void);

/*
 * The kick signal: SIGRTMIN + 1, installed without SA_RESTART. It is
 * blocked in every thread but vCPU threads; its handler only sets
 * immediate_exit in the calling vCPU's kvm_run.
 */
#define KVM_KICK_SIGNAL (SIGRTMIN + 1)

/*
 * Install the kick handler and block the signal in the calling thread
 * (threads created afterwards inherit the mask). Idempotent; machine_init
 * calls it, so callers need it only if they create threads earlier.
 */
void kvm_kick_signal_init(void);

#endif
