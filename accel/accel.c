/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Choosing an accelerator by -accel name or by what the host offers. */
#include "accel/accel.h"

#include <string.h>

#include "util/error.h"

#include "config.h"

#ifdef CONFIG_KVM
#include "accel/kvm/kvm.h"
#endif

const AccelOps *accel_find(const char *name)
{
    if (!strcmp(name, "kvm")) {
#ifdef CONFIG_KVM
        return &kvm_accel_ops;
#else
        error_report("-accel kvm: KVM support is not built into this binary");
        return NULL;
#endif
    }
    if (!strcmp(name, "tcg")) {
        /* The translator exists (janus-riscv64 uses it); an x86 front end
         * and system-mode soft MMU do not yet. */
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
    if (kvm_host_kind() == KVM_HOST_HARDWARE) {
        return &kvm_accel_ops;
    }
#endif
    return NULL;
}
