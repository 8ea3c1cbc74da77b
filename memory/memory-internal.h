/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Glue between the files of memory/ (region tree, FlatView, address
 * spaces). Nothing outside memory/ includes this.
 */
#ifndef MEMORY_MEMORY_INTERNAL_H
#define MEMORY_MEMORY_INTERNAL_H

#include "memory/memory.h"

/*
 * Re-render every registered address space, swap in the views that
 * changed and notify their listeners. Called by the outermost commit.
 */
void address_space_update_all(void);

/* Index of the last range starting at or below addr, or -1. */
long flatview_find_index(const FlatView *fv, uint64_t addr);

/* Same ranges (start, size, region, offset, readonly) in both views. */
bool flatview_equal(const FlatView *a, const FlatView *b);

/* Ranges a and b describe the same mapping. */
static inline bool flat_range_equal(const FlatRange *a, const FlatRange *b)
{
    return a->start == b->start && a->size == b->size && a->mr == b->mr &&
           a->offset_in_region == b->offset_in_region &&
           a->readonly == b->readonly;
}

/* Does [start, start+size) contain addr? Safe at the top of the space. */
static inline bool flat_range_contains(const FlatRange *fr, uint64_t addr)
{
    return addr >= fr->start && addr - fr->start < fr->size;
}

#endif
