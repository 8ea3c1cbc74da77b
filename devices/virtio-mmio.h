/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * virtio-mmio transport slots (virtio 1.2, section 4.2.2). Only empty
 * slots exist so far: they answer the probe with the magic value, version
 * 2 and device ID 0 ("no device"), as QEMU's virt board does without
 * devices, so a guest walking the device tree finds nothing behind them.
 * A transport with a device behind it is not built yet.
 */
#ifndef DEVICES_VIRTIO_MMIO_H
#define DEVICES_VIRTIO_MMIO_H

#include "memory/memory.h"

#define VIRTIO_MMIO_SLOT_SIZE 0x1000
#define VIRTIO_MMIO_MAGIC 0x74726976   /* "virt" */
#define VIRTIO_MMIO_VERSION 2
#define VIRTIO_MMIO_REG_MAGIC 0x000
#define VIRTIO_MMIO_REG_VERSION 0x004
#define VIRTIO_MMIO_REG_DEVICE_ID 0x008
#define VIRTIO_MMIO_REG_VENDOR_ID 0x00c

typedef struct VirtioMmioSlot {
    MemoryRegion mr;
} VirtioMmioSlot;

/* An empty slot, unmapped (s->mr is ready). */
void virtio_mmio_empty_init(VirtioMmioSlot *s, const char *name);

#endif
