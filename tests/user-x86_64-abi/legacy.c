/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The old system calls x86-64 keeps and asm-generic dropped, in a
 * scratch directory given as argv[1]: open/creat, stat/lstat (x86-64
 * struct stat), access, mkdir/rmdir, rename, link/unlink, symlink/
 * readlink, chmod, utime/utimes/futimesat, getdents, pipe/dup2, poll,
 * select, epoll_create/epoll_wait (packed epoll_event), eventfd,
 * inotify_init, getpgrp, time, alarm, fork.
 */
#include "sys.h"

enum {
    NR_fstat = 5, NR_lstat = 6, NR_poll = 7, NR_access = 21, NR_select = 23,
    NR_alarm = 37, NR_fork = 57, NR_wait4 = 61, NR_chdir = 80,
    NR_rename = 82, NR_creat = 85, NR_link = 86, NR_symlink = 88,
    NR_chmod = 90, NR_getpgrp = 111, NR_getpgid = 121, NR_utime = 132,
    NR_epoll_create = 213, NR_epoll_wait = 232, NR_epoll_ctl = 233,
    NR_utimes = 235, NR_inotify_init = 253, NR_futimesat = 261,
    NR_eventfd = 284,
};

/* struct stat, x86-64 */
struct kstat {
    u64 dev, ino, nlink;
    u32 mode, uid, gid, pad0;
    u64 rdev;
    long size, blksize, blocks;
    u64 atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
    long unused[3];
};

struct epev {
    u32 events;
    u64 data;
} __attribute__((packed));

static int streq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

int test_main(long *sp)
{
    char **argv = (char **)&sp[1];
    struct kstat st;
    char buf[256];
    int fds[2];
    long r, fd;

    if (sp[0] < 2) {
        put("usage: legacy DIR\n");
        return 2;
    }
    r = sys1(NR_chdir, argv[1]);
    check("chdir", r == 0, r);

    fd = sys2(NR_creat, "f", 0640);
    check("creat", fd >= 0, fd);
    check("write", sys3(NR_write, fd, "12345", 5) == 5, 0);
    sys1(NR_close, fd);
    fd = sys3(NR_open, "f", 0 /* O_RDONLY */, 0);
    check("open", fd >= 0, fd);
    r = sys3(NR_read, fd, buf, sizeof(buf));
    check("read back", r == 5 && buf[4] == '5', r);
    sys1(NR_close, fd);
    r = sys3(NR_open, "missing", 0, 0);
    check("open missing is ENOENT", r == -2, r);

    r = sys2(NR_stat, "f", &st);
    check("stat", r == 0, r);
    check("stat size", st.size == 5, st.size);
    check("stat mode", (st.mode & 07777) == 0640 && (st.mode & 0170000) ==
          0100000, st.mode);
    check("stat nlink", st.nlink == 1, (long)st.nlink);
    r = sys2(NR_access, "f", 4 /* R_OK */);
    check("access R_OK", r == 0, r);
    r = sys2(NR_access, "nope", 0);
    check("access missing", r == -2, r);

    r = sys2(NR_link, "f", "g");
    check("link", r == 0, r);
    sys2(NR_stat, "g", &st);
    check("nlink after link", st.nlink == 2, (long)st.nlink);
    r = sys2(NR_symlink, "f", "s");
    check("symlink", r == 0, r);
    r = sys2(NR_lstat, "s", &st);
    check("lstat sees the link", r == 0 && (st.mode & 0170000) == 0120000,
          st.mode);
    r = sys3(NR_readlink, "s", buf, sizeof(buf));
    check("readlink", r == 1 && buf[0] == 'f', r);
    r = sys2(NR_chmod, "f", 0600);
    sys2(NR_stat, "f", &st);
    check("chmod", r == 0 && (st.mode & 07777) == 0600, st.mode);
    {
        long ut[2] = { 1000000000, 1200000000 };
        long tv[4] = { 1300000000, 0, 1400000000, 500000 };

        r = sys2(NR_utime, "f", ut);
        sys2(NR_stat, "f", &st);
        check("utime", r == 0 && st.mtime == 1200000000 &&
              st.atime == 1000000000, r);
        r = sys2(NR_utimes, "f", tv);
        sys2(NR_stat, "f", &st);
        check("utimes", r == 0 && st.mtime == 1400000000 &&
              st.mtime_ns == 500000000, r);
        r = sys3(NR_futimesat, -100, "g", tv);
        check("futimesat", r == 0, r);
    }
    r = sys2(NR_rename, "g", "h");
    check("rename", r == 0 && sys2(NR_stat, "h", &st) == 0, r);
    r = sys1(NR_unlink, "h");
    check("unlink", r == 0 && sys2(NR_stat, "h", &st) == -2, r);
    r = sys2(NR_mkdir, "d", 0755);
    check("mkdir", r == 0, r);
    r = sys1(NR_rmdir, "d");
    check("rmdir", r == 0, r);

    fd = sys3(NR_open, ".", 0200000 /* O_DIRECTORY */, 0);
    r = sys3(NR_getdents, fd, buf, sizeof(buf));
    {
        int seen_f = 0, seen_s = 0;

        for (long off = 0; off < r;) {
            u16 reclen = *(u16 *)(buf + off + 16);
            const char *name = buf + off + 18;

            seen_f |= streq(name, "f");
            seen_s |= streq(name, "s");
            off += reclen;
        }
        check("getdents lists f and s", r > 0 && seen_f && seen_s, r);
    }
    sys1(NR_close, fd);

    r = sys1(NR_pipe, fds);
    check("pipe", r == 0, r);
    r = sys2(NR_dup2, fds[1], 20);
    check("dup2", r == 20, r);
    r = sys2(NR_dup2, 20, 20);
    check("dup2 same fd", r == 20, r);
    sys3(NR_write, 20, "x", 1);
    {
        struct { int fd; short events, revents; } pfd = { fds[0], 1, 0 };

        r = sys3(NR_poll, &pfd, 1, 1000);
        check("poll", r == 1 && pfd.revents == 1, r);
    }
    {
        u64 set = 1ul << fds[0];
        long tv[2] = { 1, 0 };

        r = sys6(NR_select, fds[0] + 1, (long)&set, 0, 0, (long)tv, 0);
        check("select", r == 1 && set == 1ul << fds[0], r);
    }
    {
        long ep = sys1(NR_epoll_create, 4);
        struct epev ev = { 1 /* EPOLLIN */, 0x1122334455667788ul }, out[2];

        check("epoll_create", ep >= 0, ep);
        r = sys4(NR_epoll_ctl, ep, 1 /* ADD */, fds[0], &ev);
        check("epoll_ctl", r == 0, r);
        out[1].data = 7;
        r = sys4(NR_epoll_wait, ep, out, 2, 1000);
        check("epoll_wait", r == 1 && out[0].events == 1 &&
              out[0].data == 0x1122334455667788ul && out[1].data == 7, r);
        r = sys1(NR_epoll_create, 0);
        check("epoll_create(0) is EINVAL", r == -22, r);
    }
    fd = sys1(NR_eventfd, 3);
    r = sys3(NR_read, fd, buf, 8);
    check("eventfd", fd >= 0 && r == 8 && *(u64 *)buf == 3, r);
    fd = sys0(NR_inotify_init);
    check("inotify_init", fd >= 0, fd);

    check("getpgrp", sys0(NR_getpgrp) == sys1(NR_getpgid, 0), 0);
    r = sys1(NR_time, 0);
    check("time", r > 1600000000, r);
    r = sys1(NR_alarm, 100);
    check("alarm", r == 0 && sys1(NR_alarm, 0) == 100, r);

    r = sys0(NR_fork);
    if (r == 0) {
        sys_exit_group(33);
    }
    {
        int status = 0;
        long w = sys4(NR_wait4, r, &status, 0, 0);

        check("fork and wait4", w == r && ((status >> 8) & 0xff) == 33,
              status);
    }
    sys1(NR_unlink, "f");
    sys1(NR_unlink, "s");
    return failures;
}
