/* SPDX-License-Identifier: GPL-2.0-or-later */
/* virtio-mmio: an empty transport slot. */
#include "devices/virtio-mmio.h"

static uint64_t virtio_mmio_empty_read(void *opaque, uint64_t offset,
                                       unsigned size)
{
    switch (offset) {
    case VIRTIO_MMIO_REG_MAGIC:
        return VIRTIO_MMIO_MAGIC;
    case VIRTIO_MMIO_REG_VERSION:
        return VIRTIO_MMIO_VERSION;
    default:
        /* DeviceID 0 says the slot is empty; every other register is 0. */
        return 0;
    }
}

static void virtio_mmio_empty_write(void *opaque, uint64_t offset,
                                    uint64_t value, unsigned size)
{
    /* Nothing to configure without a device: the spec's drivers stop at
     * DeviceID 0 and never write. */
}

static const MemoryRegionOps virtio_mmio_empty_ops = {
    .read = virtio_mmio_empty_read,
    .write = virtio_mmio_empty_write,
    .valid_min = 4,
    .valid_max = 4,
    .aligned = true,
};

void virtio_mmio_empty_init(VirtioMmioSlot *s, const char *name)
{
    memory_region_init_io(&s->mr, name, VIRTIO_MMIO_SLOT_SIZE,
                          &virtio_mmio_empty_ops, s);
}
