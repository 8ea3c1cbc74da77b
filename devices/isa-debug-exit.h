/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * isa-debug-exit, QEMU's test device: a guest write of V to any of its
 * ports ends the emulator with exit status (V << 1) | 1, so a test guest
 * can report success or failure and never be mistaken for a clean exit 0.
 */
#ifndef DEVICES_ISA_DEBUG_EXIT_H
#define DEVICES_ISA_DEBUG_EXIT_H

#include <stdint.h>

#include "memory/memory.h"

#define ISA_DEBUG_EXIT_DEFAULT_IOBASE 0x501
#define ISA_DEBUG_EXIT_DEFAULT_IOSIZE 0x02

typedef void IsaDebugExitFn(void *opaque, int status);

typedef struct IsaDebugExit {
    MemoryRegion mr;
    IsaDebugExitFn *exit_fn;
    void *opaque;
} IsaDebugExit;

/* The exit status for a written value: (value << 1) | 1, as QEMU. */
int isa_debug_exit_status(uint64_t value);

/*
 * Map the device at iobase (iosize ports) in io; exit_fn(opaque, status)
 * is called on each guest write. Returns NULL after an error report if
 * the ports are taken or do not fit.
 */
IsaDebugExit *isa_debug_exit_create(MemoryRegion *io, uint64_t iobase,
                                    uint64_t iosize, IsaDebugExitFn *exit_fn,
                                    void *opaque);
/* Initialise in place without mapping (region ready in d->mr). */
void isa_debug_exit_init(IsaDebugExit *d, uint64_t iosize,
                         IsaDebugExitFn *exit_fn, void *opaque);

#endif
