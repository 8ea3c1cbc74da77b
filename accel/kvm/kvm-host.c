/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What kind of KVM this host has. Nested, page-table-based KVM (kvm_pvm)
 * runs guest CPL3 natively but emulates guest CPL0 and real mode in the
 * host kernel, so guest kernels are orders of magnitude slower there; the
 * default accelerator choice and a warning depend on this.
 */
#include "accel/kvm/kvm.h"

#include <fcntl.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* True if a "flags" line of /proc/cpuinfo lists vmx or svm. */
static bool cpuinfo_has_virt_ext(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[8192];
    bool found = false;

    if (!f) {
        return false;
    }
    while (!found && fgets(line, sizeof(line), f)) {
        if (strncmp(line, "flags", 5)) {
            continue;
        }
        for (char *tok = strtok(line, " \t\n"); tok; tok = strtok(NULL, " \t\n")) {
            if (!strcmp(tok, "vmx") || !strcmp(tok, "svm")) {
                found = true;
                break;
            }
        }
    }
    fclose(f);
    return found;
}

static bool module_loaded(const char *name)
{
    char path[128];

    snprintf(path, sizeof(path), "/sys/module/%s", name);
    return access(path, F_OK) == 0;
}

static KvmHostKind host_kind;
static pthread_once_t host_kind_once = PTHREAD_ONCE_INIT;

static void host_kind_probe(void)
{
    int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);

    host_kind = KVM_HOST_NONE;
    if (fd < 0) {
        return;
    }
    if (ioctl(fd, KVM_GET_API_VERSION, 0) == KVM_API_VERSION) {
        if (cpuinfo_has_virt_ext() &&
            (module_loaded("kvm_intel") || module_loaded("kvm_amd"))) {
            host_kind = KVM_HOST_HARDWARE;
        } else {
            host_kind = KVM_HOST_EMULATED_CPL0;
        }
    }
    close(fd);
}

KvmHostKind kvm_host_kind(void)
{
    pthread_once(&host_kind_once, host_kind_probe);
    return host_kind;
}
