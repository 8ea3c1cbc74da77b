/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The CPUID a vCPU sees: what KVM supports on this host, with the topology
 * fields made true for this machine (every vCPU one core of one package,
 * one thread per core, APIC ID = CPU index).
 */
#include "accel/kvm/kvm-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "util/cutils.h"
#include "util/error.h"

static struct kvm_cpuid2 *kvm_get_supported_cpuid(KvmState *s)
{
    unsigned n = 64;

    /* KVM says E2BIG until the buffer is big enough. */
    for (;;) {
        struct kvm_cpuid2 *c =
            xzalloc(sizeof(*c) + n * sizeof(struct kvm_cpuid_entry2));

        c->nent = n;
        if (ioctl(s->kvm_fd, KVM_GET_SUPPORTED_CPUID, c) == 0) {
            return c;
        }
        free(c);
        if (errno != E2BIG || n >= 4096) {
            error_report("kvm: KVM_GET_SUPPORTED_CPUID failed: %s",
                         strerror(errno));
            return NULL;
        }
        n *= 2;
    }
}

/* Bits needed to number n items (ceil(log2(n))). */
static unsigned bits_for(unsigned n)
{
    unsigned b = 0;

    while ((1u << b) < n) {
        b++;
    }
    return b;
}

/* Leaf 0xB / 0x1F: level 0 SMT (1 thread), level 1 core (n cores). */
static void cpuid_fix_x2apic_topology(struct kvm_cpuid_entry2 *e,
                                      unsigned id, unsigned nr_cpus)
{
    e->edx = id;
    switch (e->index) {
    case 0:
        e->eax = 0;
        e->ebx = 1;
        e->ecx = (1u << 8) | 0;
        break;
    case 1:
        e->eax = bits_for(nr_cpus);
        e->ebx = nr_cpus;
        e->ecx = (2u << 8) | 1;
        break;
    default:
        e->eax = 0;
        e->ebx = 0;
        e->ecx = e->index; /* level type 0: invalid, ends the list */
        break;
    }
}

int kvm_vcpu_setup_cpuid(KvmState *s, KvmVcpu *v, unsigned nr_cpus)
{
    struct kvm_cpuid2 *c;
    unsigned id = v->cpu->index;
    size_t size;
    int ret = 0;

    if (!s->supported_cpuid) {
        s->supported_cpuid = kvm_get_supported_cpuid(s);
        if (!s->supported_cpuid) {
            return -ENOSYS;
        }
    }
    size = sizeof(*c) + s->supported_cpuid->nent * sizeof(c->entries[0]);
    c = xzalloc(size);
    memcpy(c, s->supported_cpuid, size);

    for (unsigned i = 0; i < c->nent; i++) {
        struct kvm_cpuid_entry2 *e = &c->entries[i];

        switch (e->function) {
        case 1:
            e->ebx = (e->ebx & 0x0000ffffu) | (id << 24) |
                     ((nr_cpus & 0xffu) << 16);
            e->ecx |= 1u << 31; /* running under a hypervisor */
            if (nr_cpus > 1) {
                e->edx |= 1u << 28; /* HTT: the count field is valid */
            } else {
                e->edx &= ~(1u << 28);
            }
            break;
        case 4:
            if (e->eax & 0x1f) { /* a cache is described */
                unsigned level = (e->eax >> 5) & 7;
                unsigned sharing = level >= 3 ? nr_cpus - 1 : 0;

                e->eax = (e->eax & 0x3fff) | (sharing << 14) |
                         ((nr_cpus - 1) << 26);
            }
            break;
        case 0xb:
        case 0x1f:
            cpuid_fix_x2apic_topology(e, id, nr_cpus);
            break;
        default:
            /* 0x40000000..: the KVM signature leaves, as KVM reports them. */
            break;
        }
    }
    if (ioctl(v->fd, KVM_SET_CPUID2, c) < 0) {
        ret = -errno;
        error_report("kvm: KVM_SET_CPUID2 for CPU %u failed: %s", id,
                     strerror(-ret));
    }
    free(c);
    return ret;
}
