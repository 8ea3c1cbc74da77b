/* SPDX-License-Identifier: GPL-2.0-or-later */
/* port-sink: see the header. */
#include "devices/port-sink.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/cutils.h"
#include "util/error.h"

static uint64_t port_sink_read(void *opaque, uint64_t offset, unsigned size)
{
    PortSink *ps = opaque;
    uint64_t val = 0;

    /* Every byte of a wide access reads the same value. */
    for (unsigned i = 0; i < size; i++) {
        val |= (uint64_t)ps->read_value << (8 * i);
    }
    return val;
}

static void port_sink_write(void *opaque, uint64_t offset, uint64_t value,
                            unsigned size)
{
    /* Dropped on purpose: the guest only wants the bus cycle (a delay). */
}

static const MemoryRegionOps port_sink_ops = {
    .read = port_sink_read,
    .write = port_sink_write,
    .valid_min = 1,
    .valid_max = 4,
};

void port_sink_init(PortSink *ps, const char *name, uint64_t size,
                    uint8_t read_value)
{
    memset(ps, 0, sizeof(*ps));
    ps->read_value = read_value;
    memory_region_init_io(&ps->mr, name, size, &port_sink_ops, ps);
}

PortSink *port_sink_create(MemoryRegion *io, const char *name, uint64_t base,
                           uint64_t size, uint8_t read_value)
{
    PortSink *ps = xzalloc(sizeof(*ps));
    int ret;

    port_sink_init(ps, name, size, read_value);
    ret = memory_region_add_subregion(io, base, &ps->mr);
    if (ret < 0) {
        error_report("%s: cannot map ports 0x%" PRIx64 "-0x%" PRIx64 ": %s",
                     name, base, base + size - 1, strerror(-ret));
        memory_region_destroy(&ps->mr);
        free(ps);
        return NULL;
    }
    return ps;
}
