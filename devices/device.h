/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Devices a user can add with -device. Boards create their own devices
 * through typed constructors (serial16550_create, ...); this table is only
 * for the command line, selected by Kconfig in devices/device-list.c.
 */
#ifndef DEVICES_DEVICE_H
#define DEVICES_DEVICE_H

#include "machines/machine.h"

typedef struct DeviceType {
    const char *name;      /* as QEMU's -device spells it */
    const char *desc;
    /*
     * Create the device on machine m from its options. Reports one error
     * line and returns a negative errno on a bad property.
     */
    int (*realize)(Machine *m, const DeviceOptions *opts);
} DeviceType;

const DeviceType *device_type_find(const char *name);
void device_type_print_list(void);

/*
 * Property helpers for realize(): look up key in opts; NULL/absent gives
 * the default. Return 0 or -EINVAL after reporting "DRIVER: property...".
 */
int device_opt_uint(const DeviceOptions *opts, const char *key,
                    uint64_t def, uint64_t *out);
/* Reports properties realize() did not consume. */
int device_opts_check_known(const DeviceOptions *opts, const char *const *known);

#endif
