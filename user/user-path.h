/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The -L prefix (QEMU_LD_PREFIX): an absolute guest path is looked up
 * under the prefix first, so the guest's dynamic loader finds
 * /lib/libc.so.6 in /usr/riscv64-linux-gnu/lib/libc.so.6, falling back to
 * the host path when the prefix has no such file.
 */
#ifndef USER_USER_PATH_H
#define USER_USER_PATH_H

#include <stddef.h>

/* Set the prefix (NULL or "" for none). The string is copied. */
void user_path_set_prefix(const char *prefix);
const char *user_path_get_prefix(void);
/*
 * The host path for guest path: buf (prefix + path) when that exists,
 * else path itself.
 */
const char *user_path_map(const char *path, char *buf, size_t size);

#endif
