/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the memory-region tree, FlatView, listeners and dispatch. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "memory/memory.h"
#include "util/cutils.h"
#include "util/machine-lock.h"

/* ---- a recording device ---------------------------------------------- */

typedef struct Access {
    bool write;
    uint64_t offset;
    unsigned size;
    uint64_t value;
} Access;

typedef struct TestDev {
    Access log[64];
    unsigned n;
} TestDev;

/* The device's registers read as byte k = 0x10 + k (little-endian). */
static uint64_t dev_pattern(uint64_t offset, unsigned size)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)((0x10 + offset + i) & 0xff) << (8 * i);
    }
    return v;
}

static uint64_t dev_read(void *opaque, uint64_t offset, unsigned size)
{
    TestDev *d = opaque;

    assert_true(machine_lock_held());
    assert_true(d->n < ARRAY_SIZE(d->log));
    d->log[d->n++] = (Access){ false, offset, size, 0 };
    return dev_pattern(offset, size);
}

static void dev_write(void *opaque, uint64_t offset, uint64_t value,
                      unsigned size)
{
    TestDev *d = opaque;

    assert_true(machine_lock_held());
    assert_true(d->n < ARRAY_SIZE(d->log));
    d->log[d->n++] = (Access){ true, offset, size, value };
}

static void assert_access(const TestDev *d, unsigned i, bool write,
                          uint64_t offset, unsigned size, uint64_t value)
{
    assert_true(i < d->n);
    assert_int_equal(d->log[i].write, write);
    assert_int_equal(d->log[i].offset, offset);
    assert_int_equal(d->log[i].size, size);
    if (write) {
        assert_int_equal(d->log[i].value, value);
    }
}

static const MemoryRegionOps dev_ops = {
    .read = dev_read,
    .write = dev_write,
};
static const MemoryRegionOps dev_ops_impl1 = {
    .read = dev_read, .write = dev_write, .impl_max = 1,
};
static const MemoryRegionOps dev_ops_impl4 = {
    .read = dev_read, .write = dev_write, .impl_max = 4,
};
static const MemoryRegionOps dev_ops_impl_min4 = {
    .read = dev_read, .write = dev_write, .impl_min = 4, .impl_max = 4,
};
static const MemoryRegionOps dev_ops_valid_max4 = {
    .read = dev_read, .write = dev_write, .valid_max = 4,
};
static const MemoryRegionOps dev_ops_valid_min2 = {
    .read = dev_read, .write = dev_write, .valid_min = 2,
};
static const MemoryRegionOps dev_ops_aligned = {
    .read = dev_read, .write = dev_write, .aligned = true,
};

/* ---- a recording listener -------------------------------------------- */

typedef struct Event {
    char kind; /* b(egin), d(el), a(dd), c(ommit) */
    FlatRange fr;
} Event;

typedef struct Recorder {
    Event ev[64];
    unsigned n;
} Recorder;

static void rec_push(Recorder *r, char kind, const FlatRange *fr)
{
    assert_true(r->n < ARRAY_SIZE(r->ev));
    r->ev[r->n].kind = kind;
    if (fr) {
        r->ev[r->n].fr = *fr;
    }
    r->n++;
}

static void rec_begin(void *opaque, AddressSpace *as)
{
    rec_push(opaque, 'b', NULL);
}

static void rec_del(void *opaque, AddressSpace *as, const FlatRange *fr)
{
    rec_push(opaque, 'd', fr);
}

static void rec_add(void *opaque, AddressSpace *as, const FlatRange *fr)
{
    rec_push(opaque, 'a', fr);
}

static void rec_commit(void *opaque, AddressSpace *as)
{
    rec_push(opaque, 'c', NULL);
}

static const MemoryListenerOps rec_ops = {
    .begin = rec_begin,
    .region_del = rec_del,
    .region_add = rec_add,
    .commit = rec_commit,
};

static void assert_event(const Recorder *r, unsigned i, char kind,
                         uint64_t start, uint64_t size, MemoryRegion *mr,
                         uint64_t offset)
{
    assert_true(i < r->n);
    assert_int_equal(r->ev[i].kind, kind);
    if (kind == 'a' || kind == 'd') {
        assert_int_equal(r->ev[i].fr.start, start);
        assert_int_equal(r->ev[i].fr.size, size);
        assert_ptr_equal(r->ev[i].fr.mr, mr);
        assert_int_equal(r->ev[i].fr.offset_in_region, offset);
    }
}

static void assert_range(const FlatView *fv, unsigned i, uint64_t start,
                         uint64_t size, MemoryRegion *mr, uint64_t offset)
{
    assert_true(i < fv->nr);
    assert_int_equal(fv->ranges[i].start, start);
    assert_int_equal(fv->ranges[i].size, size);
    assert_ptr_equal(fv->ranges[i].mr, mr);
    assert_int_equal(fv->ranges[i].offset_in_region, offset);
    assert_int_equal(fv->ranges[i].readonly, mr->kind == MEMORY_REGION_ROM);
}

static uint32_t read32(AddressSpace *as, uint64_t addr, MemTxResult *res)
{
    uint8_t b[4];

    *res = address_space_read(as, addr, b, 4);
    return ld32_le(b);
}

/* ---- address spaces that a failed test cannot leave dangling ------- */

/*
 * A failing assertion leaves a test early; its address space would stay
 * registered with regions from a dead stack frame, and the next commit
 * would render garbage. So address spaces live here and the per-test
 * teardown unregisters whatever a test left.
 */
static AddressSpace test_as_slots[2];
static bool test_as_live[2];

static AddressSpace *test_as_new(MemoryRegion *root, const char *name)
{
    for (unsigned i = 0; i < ARRAY_SIZE(test_as_slots); i++) {
        if (!test_as_live[i]) {
            test_as_live[i] = true;
            address_space_init(&test_as_slots[i], root, name);
            return &test_as_slots[i];
        }
    }
    fail_msg("too many address spaces");
    return NULL;
}

static void test_as_free(AddressSpace *as)
{
    unsigned i = as - test_as_slots;

    assert_true(test_as_live[i]);
    test_as_live[i] = false;
    address_space_destroy(as);
}

static int test_teardown(void **state)
{
    for (unsigned i = 0; i < ARRAY_SIZE(test_as_slots); i++) {
        if (test_as_live[i]) {
            test_as_free(&test_as_slots[i]);
        }
    }
    return 0;
}

/* ---- tests -------------------------------------------------------------- */

static void test_ram_round_trip(void **state)
{
    MemoryRegion root, ram;
    AddressSpace *as;
    uint8_t in[16], out[16];

    memory_region_init_container(&root, "root", UINT64_MAX);
    assert_int_equal(memory_region_init_ram(&ram, "ram", 64 * KiB), 0);
    assert_non_null(ram.ram);
    assert_int_equal((uintptr_t)ram.ram % sysconf(_SC_PAGESIZE), 0);
    assert_int_equal(((uint8_t *)ram.ram)[100], 0); /* zero filled */
    assert_int_equal(memory_region_add_subregion(&root, 0x10000, &ram), 0);
    as = test_as_new(&root, "test");

    for (unsigned i = 0; i < sizeof(in); i++) {
        in[i] = 0xa0 + i;
    }
    assert_int_equal(address_space_write(as, 0x10800, in, sizeof(in)),
                     MEMTX_OK);
    assert_memory_equal((uint8_t *)ram.ram + 0x800, in, sizeof(in));
    memset(out, 0, sizeof(out));
    assert_int_equal(address_space_read(as, 0x10800, out, sizeof(out)),
                     MEMTX_OK);
    assert_memory_equal(out, in, sizeof(in));

    test_as_free(as);
    memory_region_destroy(&ram);
    memory_region_destroy(&root);
}

static void test_ram_enomem(void **state)
{
    MemoryRegion ram;

    /* Far beyond any host's virtual address space. */
    assert_int_equal(memory_region_init_ram(&ram, "huge", 1ULL << 62),
                     -ENOMEM);
    assert_null(ram.ram);
    memory_region_destroy(&ram);
}

/* One IO region at 0x1000 in a fresh address space. */
typedef struct IoFixture {
    MemoryRegion root, io;
    AddressSpace *as;
    TestDev dev;
} IoFixture;

static void io_fixture_init(IoFixture *f, const MemoryRegionOps *ops)
{
    memset(f, 0, sizeof(*f));
    memory_region_init_container(&f->root, "root", 0x100000);
    memory_region_init_io(&f->io, "dev", 0x100, ops, &f->dev);
    assert_int_equal(memory_region_add_subregion(&f->root, 0x1000, &f->io), 0);
    f->as = test_as_new(&f->root, "io-test");
}

static void io_fixture_fini(IoFixture *f)
{
    test_as_free(f->as);
    memory_region_destroy(&f->io);
    memory_region_destroy(&f->root);
}

static void test_mmio_callbacks(void **state)
{
    IoFixture f;
    uint8_t b[4];
    uint16_t v16;

    io_fixture_init(&f, &dev_ops);
    st32_le(b, 0x11223344);
    assert_int_equal(address_space_write(f.as, 0x1004, b, 4), MEMTX_OK);
    assert_int_equal(f.dev.n, 1);
    assert_access(&f.dev, 0, true, 4, 4, 0x11223344);

    assert_int_equal(address_space_read(f.as, 0x1006, &v16, 2), MEMTX_OK);
    assert_int_equal(f.dev.n, 2);
    assert_access(&f.dev, 1, false, 6, 2, 0);
    assert_int_equal(v16, dev_pattern(6, 2));
    assert_false(machine_lock_held());

    /* A caller already holding the machine lock keeps it (no deadlock). */
    machine_lock();
    assert_int_equal(address_space_read(f.as, 0x1000, &v16, 1), MEMTX_OK);
    assert_true(machine_lock_held());
    machine_unlock();
    assert_int_equal(f.dev.n, 3);
    assert_access(&f.dev, 2, false, 0, 1, 0);
    io_fixture_fini(&f);
}

static void test_mmio_split_impl1(void **state)
{
    IoFixture f;
    uint8_t b[4];
    MemTxResult res;

    io_fixture_init(&f, &dev_ops_impl1);
    st32_le(b, 0xaabbccdd);
    assert_int_equal(address_space_write(f.as, 0x1008, b, 4), MEMTX_OK);
    assert_int_equal(f.dev.n, 4);
    assert_access(&f.dev, 0, true, 8, 1, 0xdd);
    assert_access(&f.dev, 1, true, 9, 1, 0xcc);
    assert_access(&f.dev, 2, true, 10, 1, 0xbb);
    assert_access(&f.dev, 3, true, 11, 1, 0xaa);

    f.dev.n = 0;
    assert_int_equal(read32(f.as, 0x1020, &res), dev_pattern(0x20, 4));
    assert_int_equal(res, MEMTX_OK);
    assert_int_equal(f.dev.n, 4);
    for (unsigned i = 0; i < 4; i++) {
        assert_access(&f.dev, i, false, 0x20 + i, 1, 0);
    }
    io_fixture_fini(&f);
}

static void test_mmio_split_impl4(void **state)
{
    IoFixture f;
    uint8_t b[8];

    io_fixture_init(&f, &dev_ops_impl4);
    assert_int_equal(address_space_read(f.as, 0x1010, b, 8), MEMTX_OK);
    assert_int_equal(f.dev.n, 2);
    assert_access(&f.dev, 0, false, 0x10, 4, 0);
    assert_access(&f.dev, 1, false, 0x14, 4, 0);
    assert_int_equal(ld64_le(b), dev_pattern(0x10, 8));

    f.dev.n = 0;
    st64_le(b, 0x0102030405060708ULL);
    assert_int_equal(address_space_write(f.as, 0x1018, b, 8), MEMTX_OK);
    assert_int_equal(f.dev.n, 2);
    assert_access(&f.dev, 0, true, 0x18, 4, 0x05060708);
    assert_access(&f.dev, 1, true, 0x1c, 4, 0x01020304);
    io_fixture_fini(&f);
}

static void test_mmio_widen_impl_min(void **state)
{
    IoFixture f;
    uint8_t b[2];

    io_fixture_init(&f, &dev_ops_impl_min4);
    /* A byte read at 5 reads the aligned word at 4 and takes byte 1. */
    assert_int_equal(address_space_read(f.as, 0x1005, b, 1), MEMTX_OK);
    assert_int_equal(f.dev.n, 1);
    assert_access(&f.dev, 0, false, 4, 4, 0);
    assert_int_equal(b[0], 0x15);

    /* A byte write at 6 is passed at impl_min, value shifted. */
    f.dev.n = 0;
    b[0] = 0xab;
    assert_int_equal(address_space_write(f.as, 0x1006, b, 1), MEMTX_OK);
    assert_int_equal(f.dev.n, 1);
    assert_access(&f.dev, 0, true, 4, 4, 0xab0000);

    /* A 2-byte read straddling two words needs both. */
    f.dev.n = 0;
    assert_int_equal(address_space_read(f.as, 0x1007, b, 2), MEMTX_OK);
    assert_int_equal(f.dev.n, 2);
    assert_access(&f.dev, 0, false, 4, 4, 0);
    assert_access(&f.dev, 1, false, 8, 4, 0);
    assert_int_equal(ld16_le(b), dev_pattern(7, 2));
    io_fixture_fini(&f);
}

static void test_mmio_valid_violations(void **state)
{
    IoFixture f;
    uint8_t b[16];
    MemTxResult res;

    /* valid_max 4: an 8-byte access is refused whole. */
    io_fixture_init(&f, &dev_ops_valid_max4);
    memset(b, 0, sizeof(b));
    assert_int_equal(address_space_read(f.as, 0x1000, b, 8), MEMTX_ERROR);
    assert_int_equal(ld64_le(b), UINT64_MAX);
    assert_int_equal(address_space_write(f.as, 0x1000, b, 8), MEMTX_ERROR);
    assert_int_equal(f.dev.n, 0);
    /* 4 is fine. */
    assert_int_equal(read32(f.as, 0x1000, &res), dev_pattern(0, 4));
    assert_int_equal(res, MEMTX_OK);
    /* A 16-byte buffer is cut into the widest valid accesses. */
    f.dev.n = 0;
    assert_int_equal(address_space_read(f.as, 0x1000, b, 16), MEMTX_OK);
    assert_int_equal(f.dev.n, 4);
    assert_access(&f.dev, 3, false, 12, 4, 0);
    assert_int_equal(b[15], 0x10 + 15);
    io_fixture_fini(&f);

    /* valid_min 2: a byte access is refused. */
    io_fixture_init(&f, &dev_ops_valid_min2);
    b[0] = 0;
    assert_int_equal(address_space_read(f.as, 0x1003, b, 1), MEMTX_ERROR);
    assert_int_equal(b[0], 0xff);
    assert_int_equal(address_space_write(f.as, 0x1003, b, 1), MEMTX_ERROR);
    assert_int_equal(f.dev.n, 0);
    io_fixture_fini(&f);

    /* aligned: a misaligned word is refused, an aligned one passes. */
    io_fixture_init(&f, &dev_ops_aligned);
    assert_int_equal(read32(f.as, 0x1002, &res), 0xffffffff);
    assert_int_equal(res, MEMTX_ERROR);
    assert_int_equal(f.dev.n, 0);
    assert_int_equal(read32(f.as, 0x1004, &res), dev_pattern(4, 4));
    assert_int_equal(res, MEMTX_OK);
    io_fixture_fini(&f);
}

static void test_overlap_priority(void **state)
{
    MemoryRegion root, ram, io, low, a, b;
    AddressSpace *as;
    TestDev dev = { .n = 0 }, dev_b = { .n = 0 };
    MemTxResult res;

    memory_region_init_container(&root, "root", 0x100000);
    assert_int_equal(memory_region_init_ram(&ram, "ram", 0x10000), 0);
    memory_region_init_io(&io, "mmio", 0x1000, &dev_ops, &dev);
    memory_region_init_io(&low, "low", 0x1000, &dev_ops, &dev);
    memset(ram.ram, 0x5a, 0x10000);
    assert_int_equal(memory_region_add_subregion(&root, 0, &ram), 0);
    assert_int_equal(memory_region_add_subregion_overlap(&root, 0x2000, &io, 1),
                     0);
    /* Below the RAM: never seen. */
    assert_int_equal(memory_region_add_subregion_overlap(&root, 0x3000, &low,
                                                         -1), 0);
    as = test_as_new(&root, "test");

    assert_int_equal(read32(as, 0x2000, &res), dev_pattern(0, 4));
    assert_int_equal(dev.n, 1);
    assert_int_equal(read32(as, 0x3000, &res), 0x5a5a5a5a);
    assert_int_equal(dev.n, 1);

    memory_region_set_enabled(&io, false);
    assert_int_equal(read32(as, 0x2000, &res), 0x5a5a5a5a);
    assert_int_equal(dev.n, 1);
    assert_int_equal(as->current->nr, 1);
    assert_range(as->current, 0, 0, 0x10000, &ram, 0);

    memory_region_set_enabled(&io, true);
    assert_int_equal(read32(as, 0x2ffc, &res), dev_pattern(0xffc, 4));
    assert_int_equal(dev.n, 2);

    /* Moving it keeps its priority. */
    memory_region_set_address(&io, 0x8000);
    assert_int_equal(read32(as, 0x2000, &res), 0x5a5a5a5a);
    assert_int_equal(read32(as, 0x8000, &res), dev_pattern(0, 4));
    assert_int_equal(dev.n, 3);

    /* Equal priority: the later-added region wins. */
    memory_region_init_io(&a, "a", 0x100, &dev_ops, &dev);
    memory_region_init_io(&b, "b", 0x100, &dev_ops, &dev_b);
    assert_int_equal(memory_region_add_subregion_overlap(&root, 0x8000, &a, 1),
                     0);
    assert_int_equal(memory_region_add_subregion_overlap(&root, 0x8080, &b, 1),
                     0);
    dev.n = 0;
    read32(as, 0x8080, &res);
    assert_int_equal(dev_b.n, 1);
    assert_int_equal(dev.n, 0);
    read32(as, 0x8000, &res);
    assert_int_equal(dev.n, 1);
    assert_ptr_equal(flatview_lookup(as->current, 0x8000)->mr, &a);
    assert_ptr_equal(flatview_lookup(as->current, 0x8100)->mr, &b);
    assert_ptr_equal(flatview_lookup(as->current, 0x8180)->mr, &io);

    test_as_free(as);
    memory_region_del_subregion(&root, &a);
    memory_region_del_subregion(&root, &b);
    memory_region_del_subregion(&root, &io);
    memory_region_del_subregion(&root, &low);
    memory_region_del_subregion(&root, &ram);
    memory_region_destroy(&ram);
    memory_region_destroy(&root);
}

static void test_overlap_rejected(void **state)
{
    MemoryRegion root, r1, r2, r3, io, leaf, top;

    memory_region_init_container(&root, "root", 0x100000);
    memory_region_init_container(&top, "top", UINT64_MAX);
    memory_region_init_ram_ptr(&r1, "r1", 0x1000, NULL);
    memory_region_init_ram_ptr(&r2, "r2", 0x1000, NULL);
    memory_region_init_ram_ptr(&r3, "r3", 0x1000, NULL);
    memory_region_init_io(&io, "io", 0x1000, &dev_ops, NULL);
    memory_region_init_io(&leaf, "leaf", 0x1000, &dev_ops, NULL);

    assert_int_equal(memory_region_add_subregion(&root, 0x1000, &r1), 0);
    assert_int_equal(memory_region_add_subregion(&root, 0x1800, &r2), -EEXIST);
    assert_null(r2.parent);
    assert_int_equal(memory_region_add_subregion(&root, 0x0800, &r2), -EEXIST);
    /* Touching is not overlapping. */
    assert_int_equal(memory_region_add_subregion(&root, 0x2000, &r2), 0);
    /* Overlap with a sibling that asked for it is fine both ways. */
    assert_int_equal(memory_region_add_subregion_overlap(&root, 0x1800, &io, 0),
                     0);
    memory_region_del_subregion(&root, &r2);
    assert_int_equal(memory_region_add_subregion(&root, 0x2000, &r3), 0);
    /* A disabled sibling does not conflict. */
    memory_region_set_enabled(&r3, false);
    assert_int_equal(memory_region_add_subregion(&root, 0x2800, &r2), 0);

    /* Already mapped, not a container, outside the parent. */
    assert_int_equal(memory_region_add_subregion(&top, 0, &r1), -EINVAL);
    assert_int_equal(memory_region_add_subregion(&leaf, 0, &r3), -EINVAL);
    memory_region_del_subregion(&root, &r3);
    assert_int_equal(memory_region_add_subregion(&root, 0x100000, &r3),
                     -EINVAL);
    assert_int_equal(memory_region_add_subregion(&top, UINT64_MAX - 0x10, &r3),
                     -EINVAL);
    assert_null(r3.parent);

    memory_region_destroy(&root);
    memory_region_destroy(&top);
    assert_null(r1.parent);
}

static void test_alias(void **state)
{
    MemoryRegion root, ram, win, win2, box, box_ram, box_io, box_win;
    AddressSpace *as;
    TestDev dev = { .n = 0 };
    uint8_t b[4] = { 1, 2, 3, 4 };
    FlatView *fv;

    memory_region_init_container(&root, "root", UINT64_MAX);
    assert_int_equal(memory_region_init_ram(&ram, "ram", 0x100000), 0);
    memory_region_init_alias(&win, "win", &ram, 0x8000, 0x1000);
    /* An alias of the alias, 0x100 further in. */
    memory_region_init_alias(&win2, "win2", &win, 0x100, 0x800);
    assert_int_equal(memory_region_add_subregion(&root, 0x200000, &win), 0);
    assert_int_equal(memory_region_add_subregion(&root, 0x300000, &win2), 0);
    as = test_as_new(&root, "test");

    assert_int_equal(address_space_write(as, 0x200010, b, 4), MEMTX_OK);
    assert_memory_equal((uint8_t *)ram.ram + 0x8010, b, 4);
    assert_int_equal(address_space_write(as, 0x300000, b, 4), MEMTX_OK);
    assert_memory_equal((uint8_t *)ram.ram + 0x8100, b, 4);

    fv = address_space_get_flatview(as);
    assert_int_equal(fv->nr, 2);
    assert_range(fv, 0, 0x200000, 0x1000, &ram, 0x8000);
    assert_range(fv, 1, 0x300000, 0x800, &ram, 0x8100);
    flatview_unref(fv);

    /* An alias of a container, starting in its middle. */
    memory_region_init_container(&box, "box", 0x2000);
    assert_int_equal(memory_region_init_ram(&box_ram, "box-ram", 0x1000), 0);
    memory_region_init_io(&box_io, "box-io", 0x1000, &dev_ops, &dev);
    assert_int_equal(memory_region_add_subregion(&box, 0, &box_ram), 0);
    assert_int_equal(memory_region_add_subregion(&box, 0x1000, &box_io), 0);
    memory_region_init_alias(&box_win, "box-win", &box, 0x800, 0x1000);
    assert_int_equal(memory_region_add_subregion(&root, 0x50000, &box_win), 0);

    fv = address_space_get_flatview(as);
    assert_int_equal(fv->nr, 4);
    assert_range(fv, 0, 0x50000, 0x800, &box_ram, 0x800);
    assert_range(fv, 1, 0x50800, 0x800, &box_io, 0);
    flatview_unref(fv);
    assert_int_equal(address_space_read(as, 0x50810, b, 2), MEMTX_OK);
    assert_int_equal(dev.n, 1);
    assert_access(&dev, 0, false, 0x10, 2, 0);

    /* Disabling the target hides every window onto it. */
    memory_region_set_enabled(&ram, false);
    assert_int_equal(as->current->nr, 2);
    memory_region_set_enabled(&ram, true);
    assert_int_equal(as->current->nr, 4);

    test_as_free(as);
    memory_region_destroy(&root);
    memory_region_destroy(&box);
    memory_region_destroy(&box_ram);
    memory_region_destroy(&ram);
}

static void test_alias_loop(void **state)
{
    MemoryRegion root, box, loop;
    FlatView *fv;

    /* A mistake must not hang or crash the renderer. */
    memory_region_init_container(&root, "root", 0x10000);
    memory_region_init_container(&box, "box", 0x1000);
    memory_region_init_alias(&loop, "loop", &box, 0, 0x1000);
    assert_int_equal(memory_region_add_subregion(&box, 0, &loop), 0);
    assert_int_equal(memory_region_add_subregion(&root, 0, &box), 0);
    fv = flatview_render(&root);
    assert_int_equal(fv->nr, 0);
    flatview_unref(fv);
    memory_region_destroy(&box);
    memory_region_destroy(&root);
}

static void test_del_subregion(void **state)
{
    IoFixture f;
    MemTxResult res;

    io_fixture_init(&f, &dev_ops);
    assert_int_equal(read32(f.as, 0x1000, &res), dev_pattern(0, 4));
    assert_int_equal(res, MEMTX_OK);
    memory_region_del_subregion(&f.root, &f.io);
    assert_null(f.io.parent);
    assert_int_equal(f.as->current->nr, 0);
    assert_int_equal(read32(f.as, 0x1000, &res), 0xffffffff);
    assert_int_equal(res, MEMTX_DECODE_ERROR);
    assert_int_equal(f.dev.n, 1);
    /* It can be mapped again, elsewhere. */
    assert_int_equal(memory_region_add_subregion(&f.root, 0x4000, &f.io), 0);
    assert_int_equal(f.as->current->nr, 1);
    assert_range(f.as->current, 0, 0x4000, 0x100, &f.io, 0);
    io_fixture_fini(&f);
}

static void test_clip_to_parent(void **state)
{
    MemoryRegion root, box, ram;
    FlatView *fv;

    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_init_container(&box, "box", 0x1000);
    memory_region_init_ram_ptr(&ram, "ram", 0x1000, NULL);
    assert_int_equal(memory_region_add_subregion(&root, 0x10000, &box), 0);
    assert_int_equal(memory_region_add_subregion(&box, 0xc00, &ram), 0);
    fv = flatview_render(&root);
    assert_int_equal(fv->nr, 1);
    assert_range(fv, 0, 0x10c00, 0x400, &ram, 0);
    flatview_unref(fv);
    /* Moved to the front of the box, it fits whole. */
    memory_region_set_address(&ram, 0);
    fv = flatview_render(&root);
    assert_range(fv, 0, 0x10000, 0x1000, &ram, 0);
    flatview_unref(fv);
    memory_region_destroy(&box);
    memory_region_destroy(&root);
}

/*
 * A PC-like low megabyte: RAM behind a VGA hole of priority 1, a BIOS
 * ROM, and the RAM above 1 MiB reached through a second alias.
 */
typedef struct PcFixture {
    MemoryRegion root, ram, ram_low, ram_high, vga, bios;
    AddressSpace *as;
    TestDev dev;
} PcFixture;

static void pc_fixture_init(PcFixture *pc)
{
    memset(pc, 0, sizeof(*pc));
    memory_region_init_container(&pc->root, "system", UINT64_MAX);
    assert_int_equal(memory_region_init_ram(&pc->ram, "pc.ram", 2 * MiB), 0);
    memory_region_init_alias(&pc->ram_low, "ram-low", &pc->ram, 0, MiB);
    memory_region_init_alias(&pc->ram_high, "ram-high", &pc->ram, MiB, MiB);
    memory_region_init_io(&pc->vga, "vga", 0x20000, &dev_ops, &pc->dev);
    assert_int_equal(memory_region_init_rom(&pc->bios, "bios", 0x10000), 0);
    memory_region_add_subregion_overlap(&pc->root, 0, &pc->ram_low, 0);
    memory_region_add_subregion_overlap(&pc->root, 0xa0000, &pc->vga, 1);
    memory_region_add_subregion_overlap(&pc->root, 0xf0000, &pc->bios, 1);
    assert_int_equal(memory_region_add_subregion(&pc->root, MiB,
                                                 &pc->ram_high), 0);
    pc->as = test_as_new(&pc->root, "pc-memory");
}

static void pc_fixture_fini(PcFixture *pc)
{
    test_as_free(pc->as);
    memory_region_destroy(&pc->root);
    memory_region_destroy(&pc->bios);
    memory_region_destroy(&pc->ram);
}

static void test_pc_layout(void **state)
{
    PcFixture pc;
    FlatView *fv;

    pc_fixture_init(&pc);
    fv = address_space_get_flatview(pc.as);
    assert_int_equal(fv->refcount, 2);
    assert_int_equal(fv->nr, 5);
    assert_range(fv, 0, 0, 0xa0000, &pc.ram, 0);
    assert_range(fv, 1, 0xa0000, 0x20000, &pc.vga, 0);
    assert_range(fv, 2, 0xc0000, 0x30000, &pc.ram, 0xc0000);
    assert_range(fv, 3, 0xf0000, 0x10000, &pc.bios, 0);
    assert_true(fv->ranges[3].readonly);
    assert_range(fv, 4, MiB, MiB, &pc.ram, MiB);

    /* Lookup by binary search, at edges and in holes. */
    assert_ptr_equal(flatview_lookup(fv, 0), &fv->ranges[0]);
    assert_ptr_equal(flatview_lookup(fv, 0x9ffff), &fv->ranges[0]);
    assert_ptr_equal(flatview_lookup(fv, 0xa0000), &fv->ranges[1]);
    assert_ptr_equal(flatview_lookup(fv, 0xfffff), &fv->ranges[3]);
    assert_ptr_equal(flatview_lookup(fv, 2 * MiB - 1), &fv->ranges[4]);
    assert_null(flatview_lookup(fv, 2 * MiB));
    assert_null(flatview_lookup(fv, UINT64_MAX));

    /* The snapshot outlives a commit; the new view merges the RAM. */
    memory_region_set_enabled(&pc.bios, false);
    assert_int_equal(fv->nr, 5);
    assert_int_equal(fv->refcount, 1);
    flatview_unref(fv);
    fv = address_space_get_flatview(pc.as);
    assert_int_equal(fv->nr, 3);
    assert_range(fv, 2, 0xc0000, MiB + 0x40000, &pc.ram, 0xc0000);
    flatview_unref(fv);
    pc_fixture_fini(&pc);
}

static void test_listener(void **state)
{
    PcFixture pc;
    MemoryListener l = { .ops = &rec_ops };
    Recorder rec = { .n = 0 };

    pc_fixture_init(&pc);
    l.opaque = &rec;
    memory_listener_register(pc.as, &l);
    /* Replay: every current range is added, in one round. */
    assert_int_equal(rec.n, 7);
    assert_event(&rec, 0, 'b', 0, 0, NULL, 0);
    assert_event(&rec, 1, 'a', 0, 0xa0000, &pc.ram, 0);
    assert_event(&rec, 2, 'a', 0xa0000, 0x20000, &pc.vga, 0);
    assert_event(&rec, 3, 'a', 0xc0000, 0x30000, &pc.ram, 0xc0000);
    assert_event(&rec, 4, 'a', 0xf0000, 0x10000, &pc.bios, 0);
    assert_event(&rec, 5, 'a', MiB, MiB, &pc.ram, MiB);
    assert_event(&rec, 6, 'c', 0, 0, NULL, 0);

    /* Hiding VGA: the three ranges below the BIOS become one. */
    rec.n = 0;
    memory_region_set_enabled(&pc.vga, false);
    assert_int_equal(rec.n, 6);
    assert_event(&rec, 0, 'b', 0, 0, NULL, 0);
    assert_event(&rec, 1, 'd', 0, 0xa0000, &pc.ram, 0);
    assert_event(&rec, 2, 'd', 0xa0000, 0x20000, &pc.vga, 0);
    assert_event(&rec, 3, 'd', 0xc0000, 0x30000, &pc.ram, 0xc0000);
    assert_event(&rec, 4, 'a', 0, 0xf0000, &pc.ram, 0);
    assert_event(&rec, 5, 'c', 0, 0, NULL, 0);

    /* No change, no round. */
    rec.n = 0;
    memory_region_set_enabled(&pc.vga, false);
    memory_transaction_begin();
    memory_transaction_commit();
    assert_int_equal(rec.n, 0);

    /* Moving the BIOS: its old range goes before the new ones come. */
    memory_region_set_address(&pc.bios, 0x300000);
    assert_int_equal(rec.n, 7);
    assert_event(&rec, 1, 'd', 0, 0xf0000, &pc.ram, 0);
    assert_event(&rec, 2, 'd', 0xf0000, 0x10000, &pc.bios, 0);
    assert_event(&rec, 3, 'd', MiB, MiB, &pc.ram, MiB);
    assert_event(&rec, 4, 'a', 0, 2 * MiB, &pc.ram, 0);
    assert_event(&rec, 5, 'a', 0x300000, 0x10000, &pc.bios, 0);
    assert_event(&rec, 6, 'c', 0, 0, NULL, 0);

    memory_listener_unregister(pc.as, &l);
    rec.n = 0;
    memory_region_set_enabled(&pc.vga, true);
    assert_int_equal(rec.n, 0);
    pc_fixture_fini(&pc);
}

static void test_transaction_batching(void **state)
{
    PcFixture pc;
    MemoryListener l = { .ops = &rec_ops };
    Recorder rec = { .n = 0 };

    pc_fixture_init(&pc);
    l.opaque = &rec;
    memory_listener_register(pc.as, &l);
    rec.n = 0;

    memory_transaction_begin();
    memory_region_set_enabled(&pc.vga, false);
    memory_transaction_begin(); /* nested */
    memory_region_set_enabled(&pc.bios, false);
    memory_transaction_commit();
    assert_int_equal(rec.n, 0);
    /* The view is not re-rendered before the outermost commit. */
    assert_int_equal(pc.as->current->nr, 5);
    memory_region_set_enabled(&pc.vga, true);
    memory_transaction_commit();

    /* One round: begin, the dels, the adds, commit. */
    assert_int_equal(rec.n, 6);
    assert_event(&rec, 0, 'b', 0, 0, NULL, 0);
    assert_event(&rec, 1, 'd', 0xc0000, 0x30000, &pc.ram, 0xc0000);
    assert_event(&rec, 2, 'd', 0xf0000, 0x10000, &pc.bios, 0);
    assert_event(&rec, 3, 'd', MiB, MiB, &pc.ram, MiB);
    assert_event(&rec, 4, 'a', 0xc0000, MiB + 0x40000, &pc.ram, 0xc0000);
    assert_event(&rec, 5, 'c', 0, 0, NULL, 0);

    /* Changes that cancel out inside a transaction cost nothing. */
    rec.n = 0;
    memory_transaction_begin();
    memory_region_set_enabled(&pc.vga, false);
    memory_region_set_enabled(&pc.vga, true);
    memory_transaction_commit();
    assert_int_equal(rec.n, 0);

    memory_listener_unregister(pc.as, &l);
    pc_fixture_fini(&pc);
}

static void test_unmapped(void **state)
{
    MemoryRegion root, ram;
    AddressSpace *as;
    uint8_t b[8];
    MemTxResult res;

    memory_region_init_container(&root, "root", UINT64_MAX);
    assert_int_equal(memory_region_init_ram(&ram, "ram", 0x1000), 0);
    memset(ram.ram, 0x33, 0x1000);
    assert_int_equal(memory_region_add_subregion(&root, 0x1000, &ram), 0);
    as = test_as_new(&root, "test");

    assert_int_equal(read32(as, 0x100, &res), 0xffffffff);
    assert_int_equal(res, MEMTX_DECODE_ERROR);
    assert_int_equal(read32(as, UINT64_MAX - 3, &res), 0xffffffff);
    assert_int_equal(res, MEMTX_DECODE_ERROR);
    memset(b, 0, sizeof(b));
    assert_int_equal(address_space_write(as, 0x100, b, 4),
                     MEMTX_DECODE_ERROR);

    /* Hole, then RAM: the RAM part is still read. */
    assert_int_equal(address_space_read(as, 0xffc, b, 8),
                     MEMTX_DECODE_ERROR);
    assert_int_equal(ld32_le(b), 0xffffffff);
    assert_int_equal(ld32_le(b + 4), 0x33333333);
    /* RAM, then hole: the RAM part is still written. */
    memset(b, 0x77, sizeof(b));
    assert_int_equal(address_space_write(as, 0x1ffc, b, 8),
                     MEMTX_DECODE_ERROR);
    assert_int_equal(((uint8_t *)ram.ram)[0xfff], 0x77);
    assert_int_equal(((uint8_t *)ram.ram)[0xffb], 0x33);

    test_as_free(as);
    memory_region_destroy(&root);
    memory_region_destroy(&ram);
}

static void test_cross_ranges(void **state)
{
    MemoryRegion root, ram, io, rom;
    AddressSpace *as;
    TestDev dev = { .n = 0 };
    uint8_t b[8];

    memory_region_init_container(&root, "root", 0x10000);
    assert_int_equal(memory_region_init_ram(&ram, "ram", 0x1000), 0);
    memory_region_init_io(&io, "io", 0x1000, &dev_ops, &dev);
    assert_int_equal(memory_region_init_rom(&rom, "rom", 0x1000), 0);
    assert_int_equal(memory_region_add_subregion(&root, 0, &ram), 0);
    assert_int_equal(memory_region_add_subregion(&root, 0x1000, &io), 0);
    assert_int_equal(memory_region_add_subregion(&root, 0x2000, &rom), 0);
    as = test_as_new(&root, "test");

    /* RAM | IO: 4 bytes copied, one 4-byte callback. */
    st64_le(b, 0x8877665544332211ULL);
    assert_int_equal(address_space_write(as, 0xffc, b, 8), MEMTX_OK);
    assert_int_equal(ld32_le((uint8_t *)ram.ram + 0xffc), 0x44332211);
    assert_int_equal(dev.n, 1);
    assert_access(&dev, 0, true, 0, 4, 0x88776655);

    /* IO | ROM: 3 bytes from the device (as 2 + 1), 5 from ROM. */
    memset(rom.ram, 0xc5, 0x1000);
    dev.n = 0;
    assert_int_equal(address_space_read(as, 0x1ffd, b, 8), MEMTX_OK);
    assert_int_equal(dev.n, 2);
    assert_access(&dev, 0, false, 0xffd, 2, 0);
    assert_access(&dev, 1, false, 0xfff, 1, 0);
    assert_int_equal(b[0], (0x10 + 0xffd) & 0xff);
    assert_int_equal(b[2], (0x10 + 0xfff) & 0xff);
    assert_int_equal(b[3], 0xc5);
    assert_int_equal(b[7], 0xc5);

    /* Writes to ROM are dropped quietly; write_rom fills it. */
    memset(b, 0x11, sizeof(b));
    assert_int_equal(address_space_write(as, 0x2000, b, 8), MEMTX_OK);
    assert_int_equal(((uint8_t *)rom.ram)[0], 0xc5);
    assert_int_equal(address_space_write_rom(as, 0x2000, b, 8), MEMTX_OK);
    assert_int_equal(((uint8_t *)rom.ram)[7], 0x11);
    /* ...and RAM, but nothing at all if any byte is IO. */
    assert_int_equal(address_space_write_rom(as, 0xff8, b, 8), MEMTX_OK);
    assert_int_equal(((uint8_t *)ram.ram)[0xff8], 0x11);
    memset(b, 0x22, sizeof(b));
    dev.n = 0;
    assert_int_equal(address_space_write_rom(as, 0xffc, b, 8),
                     MEMTX_DECODE_ERROR);
    assert_int_equal(((uint8_t *)ram.ram)[0xffc], 0x11);
    assert_int_equal(dev.n, 0);

    test_as_free(as);
    memory_region_destroy(&root);
    memory_region_destroy(&ram);
    memory_region_destroy(&rom);
}

static void test_map_ram(void **state)
{
    MemoryRegion root, ram, io, rom;
    AddressSpace *as;
    uint64_t len;
    void *p;

    memory_region_init_container(&root, "root", 0x10000);
    assert_int_equal(memory_region_init_ram(&ram, "ram", 0x2000), 0);
    memory_region_init_io(&io, "io", 0x1000, &dev_ops, NULL);
    assert_int_equal(memory_region_init_rom(&rom, "rom", 0x1000), 0);
    assert_int_equal(memory_region_add_subregion(&root, 0, &ram), 0);
    assert_int_equal(memory_region_add_subregion(&root, 0x2000, &io), 0);
    assert_int_equal(memory_region_add_subregion(&root, 0x3000, &rom), 0);
    as = test_as_new(&root, "test");

    len = 0x100;
    p = address_space_map_ram(as, 0x100, &len, true);
    assert_ptr_equal(p, (uint8_t *)ram.ram + 0x100);
    assert_int_equal(len, 0x100);
    /* Shortened at the end of the RAM range. */
    len = 0x100;
    p = address_space_map_ram(as, 0x1ff0, &len, true);
    assert_ptr_equal(p, (uint8_t *)ram.ram + 0x1ff0);
    assert_int_equal(len, 0x10);
    /* IO and holes are not RAM. */
    len = 4;
    assert_null(address_space_map_ram(as, 0x2000, &len, false));
    assert_null(address_space_map_ram(as, 0x8000, &len, false));
    /* ROM maps for reading only. */
    assert_null(address_space_map_ram(as, 0x3000, &len, true));
    len = 0x2000;
    p = address_space_map_ram(as, 0x3800, &len, false);
    assert_ptr_equal(p, (uint8_t *)rom.ram + 0x800);
    assert_int_equal(len, 0x800);

    test_as_free(as);
    memory_region_destroy(&root);
    memory_region_destroy(&ram);
    memory_region_destroy(&rom);
}

static void test_many_ranges(void **state)
{
    enum { N = 500 };
    static MemoryRegion io[N];
    MemoryRegion root;
    FlatView *fv;

    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_transaction_begin();
    for (unsigned i = 0; i < N; i++) {
        memory_region_init_io(&io[i], "io", 0x10, &dev_ops, NULL);
        /* Every other slot, added in reverse to exercise sorting. */
        assert_int_equal(memory_region_add_subregion(&root,
                                                     (N - 1 - i) * 0x20,
                                                     &io[i]), 0);
    }
    memory_transaction_commit();
    fv = flatview_render(&root);
    assert_int_equal(fv->nr, N);
    for (unsigned i = 0; i < N; i++) {
        uint64_t a = (uint64_t)i * 0x20;

        assert_ptr_equal(flatview_lookup(fv, a)->mr, &io[N - 1 - i]);
        assert_ptr_equal(flatview_lookup(fv, a + 0xf)->mr, &io[N - 1 - i]);
        assert_null(flatview_lookup(fv, a + 0x10));
    }
    flatview_unref(fv);
    memory_region_destroy(&root);
}

/* A reader racing with commits: the view it holds must stay valid. */
static bool race_stop;
static unsigned long race_reads, race_errors;

static void *race_reader(void *opaque)
{
    AddressSpace *as = opaque;
    uint8_t b[8];

    while (!__atomic_load_n(&race_stop, __ATOMIC_RELAXED)) {
        if (address_space_read(as, 0x1ff8, b, 8) != MEMTX_OK) {
            race_errors++;
        }
        __atomic_fetch_add(&race_reads, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

static void test_concurrent_readers(void **state)
{
    MemoryRegion root, ram, ram2;
    AddressSpace *as;
    pthread_t t;

    memory_region_init_container(&root, "root", 0x10000);
    assert_int_equal(memory_region_init_ram(&ram, "ram", 0x2000), 0);
    assert_int_equal(memory_region_init_ram(&ram2, "ram2", 0x1000), 0);
    assert_int_equal(memory_region_add_subregion(&root, 0, &ram), 0);
    assert_int_equal(memory_region_add_subregion_overlap(&root, 0x1000, &ram2,
                                                         1), 0);
    as = test_as_new(&root, "race");
    race_stop = false;
    race_reads = race_errors = 0;
    assert_int_equal(pthread_create(&t, NULL, race_reader, as), 0);
    /* Keep committing until the reader has surely overlapped some. */
    for (unsigned i = 0;
         i < 2000 || __atomic_load_n(&race_reads, __ATOMIC_RELAXED) < 1000;
         i++) {
        memory_region_set_enabled(&ram2, i & 1);
    }
    __atomic_store_n(&race_stop, true, __ATOMIC_RELAXED);
    pthread_join(t, NULL);
    assert_true(race_reads > 0);
    assert_int_equal(race_errors, 0);
    test_as_free(as);
    memory_region_destroy(&root);
    memory_region_destroy(&ram);
    memory_region_destroy(&ram2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_ram_round_trip, test_teardown),
        cmocka_unit_test_teardown(test_ram_enomem, test_teardown),
        cmocka_unit_test_teardown(test_mmio_callbacks, test_teardown),
        cmocka_unit_test_teardown(test_mmio_split_impl1, test_teardown),
        cmocka_unit_test_teardown(test_mmio_split_impl4, test_teardown),
        cmocka_unit_test_teardown(test_mmio_widen_impl_min, test_teardown),
        cmocka_unit_test_teardown(test_mmio_valid_violations, test_teardown),
        cmocka_unit_test_teardown(test_overlap_priority, test_teardown),
        cmocka_unit_test_teardown(test_overlap_rejected, test_teardown),
        cmocka_unit_test_teardown(test_alias, test_teardown),
        cmocka_unit_test_teardown(test_alias_loop, test_teardown),
        cmocka_unit_test_teardown(test_del_subregion, test_teardown),
        cmocka_unit_test_teardown(test_clip_to_parent, test_teardown),
        cmocka_unit_test_teardown(test_pc_layout, test_teardown),
        cmocka_unit_test_teardown(test_listener, test_teardown),
        cmocka_unit_test_teardown(test_transaction_batching, test_teardown),
        cmocka_unit_test_teardown(test_unmapped, test_teardown),
        cmocka_unit_test_teardown(test_cross_ranges, test_teardown),
        cmocka_unit_test_teardown(test_map_ram, test_teardown),
        cmocka_unit_test_teardown(test_many_ranges, test_teardown),
        cmocka_unit_test_teardown(test_concurrent_readers, test_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
