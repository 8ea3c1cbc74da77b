/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Socket system calls: creation, addresses, connections and the plain
 * send/receive calls. Addresses are converted per family: the family
 * field through a table, the rest only for families whose guest layout
 * is asserted below to be the host's (AF_UNIX incl. abstract names,
 * AF_INET, AF_INET6, AF_NETLINK, AF_PACKET); other families are refused
 * with EAFNOSUPPORT and logged with -d unimp. Messages with control data
 * are syscall-sockmsg.c, options syscall-sockopt.c.
 */
#include <netinet/in.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>

#include "syscall-numbers.h"
#include "user/syscall.h"
#include "user/target-socket.h"
#include "user/user-log.h"

/* Socket types are the generic numbers on both sides (not MIPS's). */
_Static_assert(SOCK_STREAM == 1 && SOCK_DGRAM == 2 && SOCK_RAW == 3 &&
               SOCK_RDM == 4 && SOCK_SEQPACKET == 5 && SOCK_PACKET == 10,
               "host socket types");

#define SAME_FIELD(t, h, tf, hf)                                       \
    _Static_assert(offsetof(struct t, tf) == offsetof(struct h, hf) && \
                   sizeof(((struct t *)0)->tf) ==                      \
                   sizeof(((struct h *)0)->hf), #h "." #hf)

/* Families whose bytes after sa_family are copied: same layouts. */
SAME_FIELD(target_sockaddr_in, sockaddr_in, sin_port, sin_port);
SAME_FIELD(target_sockaddr_in, sockaddr_in, sin_addr, sin_addr);
_Static_assert(sizeof(struct target_sockaddr_in) ==
               sizeof(struct sockaddr_in), "sockaddr_in");
SAME_FIELD(target_sockaddr_in6, sockaddr_in6, sin6_port, sin6_port);
SAME_FIELD(target_sockaddr_in6, sockaddr_in6, sin6_flowinfo, sin6_flowinfo);
SAME_FIELD(target_sockaddr_in6, sockaddr_in6, sin6_addr, sin6_addr);
SAME_FIELD(target_sockaddr_in6, sockaddr_in6, sin6_scope_id, sin6_scope_id);
_Static_assert(sizeof(struct target_sockaddr_in6) ==
               sizeof(struct sockaddr_in6), "sockaddr_in6");
SAME_FIELD(target_sockaddr_un, sockaddr_un, sun_path, sun_path);
SAME_FIELD(target_sockaddr_nl, sockaddr_nl, nl_pid, nl_pid);
SAME_FIELD(target_sockaddr_nl, sockaddr_nl, nl_groups, nl_groups);
SAME_FIELD(target_sockaddr_ll, sockaddr_ll, sll_protocol, sll_protocol);
SAME_FIELD(target_sockaddr_ll, sockaddr_ll, sll_ifindex, sll_ifindex);
SAME_FIELD(target_sockaddr_ll, sockaddr_ll, sll_hatype, sll_hatype);
SAME_FIELD(target_sockaddr_ll, sockaddr_ll, sll_pkttype, sll_pkttype);
SAME_FIELD(target_sockaddr_ll, sockaddr_ll, sll_halen, sll_halen);
SAME_FIELD(target_sockaddr_ll, sockaddr_ll, sll_addr, sll_addr);
_Static_assert(sizeof(struct sockaddr_storage) == TARGET_SOCKADDR_MAX,
               "sockaddr_storage");

static const struct {
    uint16_t target, host;
} socket_families[] = {
    { TARGET_AF_UNSPEC, AF_UNSPEC },    /* connect(): dissolve */
    { TARGET_AF_UNIX, AF_UNIX },
    { TARGET_AF_INET, AF_INET },
    { TARGET_AF_INET6, AF_INET6 },
    { TARGET_AF_NETLINK, AF_NETLINK },
    { TARGET_AF_PACKET, AF_PACKET },
};

static int family_to_host(unsigned target)
{
    for (size_t i = 0; i < sizeof(socket_families) /
         sizeof(socket_families[0]); i++) {
        if (socket_families[i].target == target) {
            return socket_families[i].host;
        }
    }
    return -1;
}

int user_socket_family_to_target(int host)
{
    for (size_t i = 0; i < sizeof(socket_families) /
         sizeof(socket_families[0]); i++) {
        if (socket_families[i].host == host) {
            return socket_families[i].target;
        }
    }
    return -1;
}

static void log_family(const char *what, unsigned family)
{
    if (user_log_enabled(USER_LOG_UNIMP)) {
        user_log("unimplemented: %s address family %u\n", what, family);
    }
}

abi_long user_sockaddr_from_guest(struct sockaddr_storage *ss, abi_ulong addr,
                                  abi_ulong len, socklen_t *host_len)
{
    uint16_t family;
    int host;

    memset(ss, 0, sizeof(*ss));
    if (len > TARGET_SOCKADDR_MAX) {
        return -EINVAL;
    }
    *host_len = (socklen_t)len;
    if (len == 0) {
        return 0;       /* the kernel judges an empty address itself */
    }
    if (user_copy_from_guest(ss, addr, len) < 0) {
        return -EFAULT;
    }
    if (len < sizeof(family)) {
        return 0;       /* too short to name a family: EINVAL from host */
    }
    memcpy(&family, ss, sizeof(family));
    host = family_to_host(family);
    if (host < 0) {
        log_family("guest", family);
        return -EAFNOSUPPORT;
    }
    ss->ss_family = (sa_family_t)host;
    return 0;
}

abi_long user_sockaddr_guest_len(abi_ulong len_addr, socklen_t *len)
{
    uint32_t v;

    if (user_copy_from_guest(&v, len_addr, sizeof(v)) < 0) {
        return -EFAULT;
    }
    if ((int32_t)v < 0) {
        return -EINVAL;
    }
    *len = v;
    return 0;
}

abi_long user_sockaddr_to_guest(abi_ulong addr, abi_ulong len_addr,
                                const struct sockaddr_storage *ss,
                                socklen_t host_len)
{
    uint8_t buf[TARGET_SOCKADDR_MAX];
    uint32_t out_len = host_len;
    socklen_t room;
    abi_long r;

    if (!addr) {
        return 0;
    }
    r = user_sockaddr_guest_len(len_addr, &room);
    if (r < 0) {
        return r;
    }
    if (host_len > sizeof(buf)) {
        host_len = sizeof(buf);
    }
    memcpy(buf, ss, host_len);
    if (host_len >= sizeof(uint16_t)) {
        int family = user_socket_family_to_target(ss->ss_family);
        uint16_t f;

        if (family < 0) {
            /* socket() only creates families of the table */
            log_family("host", ss->ss_family);
            return -EAFNOSUPPORT;
        }
        f = (uint16_t)family;
        memcpy(buf, &f, sizeof(f));
    }
    if (room > host_len) {
        room = host_len;
    }
    if (user_copy_to_guest(addr, buf, room) < 0 ||
        user_copy_to_guest(len_addr, &out_len, sizeof(out_len)) < 0) {
        return -EFAULT;
    }
    return 0;
}

/* Guest type | SOCK_NONBLOCK | SOCK_CLOEXEC as the host's. */
static abi_long socket_type_to_host(abi_ulong type, int *host)
{
    abi_ulong flags = type & ~(abi_ulong)TARGET_SOCK_TYPE_MASK;

    if (flags & ~(abi_ulong)(TARGET_SOCK_NONBLOCK | TARGET_SOCK_CLOEXEC)) {
        return -EINVAL;
    }
    *host = (int)(type & TARGET_SOCK_TYPE_MASK) |
            (flags & TARGET_SOCK_NONBLOCK ? SOCK_NONBLOCK : 0) |
            (flags & TARGET_SOCK_CLOEXEC ? SOCK_CLOEXEC : 0);
    return 0;
}

/* accept4 takes only the two flags. */
static abi_long socket_flags_to_host(abi_ulong flags, int *host)
{
    if (flags & TARGET_SOCK_TYPE_MASK) {
        return -EINVAL;
    }
    return socket_type_to_host(flags, host);
}

static abi_long sys_socket(const UserSyscallArgs *a)
{
    int type, family = family_to_host((unsigned)a->a[0]);
    abi_long r;

    if (family < 0 || family == AF_UNSPEC) {
        log_family("socket()", (unsigned)a->a[0]);
        return -EAFNOSUPPORT;
    }
    r = socket_type_to_host(a->a[1], &type);
    if (r < 0) {
        return r;
    }
    return user_host_ret(socket(family, type, (int)a->a[2]));
}

static abi_long sys_socketpair(const UserSyscallArgs *a)
{
    int type, fds[2], family = family_to_host((unsigned)a->a[0]);
    abi_long r;

    if (family < 0 || family == AF_UNSPEC) {
        log_family("socketpair()", (unsigned)a->a[0]);
        return -EAFNOSUPPORT;
    }
    r = socket_type_to_host(a->a[1], &type);
    if (r < 0) {
        return r;
    }
    if (socketpair(family, type, (int)a->a[2], fds) < 0) {
        return -errno;
    }
    if (user_copy_to_guest(a->a[3], fds, sizeof(fds)) < 0) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

static abi_long sys_bind(const UserSyscallArgs *a)
{
    struct sockaddr_storage ss;
    socklen_t len;
    abi_long r = user_sockaddr_from_guest(&ss, a->a[1], a->a[2], &len);

    if (r < 0) {
        return r;
    }
    return user_host_ret(bind((int)a->a[0], (struct sockaddr *)&ss, len));
}

static abi_long sys_connect(const UserSyscallArgs *a)
{
    struct sockaddr_storage ss;
    socklen_t len;
    abi_long r = user_sockaddr_from_guest(&ss, a->a[1], a->a[2], &len);

    if (r < 0) {
        return r;
    }
    return user_host_ret(connect((int)a->a[0], (struct sockaddr *)&ss, len));
}

static abi_long sys_listen(const UserSyscallArgs *a)
{
    return user_host_ret(listen((int)a->a[0], (int)a->a[1]));
}

static abi_long do_accept(const UserSyscallArgs *a, abi_ulong flags)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss), room;
    int host_flags, fd;
    abi_long r = socket_flags_to_host(flags, &host_flags);

    if (r < 0) {
        return r;
    }
    if (a->a[1]) {
        r = user_sockaddr_guest_len(a->a[2], &room);
        if (r < 0) {
            return r;
        }
    }
    fd = accept4((int)a->a[0], a->a[1] ? (struct sockaddr *)&ss : NULL,
                 a->a[1] ? &len : NULL, host_flags);
    if (fd < 0) {
        return -errno;
    }
    r = user_sockaddr_to_guest(a->a[1], a->a[2], &ss, len);
    if (r < 0) {
        close(fd);      /* as Linux: the connection is dropped */
        return r;
    }
    return fd;
}

static abi_long sys_accept(const UserSyscallArgs *a)
{
    return do_accept(a, 0);
}

static abi_long sys_accept4(const UserSyscallArgs *a)
{
    return do_accept(a, a->a[3]);
}

typedef int (*SockNameFn)(int, struct sockaddr *, socklen_t *);

static abi_long do_sockname(const UserSyscallArgs *a, SockNameFn fn)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss), room;
    abi_long r = user_sockaddr_guest_len(a->a[2], &room);

    if (r < 0) {
        return r;
    }
    if (fn((int)a->a[0], (struct sockaddr *)&ss, &len) < 0) {
        return -errno;
    }
    if (!a->a[1]) {
        return -EFAULT;
    }
    return user_sockaddr_to_guest(a->a[1], a->a[2], &ss, len);
}

static abi_long sys_getsockname(const UserSyscallArgs *a)
{
    return do_sockname(a, getsockname);
}

static abi_long sys_getpeername(const UserSyscallArgs *a)
{
    return do_sockname(a, getpeername);
}

/*
 * MSG_* flags are defined once in linux/socket.h for every arch, so the
 * guest's value is the host's (the common ones checked here).
 */
_Static_assert(MSG_OOB == 1 && MSG_PEEK == 2 && MSG_DONTROUTE == 4 &&
               MSG_CTRUNC == TARGET_MSG_CTRUNC && MSG_TRUNC == 0x20 &&
               MSG_DONTWAIT == 0x40 && MSG_EOR == 0x80 &&
               MSG_WAITALL == 0x100 && MSG_NOSIGNAL == 0x4000 &&
               MSG_MORE == 0x8000 && MSG_WAITFORONE == 0x10000 &&
               MSG_CMSG_CLOEXEC == 0x40000000, "host MSG_* flags");

static abi_long sys_sendto(const UserSyscallArgs *a)
{
    struct sockaddr_storage ss;
    socklen_t len = 0;
    abi_long r;

    if (a->a[4]) {
        r = user_sockaddr_from_guest(&ss, a->a[4], a->a[5], &len);
        if (r < 0) {
            return r;
        }
    }
    return user_host_ret(sendto((int)a->a[0], g2h(a->a[1]), a->a[2],
                                (int)a->a[3],
                                a->a[4] ? (struct sockaddr *)&ss : NULL,
                                len));
}

static abi_long sys_recvfrom(const UserSyscallArgs *a)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss), room;
    abi_long r;
    ssize_t n;

    if (a->a[4]) {
        r = user_sockaddr_guest_len(a->a[5], &room);
        if (r < 0) {
            return r;
        }
    }
    n = recvfrom((int)a->a[0], g2h(a->a[1]), a->a[2], (int)a->a[3],
                 a->a[4] ? (struct sockaddr *)&ss : NULL,
                 a->a[4] ? &len : NULL);
    if (n < 0) {
        return -errno;
    }
    r = user_sockaddr_to_guest(a->a[4], a->a[5], &ss, len);
    return r < 0 ? r : n;
}

static abi_long sys_shutdown(const UserSyscallArgs *a)
{
    /* SHUT_RD/WR/RDWR are 0/1/2 everywhere. */
    return user_host_ret(shutdown((int)a->a[0], (int)a->a[1]));
}

const UserSyscallDef user_syscalls_socket[] = {
    { TARGET_NR_socket, sys_socket, "FTd" },
    { TARGET_NR_socketpair, sys_socketpair, "FTdp" },
    { TARGET_NR_bind, sys_bind, "dAu" },
    { TARGET_NR_connect, sys_connect, "dAu" },
    { TARGET_NR_listen, sys_listen, "dd" },
    { TARGET_NR_accept, sys_accept, "dpp" },
    { TARGET_NR_accept4, sys_accept4, "dppx" },
    { TARGET_NR_getsockname, sys_getsockname, "dpp" },
    { TARGET_NR_getpeername, sys_getpeername, "dpp" },
    { TARGET_NR_sendto, sys_sendto, "dpuxAu" },
    { TARGET_NR_recvfrom, sys_recvfrom, "dpuxpp" },
    { TARGET_NR_shutdown, sys_shutdown, "dd" },
    { 0, NULL, NULL }
};
