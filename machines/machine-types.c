/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The boards of this binary (janus_target, machines/target-<arch>.c). */
#include "machines/machine.h"

#include <stdio.h>
#include <string.h>

const MachineType *machine_type_find(const char *name)
{
    for (size_t i = 0; i < janus_target.nr_machines; i++) {
        if (!strcmp(janus_target.machines[i]->name, name)) {
            return janus_target.machines[i];
        }
    }
    return NULL;
}

const MachineType *machine_type_default(void)
{
    return janus_target.nr_machines ? janus_target.machines[0] : NULL;
}

void machine_type_print_list(void)
{
    printf("Supported machines are:\n");
    for (size_t i = 0; i < janus_target.nr_machines; i++) {
        printf("%-20s %s%s\n", janus_target.machines[i]->name,
               janus_target.machines[i]->desc, i == 0 ? " (default)" : "");
    }
}
