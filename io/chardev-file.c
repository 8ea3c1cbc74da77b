/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The file: backend: guest output to a file, created or truncated. */
#include "io/chardev-internal.h"

#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

int chardev_file_open(Chardev *chr, const char *path)
{
    int fd;

    if (!*path) {
        error_report("chardev 'file:': a file name is required");
        return -EINVAL;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        int err = errno;

        error_report("chardev 'file:%s': could not open '%s': %s", path, path,
                     strerror(err));
        return -err;
    }
    chr->out_fd = fd;
    return 0;
}
