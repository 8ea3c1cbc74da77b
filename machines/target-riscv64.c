/* SPDX-License-Identifier: GPL-2.0-or-later */
/* janus-system-riscv64: QEMU's virt board, run by TCG. */
#include "cpu/riscv/hart.h"
#include "machines/machine.h"
#include "util/cutils.h"

#include "config.h"

extern const MachineType virt_machine_type;

static const MachineType *const riscv64_machines[] = {
    &virt_machine_type,
};

static const char *const riscv64_accels[] = {
    "tcg",
    NULL,
};

/* One hart model: RV64GC with the extensions cpu/riscv implements. */
static const TargetCpuModel riscv64_cpu_models[] = {
    { "rv64", "RV64GC + Zba/Zbb/Zbs, Sv39/48/57, Sstc" },
    { "max", "same as rv64" },
    { NULL, NULL },
};

const TargetInfo janus_target = {
    .arch = "riscv64",
    .machines = riscv64_machines,
    .nr_machines = ARRAY_SIZE(riscv64_machines),
    .cpu_models = riscv64_cpu_models,
    .accels = riscv64_accels,
    .default_accel = "tcg",
    .tcg_ops = &riscv64_system_tcg_ops,
};
