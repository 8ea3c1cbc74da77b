/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * setsockopt and getsockopt: only options listed here reach the host,
 * each with the conversion its value needs (int, address family,
 * timeval, linger, ucred, or a byte string / fixed-width structure).
 * Anything else is ENOPROTOOPT, logged with -d unimp, instead of a
 * guess at a layout.
 */
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "syscall-numbers.h"
#include "target-structs.h"
#include "user/syscall.h"
#include "user/target-socket.h"
#include "user/user-log.h"
#include "util/cutils.h"

typedef enum SockOptKind {
    SOCKOPT_INT,        /* int (a char for some IP options): same bytes */
    SOCKOPT_FAMILY,     /* int holding an address family */
    SOCKOPT_TIMEVAL,    /* struct timeval */
    SOCKOPT_LINGER,     /* struct linger */
    SOCKOPT_UCRED,      /* struct ucred, read only */
    SOCKOPT_BYTES,      /* strings and fixed-width structures */
    SOCKOPT_LIST,       /* read only, variable length: a string or u32[];
                           ERANGE reports the length needed */
} SockOptKind;

/* Room for the largest value (TCP_INFO grows with each kernel). */
#define SOCKOPT_BUF 512
/* Variable-length values (security label, supplementary groups). */
#define SOCKOPT_LIST_MAX (64 * 1024)

typedef struct SockOpt {
    int target_level, target_name;
    int host_level, host_name;
    SockOptKind kind;
    unsigned max;       /* bytes handed to the host (INT/BYTES) */
} SockOpt;

#define OPT(tl, tn, hl, hn, kind, max) \
    { TARGET_SOL_##tl, tn, hl, hn, SOCKOPT_##kind, max }
#define SOCK(tn, hn, kind) OPT(SOCKET, tn, SOL_SOCKET, hn, kind, 4)
#define IPOPT(tn, hn) OPT(IP, tn, SOL_IP, hn, INT, 4)
#define IP6OPT(tn, hn) OPT(IPV6, tn, SOL_IPV6, hn, INT, 4)
#define TCPOPT(tn, hn) OPT(TCP, tn, SOL_TCP, hn, INT, 4)

/* Target names are asm-generic/socket.h, linux/in.h, in6.h, tcp.h. */
static const SockOpt sock_opts[] = {
    SOCK(1, SO_DEBUG, INT),
    SOCK(2, SO_REUSEADDR, INT),
    SOCK(3, SO_TYPE, INT),          /* SOCK_* numbers agree (socket.c) */
    SOCK(4, SO_ERROR, INT),         /* errno values agree (syscall.c) */
    SOCK(5, SO_DONTROUTE, INT),
    SOCK(6, SO_BROADCAST, INT),
    SOCK(7, SO_SNDBUF, INT),
    SOCK(8, SO_RCVBUF, INT),
    SOCK(9, SO_KEEPALIVE, INT),
    SOCK(10, SO_OOBINLINE, INT),
    SOCK(12, SO_PRIORITY, INT),
    SOCK(13, SO_LINGER, LINGER),
    SOCK(15, SO_REUSEPORT, INT),
    SOCK(16, SO_PASSCRED, INT),
    SOCK(17, SO_PEERCRED, UCRED),
    SOCK(18, SO_RCVLOWAT, INT),
    SOCK(19, SO_SNDLOWAT, INT),
    SOCK(20, SO_RCVTIMEO_OLD, TIMEVAL),
    SOCK(21, SO_SNDTIMEO_OLD, TIMEVAL),
    OPT(SOCKET, 25, SOL_SOCKET, SO_BINDTODEVICE, BYTES, 16),  /* IFNAMSIZ */
    SOCK(29, SO_TIMESTAMP_OLD, INT),
    SOCK(30, SO_ACCEPTCONN, INT),
    OPT(SOCKET, 31, SOL_SOCKET, SO_PEERSEC, LIST, SOCKOPT_LIST_MAX),
    SOCK(32, SO_SNDBUFFORCE, INT),
    SOCK(33, SO_RCVBUFFORCE, INT),
    SOCK(35, SO_TIMESTAMPNS_OLD, INT),
    SOCK(36, SO_MARK, INT),
    SOCK(38, SO_PROTOCOL, INT),
    SOCK(39, SO_DOMAIN, FAMILY),
    SOCK(42, SO_PEEK_OFF, INT),
    SOCK(46, SO_BUSY_POLL, INT),
    /* gid_t[]: u32 on both */
    OPT(SOCKET, 59, SOL_SOCKET, SO_PEERGROUPS, LIST, SOCKOPT_LIST_MAX),
    SOCK(66, SO_RCVTIMEO_NEW, TIMEVAL), /* __kernel_sock_timeval: s64 x2 */
    SOCK(67, SO_SNDTIMEO_NEW, TIMEVAL),
    IPOPT(1, IP_TOS),
    IPOPT(2, IP_TTL),
    IPOPT(3, IP_HDRINCL),
    IPOPT(8, IP_PKTINFO),
    IPOPT(10, IP_MTU_DISCOVER),
    IPOPT(11, IP_RECVERR),
    IPOPT(12, IP_RECVTTL),
    IPOPT(13, IP_RECVTOS),
    IPOPT(14, IP_MTU),
    IPOPT(15, IP_FREEBIND),
    IPOPT(19, IP_TRANSPARENT),
    IPOPT(24, IP_BIND_ADDRESS_NO_PORT),
    /* in_addr or struct ip_mreqn: 32-bit fields */
    OPT(IP, 32, SOL_IP, IP_MULTICAST_IF, BYTES, 12),
    IPOPT(33, IP_MULTICAST_TTL),
    IPOPT(34, IP_MULTICAST_LOOP),
    OPT(IP, 35, SOL_IP, IP_ADD_MEMBERSHIP, BYTES, 12),   /* ip_mreqn */
    OPT(IP, 36, SOL_IP, IP_DROP_MEMBERSHIP, BYTES, 12),
    IPOPT(49, IP_MULTICAST_ALL),
    IP6OPT(16, IPV6_UNICAST_HOPS),
    IP6OPT(17, IPV6_MULTICAST_IF),
    IP6OPT(18, IPV6_MULTICAST_HOPS),
    IP6OPT(19, IPV6_MULTICAST_LOOP),
    /* struct ipv6_mreq: in6_addr + int */
    OPT(IPV6, 20, SOL_IPV6, IPV6_ADD_MEMBERSHIP, BYTES, 20),
    OPT(IPV6, 21, SOL_IPV6, IPV6_DROP_MEMBERSHIP, BYTES, 20),
    IP6OPT(23, IPV6_MTU_DISCOVER),
    IP6OPT(24, IPV6_MTU),
    IP6OPT(25, IPV6_RECVERR),
    IP6OPT(26, IPV6_V6ONLY),
    IP6OPT(49, IPV6_RECVPKTINFO),
    IP6OPT(51, IPV6_RECVHOPLIMIT),
    IP6OPT(66, IPV6_RECVTCLASS),
    IP6OPT(67, IPV6_TCLASS),
    TCPOPT(1, TCP_NODELAY),
    TCPOPT(2, TCP_MAXSEG),
    TCPOPT(3, TCP_CORK),
    TCPOPT(4, TCP_KEEPIDLE),
    TCPOPT(5, TCP_KEEPINTVL),
    TCPOPT(6, TCP_KEEPCNT),
    TCPOPT(7, TCP_SYNCNT),
    TCPOPT(8, TCP_LINGER2),
    TCPOPT(9, TCP_DEFER_ACCEPT),
    TCPOPT(10, TCP_WINDOW_CLAMP),
    /* struct tcp_info: __u8/__u32/__u64 fields only */
    OPT(TCP, 11, SOL_TCP, TCP_INFO, BYTES, SOCKOPT_BUF),
    TCPOPT(12, TCP_QUICKACK),
    OPT(TCP, 13, SOL_TCP, TCP_CONGESTION, BYTES, 16),   /* TCP_CA_NAME_MAX */
    TCPOPT(18, TCP_USER_TIMEOUT),
    TCPOPT(23, TCP_FASTOPEN),
    TCPOPT(25, TCP_NOTSENT_LOWAT),
    TCPOPT(30, TCP_FASTOPEN_CONNECT),
    OPT(UDP, 1, SOL_UDP, UDP_CORK, INT, 4),
    OPT(UDP, 103, SOL_UDP, UDP_SEGMENT, INT, 4),
    OPT(NETLINK, 1, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, INT, 4),
    OPT(NETLINK, 2, SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, INT, 4),
    OPT(NETLINK, 3, SOL_NETLINK, NETLINK_PKTINFO, INT, 4),
    OPT(NETLINK, 4, SOL_NETLINK, NETLINK_BROADCAST_ERROR, INT, 4),
    OPT(NETLINK, 5, SOL_NETLINK, NETLINK_NO_ENOBUFS, INT, 4),
    OPT(NETLINK, 10, SOL_NETLINK, NETLINK_CAP_ACK, INT, 4),
    OPT(NETLINK, 11, SOL_NETLINK, NETLINK_EXT_ACK, INT, 4),
    OPT(NETLINK, 12, SOL_NETLINK, NETLINK_GET_STRICT_CHK, INT, 4),
};

static const SockOpt *sockopt_find(const char *call, int level, int name)
{
    for (size_t i = 0; i < ARRAY_SIZE(sock_opts); i++) {
        if (sock_opts[i].target_level == level &&
            sock_opts[i].target_name == name) {
            return &sock_opts[i];
        }
    }
    if (user_log_enabled(USER_LOG_UNIMP)) {
        user_log("unimplemented: %s level %d optname %d\n", call, level,
                 name);
    }
    return NULL;
}

static abi_long sys_setsockopt(const UserSyscallArgs *a)
{
    const SockOpt *o = sockopt_find("setsockopt", (int)a->a[1],
                                    (int)a->a[2]);
    int fd = (int)a->a[0], len = (int)a->a[4];
    uint8_t buf[SOCKOPT_BUF];
    const void *val = buf;
    socklen_t hlen;

    if (!o) {
        return -ENOPROTOOPT;
    }
    if (len < 0) {
        return -EINVAL;
    }
    switch (o->kind) {
    case SOCKOPT_TIMEVAL: {
        struct target_timeval t;
        struct timeval h;

        if ((size_t)len < sizeof(t)) {
            return -EINVAL;
        }
        if (user_copy_from_guest(&t, a->a[3], sizeof(t)) < 0) {
            return -EFAULT;
        }
        h.tv_sec = t.tv_sec;
        h.tv_usec = t.tv_usec;
        memcpy(buf, &h, sizeof(h));
        hlen = sizeof(h);
        break;
    }
    case SOCKOPT_LINGER: {
        struct target_linger t;
        struct linger h;

        if ((size_t)len < sizeof(t)) {
            return -EINVAL;
        }
        if (user_copy_from_guest(&t, a->a[3], sizeof(t)) < 0) {
            return -EFAULT;
        }
        h.l_onoff = t.l_onoff;
        h.l_linger = t.l_linger;
        memcpy(buf, &h, sizeof(h));
        hlen = sizeof(h);
        break;
    }
    case SOCKOPT_UCRED:
    case SOCKOPT_LIST:
        return -ENOPROTOOPT;        /* read only, as in Linux */
    default:
        /* INT, FAMILY (read only anyway) and BYTES: same bytes */
        hlen = MIN((unsigned)len, o->max);
        if (hlen && user_copy_from_guest(buf, a->a[3], hlen) < 0) {
            return -EFAULT;
        }
        if (!a->a[3]) {
            val = NULL;
        }
        break;
    }
    return user_host_ret(setsockopt(fd, o->host_level, o->host_name, val,
                                    hlen));
}

/* SOCKOPT_LIST: the same bytes, any length up to SOCKOPT_LIST_MAX. */
static abi_long getsockopt_list(const UserSyscallArgs *a, const SockOpt *o,
                                socklen_t room)
{
    socklen_t hlen = MIN(room, o->max);
    void *buf = xzalloc(hlen ? hlen : 1);
    uint32_t out;
    abi_long r = 0;

    if (getsockopt((int)a->a[0], o->host_level, o->host_name, buf,
                   &hlen) < 0) {
        r = -errno;
    } else if (hlen && user_copy_to_guest(a->a[3], buf, hlen) < 0) {
        r = -EFAULT;
    }
    free(buf);
    /* on ERANGE Linux stores the length needed */
    if (r == 0 || r == -ERANGE) {
        out = hlen;
        if (user_copy_to_guest(a->a[4], &out, sizeof(out)) < 0) {
            r = -EFAULT;
        }
    }
    return r;
}

static abi_long sys_getsockopt(const UserSyscallArgs *a)
{
    const SockOpt *o = sockopt_find("getsockopt", (int)a->a[1],
                                    (int)a->a[2]);
    int fd = (int)a->a[0];
    uint8_t hbuf[SOCKOPT_BUF], tbuf[SOCKOPT_BUF];
    socklen_t room, hlen = sizeof(hbuf);
    uint32_t out;
    size_t tlen;
    abi_long r;

    if (!o) {
        return -ENOPROTOOPT;
    }
    r = user_sockaddr_guest_len(a->a[4], &room);
    if (r < 0) {
        return r;
    }
    if (o->kind == SOCKOPT_LIST) {
        return getsockopt_list(a, o, room);
    }
    if (o->kind == SOCKOPT_INT || o->kind == SOCKOPT_FAMILY ||
        o->kind == SOCKOPT_BYTES) {
        hlen = MIN(room, o->max);
    }
    memset(hbuf, 0, sizeof(hbuf));
    if (getsockopt(fd, o->host_level, o->host_name, hbuf, &hlen) < 0) {
        return -errno;
    }
    switch (o->kind) {
    case SOCKOPT_TIMEVAL: {
        struct timeval h;
        struct target_timeval t;

        memcpy(&h, hbuf, sizeof(h));
        t.tv_sec = h.tv_sec;
        t.tv_usec = h.tv_usec;
        memcpy(tbuf, &t, sizeof(t));
        tlen = sizeof(t);
        break;
    }
    case SOCKOPT_LINGER: {
        struct linger h;
        struct target_linger t;

        memcpy(&h, hbuf, sizeof(h));
        t.l_onoff = h.l_onoff;
        t.l_linger = h.l_linger;
        memcpy(tbuf, &t, sizeof(t));
        tlen = sizeof(t);
        break;
    }
    case SOCKOPT_UCRED: {
        struct ucred h;
        struct target_ucred t;

        memcpy(&h, hbuf, sizeof(h));
        t.pid = (uint32_t)h.pid;
        t.uid = h.uid;
        t.gid = h.gid;
        memcpy(tbuf, &t, sizeof(t));
        tlen = sizeof(t);
        break;
    }
    case SOCKOPT_FAMILY:
        if (hlen >= sizeof(int)) {
            int family;

            memcpy(&family, hbuf, sizeof(family));
            family = user_socket_family_to_target(family);
            memcpy(hbuf, &family, sizeof(family));
        }
        /* fall through */
    default:
        memcpy(tbuf, hbuf, hlen);
        tlen = hlen;
        break;
    }
    /* Linux truncates a structure to the guest's length. */
    tlen = MIN(tlen, (size_t)room);
    out = (uint32_t)tlen;
    if ((tlen && user_copy_to_guest(a->a[3], tbuf, tlen) < 0) ||
        user_copy_to_guest(a->a[4], &out, sizeof(out)) < 0) {
        return -EFAULT;
    }
    return 0;
}

const UserSyscallDef user_syscalls_sockopt[] = {
    { TARGET_NR_setsockopt, sys_setsockopt, "dddpd" },
    { TARGET_NR_getsockopt, sys_getsockopt, "dddpp" },
    { 0, NULL, NULL }
};
