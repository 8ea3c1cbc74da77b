/* SPDX-License-Identifier: GPL-2.0-or-later */
/* janus-system-x86_64: the PC, run by KVM. */
#include "machines/machine.h"
#include "util/cutils.h"

#include "config.h"

extern const MachineType pc_machine_type;

static const MachineType *const x86_64_machines[] = {
    &pc_machine_type,
};

static const char *const x86_64_accels[] = {
#ifdef CONFIG_KVM
    "kvm",
#endif
    NULL,
};

static const TargetCpuModel x86_64_cpu_models[] = {
    { "host", "the host CPU as KVM reports it" },
    { "max", "same as host under KVM" },
    { NULL, NULL },
};

const TargetInfo janus_target = {
    .arch = "x86_64",
    .machines = x86_64_machines,
    .nr_machines = ARRAY_SIZE(x86_64_machines),
    .cpu_models = x86_64_cpu_models,
    .accels = x86_64_accels,
};
