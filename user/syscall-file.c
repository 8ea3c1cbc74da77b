/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * File and directory system calls. Paths go through the -L prefix;
 * open flags and terminal structures are converted, everything else is
 * plain data the kernel checks itself (guest_base = 0).
 */
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <termios.h>
#include <unistd.h>

#include "syscall-numbers.h"
#include "target-structs.h"
#include "user/syscall.h"
#include "user/thunk.h"
#include "user/user-process.h"
#include "util/cutils.h"

#define IOV_MAX_GUEST 1024

static bool is_proc_self_exe(const char *path)
{
    char buf[64];

    if (!strcmp(path, "/proc/self/exe")) {
        return true;
    }
    snprintf(buf, sizeof(buf), "/proc/%d/exe", (int)getpid());
    return !strcmp(path, buf);
}

static abi_long sys_openat(const UserSyscallArgs *a)
{
    char buf[PATH_MAX];
    int err;
    const char *path = user_path_from_guest(a->a[1], buf, sizeof(buf), &err);
    int flags = user_flags_to_host(user_open_flags, (uint32_t)a->a[2]);

    if (!path) {
        return err;
    }
    /* The guest's own executable, not the emulator. */
    if (is_proc_self_exe(path) && user_process_image) {
        path = user_process_image->exec_path;
    }
    return user_host_ret(openat((int)a->a[0], path, flags, (mode_t)a->a[3]));
}

static abi_long sys_close(const UserSyscallArgs *a)
{
    return user_host_ret(close((int)a->a[0]));
}

static abi_long sys_read(const UserSyscallArgs *a)
{
    return user_host_ret(read((int)a->a[0], g2h(a->a[1]), a->a[2]));
}

static abi_long sys_write(const UserSyscallArgs *a)
{
    return user_host_ret(write((int)a->a[0], g2h(a->a[1]), a->a[2]));
}

static abi_long sys_pread64(const UserSyscallArgs *a)
{
    return user_host_ret(pread((int)a->a[0], g2h(a->a[1]), a->a[2],
                               (off_t)a->a[3]));
}

static abi_long sys_pwrite64(const UserSyscallArgs *a)
{
    return user_host_ret(pwrite((int)a->a[0], g2h(a->a[1]), a->a[2],
                                (off_t)a->a[3]));
}

/* Convert a guest iovec array; *out is xzalloc'd. */
static abi_long iovec_from_guest(abi_ulong addr, abi_ulong count,
                                 struct iovec **out)
{
    struct target_iovec *tv;
    struct iovec *hv;

    if (count > IOV_MAX_GUEST) {
        return -EINVAL;
    }
    tv = xzalloc(sizeof(*tv) * (count ? count : 1));
    if (user_copy_from_guest(tv, addr, sizeof(*tv) * count) < 0) {
        free(tv);
        return -EFAULT;
    }
    hv = xzalloc(sizeof(*hv) * (count ? count : 1));
    for (abi_ulong i = 0; i < count; i++) {
        hv[i].iov_base = g2h(tv[i].iov_base);
        hv[i].iov_len = tv[i].iov_len;
    }
    free(tv);
    *out = hv;
    return 0;
}

static abi_long do_rwv(const UserSyscallArgs *a, bool write, bool positional)
{
    struct iovec *iov;
    abi_long ret = iovec_from_guest(a->a[1], a->a[2], &iov);
    int fd = (int)a->a[0];

    if (ret < 0) {
        return ret;
    }
    if (positional) {
        ret = write ? pwritev(fd, iov, (int)a->a[2], (off_t)a->a[3])
                    : preadv(fd, iov, (int)a->a[2], (off_t)a->a[3]);
    } else {
        ret = write ? writev(fd, iov, (int)a->a[2])
                    : readv(fd, iov, (int)a->a[2]);
    }
    ret = user_host_ret(ret);
    free(iov);
    return ret;
}

static abi_long sys_readv(const UserSyscallArgs *a)
{
    return do_rwv(a, false, false);
}

static abi_long sys_writev(const UserSyscallArgs *a)
{
    return do_rwv(a, true, false);
}

static abi_long sys_preadv(const UserSyscallArgs *a)
{
    return do_rwv(a, false, true);
}

static abi_long sys_pwritev(const UserSyscallArgs *a)
{
    return do_rwv(a, true, true);
}

static abi_long sys_lseek(const UserSyscallArgs *a)
{
    return user_host_ret(lseek((int)a->a[0], (off_t)a->a[1], (int)a->a[2]));
}

static abi_long sys_dup(const UserSyscallArgs *a)
{
    return user_host_ret(dup((int)a->a[0]));
}

static abi_long sys_dup3(const UserSyscallArgs *a)
{
    int flags = user_flags_to_host(user_open_flags, (uint32_t)a->a[2]);

    return user_host_ret(dup3((int)a->a[0], (int)a->a[1], flags));
}

/* struct flock (asm-generic, 64-bit), converted field by field. */
struct target_flock {
    int16_t l_type;
    int16_t l_whence;
    int32_t pad;
    int64_t l_start;
    int64_t l_len;
    int32_t l_pid;
    int32_t pad2;
};

static abi_long sys_fcntl(const UserSyscallArgs *a)
{
    int fd = (int)a->a[0], cmd = (int)a->a[1];
    struct target_flock tf;
    struct flock hf;
    long r;

    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_GETOWN:
    case F_SETOWN:
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
    case F_ADD_SEALS:
    case F_GET_SEALS:
        return user_host_ret(fcntl(fd, cmd, (int)a->a[2]));
    case F_GETFL:
        r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno
                     : (abi_long)user_flags_to_target(user_open_flags, r);
    case F_SETFL:
        return user_host_ret(fcntl(fd, F_SETFL,
                                   user_flags_to_host(user_open_flags,
                                                      (uint32_t)a->a[2])));
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        if (user_copy_from_guest(&tf, a->a[2], sizeof(tf)) < 0) {
            return -EFAULT;
        }
        memset(&hf, 0, sizeof(hf));
        hf.l_type = tf.l_type;
        hf.l_whence = tf.l_whence;
        hf.l_start = tf.l_start;
        hf.l_len = tf.l_len;
        hf.l_pid = tf.l_pid;
        r = fcntl(fd, cmd, &hf);
        if (r < 0) {
            return -errno;
        }
        if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
            tf.l_type = hf.l_type;
            tf.l_whence = hf.l_whence;
            tf.l_start = hf.l_start;
            tf.l_len = hf.l_len;
            tf.l_pid = hf.l_pid;
            if (user_copy_to_guest(a->a[2], &tf, sizeof(tf)) < 0) {
                return -EFAULT;
            }
        }
        return r;
    default:
        return -EINVAL;
    }
}

/* The kernel's struct termios on the host (asm-generic as well). */
static abi_long ioctl_termios(int fd, unsigned long cmd, abi_ulong arg)
{
    struct target_termios t;
    struct kernel_termios {   /* the kernel's termios, not glibc's */
        tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
        cc_t c_line;
        cc_t c_cc[19];
    } h;
    unsigned long host_cmd;

    _Static_assert(sizeof(h) == 36, "kernel termios");
    if (cmd == TARGET_TCGETS) {
        if (ioctl(fd, TCGETS, &h) < 0) {
            return -errno;
        }
        t.c_iflag = h.c_iflag;
        t.c_oflag = h.c_oflag;
        t.c_cflag = h.c_cflag;
        t.c_lflag = h.c_lflag;
        t.c_line = h.c_line;
        memcpy(t.c_cc, h.c_cc, TARGET_NCCS);
        return user_copy_to_guest(arg, &t, sizeof(t));
    }
    if (user_copy_from_guest(&t, arg, sizeof(t)) < 0) {
        return -EFAULT;
    }
    h.c_iflag = t.c_iflag;
    h.c_oflag = t.c_oflag;
    h.c_cflag = t.c_cflag;
    h.c_lflag = t.c_lflag;
    h.c_line = t.c_line;
    memcpy(h.c_cc, t.c_cc, TARGET_NCCS);
    host_cmd = cmd == TARGET_TCSETS ? TCSETS
             : cmd == TARGET_TCSETSW ? TCSETSW : TCSETSF;
    return user_host_ret(ioctl(fd, host_cmd, &h));
}

static abi_long sys_ioctl(const UserSyscallArgs *a)
{
    int fd = (int)a->a[0];
    unsigned long cmd = (unsigned int)a->a[1];
    abi_ulong arg = a->a[2];
    struct target_winsize tw;
    struct winsize hw;
    int i;

    switch (cmd) {
    case TARGET_TCGETS:
    case TARGET_TCSETS:
    case TARGET_TCSETSW:
    case TARGET_TCSETSF:
        return ioctl_termios(fd, cmd, arg);
    case TARGET_TIOCGWINSZ:
        if (ioctl(fd, TIOCGWINSZ, &hw) < 0) {
            return -errno;
        }
        tw.ws_row = hw.ws_row;
        tw.ws_col = hw.ws_col;
        tw.ws_xpixel = hw.ws_xpixel;
        tw.ws_ypixel = hw.ws_ypixel;
        return user_copy_to_guest(arg, &tw, sizeof(tw));
    case TARGET_TIOCSWINSZ:
        if (user_copy_from_guest(&tw, arg, sizeof(tw)) < 0) {
            return -EFAULT;
        }
        hw.ws_row = tw.ws_row;
        hw.ws_col = tw.ws_col;
        hw.ws_xpixel = tw.ws_xpixel;
        hw.ws_ypixel = tw.ws_ypixel;
        return user_host_ret(ioctl(fd, TIOCSWINSZ, &hw));
    case TARGET_TIOCGPGRP:
        if (ioctl(fd, TIOCGPGRP, &i) < 0) {
            return -errno;
        }
        return user_copy_to_guest(arg, &i, sizeof(i));
    case TARGET_TIOCSPGRP:
        if (user_copy_from_guest(&i, arg, sizeof(i)) < 0) {
            return -EFAULT;
        }
        return user_host_ret(ioctl(fd, TIOCSPGRP, &i));
    case TARGET_FIONREAD:
        if (ioctl(fd, FIONREAD, &i) < 0) {
            return -errno;
        }
        return user_copy_to_guest(arg, &i, sizeof(i));
    case TARGET_FIONBIO:
        if (user_copy_from_guest(&i, arg, sizeof(i)) < 0) {
            return -EFAULT;
        }
        return user_host_ret(ioctl(fd, FIONBIO, &i));
    case TARGET_FIOCLEX:
        return user_host_ret(ioctl(fd, FIOCLEX));
    default:
        return -ENOTTY;
    }
}

static abi_long sys_pipe2(const UserSyscallArgs *a)
{
    int fds[2];
    int flags = user_flags_to_host(user_open_flags, (uint32_t)a->a[1]);

    if (pipe2(fds, flags) < 0) {
        return -errno;
    }
    if (user_copy_to_guest(a->a[0], fds, sizeof(fds)) < 0) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

static abi_long sys_getcwd(const UserSyscallArgs *a)
{
    char buf[PATH_MAX];
    size_t len;

    if (!getcwd(buf, sizeof(buf))) {
        return -errno;
    }
    len = strlen(buf) + 1;
    if (len > a->a[1]) {
        return -ERANGE;
    }
    if (user_copy_to_guest(a->a[0], buf, len) < 0) {
        return -EFAULT;
    }
    return len;
}

#define PATH_ARG(var, idx)                                                \
    char var##_buf[PATH_MAX];                                             \
    int var##_err;                                                        \
    const char *var = user_path_from_guest(a->a[idx], var##_buf,          \
                                           sizeof(var##_buf), &var##_err); \
    if (!var) {                                                           \
        return var##_err;                                                 \
    }

static abi_long sys_chdir(const UserSyscallArgs *a)
{
    PATH_ARG(path, 0);
    return user_host_ret(chdir(path));
}

static abi_long sys_fchdir(const UserSyscallArgs *a)
{
    return user_host_ret(fchdir((int)a->a[0]));
}

static abi_long sys_mkdirat(const UserSyscallArgs *a)
{
    PATH_ARG(path, 1);
    return user_host_ret(mkdirat((int)a->a[0], path, (mode_t)a->a[2]));
}

static abi_long sys_mknodat(const UserSyscallArgs *a)
{
    PATH_ARG(path, 1);
    return user_host_ret(mknodat((int)a->a[0], path, (mode_t)a->a[2],
                                 (dev_t)a->a[3]));
}

static abi_long sys_unlinkat(const UserSyscallArgs *a)
{
    PATH_ARG(path, 1);
    return user_host_ret(unlinkat((int)a->a[0], path, (int)a->a[2]));
}

static abi_long sys_renameat2(const UserSyscallArgs *a)
{
    PATH_ARG(from, 1);
    PATH_ARG(to, 3);
    return user_host_ret(syscall(SYS_renameat2, (int)a->a[0], from,
                                 (int)a->a[2], to, (unsigned)a->a[4]));
}

static abi_long sys_linkat(const UserSyscallArgs *a)
{
    PATH_ARG(from, 1);
    PATH_ARG(to, 3);
    return user_host_ret(linkat((int)a->a[0], from, (int)a->a[2], to,
                                (int)a->a[4]));
}

static abi_long sys_symlinkat(const UserSyscallArgs *a)
{
    char target[PATH_MAX];
    ssize_t n = user_string_from_guest(target, sizeof(target), a->a[0]);

    if (n < 0) {
        return n;
    }
    PATH_ARG(path, 2);
    return user_host_ret(symlinkat(target, (int)a->a[1], path));
}

static abi_long sys_readlinkat(const UserSyscallArgs *a)
{
    char buf[PATH_MAX];
    ssize_t n;
    PATH_ARG(path, 1);

    if (is_proc_self_exe(path) && user_process_image) {
        const char *exe = user_process_image->exec_path;

        n = MIN(strlen(exe), (size_t)a->a[3]);
        return user_copy_to_guest(a->a[2], exe, n) < 0 ? -EFAULT : n;
    }
    n = readlinkat((int)a->a[0], path, buf, MIN(sizeof(buf), a->a[3]));
    if (n < 0) {
        return -errno;
    }
    return user_copy_to_guest(a->a[2], buf, n) < 0 ? -EFAULT : n;
}

static abi_long sys_faccessat(const UserSyscallArgs *a)
{
    PATH_ARG(path, 1);
    return user_host_ret(syscall(SYS_faccessat, (int)a->a[0], path,
                                 (int)a->a[2]));
}

static abi_long sys_faccessat2(const UserSyscallArgs *a)
{
    PATH_ARG(path, 1);
    return user_host_ret(syscall(SYS_faccessat2, (int)a->a[0], path,
                                 (int)a->a[2], (int)a->a[3]));
}

static abi_long sys_fchmod(const UserSyscallArgs *a)
{
    return user_host_ret(fchmod((int)a->a[0], (mode_t)a->a[1]));
}

static abi_long sys_fchmodat(const UserSyscallArgs *a)
{
    PATH_ARG(path, 1);
    return user_host_ret(syscall(SYS_fchmodat, (int)a->a[0], path,
                                 (mode_t)a->a[2]));
}

static abi_long sys_fchown(const UserSyscallArgs *a)
{
    return user_host_ret(fchown((int)a->a[0], (uid_t)a->a[1],
                                (gid_t)a->a[2]));
}

static abi_long sys_fchownat(const UserSyscallArgs *a)
{
    PATH_ARG(path, 1);
    return user_host_ret(fchownat((int)a->a[0], path, (uid_t)a->a[2],
                                  (gid_t)a->a[3], (int)a->a[4]));
}

/* struct linux_dirent64 is the same on every architecture. */
static abi_long sys_getdents64(const UserSyscallArgs *a)
{
    return user_host_ret(syscall(SYS_getdents64, (int)a->a[0], g2h(a->a[1]),
                                 (unsigned)a->a[2]));
}

static abi_long sys_sendfile(const UserSyscallArgs *a)
{
    off_t off;
    ssize_t r;

    if (!a->a[2]) {
        return user_host_ret(sendfile((int)a->a[0], (int)a->a[1], NULL,
                                      a->a[3]));
    }
    if (user_copy_from_guest(&off, a->a[2], sizeof(off)) < 0) {
        return -EFAULT;
    }
    r = sendfile((int)a->a[0], (int)a->a[1], &off, a->a[3]);
    if (r < 0) {
        return -errno;
    }
    return user_copy_to_guest(a->a[2], &off, sizeof(off)) < 0 ? -EFAULT : r;
}

static abi_long sys_ftruncate(const UserSyscallArgs *a)
{
    return user_host_ret(ftruncate((int)a->a[0], (off_t)a->a[1]));
}

static abi_long sys_truncate(const UserSyscallArgs *a)
{
    PATH_ARG(path, 0);
    return user_host_ret(truncate(path, (off_t)a->a[1]));
}

static abi_long sys_fsync(const UserSyscallArgs *a)
{
    return user_host_ret(fsync((int)a->a[0]));
}

static abi_long sys_fdatasync(const UserSyscallArgs *a)
{
    return user_host_ret(fdatasync((int)a->a[0]));
}

static abi_long sys_flock(const UserSyscallArgs *a)
{
    return user_host_ret(flock((int)a->a[0], (int)a->a[1]));
}

static abi_long sys_umask(const UserSyscallArgs *a)
{
    return umask((mode_t)a->a[0]);
}

static abi_long sys_utimensat(const UserSyscallArgs *a)
{
    struct target_timespec tt[2];
    struct timespec ht[2];
    const char *path = NULL;
    char buf[PATH_MAX];
    int err;

    if (a->a[1]) {
        path = user_path_from_guest(a->a[1], buf, sizeof(buf), &err);
        if (!path) {
            return err;
        }
    }
    if (a->a[2]) {
        if (user_copy_from_guest(tt, a->a[2], sizeof(tt)) < 0) {
            return -EFAULT;
        }
        for (int i = 0; i < 2; i++) {
            ht[i].tv_sec = tt[i].tv_sec;
            ht[i].tv_nsec = tt[i].tv_nsec;
        }
    }
    return user_host_ret(syscall(SYS_utimensat, (int)a->a[0], path,
                                 a->a[2] ? ht : NULL, (int)a->a[3]));
}

/* posix_fadvise: the advice values are generic; a hint, never fatal. */
static abi_long sys_fadvise64(const UserSyscallArgs *a)
{
    return -posix_fadvise((int)a->a[0], (off_t)a->a[1], (off_t)a->a[2],
                          (int)a->a[3]);
}

static abi_long sys_sync(const UserSyscallArgs *a)
{
    (void)a;
    sync();
    return 0;
}

static abi_long sys_syncfs(const UserSyscallArgs *a)
{
    return user_host_ret(syncfs((int)a->a[0]));
}

/* copy_file_range(in, &off_in, out, &off_out, len, flags): the offsets
 * are 64-bit on both sides, so the guest pointers are passed. */
static abi_long sys_copy_file_range(const UserSyscallArgs *a)
{
    return user_host_ret(syscall(SYS_copy_file_range, (int)a->a[0],
                                 a->a[1] ? g2h(a->a[1]) : NULL,
                                 (int)a->a[2],
                                 a->a[3] ? g2h(a->a[3]) : NULL,
                                 (size_t)a->a[4], (unsigned)a->a[5]));
}

/* memfd_create(name, flags): MFD_* values are generic. */
static abi_long sys_memfd_create(const UserSyscallArgs *a)
{
    char name[256];
    ssize_t n = user_string_from_guest(name, sizeof(name), a->a[0]);

    if (n < 0) {
        return n == -ENAMETOOLONG ? -EINVAL : n;
    }
    return user_host_ret(syscall(SYS_memfd_create, name,
                                 (unsigned)a->a[1]));
}

/*
 * Extended attributes: names are strings, values and name lists plain
 * bytes of the guest's buffers. path (0: fd), lnk: do not follow.
 */
#define XATTR_NAME_MAX_GUEST 256

typedef enum { XATTR_PATH, XATTR_LINK, XATTR_FD } XattrOn;

static abi_long xattr_name(abi_ulong addr, char *name)
{
    ssize_t n = user_string_from_guest(name, XATTR_NAME_MAX_GUEST, addr);

    return n == -ENAMETOOLONG ? -ERANGE : n < 0 ? n : 0;
}

static abi_long do_getxattr(const UserSyscallArgs *a, XattrOn on)
{
    char name[XATTR_NAME_MAX_GUEST];
    abi_long r = xattr_name(a->a[1], name);
    void *val = a->a[2] ? g2h(a->a[2]) : NULL;

    if (r < 0) {
        return r;
    }
    if (on == XATTR_FD) {
        return user_host_ret(fgetxattr((int)a->a[0], name, val, a->a[3]));
    }
    PATH_ARG(path, 0);
    return user_host_ret(on == XATTR_LINK
                         ? lgetxattr(path, name, val, a->a[3])
                         : getxattr(path, name, val, a->a[3]));
}

static abi_long do_setxattr(const UserSyscallArgs *a, XattrOn on)
{
    char name[XATTR_NAME_MAX_GUEST];
    abi_long r = xattr_name(a->a[1], name);
    const void *val = a->a[2] ? g2h(a->a[2]) : NULL;
    int flags = (int)a->a[4];   /* XATTR_CREATE/REPLACE: generic */

    if (r < 0) {
        return r;
    }
    if (on == XATTR_FD) {
        return user_host_ret(fsetxattr((int)a->a[0], name, val, a->a[3],
                                       flags));
    }
    PATH_ARG(path, 0);
    return user_host_ret(on == XATTR_LINK
                         ? lsetxattr(path, name, val, a->a[3], flags)
                         : setxattr(path, name, val, a->a[3], flags));
}

static abi_long do_listxattr(const UserSyscallArgs *a, XattrOn on)
{
    char *list = a->a[1] ? g2h(a->a[1]) : NULL;

    if (on == XATTR_FD) {
        return user_host_ret(flistxattr((int)a->a[0], list, a->a[2]));
    }
    PATH_ARG(path, 0);
    return user_host_ret(on == XATTR_LINK ? llistxattr(path, list, a->a[2])
                                          : listxattr(path, list, a->a[2]));
}

static abi_long do_removexattr(const UserSyscallArgs *a, XattrOn on)
{
    char name[XATTR_NAME_MAX_GUEST];
    abi_long r = xattr_name(a->a[1], name);

    if (r < 0) {
        return r;
    }
    if (on == XATTR_FD) {
        return user_host_ret(fremovexattr((int)a->a[0], name));
    }
    PATH_ARG(path, 0);
    return user_host_ret(on == XATTR_LINK ? lremovexattr(path, name)
                                          : removexattr(path, name));
}

#define XATTR_CALLS(op)                                                   \
    static abi_long sys_##op(const UserSyscallArgs *a)                    \
    {                                                                     \
        return do_##op(a, XATTR_PATH);                                    \
    }                                                                     \
    static abi_long sys_l##op(const UserSyscallArgs *a)                   \
    {                                                                     \
        return do_##op(a, XATTR_LINK);                                    \
    }                                                                     \
    static abi_long sys_f##op(const UserSyscallArgs *a)                   \
    {                                                                     \
        return do_##op(a, XATTR_FD);                                      \
    }
XATTR_CALLS(getxattr)
XATTR_CALLS(setxattr)
XATTR_CALLS(listxattr)
XATTR_CALLS(removexattr)

/*
 * The path-based calls x86-64 keeps beside their *at forms: each is its
 * *at call with AT_FDCWD (open(p, f, m) is openat(AT_FDCWD, p, f, m)).
 */
#ifdef TARGET_NR_open
static abi_long sys_open(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_openat, USER_AT_FDCWD, a->a[0], a->a[1],
                           a->a[2], 0);
}

static abi_long sys_creat(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_openat, USER_AT_FDCWD, a->a[0],
                           TARGET_O_CREAT | TARGET_O_WRONLY | TARGET_O_TRUNC,
                           a->a[1], 0);
}

static abi_long sys_access(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_faccessat, USER_AT_FDCWD, a->a[0],
                           a->a[1], 0, 0);
}

static abi_long sys_mkdir(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_mkdirat, USER_AT_FDCWD, a->a[0], a->a[1],
                           0, 0);
}

static abi_long sys_mknod(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_mknodat, USER_AT_FDCWD, a->a[0], a->a[1],
                           a->a[2], 0);
}

static abi_long sys_rmdir(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_unlinkat, USER_AT_FDCWD, a->a[0],
                           AT_REMOVEDIR, 0, 0);
}

static abi_long sys_unlink(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_unlinkat, USER_AT_FDCWD, a->a[0], 0, 0, 0);
}

static abi_long sys_rename(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_renameat2, USER_AT_FDCWD, a->a[0],
                           USER_AT_FDCWD, a->a[1], 0);
}

static abi_long sys_renameat(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_renameat2, a->a[0], a->a[1], a->a[2],
                           a->a[3], 0);
}

static abi_long sys_link(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_linkat, USER_AT_FDCWD, a->a[0],
                           USER_AT_FDCWD, a->a[1], 0);
}

static abi_long sys_symlink(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_symlinkat, a->a[0], USER_AT_FDCWD,
                           a->a[1], 0, 0);
}

static abi_long sys_readlink(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_readlinkat, USER_AT_FDCWD, a->a[0],
                           a->a[1], a->a[2], 0);
}

static abi_long sys_chmod(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_fchmodat, USER_AT_FDCWD, a->a[0], a->a[1],
                           0, 0);
}

static abi_long sys_chown(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_fchownat, USER_AT_FDCWD, a->a[0], a->a[1],
                           a->a[2], 0);
}

static abi_long sys_lchown(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_fchownat, USER_AT_FDCWD, a->a[0], a->a[1],
                           a->a[2], AT_SYMLINK_NOFOLLOW);
}

static abi_long sys_pipe(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_pipe2, a->a[0], 0, 0, 0, 0);
}

/* dup2(fd, fd) checks fd and returns it; dup3 would say EINVAL. */
static abi_long sys_dup2(const UserSyscallArgs *a)
{
    if ((int)a->a[0] == (int)a->a[1]) {
        return fcntl((int)a->a[0], F_GETFD) < 0 ? -errno : (abi_long)a->a[1];
    }
    return user_host_ret(dup2((int)a->a[0], (int)a->a[1]));
}

/* struct linux_dirent (d_ino, d_off, d_reclen, name, pad, d_type) has
 * one layout on every 64-bit Linux, the host's included. */
static abi_long sys_getdents(const UserSyscallArgs *a)
{
    return user_host_ret(syscall(SYS_getdents, (int)a->a[0], g2h(a->a[1]),
                                 (unsigned)a->a[2]));
}

/* utime(path, { actime, modtime }) in whole seconds. */
static abi_long sys_utime(const UserSyscallArgs *a)
{
    int64_t tb[2];
    struct timespec ht[2];
    PATH_ARG(path, 0);

    if (a->a[1]) {
        if (user_copy_from_guest(tb, a->a[1], sizeof(tb)) < 0) {
            return -EFAULT;
        }
        for (int i = 0; i < 2; i++) {
            ht[i].tv_sec = tb[i];
            ht[i].tv_nsec = 0;
        }
    }
    return user_host_ret(utimensat(AT_FDCWD, path, a->a[1] ? ht : NULL, 0));
}

/* futimesat(dirfd, path, struct timeval[2]); utimes is it at AT_FDCWD. */
static abi_long sys_futimesat(const UserSyscallArgs *a)
{
    struct target_timeval tv[2];
    struct timespec ht[2];
    const char *path = NULL;
    char buf[PATH_MAX];
    int err;

    if (a->a[1]) {
        path = user_path_from_guest(a->a[1], buf, sizeof(buf), &err);
        if (!path) {
            return err;
        }
    }
    if (a->a[2]) {
        if (user_copy_from_guest(tv, a->a[2], sizeof(tv)) < 0) {
            return -EFAULT;
        }
        for (int i = 0; i < 2; i++) {
            if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000) {
                return -EINVAL;
            }
            ht[i].tv_sec = tv[i].tv_sec;
            ht[i].tv_nsec = tv[i].tv_usec * 1000;
        }
    }
    return user_host_ret(syscall(SYS_utimensat, (int)a->a[0], path,
                                 a->a[2] ? ht : NULL, 0));
}

static abi_long sys_utimes(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_futimesat, USER_AT_FDCWD, a->a[0], a->a[1],
                           0, 0);
}
#endif

const UserSyscallDef user_syscalls_file[] = {
    { TARGET_NR_openat, sys_openat, "fsxo" },
    { TARGET_NR_close, sys_close, "d" },
    { TARGET_NR_read, sys_read, "dpu" },
    { TARGET_NR_write, sys_write, "dpu" },
    { TARGET_NR_readv, sys_readv, "dpu" },
    { TARGET_NR_writev, sys_writev, "dpu" },
    { TARGET_NR_pread64, sys_pread64, "dpud" },
    { TARGET_NR_pwrite64, sys_pwrite64, "dpud" },
    { TARGET_NR_preadv, sys_preadv, "dpud" },
    { TARGET_NR_pwritev, sys_pwritev, "dpud" },
    { TARGET_NR_lseek, sys_lseek, "ddd" },
    { TARGET_NR_dup, sys_dup, "d" },
    { TARGET_NR_dup3, sys_dup3, "ddx" },
    { TARGET_NR_fcntl, sys_fcntl, "ddx" },
    { TARGET_NR_ioctl, sys_ioctl, "dxx" },
    { TARGET_NR_pipe2, sys_pipe2, "px" },
    { TARGET_NR_getcwd, sys_getcwd, "pu" },
    { TARGET_NR_chdir, sys_chdir, "s" },
    { TARGET_NR_fchdir, sys_fchdir, "d" },
    { TARGET_NR_mkdirat, sys_mkdirat, "fso" },
    { TARGET_NR_mknodat, sys_mknodat, "fsox" },
    { TARGET_NR_unlinkat, sys_unlinkat, "fsx" },
    { TARGET_NR_renameat2, sys_renameat2, "fsfsx" },
    { TARGET_NR_linkat, sys_linkat, "fsfsx" },
    { TARGET_NR_symlinkat, sys_symlinkat, "sfs" },
    { TARGET_NR_readlinkat, sys_readlinkat, "fspu" },
    { TARGET_NR_faccessat, sys_faccessat, "fso" },
    { TARGET_NR_faccessat2, sys_faccessat2, "fsox" },
    { TARGET_NR_fchmod, sys_fchmod, "do" },
    { TARGET_NR_fchmodat, sys_fchmodat, "fso" },
    { TARGET_NR_fchown, sys_fchown, "ddd" },
    { TARGET_NR_fchownat, sys_fchownat, "fsddx" },
    { TARGET_NR_getdents64, sys_getdents64, "dpu" },
    { TARGET_NR_sendfile, sys_sendfile, "ddpu" },
    { TARGET_NR_ftruncate, sys_ftruncate, "dd" },
    { TARGET_NR_truncate, sys_truncate, "sd" },
    { TARGET_NR_fsync, sys_fsync, "d" },
    { TARGET_NR_fdatasync, sys_fdatasync, "d" },
    { TARGET_NR_flock, sys_flock, "dx" },
    { TARGET_NR_umask, sys_umask, "o" },
    { TARGET_NR_utimensat, sys_utimensat, "fspx" },
    { TARGET_NR_fadvise64, sys_fadvise64, "dddd" },
    { TARGET_NR_sync, sys_sync, "" },
    { TARGET_NR_syncfs, sys_syncfs, "d" },
    { TARGET_NR_copy_file_range, sys_copy_file_range, "dpdpux" },
    { TARGET_NR_memfd_create, sys_memfd_create, "sx" },
    { TARGET_NR_getxattr, sys_getxattr, "sspu" },
    { TARGET_NR_lgetxattr, sys_lgetxattr, "sspu" },
    { TARGET_NR_fgetxattr, sys_fgetxattr, "dspu" },
    { TARGET_NR_setxattr, sys_setxattr, "sspux" },
    { TARGET_NR_lsetxattr, sys_lsetxattr, "sspux" },
    { TARGET_NR_fsetxattr, sys_fsetxattr, "dspux" },
    { TARGET_NR_listxattr, sys_listxattr, "spu" },
    { TARGET_NR_llistxattr, sys_llistxattr, "spu" },
    { TARGET_NR_flistxattr, sys_flistxattr, "dpu" },
    { TARGET_NR_removexattr, sys_removexattr, "ss" },
    { TARGET_NR_lremovexattr, sys_lremovexattr, "ss" },
    { TARGET_NR_fremovexattr, sys_fremovexattr, "ds" },
#ifdef TARGET_NR_open
    { TARGET_NR_open, sys_open, "sxo" },
    { TARGET_NR_creat, sys_creat, "so" },
    { TARGET_NR_access, sys_access, "so" },
    { TARGET_NR_mkdir, sys_mkdir, "so" },
    { TARGET_NR_mknod, sys_mknod, "sox" },
    { TARGET_NR_rmdir, sys_rmdir, "s" },
    { TARGET_NR_unlink, sys_unlink, "s" },
    { TARGET_NR_rename, sys_rename, "ss" },
    { TARGET_NR_renameat, sys_renameat, "fsfs" },
    { TARGET_NR_link, sys_link, "ss" },
    { TARGET_NR_symlink, sys_symlink, "ss" },
    { TARGET_NR_readlink, sys_readlink, "spu" },
    { TARGET_NR_chmod, sys_chmod, "so" },
    { TARGET_NR_chown, sys_chown, "sdd" },
    { TARGET_NR_lchown, sys_lchown, "sdd" },
    { TARGET_NR_pipe, sys_pipe, "p" },
    { TARGET_NR_dup2, sys_dup2, "dd" },
    { TARGET_NR_getdents, sys_getdents, "dpu" },
    { TARGET_NR_utime, sys_utime, "sp" },
    { TARGET_NR_utimes, sys_utimes, "sp" },
    { TARGET_NR_futimesat, sys_futimesat, "fsp" },
#endif
    { 0, NULL, NULL }
};
