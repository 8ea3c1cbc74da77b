/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Choosing an accelerator by -accel name or by what the host offers. */
#include "accel/accel.h"

#include <string.h>

#include "util/error.h"

#include "config.h"

#ifdef CONFIG_KVM
#include "accel/kvm/kvm.h"
#endif

/* Until a binary says otherwise: the x86-64 system emulator. */
static const AccelTarget accel_target_default = {
    .name = "x86_64",
    .kvm = true,
    .tcg_ops = NULL,
};
static const AccelTarget *accel_target = &accel_target_default;

void accel_set_target(const AccelTarget *target)
{
    accel_target = target;
}

const struct TCGTargetOps *accel_tcg_target(void)
{
    return accel_target->tcg_ops;
}

const AccelOps *accel_find(const char *name)
{
    if (!strcmp(name, "kvm")) {
#ifdef CONFIG_KVM
        if (!accel_target->kvm) {
            error_report("-accel kvm: KVM cannot run %s guests on this host",
                         accel_target->name);
            return NULL;
        }
        return &kvm_accel_ops;
#else
        error_report("-accel kvm: KVM support is not built into this binary");
        return NULL;
#endif
    }
    if (!strcmp(name, "tcg")) {
#ifdef CONFIG_TCG
        if (accel_target->tcg_ops) {
            return &tcg_accel_ops;
        }
#endif
        /* The translator exists, but no front end for this target. */
        error_report("-accel tcg: the TCG accelerator is not available for "
                     "this target yet");
        return NULL;
    }
    error_report("-accel %s: invalid accelerator", name);
    return NULL;
}

const AccelOps *accel_default(void)
{
#ifdef CONFIG_KVM
    /*
     * Only hardware KVM is a sensible default: where guest kernel code is
     * emulated, a guest kernel would crawl, so the user must ask for it.
     */
    if (accel_target->kvm && kvm_host_kind() == KVM_HOST_HARDWARE) {
        return &kvm_accel_ops;
    }
#endif
#ifdef CONFIG_TCG
    if (accel_target->tcg_ops) {
        return &tcg_accel_ops;
    }
#endif
    return NULL;
}
