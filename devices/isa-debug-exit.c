/* SPDX-License-Identifier: GPL-2.0-or-later */
/* isa-debug-exit: see the header. */
#include "devices/isa-debug-exit.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/cutils.h"
#include "util/error.h"

int isa_debug_exit_status(uint64_t value)
{
    /*
     * The value is as wide as the access (at most 4 bytes); the shift is
     * done unsigned so no value overflows, and the host keeps the low 8
     * bits of the status anyway.
     */
    return (int)((((uint32_t)value) << 1) | 1);
}

static uint64_t isa_debug_exit_read(void *opaque, uint64_t offset,
                                    unsigned size)
{
    return 0; /* the device has no readable state */
}

static void isa_debug_exit_write(void *opaque, uint64_t offset,
                                 uint64_t value, unsigned size)
{
    IsaDebugExit *d = opaque;

    d->exit_fn(d->opaque, isa_debug_exit_status(value));
}

static const MemoryRegionOps isa_debug_exit_ops = {
    .read = isa_debug_exit_read,
    .write = isa_debug_exit_write,
    .valid_min = 1,
    .valid_max = 4,
};

void isa_debug_exit_init(IsaDebugExit *d, uint64_t iosize,
                         IsaDebugExitFn *exit_fn, void *opaque)
{
    memset(d, 0, sizeof(*d));
    d->exit_fn = exit_fn;
    d->opaque = opaque;
    memory_region_init_io(&d->mr, "isa-debug-exit", iosize,
                          &isa_debug_exit_ops, d);
}

IsaDebugExit *isa_debug_exit_create(MemoryRegion *io, uint64_t iobase,
                                    uint64_t iosize, IsaDebugExitFn *exit_fn,
                                    void *opaque)
{
    IsaDebugExit *d;
    int ret;

    if (iosize == 0 || iobase >= io->size || iosize > io->size - iobase) {
        error_report("isa-debug-exit: ports 0x%" PRIx64 "+0x%" PRIx64
                     " do not fit the I/O space", iobase, iosize);
        return NULL;
    }
    d = xzalloc(sizeof(*d));
    isa_debug_exit_init(d, iosize, exit_fn, opaque);
    ret = memory_region_add_subregion(io, iobase, &d->mr);
    if (ret < 0) {
        error_report("isa-debug-exit: cannot map ports 0x%" PRIx64 "-0x%"
                     PRIx64 ": %s", iobase, iobase + iosize - 1,
                     strerror(-ret));
        memory_region_destroy(&d->mr);
        free(d);
        return NULL;
    }
    return d;
}
