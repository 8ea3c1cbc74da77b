/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The memory-region tree (design contract 2) and its flattened form.
 *
 * Regions (RAM, ROM, MMIO, alias, container) form a tree. Each
 * AddressSpace has a root region; memory_transaction_commit() renders the
 * tree of every address space into a FlatView of non-overlapping ranges,
 * diffs it against the previous one and tells the listeners (KVM turns RAM
 * ranges into memslots). Every access from any engine or device is
 * resolved through the current FlatView (contract 3).
 *
 * Tree changes are made with the machine lock held (or before vCPUs run).
 */
#ifndef MEMORY_MEMORY_H
#define MEMORY_MEMORY_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_ERROR = 1,        /* device reported an error */
    MEMTX_DECODE_ERROR = 2, /* nothing mapped there */
} MemTxResult;

typedef struct MemoryRegionOps {
    /* offset is relative to the region start; size is 1, 2, 4 or 8. */
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
    void (*write)(void *opaque, uint64_t offset, uint64_t value, unsigned size);
    /*
     * Access sizes the modelled device accepts (valid_*); an access outside
     * them reads all-ones and writes are dropped. Zero means 1..8.
     */
    uint8_t valid_min, valid_max;
    /*
     * Sizes the callbacks implement (impl_*): the core splits wider
     * accesses and widens narrower ones (read-modify for writes is NOT done:
     * narrower writes are passed at impl_min with the value shifted).
     * Zero means same as valid.
     */
    uint8_t impl_min, impl_max;
    /* Accesses need not be naturally aligned unless this is set. */
    bool aligned;
} MemoryRegionOps;

typedef enum MemoryRegionKind {
    MEMORY_REGION_RAM,
    MEMORY_REGION_ROM,       /* RAM the guest reads and executes, never writes */
    MEMORY_REGION_IO,        /* MMIO / PIO with callbacks */
    MEMORY_REGION_CONTAINER, /* holds subregions only */
    MEMORY_REGION_ALIAS,     /* a window onto part of another region */
} MemoryRegionKind;

typedef struct MemoryRegion MemoryRegion;

struct MemoryRegion {
    const char *name;
    uint64_t size;
    MemoryRegionKind kind;

    /* RAM/ROM: host memory, page aligned, size bytes */
    void *ram;
    /* IO */
    const MemoryRegionOps *ops;
    void *opaque;
    /* ALIAS */
    MemoryRegion *alias;
    uint64_t alias_offset;

    /* position in the parent */
    MemoryRegion *parent;
    uint64_t addr;
    int priority;
    bool may_overlap;
    bool enabled;

    /* CONTAINER: children sorted by descending priority, then insertion */
    MemoryRegion **children;
    unsigned nr_children, children_cap;

    bool ram_owned; /* ram was allocated by memory_region_init_ram */
};

/*
 * Initialise regions. RAM is anonymous host memory (mmap, MAP_NORESERVE),
 * zero filled; returns 0 or -ENOMEM. ROM is the same, but read-only to the
 * guest (host code may fill it through mr->ram).
 */
int memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size);
int memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size);
/* RAM backed by host memory the caller owns (not freed by destroy). */
void memory_region_init_ram_ptr(MemoryRegion *mr, const char *name,
                                uint64_t size, void *ptr);
void memory_region_init_io(MemoryRegion *mr, const char *name, uint64_t size,
                           const MemoryRegionOps *ops, void *opaque);
void memory_region_init_container(MemoryRegion *mr, const char *name,
                                  uint64_t size);
void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *target, uint64_t offset,
                              uint64_t size);
/* Frees owned RAM and the child array; the region must be unmapped. */
void memory_region_destroy(MemoryRegion *mr);

/*
 * Map child at addr inside parent. Returns -EEXIST if child would overlap
 * an enabled sibling and neither was added with _overlap, -EINVAL if it
 * does not fit in parent or is already mapped somewhere.
 */
int memory_region_add_subregion(MemoryRegion *parent, uint64_t addr,
                                MemoryRegion *child);
/*
 * Map child where overlap is intended: among overlapping siblings the
 * higher priority wins; at equal priority the later-added one wins.
 */
int memory_region_add_subregion_overlap(MemoryRegion *parent, uint64_t addr,
                                        MemoryRegion *child, int priority);
void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *child);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_address(MemoryRegion *mr, uint64_t addr);

/* Batch tree changes: FlatViews are re-rendered once, at the outermost
 * commit. Changes outside a transaction commit immediately. */
void memory_transaction_begin(void);
void memory_transaction_commit(void);

typedef struct FlatRange {
    uint64_t start;            /* address in the address space */
    uint64_t size;
    MemoryRegion *mr;          /* terminal region: RAM, ROM or IO */
    uint64_t offset_in_region; /* offset of start within mr */
    bool readonly;             /* ROM */
} FlatRange;

typedef struct FlatView {
    int refcount;              /* atomic */
    unsigned nr;
    FlatRange *ranges;         /* sorted by start, non-overlapping */
} FlatView;

/* Lookup: the range containing addr, or NULL. O(log n). */
const FlatRange *flatview_lookup(const FlatView *fv, uint64_t addr);
void flatview_ref(FlatView *fv);
void flatview_unref(FlatView *fv);
/* Render a tree into a new FlatView (refcount 1); used by commit and tests. */
FlatView *flatview_render(MemoryRegion *root);

typedef struct AddressSpace AddressSpace;

typedef struct MemoryListenerOps {
    void (*begin)(void *opaque, AddressSpace *as);
    void (*region_del)(void *opaque, AddressSpace *as, const FlatRange *fr);
    void (*region_add)(void *opaque, AddressSpace *as, const FlatRange *fr);
    void (*commit)(void *opaque, AddressSpace *as);
} MemoryListenerOps;

typedef struct MemoryListener {
    const MemoryListenerOps *ops;
    void *opaque;
    struct MemoryListener *next;
} MemoryListener;

struct AddressSpace {
    const char *name;
    MemoryRegion *root;
    FlatView *current;            /* swapped under view_lock */
    pthread_mutex_t view_lock;
    MemoryListener *listeners;
    AddressSpace *next;           /* all address spaces, for commit */
};

/* Registers as so commits render it; renders its first FlatView. */
void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);
void address_space_destroy(AddressSpace *as);
/*
 * Add a listener: region_add is called at once for every range of the
 * current view, then for every later change (deletions before additions).
 */
void memory_listener_register(AddressSpace *as, MemoryListener *l);
void memory_listener_unregister(AddressSpace *as, MemoryListener *l);

/* A referenced snapshot of the current view; release with flatview_unref. */
FlatView *address_space_get_flatview(AddressSpace *as);

/*
 * Read or write len bytes at addr. RAM is copied; IO regions get callbacks
 * (with the machine lock taken if the caller does not hold it), split into
 * sizes their ops accept; ROM ignores writes. Unmapped bytes read as 0xff
 * and writes to them are dropped; the result says MEMTX_DECODE_ERROR.
 */
MemTxResult address_space_rw(AddressSpace *as, uint64_t addr, void *buf,
                             size_t len, bool is_write);
static inline MemTxResult address_space_read(AddressSpace *as, uint64_t addr,
                                             void *buf, size_t len)
{
    return address_space_rw(as, addr, buf, len, false);
}
static inline MemTxResult address_space_write(AddressSpace *as, uint64_t addr,
                                              const void *buf, size_t len)
{
    return address_space_rw(as, addr, (void *)buf, len, true);
}
/*
 * Host-side write into guest memory that also fills ROM (loaders, firmware
 * tables). Fails with MEMTX_DECODE_ERROR if any byte is not RAM/ROM.
 */
MemTxResult address_space_write_rom(AddressSpace *as, uint64_t addr,
                                    const void *buf, size_t len);
/*
 * Host pointer to guest RAM at addr if the whole [addr, addr+*len) is one
 * RAM range (ROM too unless is_write); *len is shortened to what is
 * contiguous. NULL if addr is not RAM.
 */
void *address_space_map_ram(AddressSpace *as, uint64_t addr, uint64_t *len,
                            bool is_write);

/*
 * Told of every write into RAM or ROM bytes by address_space_rw and
 * address_space_write_rom (DMA, loaders, page-table A/D updates), after
 * the bytes changed, one call per contiguous range. Not told of writes
 * through address_space_map_ram pointers. The TCG accelerator registers
 * one (at machine init, before vCPUs run) to drop translations of the
 * rewritten code; memory/ itself knows nothing of TCG. NULL removes it.
 */
typedef void MemoryRamWriteHook(AddressSpace *as, uint64_t addr,
                                uint64_t len, void *opaque);
void memory_set_ram_write_hook(MemoryRamWriteHook *fn, void *opaque);

#endif
