/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host struct stat -> the target's struct stat. */
#ifndef USER_USER_STAT_H
#define USER_USER_STAT_H

#include <sys/stat.h>

#include "target-structs.h"

/* Fill t from h field by field; padding is zeroed. */
void user_stat_to_target(struct target_stat *t, const struct stat *h);

#endif
