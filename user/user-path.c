/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "user/user-path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *prefix;

void user_path_set_prefix(const char *p)
{
    free(prefix);
    prefix = NULL;
    if (p && *p && strcmp(p, "/") != 0) {
        size_t n = strlen(p);

        prefix = strdup(p);
        /* "/usr/x/" and "/usr/x" mean the same prefix. */
        while (n > 1 && prefix && prefix[n - 1] == '/') {
            prefix[--n] = 0;
        }
    }
}

const char *user_path_get_prefix(void)
{
    return prefix;
}

const char *user_path_map(const char *path, char *buf, size_t size)
{
    struct stat st;
    int n;

    if (!prefix || path[0] != '/') {
        return path;
    }
    /* Host pseudo-filesystems describe the emulator process as well. */
    if (!strncmp(path, "/proc/", 6) || !strncmp(path, "/dev/", 5) ||
        !strncmp(path, "/sys/", 5)) {
        return path;
    }
    n = snprintf(buf, size, "%s%s", prefix, path);
    if (n < 0 || (size_t)n >= size) {
        return path;
    }
    return lstat(buf, &st) == 0 ? buf : path;
}
