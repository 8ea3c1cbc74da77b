/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PC memory map. Kept as a small sorted array: boards have a handful
 * of entries and the guest formats cap it at 128 anyway.
 */
#include "machines/pc/e820.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/cutils.h"
#include "util/error.h"

uint64_t pc_ram_below_4g(uint64_t ram_size)
{
    return MIN(ram_size, PC_LOW_RAM_MAX);
}

uint64_t pc_ram_above_4g(uint64_t ram_size)
{
    return ram_size - pc_ram_below_4g(ram_size);
}

static int e820_entry_compare(const void *a, const void *b)
{
    const E820Entry *x = a, *y = b;

    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

int e820_table_set(E820Table *t, uint64_t addr, uint64_t size, uint32_t type)
{
    /* Each old entry splits into at most two pieces, plus the new one. */
    E820Entry tmp[2 * E820_MAX_ENTRIES + 1];
    uint64_t end = addr + size;
    unsigned n = 0;

    if (size == 0) {
        return 0;
    }
    if (end < addr) {
        return -EINVAL;
    }
    for (unsigned i = 0; i < t->nr; i++) {
        const E820Entry *e = &t->entries[i];
        uint64_t e_end = e->addr + e->size;

        if (e_end <= addr || e->addr >= end) {
            tmp[n++] = *e;
            continue;
        }
        if (e->addr < addr) {
            tmp[n++] = (E820Entry){ e->addr, addr - e->addr, e->type };
        }
        if (e_end > end) {
            tmp[n++] = (E820Entry){ end, e_end - end, e->type };
        }
    }
    tmp[n++] = (E820Entry){ addr, size, type };
    qsort(tmp, n, sizeof(tmp[0]), e820_entry_compare);

    /* Merge touching entries of one type so the guest sees one range. */
    unsigned out = 0;
    for (unsigned i = 0; i < n; i++) {
        if (out > 0) {
            E820Entry *last = &tmp[out - 1];
            if (last->type == tmp[i].type &&
                last->addr + last->size == tmp[i].addr) {
                last->size += tmp[i].size;
                continue;
            }
        }
        tmp[out++] = tmp[i];
    }
    if (out > E820_MAX_ENTRIES) {
        return -ENOSPC;
    }
    memcpy(t->entries, tmp, out * sizeof(tmp[0]));
    t->nr = out;
    return 0;
}

int e820_build_pc(E820Table *t, uint64_t ram_size, uint64_t acpi_addr,
                  uint64_t acpi_size)
{
    uint64_t low = pc_ram_below_4g(ram_size);
    uint64_t high = pc_ram_above_4g(ram_size);
    int ret;

    t->nr = 0;
    /* The kernel, its page tables and the initrd need extended memory. */
    if (ram_size < 2 * MiB) {
        error_report("RAM size %" PRIu64 " KiB is too small for a PC: "
                     "at least 2 MiB needed", ram_size / KiB);
        return -EINVAL;
    }
    ret = e820_table_set(t, 0, PC_EBDA_ADDR, E820_TYPE_RAM);
    ret = ret ?: e820_table_set(t, PC_EBDA_ADDR, PC_EBDA_END - PC_EBDA_ADDR,
                                E820_TYPE_RESERVED);
    ret = ret ?: e820_table_set(t, PC_BIOS_AREA_ADDR,
                                PC_BIOS_AREA_END - PC_BIOS_AREA_ADDR,
                                E820_TYPE_RESERVED);
    ret = ret ?: e820_table_set(t, PC_HIGH_MEMORY_ADDR,
                                low - PC_HIGH_MEMORY_ADDR, E820_TYPE_RAM);
    ret = ret ?: e820_table_set(t, PC_HIGH_RAM_BASE, high, E820_TYPE_RAM);
    ret = ret ?: e820_table_set(t, acpi_addr, acpi_size, E820_TYPE_ACPI);
    if (ret < 0) {
        fatal_internal("e820: cannot build the PC map (%d)", ret);
    }
    return 0;
}

bool e820_table_covers(const E820Table *t, uint64_t addr, uint64_t size,
                       uint32_t type)
{
    if (addr + size < addr) {
        return false;
    }
    for (unsigned i = 0; i < t->nr; i++) {
        const E820Entry *e = &t->entries[i];
        if (e->type == type && addr >= e->addr &&
            addr + size <= e->addr + e->size) {
            return true;
        }
    }
    return false;
}

int e820_table_place_high(const E820Table *t, uint64_t size,
                          uint64_t min_addr, uint64_t max_end, uint64_t align,
                          uint64_t *addr, uint64_t *max_fit)
{
    bool found = false;
    uint64_t best = 0, fit = 0;

    for (unsigned i = 0; i < t->nr; i++) {
        const E820Entry *e = &t->entries[i];
        uint64_t lo, hi;

        if (e->type != E820_TYPE_RAM) {
            continue;
        }
        lo = MAX(e->addr, min_addr);
        hi = MIN(e->addr + e->size, max_end);
        if (lo > UINT64_MAX - align) {
            continue;
        }
        lo = ALIGN_UP(lo, align);
        if (hi <= lo) {
            continue;
        }
        /* hi - lo rounded down is what an aligned start can hold. */
        fit = MAX(fit, hi - lo);
        if (hi - lo >= size) {
            uint64_t a = ALIGN_DOWN(hi - size, align);
            if (a >= lo && (!found || a > best)) {
                best = a;
                found = true;
            }
        }
    }
    if (!found) {
        if (max_fit) {
            *max_fit = fit;
        }
        return -ENOSPC;
    }
    *addr = best;
    return 0;
}

unsigned e820_table_encode_boot_params(const E820Table *t, uint8_t *dst,
                                       unsigned max_entries)
{
    unsigned n = MIN(t->nr, max_entries);

    for (unsigned i = 0; i < n; i++) {
        uint8_t *p = dst + i * E820_BOOT_PARAMS_ENTRY_SIZE;
        st64_le(p, t->entries[i].addr);
        st64_le(p + 8, t->entries[i].size);
        st32_le(p + 16, t->entries[i].type);
    }
    return n;
}

unsigned e820_table_encode_hvm_memmap(const E820Table *t, uint8_t *dst,
                                      unsigned max_entries)
{
    unsigned n = MIN(t->nr, max_entries);

    for (unsigned i = 0; i < n; i++) {
        uint8_t *p = dst + i * E820_HVM_MEMMAP_ENTRY_SIZE;
        st64_le(p, t->entries[i].addr);
        st64_le(p + 8, t->entries[i].size);
        st32_le(p + 16, t->entries[i].type);
        st32_le(p + 20, 0);
    }
    return n;
}
