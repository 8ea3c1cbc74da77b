/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The memory-region tree: region initialisation, subregion mapping and the
 * transaction counter. Every change to the tree ends in
 * memory_transaction_commit(), which re-renders the FlatViews (flatview.c)
 * and notifies listeners (address-space.c).
 */
#include "memory/memory-internal.h"
#include "util/cutils.h"
#include "util/error.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static unsigned transaction_depth;
/* A change happened since the last render; the outermost commit renders. */
static bool transaction_pending;

static void memory_region_init_common(MemoryRegion *mr, const char *name,
                                      uint64_t size, MemoryRegionKind kind)
{
    memset(mr, 0, sizeof(*mr));
    mr->name = name;
    mr->size = size;
    mr->kind = kind;
    mr->enabled = true;
}

/* Host memory for RAM and ROM: anonymous, page aligned, lazily backed. */
static int memory_region_alloc_host(MemoryRegion *mr)
{
    uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
    uint64_t len = mr->size ? mr->size : 1;
    void *p;

    if (len > UINT64_MAX - page || len > SIZE_MAX) {
        error_report("memory region '%s': size 0x%" PRIx64 " too large",
                     mr->name, mr->size);
        return -ENOMEM;
    }
    len = ALIGN_UP(len, page);
    p = mmap(NULL, len, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        error_report("memory region '%s': cannot allocate 0x%" PRIx64
                     " bytes of host memory", mr->name, mr->size);
        return -ENOMEM;
    }
    mr->ram = p;
    mr->ram_owned = true;
    return 0;
}

int memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size)
{
    memory_region_init_common(mr, name, size, MEMORY_REGION_RAM);
    return memory_region_alloc_host(mr);
}

int memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size)
{
    memory_region_init_common(mr, name, size, MEMORY_REGION_ROM);
    return memory_region_alloc_host(mr);
}

void memory_region_init_ram_ptr(MemoryRegion *mr, const char *name,
                                uint64_t size, void *ptr)
{
    memory_region_init_common(mr, name, size, MEMORY_REGION_RAM);
    mr->ram = ptr;
}

void memory_region_init_io(MemoryRegion *mr, const char *name, uint64_t size,
                           const MemoryRegionOps *ops, void *opaque)
{
    memory_region_init_common(mr, name, size, MEMORY_REGION_IO);
    mr->ops = ops;
    mr->opaque = opaque;
}

void memory_region_init_container(MemoryRegion *mr, const char *name,
                                  uint64_t size)
{
    memory_region_init_common(mr, name, size, MEMORY_REGION_CONTAINER);
}

void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *target, uint64_t offset,
                              uint64_t size)
{
    memory_region_init_common(mr, name, size, MEMORY_REGION_ALIAS);
    mr->alias = target;
    mr->alias_offset = offset;
}

void memory_region_destroy(MemoryRegion *mr)
{
    /* Tolerate a mapped region: unmapping it is what the caller forgot. */
    if (mr->parent) {
        memory_region_del_subregion(mr->parent, mr);
    }
    for (unsigned i = 0; i < mr->nr_children; i++) {
        mr->children[i]->parent = NULL;
    }
    free(mr->children);
    mr->children = NULL;
    mr->nr_children = mr->children_cap = 0;
    if (mr->ram_owned && mr->ram) {
        uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
        munmap(mr->ram, ALIGN_UP(mr->size ? mr->size : 1, page));
    }
    mr->ram = NULL;
    mr->ram_owned = false;
}

/* Record a tree change: renders now, or at the outermost commit. */
static void memory_region_changed(void)
{
    memory_transaction_begin();
    transaction_pending = true;
    memory_transaction_commit();
}

/* [a, a+as) and [b, b+bs) intersect (sizes may reach the top of 2^64). */
static bool ranges_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
    if (!as || !bs) {
        return false;
    }
    return a <= b ? b - a < as : a - b < bs;
}

static int memory_region_add_common(MemoryRegion *parent, uint64_t addr,
                                    MemoryRegion *child, int priority,
                                    bool may_overlap)
{
    unsigned pos;

    if (parent->kind != MEMORY_REGION_CONTAINER) {
        error_report("memory: cannot map '%s' into '%s': not a container",
                     child->name, parent->name);
        return -EINVAL;
    }
    if (child->parent || child == parent) {
        error_report("memory: '%s' is already mapped", child->name);
        return -EINVAL;
    }
    /*
     * A child starting outside its parent, or wrapping past 2^64, can
     * never be seen; one sticking out of the end is clipped at render.
     */
    if (addr >= parent->size ||
        (child->size && addr + (child->size - 1) < addr)) {
        error_report("memory: '%s' at 0x%" PRIx64 " does not fit in '%s'",
                     child->name, addr, parent->name);
        return -EINVAL;
    }
    if (!may_overlap && child->enabled) {
        for (unsigned i = 0; i < parent->nr_children; i++) {
            MemoryRegion *s = parent->children[i];

            if (s->enabled && !s->may_overlap &&
                ranges_overlap(addr, child->size, s->addr, s->size)) {
                error_report("memory: '%s' at 0x%" PRIx64
                             " overlaps '%s' in '%s'", child->name, addr,
                             s->name, parent->name);
                return -EEXIST;
            }
        }
    }

    if (parent->nr_children == parent->children_cap) {
        parent->children_cap = parent->children_cap ? parent->children_cap * 2
                                                    : 4;
        parent->children = xrealloc(parent->children,
                                    parent->children_cap *
                                    sizeof(*parent->children));
    }
    /*
     * Precedence order: higher priority first; among equals the newest
     * first, so it goes before every sibling of its priority.
     */
    for (pos = 0; pos < parent->nr_children; pos++) {
        if (parent->children[pos]->priority <= priority) {
            break;
        }
    }
    memmove(&parent->children[pos + 1], &parent->children[pos],
            (parent->nr_children - pos) * sizeof(*parent->children));
    parent->children[pos] = child;
    parent->nr_children++;

    child->parent = parent;
    child->addr = addr;
    child->priority = priority;
    child->may_overlap = may_overlap;
    memory_region_changed();
    return 0;
}

int memory_region_add_subregion(MemoryRegion *parent, uint64_t addr,
                                MemoryRegion *child)
{
    return memory_region_add_common(parent, addr, child, 0, false);
}

int memory_region_add_subregion_overlap(MemoryRegion *parent, uint64_t addr,
                                        MemoryRegion *child, int priority)
{
    return memory_region_add_common(parent, addr, child, priority, true);
}

void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *child)
{
    unsigned i;

    if (child->parent != parent) {
        error_report("memory: '%s' is not mapped in '%s'", child->name,
                     parent->name);
        return;
    }
    for (i = 0; i < parent->nr_children; i++) {
        if (parent->children[i] == child) {
            break;
        }
    }
    if (i == parent->nr_children) {
        fatal_internal("memory: '%s' missing from its parent '%s'",
                       child->name, parent->name);
    }
    memmove(&parent->children[i], &parent->children[i + 1],
            (parent->nr_children - i - 1) * sizeof(*parent->children));
    parent->nr_children--;
    child->parent = NULL;
    memory_region_changed();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled == enabled) {
        return;
    }
    mr->enabled = enabled;
    memory_region_changed();
}

void memory_region_set_address(MemoryRegion *mr, uint64_t addr)
{
    if (mr->addr == addr) {
        return;
    }
    mr->addr = addr;
    if (mr->parent) {
        memory_region_changed();
    }
}

void memory_transaction_begin(void)
{
    transaction_depth++;
}

void memory_transaction_commit(void)
{
    if (!transaction_depth) {
        fatal_internal("memory: transaction commit without begin");
    }
    if (transaction_depth > 1) {
        transaction_depth--;
        return;
    }
    /*
     * Stay inside the transaction while rendering so that a listener
     * changing the tree batches its change; loop until nothing is left.
     */
    while (transaction_pending) {
        transaction_pending = false;
        address_space_update_all();
    }
    transaction_depth--;
}
