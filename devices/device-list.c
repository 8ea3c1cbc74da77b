/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The devices -device can add, chosen by Kconfig, each with the realize()
 * glue that turns -device properties into a typed constructor call.
 */
#include "devices/device.h"

#include <errno.h>
#include <inttypes.h>

#include "config.h"
#include "util/cutils.h"
#include "util/error.h"

#ifdef CONFIG_ISA_DEBUG_EXIT
#include "devices/isa-debug-exit.h"

static void isa_debug_exit_request(void *opaque, int status)
{
    machine_request_shutdown(opaque, SHUTDOWN_EXIT_DEVICE, status);
}

static int isa_debug_exit_realize(Machine *m, const DeviceOptions *opts)
{
    static const char *const known[] = { "iobase", "iosize", NULL };
    uint64_t iobase, iosize;

    if (device_opts_check_known(opts, known) < 0 ||
        device_opt_uint(opts, "iobase", ISA_DEBUG_EXIT_DEFAULT_IOBASE,
                        &iobase) < 0 ||
        device_opt_uint(opts, "iosize", ISA_DEBUG_EXIT_DEFAULT_IOSIZE,
                        &iosize) < 0) {
        return -EINVAL;
    }
    /* QEMU's properties are 32-bit; the port space is 64 KiB. */
    if (iobase > 0xffff || iosize == 0 || iosize > 0x10000 - iobase) {
        error_report("-device %s: iobase=0x%" PRIx64 ",iosize=0x%" PRIx64
                     " does not fit in the I/O port space", opts->driver,
                     iobase, iosize);
        return -EINVAL;
    }
    if (!isa_debug_exit_create(&m->system_io, iobase, iosize,
                               isa_debug_exit_request, m)) {
        return -EBUSY;
    }
    return 0;
}

static const DeviceType isa_debug_exit_type = {
    .name = "isa-debug-exit",
    .desc = "exit the emulator with a status the guest writes",
    .realize = isa_debug_exit_realize,
};
#endif

const DeviceType *const device_types[] = {
#ifdef CONFIG_ISA_DEBUG_EXIT
    &isa_debug_exit_type,
#endif
    NULL, /* keeps the array non-empty when nothing is selected */
};

const size_t device_types_count = ARRAY_SIZE(device_types) - 1;
