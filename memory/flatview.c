/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * FlatView: the region tree of one address space flattened into a sorted
 * array of non-overlapping ranges, each ending in a RAM, ROM or IO region.
 *
 * Rendering walks the tree in precedence order (higher priority first,
 * newest first among equals) and lets each terminal region fill only the
 * holes its betters left; so nothing is ever split or overwritten.
 */
#include "memory/memory-internal.h"
#include "util/cutils.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>

/*
 * Addresses during rendering are 128-bit and signed: a region may end at
 * exactly 2^64, and an alias with an offset places its target's start
 * below zero.
 */
typedef __int128 RenderAddr;

/* An alias chain or nesting deeper than this is a loop in the tree. */
#define RENDER_MAX_DEPTH 64

typedef struct FlatBuilder {
    FlatRange *ranges;
    unsigned nr, cap;
} FlatBuilder;

static RenderAddr range_end(const FlatRange *fr)
{
    return (RenderAddr)fr->start + fr->size;
}

static void builder_insert_at(FlatBuilder *b, unsigned pos, MemoryRegion *mr,
                              RenderAddr start, RenderAddr end,
                              uint64_t offset)
{
    if (b->nr == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 16;
        b->ranges = xrealloc(b->ranges, b->cap * sizeof(*b->ranges));
    }
    memmove(&b->ranges[pos + 1], &b->ranges[pos],
            (b->nr - pos) * sizeof(*b->ranges));
    b->ranges[pos] = (FlatRange) {
        .start = (uint64_t)start,
        .size = (uint64_t)(end - start),
        .mr = mr,
        .offset_in_region = offset,
        .readonly = mr->kind == MEMORY_REGION_ROM,
    };
    b->nr++;
}

/*
 * Fill the holes of [start, end) with mr, whose byte at start is at
 * offset within mr. Ranges already present won precedence earlier.
 */
static void builder_fill(FlatBuilder *b, MemoryRegion *mr, RenderAddr start,
                         RenderAddr end, uint64_t offset)
{
    unsigned lo = 0, hi = b->nr;
    RenderAddr cur = start;

    /* First range ending after start. */
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;

        if (range_end(&b->ranges[mid]) <= start) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    while (cur < end) {
        RenderAddr gap_end = end;

        if (lo < b->nr && (RenderAddr)b->ranges[lo].start <= cur) {
            cur = range_end(&b->ranges[lo]);
            lo++;
            continue;
        }
        if (lo < b->nr && (RenderAddr)b->ranges[lo].start < gap_end) {
            gap_end = b->ranges[lo].start;
        }
        builder_insert_at(b, lo, mr, cur, gap_end,
                          offset + (uint64_t)(cur - start));
        lo++;
        cur = gap_end;
    }
}

/*
 * Render mr, whose offset 0 sits at base in the address space, limited to
 * [clip_start, clip_end).
 */
static void render_region(FlatBuilder *b, MemoryRegion *mr, RenderAddr base,
                          RenderAddr clip_start, RenderAddr clip_end,
                          unsigned depth)
{
    RenderAddr start, end;

    if (!mr->enabled) {
        return;
    }
    if (depth > RENDER_MAX_DEPTH) {
        warn_report_once("memory: region '%s' nests too deep (alias loop?)",
                         mr->name);
        return;
    }
    start = MAX(base, clip_start);
    end = MIN(base + (RenderAddr)mr->size, clip_end);
    if (start >= end) {
        return;
    }

    switch (mr->kind) {
    case MEMORY_REGION_ALIAS:
        if (mr->alias) {
            render_region(b, mr->alias, base - (RenderAddr)mr->alias_offset,
                          start, end, depth + 1);
        }
        break;
    case MEMORY_REGION_CONTAINER:
        for (unsigned i = 0; i < mr->nr_children; i++) {
            MemoryRegion *child = mr->children[i];

            render_region(b, child, base + (RenderAddr)child->addr, start,
                          end, depth + 1);
        }
        break;
    case MEMORY_REGION_RAM:
    case MEMORY_REGION_ROM:
    case MEMORY_REGION_IO:
        builder_fill(b, mr, start, end, (uint64_t)(start - base));
        break;
    }
}

/* Merge neighbours that continue the same region at contiguous offsets. */
static void builder_merge(FlatBuilder *b)
{
    unsigned out = 0;

    for (unsigned i = 0; i < b->nr; i++) {
        FlatRange *prev = out ? &b->ranges[out - 1] : NULL;
        FlatRange *cur = &b->ranges[i];

        if (prev && prev->mr == cur->mr && prev->readonly == cur->readonly &&
            range_end(prev) == (RenderAddr)cur->start &&
            prev->offset_in_region + prev->size == cur->offset_in_region) {
            prev->size += cur->size;
            continue;
        }
        b->ranges[out++] = *cur;
    }
    b->nr = out;
}

FlatView *flatview_render(MemoryRegion *root)
{
    FlatView *fv = xzalloc(sizeof(*fv));
    FlatBuilder b = { 0 };

    if (root) {
        render_region(&b, root, 0, 0, (RenderAddr)1 << 64, 0);
    }
    builder_merge(&b);
    if (b.nr) {
        fv->ranges = xrealloc(b.ranges, b.nr * sizeof(*b.ranges));
    } else {
        free(b.ranges);
    }
    fv->nr = b.nr;
    fv->refcount = 1;
    return fv;
}

long flatview_find_index(const FlatView *fv, uint64_t addr)
{
    unsigned lo = 0, hi = fv->nr;

    /* Count of ranges starting at or below addr. */
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;

        if (fv->ranges[mid].start <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return (long)lo - 1;
}

const FlatRange *flatview_lookup(const FlatView *fv, uint64_t addr)
{
    long i = flatview_find_index(fv, addr);

    if (i < 0 || !flat_range_contains(&fv->ranges[i], addr)) {
        return NULL;
    }
    return &fv->ranges[i];
}

bool flatview_equal(const FlatView *a, const FlatView *b)
{
    if (a->nr != b->nr) {
        return false;
    }
    for (unsigned i = 0; i < a->nr; i++) {
        if (!flat_range_equal(&a->ranges[i], &b->ranges[i])) {
            return false;
        }
    }
    return true;
}

void flatview_ref(FlatView *fv)
{
    __atomic_fetch_add(&fv->refcount, 1, __ATOMIC_RELAXED);
}

void flatview_unref(FlatView *fv)
{
    if (!fv) {
        return;
    }
    /* Release orders our reads of the ranges before whoever frees them. */
    if (__atomic_sub_fetch(&fv->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
        free(fv->ranges);
        free(fv);
    }
}
