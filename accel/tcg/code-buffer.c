/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The code buffer of the native back end: one memfd mapped twice, once
 * PROT_READ|PROT_WRITE where the generator writes and once
 * PROT_READ|PROT_EXEC where the host runs it, so no page is ever writable
 * and executable through the same mapping. Fixed size; when it is full
 * the back end flushes every TB and starts again from the beginning.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accel/tcg/tcg-fork.h"
#include "accel/tcg/tcg-internal.h"
#include "util/cutils.h"
#include "util/error.h"

#define CODE_BUFFER_DEFAULT_SIZE (64u << 20)

TCGCodeBuffer tcg_code_buffer;

/*
 * A forked child must not share the parent's code buffer (MAP_SHARED: its
 * translations would overwrite code the parent runs, and the parent's
 * would overwrite the child's). The child gets a fresh memfd with a copy
 * of the contents, mapped at the same addresses, so every code pointer
 * stays valid.
 *
 * The copy is made in the parent, in tcg_fork_prepare() while every TCG
 * lock is held: no thread is emitting a TB, patching a chained jump or
 * flushing, so the copy matches the TB cache and restore index the child
 * inherits. Copying in the child instead (as a pthread_atfork child
 * handler did) reads the shared buffer when the parent may have run on
 * for a while: it chains TBs the child also has to TBs translated after
 * the fork (at offsets that hold nothing, or other code, in the child),
 * and after a flush rewrites the buffer from the start. The child then
 * jumps into the parent's code or zeros (with a 64 KiB buffer, a host
 * SIGSEGV in translated code in about half of the sockets test runs).
 */
static int fork_copy_fd = -1;

void tcg_code_buffer_fork_prepare(void)
{
    TCGCodeBuffer *cb = &tcg_code_buffer;
    int fd;

    fork_copy_fd = -1;
    if (!cb->rw) {
        return;
    }
    fd = memfd_create("janus-tcg-code", MFD_CLOEXEC);
    if (fd < 0) {
        warn_report("tcg: no code buffer for a forked child: %s",
                    strerror(errno));
        return;
    }
    if (ftruncate(fd, (off_t)cb->size) < 0 ||
        pwrite(fd, cb->rw, cb->used, 0) != (ssize_t)cb->used) {
        warn_report("tcg: cannot copy the code buffer for a forked child");
        close(fd);
        return;
    }
    fork_copy_fd = fd;
}

void tcg_code_buffer_fork_parent(void)
{
    if (fork_copy_fd >= 0) {
        close(fork_copy_fd);
        fork_copy_fd = -1;
    }
}

/* Runs in the single-threaded child, before any TB. */
void tcg_code_buffer_fork_child(void)
{
    TCGCodeBuffer *cb = &tcg_code_buffer;
    int fd = fork_copy_fd;

    if (!cb->rw) {
        return;
    }
    if (fd < 0 ||
        mmap(cb->rw, cb->size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
             fd, 0) == MAP_FAILED ||
        mmap(cb->rx, cb->size, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED,
             fd, 0) == MAP_FAILED) {
        fatal_internal("tcg: cannot give a forked child its own code buffer");
    }
    close(fd);
    fork_copy_fd = -1;
}

int tcg_code_buffer_init(size_t size)
{
    TCGCodeBuffer *cb = &tcg_code_buffer;
    const char *env = getenv("JANUS_TCG_CODE_SIZE");
    void *rw, *rx;
    int fd;

    if (cb->rw) {
        return 0;
    }
    if (size == 0 && env) {
        uint64_t v;

        /* too small for even the trampoline and one TB is refused too */
        if (parse_size(env, 1, &v) < 0 || v < 16384 || v > (1ull << 31)) {
            error_report("JANUS_TCG_CODE_SIZE=%s: not a size between 16K "
                         "and 2G", env);
            return -EINVAL;
        }
        size = (size_t)v;
    }
    if (size == 0) {
        size = CODE_BUFFER_DEFAULT_SIZE;
    }
    size = (size + 4095) & ~(size_t)4095;
    fd = memfd_create("janus-tcg-code", MFD_CLOEXEC);
    if (fd < 0) {
        error_report("tcg: memfd_create for the code buffer: %m");
        return -errno;
    }
    if (ftruncate(fd, (off_t)size) < 0) {
        error_report("tcg: sizing the code buffer: %m");
        close(fd);
        return -errno;
    }
    rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    rx = rw == MAP_FAILED ? MAP_FAILED
         : mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    close(fd);
    if (rx == MAP_FAILED) {
        error_report("tcg: mapping the code buffer: %m");
        if (rw != MAP_FAILED) {
            munmap(rw, size);
        }
        return -ENOMEM;
    }
    cb->rw = rw;
    cb->rx = rx;
    cb->size = size;
    cb->used = 0;
    cb->reserved = 0;
    return 0;
}

void tcg_code_buffer_destroy(void)
{
    TCGCodeBuffer *cb = &tcg_code_buffer;

    if (cb->rw) {
        munmap(cb->rw, cb->size);
        munmap(cb->rx, cb->size);
    }
    cb->rw = cb->rx = NULL;
    cb->size = cb->used = cb->reserved = 0;
}

bool tcg_code_buffer_contains(uintptr_t rx_addr)
{
    const TCGCodeBuffer *cb = &tcg_code_buffer;

    return cb->rx && rx_addr >= (uintptr_t)cb->rx &&
           rx_addr < (uintptr_t)cb->rx + cb->size;
}
