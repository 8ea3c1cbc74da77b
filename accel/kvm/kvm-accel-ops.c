/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The KVM accelerator as the rest of Janus sees it. */
#include "accel/kvm/kvm-internal.h"

const AccelOps kvm_accel_ops = {
    .name = "kvm",
    .machine_init = kvm_machine_init,
    .machine_destroy = kvm_machine_destroy,
    .cpu_create = kvm_cpu_create,
    .cpu_run = kvm_cpu_run,
    .cpu_kick = kvm_cpu_kick,
    .cpu_state_get = kvm_cpu_state_get,
    .cpu_state_put = kvm_cpu_state_put,
    .irqchip_set_line = kvm_irqchip_set_line,
    .machine_reset = kvm_machine_reset,
    /*
     * machine_init registers it on the memory address space itself, with
     * the Machine as opaque.
     */
    .memory_listener = &kvm_memory_listener_ops,
};
