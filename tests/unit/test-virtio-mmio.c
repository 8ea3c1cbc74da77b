/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An empty virtio-mmio slot answers the probe with "no device". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "devices/virtio-mmio.h"

#define BASE 0x10001000ull

static uint32_t rd(AddressSpace *as, uint64_t off)
{
    uint32_t v = 0xdeadbeef;

    assert_int_equal(address_space_read(as, BASE + off, &v, 4), MEMTX_OK);
    return v;
}

static void test_empty_slot_probe(void **state)
{
    VirtioMmioSlot slot;
    MemoryRegion root;
    AddressSpace as;
    uint32_t v = 1;

    virtio_mmio_empty_init(&slot, "virtio-mmio");
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_add_subregion(&root, BASE, &slot.mr);
    address_space_init(&as, &root, "test");

    assert_int_equal(rd(&as, VIRTIO_MMIO_REG_MAGIC), 0x74726976);
    assert_int_equal(rd(&as, VIRTIO_MMIO_REG_VERSION), 2);
    assert_int_equal(rd(&as, VIRTIO_MMIO_REG_DEVICE_ID), 0);
    assert_int_equal(rd(&as, VIRTIO_MMIO_REG_VENDOR_ID), 0);
    assert_int_equal(rd(&as, 0x070), 0);     /* Status */
    /* writes are accepted and change nothing */
    assert_int_equal(address_space_write(&as, BASE + 0x070, &v, 4), MEMTX_OK);
    assert_int_equal(rd(&as, 0x070), 0);
    assert_int_equal(rd(&as, VIRTIO_MMIO_REG_MAGIC), 0x74726976);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &slot.mr);
    memory_region_destroy(&slot.mr);
    memory_region_destroy(&root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_slot_probe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
