/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fault-free access to guest memory. process_vm_readv/writev on our own
 * process let the kernel do the copy and report a bad address as EFAULT
 * instead of a SIGSEGV in the emulator; they honour page protections, so
 * a copy to a read-only guest page fails like a kernel copy_to_user would.
 */
#include "user/guest-access.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static int copy_guest(void *local, abi_ulong guest, size_t len, bool write)
{
    struct iovec liov = { .iov_base = local, .iov_len = len };
    struct iovec riov = { .iov_base = g2h(guest), .iov_len = len };
    ssize_t n;

    if (len == 0) {
        return 0;
    }
    if (guest + len < guest) {
        return -EFAULT;
    }
    n = write ? process_vm_writev(getpid(), &liov, 1, &riov, 1, 0)
              : process_vm_readv(getpid(), &liov, 1, &riov, 1, 0);
    return n == (ssize_t)len ? 0 : -EFAULT;
}

int user_copy_from_guest(void *dst, abi_ulong src, size_t len)
{
    return copy_guest(dst, src, len, false);
}

int user_copy_to_guest(abi_ulong dst, const void *src, size_t len)
{
    return copy_guest((void *)src, dst, len, true);
}

ssize_t user_string_from_guest(char *buf, size_t size, abi_ulong src)
{
    size_t done = 0;

    /* Read up to the end of each page, so a string ending just before an
     * unmapped page is not an error. */
    while (done < size) {
        size_t chunk = 4096 - ((src + done) & 4095);
        char *nul;

        if (chunk > size - done) {
            chunk = size - done;
        }
        if (copy_guest(buf + done, src + done, chunk, false) < 0) {
            return -EFAULT;
        }
        nul = memchr(buf + done, 0, chunk);
        if (nul) {
            return nul - buf;
        }
        done += chunk;
    }
    return -ENAMETOOLONG;
}
