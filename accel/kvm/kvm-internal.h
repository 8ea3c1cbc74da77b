/* SPDX-License-Identifier: GPL-2.0-or-later */
/* State shared by the files of accel/kvm only. */
#ifndef ACCEL_KVM_KVM_INTERNAL_H
#define ACCEL_KVM_KVM_INTERNAL_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stdint.h>

#include "accel/accel.h"
#include "accel/kvm/kvm.h"
#include "machines/machine.h"

/* One memslot; the FlatRange start/size it came from is its key. */
typedef struct KvmSlot {
    bool used;
    uint64_t range_start, range_size; /* the FlatRange */
    uint64_t gpa, size;               /* what KVM maps (page aligned) */
    void *host;
    uint32_t flags;
} KvmSlot;

typedef struct KvmState {
    Machine *machine;
    int kvm_fd;
    int vm_fd;
    int vcpu_mmap_size;
    bool readonly_mem;               /* KVM_CAP_READONLY_MEM */
    KvmSlot *slots;
    unsigned nr_slots;
    MemoryListener listener;
    struct kvm_cpuid2 *supported_cpuid;
    /* power-on irqchip state, for kvm_machine_reset */
    struct kvm_irqchip reset_pic[2], reset_ioapic;
    struct kvm_pit_state2 reset_pit;
    bool have_reset_state;
} KvmState;

typedef struct KvmVcpu {
    CPU *cpu;
    int fd;
    struct kvm_run *run;
    bool io_pending;                 /* last exit needs a KVM_RUN to complete */
    struct kvm_lapic_state reset_lapic;
    bool have_reset_lapic;
} KvmVcpu;

static inline KvmState *kvm_state_of(Machine *m)
{
    return m->accel_state;
}

/* kvm-memslots.c */
extern const MemoryListenerOps kvm_memory_listener_ops;
void kvm_memslots_destroy(KvmState *s);

/* kvm-vm.c */
int kvm_machine_init(Machine *m);
void kvm_machine_destroy(Machine *m);
void kvm_irqchip_set_line(Machine *m, int gsi, int level);
/*
 * Put the in-kernel PIC, IOAPIC, PIT and every vCPU's LAPIC back to the
 * state they had right after creation (vCPUs stopped). Reports failures.
 */
void kvm_machine_reset(Machine *m);

/* kvm-cpuid.c */
int kvm_vcpu_setup_cpuid(KvmState *s, KvmVcpu *v, unsigned nr_cpus);

/* kvm-vcpu.c */
int kvm_cpu_create(CPU *cpu);
int kvm_cpu_state_get(CPU *cpu);
int kvm_cpu_state_put(CPU *cpu);

/* kvm-run.c */
CPUExit kvm_cpu_run(CPU *cpu);
void kvm_cpu_kick(CPU *cpu);

#endif
