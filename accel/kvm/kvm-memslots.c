/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Memslots from the FlatView of the memory address space (design contract
 * 2): every RAM or ROM FlatRange becomes one slot; ROM is KVM_MEM_READONLY
 * so guest writes exit as MMIO and address_space_rw drops them. The memory
 * core calls deletions before additions, so a range that moves never
 * overlaps its old slot.
 */
#include "accel/kvm/kvm-internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "util/cutils.h"
#include "util/error.h"

#define KVM_PAGE_SIZE 4096u

static int kvm_slot_set(KvmState *s, unsigned id, uint64_t gpa, uint64_t size,
                        void *host, uint32_t flags)
{
    struct kvm_userspace_memory_region r = {
        .slot = id,
        .flags = flags,
        .guest_phys_addr = gpa,
        .memory_size = size,
        .userspace_addr = (uintptr_t)host,
    };

    if (ioctl(s->vm_fd, KVM_SET_USER_MEMORY_REGION, &r) < 0) {
        return -errno;
    }
    return 0;
}

static KvmSlot *kvm_slot_find(KvmState *s, const FlatRange *fr)
{
    for (unsigned i = 0; i < s->nr_slots; i++) {
        KvmSlot *slot = &s->slots[i];

        if (slot->used && slot->range_start == fr->start &&
            slot->range_size == fr->size) {
            return slot;
        }
    }
    return NULL;
}

static bool range_is_ram(const FlatRange *fr)
{
    return fr->mr && fr->mr->ram &&
           (fr->mr->kind == MEMORY_REGION_RAM ||
            fr->mr->kind == MEMORY_REGION_ROM);
}

static void kvm_region_add(void *opaque, AddressSpace *as, const FlatRange *fr)
{
    KvmState *s = kvm_state_of(opaque);
    uint8_t *host;
    uint64_t gpa, end, lead;
    KvmSlot *slot = NULL;
    uint32_t flags = 0;
    int ret;

    if (!range_is_ram(fr) || fr->size == 0) {
        return;
    }
    host = (uint8_t *)fr->mr->ram + fr->offset_in_region;
    gpa = ALIGN_UP(fr->start, (uint64_t)KVM_PAGE_SIZE);
    end = ALIGN_DOWN(fr->start + fr->size, (uint64_t)KVM_PAGE_SIZE);
    lead = gpa - fr->start;
    if (gpa != fr->start || end != fr->start + fr->size ||
        ((uintptr_t)host & (KVM_PAGE_SIZE - 1))) {
        /*
         * KVM maps whole pages only. Map the aligned middle; the edges
         * still work as data through MMIO exits (address_space_rw copies
         * RAM), but code there cannot run.
         */
        error_report("kvm: RAM range 0x%" PRIx64 "+0x%" PRIx64 " (%s) is not "
                     "page aligned; its unaligned edges are not mapped",
                     fr->start, fr->size, fr->mr->name);
        if (((uintptr_t)(host + lead) & (KVM_PAGE_SIZE - 1)) || end <= gpa) {
            return;
        }
    }
    if (fr->readonly) {
        if (s->readonly_mem) {
            flags |= KVM_MEM_READONLY;
        } else {
            warn_report_once("kvm: no read-only memslots on this host: ROM "
                             "is writable by the guest");
        }
    }
    for (unsigned i = 0; i < s->nr_slots; i++) {
        if (!s->slots[i].used) {
            slot = &s->slots[i];
            break;
        }
    }
    if (!slot) {
        error_report("kvm: out of memslots (%u) mapping 0x%" PRIx64 "+0x%"
                     PRIx64, s->nr_slots, fr->start, fr->size);
        return;
    }
    ret = kvm_slot_set(s, slot - s->slots, gpa, end - gpa, host + lead, flags);
    if (ret < 0) {
        error_report("kvm: cannot map 0x%" PRIx64 "+0x%" PRIx64 " (%s): %s",
                     gpa, end - gpa, fr->mr->name, strerror(-ret));
        return;
    }
    *slot = (KvmSlot){
        .used = true,
        .range_start = fr->start,
        .range_size = fr->size,
        .gpa = gpa,
        .size = end - gpa,
        .host = host + lead,
        .flags = flags,
    };
}

static void kvm_region_del(void *opaque, AddressSpace *as, const FlatRange *fr)
{
    KvmState *s = kvm_state_of(opaque);
    KvmSlot *slot;
    int ret;

    if (!range_is_ram(fr) || !(slot = kvm_slot_find(s, fr))) {
        return;
    }
    /* A zero size deletes the slot. */
    ret = kvm_slot_set(s, slot - s->slots, slot->gpa, 0, slot->host,
                       slot->flags);
    if (ret < 0) {
        error_report("kvm: cannot unmap 0x%" PRIx64 "+0x%" PRIx64 ": %s",
                     slot->gpa, slot->size, strerror(-ret));
    }
    memset(slot, 0, sizeof(*slot));
}

const MemoryListenerOps kvm_memory_listener_ops = {
    .region_add = kvm_region_add,
    .region_del = kvm_region_del,
};

void kvm_memslots_destroy(KvmState *s)
{
    free(s->slots);
    s->slots = NULL;
    s->nr_slots = 0;
}
