/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Address spaces: publication of FlatViews, listeners, and the one access
 * path (address_space_rw) every engine and device uses (contract 3).
 */
#include "memory/memory-internal.h"
#include "util/cutils.h"
#include "util/error.h"
#include "util/machine-lock.h"

#include <stdatomic.h>
#include <string.h>

/* Every initialised address space; changed under the machine lock. */
static AddressSpace *address_spaces;

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
    AddressSpace **link = &address_spaces;

    memset(as, 0, sizeof(*as));
    as->name = name;
    as->root = root;
    pthread_mutex_init(&as->view_lock, NULL);
    as->current = flatview_render(root);
    /* Append, so commits visit address spaces in creation order. */
    while (*link) {
        link = &(*link)->next;
    }
    *link = as;
}

void address_space_destroy(AddressSpace *as)
{
    for (AddressSpace **link = &address_spaces; *link; link = &(*link)->next) {
        if (*link == as) {
            *link = as->next;
            break;
        }
    }
    flatview_unref(as->current);
    as->current = NULL;
    as->listeners = NULL;
    pthread_mutex_destroy(&as->view_lock);
}

FlatView *address_space_get_flatview(AddressSpace *as)
{
    FlatView *fv;

    /* The lock keeps the view alive between reading the pointer and ref. */
    pthread_mutex_lock(&as->view_lock);
    fv = as->current;
    flatview_ref(fv);
    pthread_mutex_unlock(&as->view_lock);
    return fv;
}

void memory_listener_register(AddressSpace *as, MemoryListener *l)
{
    MemoryListener **link = &as->listeners;
    const FlatView *fv = as->current;

    l->next = NULL;
    while (*link) {
        link = &(*link)->next;
    }
    *link = l;

    /* Replay the current view as one round of additions. */
    if (l->ops->begin) {
        l->ops->begin(l->opaque, as);
    }
    if (l->ops->region_add) {
        for (unsigned i = 0; i < fv->nr; i++) {
            l->ops->region_add(l->opaque, as, &fv->ranges[i]);
        }
    }
    if (l->ops->commit) {
        l->ops->commit(l->opaque, as);
    }
}

void memory_listener_unregister(AddressSpace *as, MemoryListener *l)
{
    for (MemoryListener **link = &as->listeners; *link;
         link = &(*link)->next) {
        if (*link == l) {
            *link = l->next;
            l->next = NULL;
            return;
        }
    }
}

/*
 * Tell the listeners how old became new: ranges of old not in new are
 * deleted first (KVM must free a memslot before reusing its addresses),
 * then ranges of new not in old are added. Both views are sorted, so one
 * merge-like walk finds the identical ranges.
 */
static void address_space_notify(AddressSpace *as, const FlatView *old,
                                  const FlatView *new)
{
    MemoryListener *l;
    unsigned i, j;

    for (l = as->listeners; l; l = l->next) {
        if (l->ops->begin) {
            l->ops->begin(l->opaque, as);
        }
    }
    for (i = 0, j = 0; i < old->nr; i++) {
        const FlatRange *o = &old->ranges[i];

        while (j < new->nr && new->ranges[j].start < o->start) {
            j++;
        }
        if (j < new->nr && flat_range_equal(o, &new->ranges[j])) {
            continue;
        }
        for (l = as->listeners; l; l = l->next) {
            if (l->ops->region_del) {
                l->ops->region_del(l->opaque, as, o);
            }
        }
    }
    for (i = 0, j = 0; j < new->nr; j++) {
        const FlatRange *n = &new->ranges[j];

        while (i < old->nr && old->ranges[i].start < n->start) {
            i++;
        }
        if (i < old->nr && flat_range_equal(n, &old->ranges[i])) {
            continue;
        }
        for (l = as->listeners; l; l = l->next) {
            if (l->ops->region_add) {
                l->ops->region_add(l->opaque, as, n);
            }
        }
    }
    for (l = as->listeners; l; l = l->next) {
        if (l->ops->commit) {
            l->ops->commit(l->opaque, as);
        }
    }
}

void address_space_update_all(void)
{
    for (AddressSpace *as = address_spaces; as; as = as->next) {
        FlatView *new = flatview_render(as->root);
        FlatView *old = as->current;

        /* An unchanged view costs its listeners nothing (no TLB flush). */
        if (flatview_equal(old, new)) {
            flatview_unref(new);
            continue;
        }
        pthread_mutex_lock(&as->view_lock);
        as->current = new;
        pthread_mutex_unlock(&as->view_lock);
        /* Listeners see the new view published; old stays valid till unref. */
        address_space_notify(as, old, new);
        flatview_unref(old);
    }
}

/* ---- dispatch ------------------------------------------------------- */

static uint64_t io_size_mask(unsigned size)
{
    return size >= 8 ? UINT64_MAX : ((uint64_t)1 << (size * 8)) - 1;
}

/*
 * One device access of size bytes (1, 2, 4 or 8, already valid) at offset:
 * issue it in chunks the callbacks implement. Wider accesses are split
 * into consecutive impl_max chunks; narrower ones are widened to aligned
 * impl_min chunks (writes pass only the shifted value, no read-modify).
 * The value is assembled little-endian from the chunks.
 */
static uint64_t io_access_impl(MemoryRegion *mr, uint64_t offset,
                               unsigned size, uint64_t value, bool is_write)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned vmin = ops->valid_min ? ops->valid_min : 1;
    unsigned vmax = ops->valid_max ? ops->valid_max : 8;
    unsigned imin = ops->impl_min ? ops->impl_min : vmin;
    unsigned imax = ops->impl_max ? ops->impl_max : vmax;
    unsigned chunk = MIN(MAX(size, imin), imax);
    uint64_t start, end = offset + size, result = 0;

    if (chunk == size) {
        /* The common case: exactly what the callbacks implement. */
        if (is_write) {
            if (ops->write) {
                ops->write(mr->opaque, offset, value & io_size_mask(size),
                           size);
            }
            return 0;
        }
        return ops->read ? ops->read(mr->opaque, offset, size)
                              & io_size_mask(size)
                         : io_size_mask(size);
    }
    start = chunk > size ? ALIGN_DOWN(offset, (uint64_t)chunk) : offset;
    for (uint64_t a = start; a < end; a += chunk) {
        /* Bytes [lo, hi) of the access fall in this chunk. */
        uint64_t lo = MAX(a, offset), hi = MIN(a + chunk, end);
        unsigned in_chunk = (unsigned)(lo - a) * 8;
        unsigned in_access = (unsigned)(lo - offset) * 8;
        uint64_t mask = io_size_mask((unsigned)(hi - lo));

        if (is_write) {
            uint64_t part = (value >> in_access) & mask;

            if (ops->write) {
                ops->write(mr->opaque, a, part << in_chunk, chunk);
            }
        } else {
            uint64_t part = ops->read ? ops->read(mr->opaque, a, chunk)
                                      : UINT64_MAX;

            result |= ((part >> in_chunk) & mask) << in_access;
        }
    }
    return result;
}

/* Is one access of size bytes at offset one the device accepts? */
static bool io_access_valid(const MemoryRegionOps *ops, uint64_t offset,
                            unsigned size)
{
    unsigned vmin = ops->valid_min ? ops->valid_min : 1;
    unsigned vmax = ops->valid_max ? ops->valid_max : 8;

    if (size < vmin || size > vmax) {
        return false;
    }
    return !ops->aligned || (offset & (size - 1)) == 0;
}

/*
 * Size of the next device access of a buffer of len bytes at offset: the
 * widest power of two the device accepts, naturally aligned if it asks.
 */
static unsigned io_buffer_chunk(const MemoryRegionOps *ops, uint64_t offset,
                                uint64_t len)
{
    unsigned vmax = ops->valid_max ? ops->valid_max : 8;
    unsigned size = 8;

    while (size > 1 && (size > vmax || size > len ||
                        (ops->aligned && (offset & (size - 1))))) {
        size >>= 1;
    }
    return size;
}

/*
 * Access len bytes of an IO region. A length of 1, 2, 4 or 8 is one
 * access as a CPU issued it and is checked as is; anything else is a
 * buffer (DMA, string I/O) cut into the widest accesses the device takes.
 */
static MemTxResult io_rw(MemoryRegion *mr, uint64_t offset, uint8_t *buf,
                         uint64_t len, bool is_write)
{
    const MemoryRegionOps *ops = mr->ops;
    MemTxResult res = MEMTX_OK;
    bool locked = false, single;

    if (!ops) {
        if (!is_write) {
            memset(buf, 0xff, len);
        }
        return MEMTX_ERROR;
    }
    if (!machine_lock_held()) {
        machine_lock();
        locked = true;
    }
    single = len == 1 || len == 2 || len == 4 || len == 8;
    while (len) {
        unsigned size = single ? (unsigned)len
                               : io_buffer_chunk(ops, offset, len);

        if (!io_access_valid(ops, offset, size)) {
            /* The device ignores it: the bus floats high. */
            if (!is_write) {
                memset(buf, 0xff, size);
            }
            res = MEMTX_ERROR;
        } else if (is_write) {
            uint64_t v = 0;

            for (unsigned i = 0; i < size; i++) {
                v |= (uint64_t)buf[i] << (i * 8);
            }
            io_access_impl(mr, offset, size, v, true);
        } else {
            uint64_t v = io_access_impl(mr, offset, size, 0, false);

            for (unsigned i = 0; i < size; i++) {
                buf[i] = (uint8_t)(v >> (i * 8));
            }
        }
        offset += size;
        buf += size;
        len -= size;
    }
    if (locked) {
        machine_unlock();
    }
    return res;
}

/* The worse of two results: a decode error outranks a device error. */
static MemTxResult memtx_merge(MemTxResult a, MemTxResult b)
{
    return a > b ? a : b;
}

/* Set before vCPU threads start, read by any thread after. */
static MemoryRamWriteHook *_Atomic ram_write_hook;
static void *ram_write_hook_opaque;

void memory_set_ram_write_hook(MemoryRamWriteHook *fn, void *opaque)
{
    ram_write_hook_opaque = opaque;
    atomic_store(&ram_write_hook, fn);
}

static void ram_written(AddressSpace *as, uint64_t addr, uint64_t len)
{
    MemoryRamWriteHook *fn = atomic_load(&ram_write_hook);

    if (fn && len) {
        fn(as, addr, len, ram_write_hook_opaque);
    }
}

MemTxResult address_space_rw(AddressSpace *as, uint64_t addr, void *buf,
                             size_t len, bool is_write)
{
    FlatView *fv = address_space_get_flatview(as);
    MemTxResult res = MEMTX_OK;
    uint8_t *p = buf;

    while (len) {
        long i = flatview_find_index(fv, addr);
        const FlatRange *fr = i >= 0 ? &fv->ranges[i] : NULL;
        uint64_t n, off;

        if (!fr || !flat_range_contains(fr, addr)) {
            /* A hole up to the next range (or the rest of the buffer). */
            const FlatRange *next = (unsigned long)(i + 1) < fv->nr
                                        ? &fv->ranges[i + 1] : NULL;

            n = next ? MIN((uint64_t)len, next->start - addr) : len;
            if (!is_write) {
                memset(p, 0xff, n);
            }
            res = MEMTX_DECODE_ERROR;
        } else {
            n = MIN((uint64_t)len, fr->size - (addr - fr->start));
            off = fr->offset_in_region + (addr - fr->start);
            switch (fr->mr->kind) {
            case MEMORY_REGION_RAM:
            case MEMORY_REGION_ROM:
                if (!is_write) {
                    memcpy(p, (uint8_t *)fr->mr->ram + off, n);
                } else if (!fr->readonly) {
                    memcpy((uint8_t *)fr->mr->ram + off, p, n);
                    ram_written(as, addr, n);
                }
                /* Writes to ROM are dropped, as the chip would. */
                break;
            default:
                res = memtx_merge(res, io_rw(fr->mr, off, p, n, is_write));
                break;
            }
        }
        addr += n;
        p += n;
        len -= n;
    }
    flatview_unref(fv);
    return res;
}

MemTxResult address_space_write_rom(AddressSpace *as, uint64_t addr,
                                    const void *buf, size_t len)
{
    FlatView *fv = address_space_get_flatview(as);
    const uint8_t *p = buf;
    uint64_t a = addr;
    size_t left = len;

    /* Check first, so a failing load leaves guest memory untouched. */
    while (left) {
        const FlatRange *fr = flatview_lookup(fv, a);
        uint64_t n;

        if (!fr || (fr->mr->kind != MEMORY_REGION_RAM &&
                    fr->mr->kind != MEMORY_REGION_ROM)) {
            flatview_unref(fv);
            return MEMTX_DECODE_ERROR;
        }
        n = MIN((uint64_t)left, fr->size - (a - fr->start));
        a += n;
        left -= n;
    }
    a = addr;
    left = len;
    while (left) {
        const FlatRange *fr = flatview_lookup(fv, a);
        uint64_t n = MIN((uint64_t)left, fr->size - (a - fr->start));

        memcpy((uint8_t *)fr->mr->ram + fr->offset_in_region +
                   (a - fr->start), p, n);
        ram_written(as, a, n);
        a += n;
        p += n;
        left -= n;
    }
    flatview_unref(fv);
    return MEMTX_OK;
}

void *address_space_map_ram(AddressSpace *as, uint64_t addr, uint64_t *len,
                            bool is_write)
{
    FlatView *fv = address_space_get_flatview(as);
    const FlatRange *fr = flatview_lookup(fv, addr);
    void *host = NULL;

    if (fr && (fr->mr->kind == MEMORY_REGION_RAM ||
               (fr->mr->kind == MEMORY_REGION_ROM && !is_write))) {
        uint64_t in_range = addr - fr->start;

        host = (uint8_t *)fr->mr->ram + fr->offset_in_region + in_range;
        *len = MIN(*len, fr->size - in_range);
    }
    /* The pointer stays valid while the region lives, not the view. */
    flatview_unref(fv);
    return host;
}
