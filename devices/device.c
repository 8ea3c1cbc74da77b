/* SPDX-License-Identifier: GPL-2.0-or-later */
/* -device: lookup in the built-in table and property helpers. */
#include "devices/device.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/cutils.h"
#include "util/error.h"

/* The Kconfig-selected table, defined in devices/device-list.c. */
extern const DeviceType *const device_types[];
extern const size_t device_types_count;

const DeviceType *device_type_find(const char *name)
{
    for (size_t i = 0; i < device_types_count; i++) {
        if (!strcmp(device_types[i]->name, name)) {
            return device_types[i];
        }
    }
    return NULL;
}

void device_type_print_list(void)
{
    /* QEMU's layout; every device we offer sits on the ISA bus today. */
    printf("Misc devices:\n");
    for (size_t i = 0; i < device_types_count; i++) {
        printf("name \"%s\", bus ISA, desc \"%s\"\n", device_types[i]->name,
               device_types[i]->desc);
    }
}

static const char *device_opt_find(const DeviceOptions *opts, const char *key)
{
    const char *value = NULL;

    /* A repeated key: the last one wins, as with QEMU's keyval parser. */
    for (unsigned i = 0; i < opts->nr_props; i++) {
        if (!strcmp(opts->props[i].key, key)) {
            value = opts->props[i].value;
        }
    }
    return value;
}

int device_opt_uint(const DeviceOptions *opts, const char *key,
                    uint64_t def, uint64_t *out)
{
    const char *value = device_opt_find(opts, key);
    uint64_t v;

    if (!value) {
        *out = def;
        return 0;
    }
    if (parse_uint(value, &v) < 0) {
        error_report("-device %s: property '%s' expects a number, got '%s'",
                     opts->driver, key, value);
        return -EINVAL;
    }
    *out = v;
    return 0;
}

int device_opts_check_known(const DeviceOptions *opts,
                            const char *const *known)
{
    for (unsigned i = 0; i < opts->nr_props; i++) {
        const char *key = opts->props[i].key;
        bool found = !strcmp(key, "id"); /* every QEMU device takes id= */

        for (const char *const *k = known; !found && k && *k; k++) {
            found = !strcmp(key, *k);
        }
        if (!found) {
            error_report("-device %s: property '%s' not found", opts->driver,
                         key);
            return -EINVAL;
        }
    }
    return 0;
}
