/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sendmsg, recvmsg, sendmmsg and recvmmsg: the guest's msghdr, its iovec
 * array and its control messages are converted to host ones and back.
 * Control messages are converted by type (table below): SCM_RIGHTS fd
 * arrays, SCM_CREDENTIALS, the SO_TIMESTAMP{,NS} timestamps and the
 * IP/IPv6 packet-info records whose payloads are fixed-width structures.
 * A guest sending another type gets EINVAL (logged with -d unimp); a host
 * message of another type is dropped on receive with MSG_CTRUNC.
 */
#include <netinet/in.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "syscall-numbers.h"
#include "target-structs.h"
#include "user/syscall.h"
#include "user/target-socket.h"
#include "user/user-log.h"
#include "util/cutils.h"

#define MSG_IOV_MAX 1024                /* UIO_MAXIOV */
#define MSG_CONTROL_MAX (64 * 1024)     /* above Linux's optmem_max */

_Static_assert(sizeof(struct ucred) == sizeof(struct target_ucred), "ucred");
_Static_assert(sizeof(struct in_pktinfo) == 12 &&
               sizeof(struct in6_pktinfo) == 20, "pktinfo payloads");

typedef enum CmsgKind {
    CMSG_KIND_FDS,          /* int[] */
    CMSG_KIND_CRED,         /* struct ucred */
    CMSG_KIND_TIMEVAL,      /* struct timeval */
    CMSG_KIND_TIMESPEC,     /* struct timespec */
    CMSG_KIND_BYTES,        /* fixed-width fields only: copied */
} CmsgKind;

typedef struct CmsgType {
    int target_level, target_type;
    int host_level, host_type;
    CmsgKind kind;
} CmsgType;

static const CmsgType cmsg_types[] = {
    { TARGET_SOL_SOCKET, TARGET_SCM_RIGHTS, SOL_SOCKET, SCM_RIGHTS,
      CMSG_KIND_FDS },
    { TARGET_SOL_SOCKET, TARGET_SCM_CREDENTIALS, SOL_SOCKET,
      SCM_CREDENTIALS, CMSG_KIND_CRED },
    { TARGET_SOL_SOCKET, TARGET_SO_TIMESTAMP_OLD, SOL_SOCKET, SCM_TIMESTAMP,
      CMSG_KIND_TIMEVAL },
    { TARGET_SOL_SOCKET, TARGET_SO_TIMESTAMPNS_OLD, SOL_SOCKET,
      SCM_TIMESTAMPNS, CMSG_KIND_TIMESPEC },
    { TARGET_SOL_IP, TARGET_IP_TOS, SOL_IP, IP_TOS, CMSG_KIND_BYTES },
    { TARGET_SOL_IP, TARGET_IP_TTL, SOL_IP, IP_TTL, CMSG_KIND_BYTES },
    { TARGET_SOL_IP, TARGET_IP_PKTINFO, SOL_IP, IP_PKTINFO,
      CMSG_KIND_BYTES },
    /* struct sock_extended_err (u32/u8 fields) + the offender address */
    { TARGET_SOL_IP, TARGET_IP_RECVERR, SOL_IP, IP_RECVERR,
      CMSG_KIND_BYTES },
    { TARGET_SOL_IPV6, TARGET_IPV6_PKTINFO, SOL_IPV6, IPV6_PKTINFO,
      CMSG_KIND_BYTES },
    { TARGET_SOL_IPV6, TARGET_IPV6_HOPLIMIT, SOL_IPV6, IPV6_HOPLIMIT,
      CMSG_KIND_BYTES },
    { TARGET_SOL_IPV6, TARGET_IPV6_TCLASS, SOL_IPV6, IPV6_TCLASS,
      CMSG_KIND_BYTES },
};

static const CmsgType *cmsg_type_find(int level, int type, bool host)
{
    for (size_t i = 0; i < ARRAY_SIZE(cmsg_types); i++) {
        const CmsgType *c = &cmsg_types[i];

        if (host ? (c->host_level == level && c->host_type == type)
                 : (c->target_level == level && c->target_type == type)) {
            return c;
        }
    }
    return NULL;
}

/* The payload size on the other side of a conversion of len bytes. */
static size_t cmsg_converted_len(const CmsgType *c, size_t len)
{
    switch (c->kind) {
    case CMSG_KIND_CRED:
        return sizeof(struct target_ucred);
    case CMSG_KIND_TIMEVAL:
        return sizeof(struct target_timeval);
    case CMSG_KIND_TIMESPEC:
        return sizeof(struct target_timespec);
    case CMSG_KIND_FDS:
        /* Linux takes len / sizeof(int) fds and ignores the rest */
        return len - len % sizeof(int32_t);
    default:
        return len;
    }
}

/* Guest payload -> host payload of len (converted) bytes. */
static void cmsg_payload_to_host(const CmsgType *c, void *dst,
                                 const void *src, size_t len)
{
    if (c->kind == CMSG_KIND_CRED) {
        struct target_ucred t;
        struct ucred h;

        memcpy(&t, src, sizeof(t));
        h.pid = (pid_t)t.pid;
        h.uid = t.uid;
        h.gid = t.gid;
        memcpy(dst, &h, sizeof(h));
    } else {
        /* fd arrays are int32 on both; BYTES are fixed-width layouts */
        memcpy(dst, src, len);
    }
}

/* Host payload -> guest payload in a buffer of cmsg_converted_len(). */
static void cmsg_payload_to_target(const CmsgType *c, void *dst,
                                   const void *src, size_t len)
{
    switch (c->kind) {
    case CMSG_KIND_CRED: {
        struct ucred h;
        struct target_ucred t;

        memcpy(&h, src, sizeof(h));
        t.pid = (uint32_t)h.pid;
        t.uid = h.uid;
        t.gid = h.gid;
        memcpy(dst, &t, sizeof(t));
        break;
    }
    case CMSG_KIND_TIMEVAL: {
        struct timeval h;
        struct target_timeval t;

        memcpy(&h, src, sizeof(h));
        t.tv_sec = h.tv_sec;
        t.tv_usec = h.tv_usec;
        memcpy(dst, &t, sizeof(t));
        break;
    }
    case CMSG_KIND_TIMESPEC: {
        struct timespec h;
        struct target_timespec t;

        memcpy(&h, src, sizeof(h));
        t.tv_sec = h.tv_sec;
        t.tv_nsec = h.tv_nsec;
        memcpy(dst, &t, sizeof(t));
        break;
    }
    default:
        memcpy(dst, src, len);
        break;
    }
}

/* The host's minimum payload for a host-side record of kind c. */
static size_t cmsg_host_min(const CmsgType *c)
{
    switch (c->kind) {
    case CMSG_KIND_CRED:
        return sizeof(struct ucred);
    case CMSG_KIND_TIMEVAL:
        return sizeof(struct timeval);
    case CMSG_KIND_TIMESPEC:
        return sizeof(struct timespec);
    default:
        return 0;
    }
}

static void log_cmsg(const char *what, int level, int type)
{
    if (user_log_enabled(USER_LOG_UNIMP)) {
        user_log("unimplemented: %s control message level %d type %d\n",
                 what, level, type);
    }
}

/*
 * The guest's control buffer (buf, len bytes) as host control messages
 * in a new buffer: *out (NULL if none), *out_len. 0 or -errno.
 */
static abi_long cmsgs_to_host(const uint8_t *buf, size_t len, void **out,
                              size_t *out_len)
{
    size_t host_size = 0, off;
    uint8_t *host;
    struct cmsghdr *hc;

    *out = NULL;
    *out_len = 0;
    /* Pass 1: check every record (as the kernel's CMSG_OK) and size. */
    for (off = 0; off + sizeof(struct target_cmsghdr) <= len;) {
        struct target_cmsghdr t;
        const CmsgType *c;
        size_t plen;

        memcpy(&t, buf + off, sizeof(t));
        if (t.cmsg_len < sizeof(t) || t.cmsg_len > len - off) {
            return -EINVAL;
        }
        plen = t.cmsg_len - TARGET_CMSG_HDRLEN;
        c = cmsg_type_find(t.cmsg_level, t.cmsg_type, false);
        if (!c) {
            log_cmsg("sendmsg", t.cmsg_level, t.cmsg_type);
            return -EINVAL;
        }
        if ((c->kind == CMSG_KIND_CRED &&
             plen != sizeof(struct target_ucred)) ||
            c->kind == CMSG_KIND_TIMEVAL ||
            c->kind == CMSG_KIND_TIMESPEC) {
            /* timestamps are received only: Linux rejects them too */
            return -EINVAL;
        }
        host_size += CMSG_SPACE(cmsg_converted_len(c, plen));
        off += TARGET_CMSG_ALIGN(t.cmsg_len);
    }
    if (!host_size) {
        return 0;
    }
    host = xzalloc(host_size);
    hc = (struct cmsghdr *)host;
    /* Pass 2: convert. */
    for (off = 0; off + sizeof(struct target_cmsghdr) <= len;) {
        struct target_cmsghdr t;
        const CmsgType *c;
        size_t plen, hlen;

        memcpy(&t, buf + off, sizeof(t));
        plen = t.cmsg_len - TARGET_CMSG_HDRLEN;
        c = cmsg_type_find(t.cmsg_level, t.cmsg_type, false);
        hlen = cmsg_converted_len(c, plen);
        hc->cmsg_len = CMSG_LEN(hlen);
        hc->cmsg_level = c->host_level;
        hc->cmsg_type = c->host_type;
        cmsg_payload_to_host(c, CMSG_DATA(hc), buf + off + TARGET_CMSG_HDRLEN,
                             hlen);
        hc = (struct cmsghdr *)((uint8_t *)hc + CMSG_SPACE(hlen));
        off += TARGET_CMSG_ALIGN(t.cmsg_len);
    }
    *out = host;
    *out_len = host_size;
    return 0;
}

static void close_fds(const uint8_t *data, size_t len)
{
    for (size_t i = 0; i + sizeof(int) <= len; i += sizeof(int)) {
        int fd;

        memcpy(&fd, data + i, sizeof(fd));
        close(fd);
    }
}

/* Every descriptor the host passed in a received message's SCM_RIGHTS:
 * for a message that never reaches the guest (they would leak). */
static void close_received_fds(struct msghdr *h)
{
    for (struct cmsghdr *hc = CMSG_FIRSTHDR(h); hc; hc = CMSG_NXTHDR(h, hc)) {
        if (hc->cmsg_level == SOL_SOCKET && hc->cmsg_type == SCM_RIGHTS &&
            hc->cmsg_len >= CMSG_LEN(0)) {
            close_fds(CMSG_DATA(hc), hc->cmsg_len - CMSG_LEN(0));
        }
    }
}

/*
 * Host control messages of a received message (hmsg) into the guest's
 * buffer tbuf of room bytes. Returns the bytes used; sets MSG_CTRUNC in
 * *flags when something did not fit or could not be converted. Received
 * fds that do not fit are closed, as the kernel does.
 */
static size_t cmsgs_to_target(struct msghdr *hmsg, uint8_t *tbuf,
                              size_t room, int *flags)
{
    size_t used = 0;

    for (struct cmsghdr *hc = CMSG_FIRSTHDR(hmsg); hc;
         hc = CMSG_NXTHDR(hmsg, hc)) {
        size_t hlen = hc->cmsg_len - CMSG_LEN(0), tlen, space, copy;
        const CmsgType *c = cmsg_type_find(hc->cmsg_level, hc->cmsg_type,
                                           true);
        uint8_t payload[256];
        struct target_cmsghdr t;

        if (!c || hlen < cmsg_host_min(c) ||
            (c->kind != CMSG_KIND_FDS && hlen > sizeof(payload))) {
            if (!c) {
                log_cmsg("recvmsg", hc->cmsg_level, hc->cmsg_type);
            }
            *flags |= MSG_CTRUNC;
            continue;
        }
        tlen = cmsg_converted_len(c, hlen);
        space = room - used;
        if (space < sizeof(t)) {
            *flags |= MSG_CTRUNC;
            if (c->kind == CMSG_KIND_FDS) {
                close_fds(CMSG_DATA(hc), hlen);
            }
            continue;
        }
        copy = tlen;
        if (TARGET_CMSG_HDRLEN + tlen > space) {
            *flags |= MSG_CTRUNC;
            copy = space - TARGET_CMSG_HDRLEN;
            if (c->kind == CMSG_KIND_FDS) {
                copy -= copy % sizeof(int32_t);
                close_fds(CMSG_DATA(hc) + copy, hlen - copy);
                if (!copy) {
                    continue;       /* Linux writes no empty SCM_RIGHTS */
                }
            }
        }
        t.cmsg_len = TARGET_CMSG_HDRLEN + copy;
        t.cmsg_level = c->target_level;
        t.cmsg_type = c->target_type;
        memcpy(tbuf + used, &t, sizeof(t));
        if (c->kind == CMSG_KIND_FDS) {
            memcpy(tbuf + used + TARGET_CMSG_HDRLEN, CMSG_DATA(hc), copy);
        } else {
            cmsg_payload_to_target(c, payload, CMSG_DATA(hc), hlen);
            memcpy(tbuf + used + TARGET_CMSG_HDRLEN, payload, copy);
        }
        used += TARGET_CMSG_SPACE(copy) < space ? TARGET_CMSG_SPACE(copy)
                                                : space;
    }
    return used;
}

/* One guest msghdr being sent or received. */
typedef struct MsgConv {
    struct target_msghdr t;
    struct msghdr h;
    struct sockaddr_storage name;
    struct iovec *iov;
    void *control;
} MsgConv;

static void msg_conv_free(MsgConv *m)
{
    free(m->iov);
    free(m->control);
    m->iov = NULL;
    m->control = NULL;
}

static abi_long msg_conv_build(MsgConv *m, abi_ulong addr, bool send)
{
    struct target_iovec *tv;
    abi_long r;

    memset(m, 0, sizeof(*m));
    if (user_copy_from_guest(&m->t, addr, sizeof(m->t)) < 0) {
        return -EFAULT;
    }
    if ((int32_t)m->t.msg_namelen < 0) {
        return -EINVAL;
    }
    if (m->t.msg_iovlen > MSG_IOV_MAX) {
        return -EMSGSIZE;
    }
    if (m->t.msg_name) {
        socklen_t len = m->t.msg_namelen;

        if (len > TARGET_SOCKADDR_MAX) {
            len = TARGET_SOCKADDR_MAX;     /* as Linux */
        }
        if (send) {
            r = user_sockaddr_from_guest(&m->name, m->t.msg_name, len, &len);
            if (r < 0) {
                return r;
            }
            m->h.msg_namelen = len;
        } else {
            m->h.msg_namelen = sizeof(m->name);
        }
        m->h.msg_name = &m->name;
    }
    if (m->t.msg_iovlen) {
        tv = xzalloc(sizeof(*tv) * m->t.msg_iovlen);
        if (user_copy_from_guest(tv, m->t.msg_iov,
                                 sizeof(*tv) * m->t.msg_iovlen) < 0) {
            free(tv);
            return -EFAULT;
        }
        m->iov = xzalloc(sizeof(*m->iov) * m->t.msg_iovlen);
        for (uint64_t i = 0; i < m->t.msg_iovlen; i++) {
            m->iov[i].iov_base = g2h(tv[i].iov_base);
            m->iov[i].iov_len = tv[i].iov_len;
        }
        free(tv);
        m->h.msg_iov = m->iov;
        m->h.msg_iovlen = m->t.msg_iovlen;
    }
    if (m->t.msg_controllen > INT32_MAX) {
        return -ENOBUFS;
    }
    if (send && m->t.msg_controllen) {
        uint8_t *buf;
        size_t len;

        if (m->t.msg_controllen > MSG_CONTROL_MAX) {
            return -ENOBUFS;
        }
        buf = xzalloc(m->t.msg_controllen);
        if (user_copy_from_guest(buf, m->t.msg_control,
                                 m->t.msg_controllen) < 0) {
            free(buf);
            return -EFAULT;
        }
        r = cmsgs_to_host(buf, m->t.msg_controllen, &m->control, &len);
        free(buf);
        if (r < 0) {
            return r;
        }
        m->h.msg_control = m->control;
        m->h.msg_controllen = len;
    } else if (!send && m->t.msg_control && m->t.msg_controllen) {
        /* Host records are the guest's sizes: the same room fits them. */
        size_t len = MIN(m->t.msg_controllen, (uint64_t)MSG_CONTROL_MAX);

        m->control = xzalloc(len);
        m->h.msg_control = m->control;
        m->h.msg_controllen = len;
    }
    return 0;
}

/*
 * Read the guest msghdr at addr and build the host one. 0 or -errno
 * (nothing left to free then).
 */
static abi_long msg_conv_in(MsgConv *m, abi_ulong addr, bool send)
{
    abi_long r = msg_conv_build(m, addr, send);

    if (r < 0) {
        msg_conv_free(m);
    }
    return r;
}

/*
 * After a successful receive: name, control data, lengths and flags. A
 * failure before the control data reached the guest closes the
 * descriptors it carried.
 */
static abi_long msg_conv_out(MsgConv *m, abi_ulong addr)
{
    int flags = m->h.msg_flags;
    uint64_t controllen = 0;
    abi_long r;

    if (m->t.msg_name) {
        r = user_sockaddr_to_guest(m->t.msg_name,
                                   addr + offsetof(struct target_msghdr,
                                                   msg_namelen),
                                   &m->name, m->h.msg_namelen);
        if (r < 0) {
            if (m->control) {
                close_received_fds(&m->h);
            }
            return r;
        }
    }
    if (m->control) {
        size_t room = m->h.msg_control ? m->t.msg_controllen : 0;
        uint8_t *tbuf;

        room = MIN(room, (size_t)MSG_CONTROL_MAX);
        tbuf = xzalloc(room ? room : 1);
        controllen = cmsgs_to_target(&m->h, tbuf, room, &flags);
        if (controllen &&
            user_copy_to_guest(m->t.msg_control, tbuf, controllen) < 0) {
            free(tbuf);
            /* the converted fds are the host's, all still open */
            close_received_fds(&m->h);
            return -EFAULT;
        }
        free(tbuf);
    }
    if (user_copy_to_guest(addr + offsetof(struct target_msghdr,
                                           msg_controllen),
                           &controllen, sizeof(controllen)) < 0 ||
        user_copy_to_guest(addr + offsetof(struct target_msghdr, msg_flags),
                           &flags, sizeof(flags)) < 0) {
        return -EFAULT;
    }
    return 0;
}

static abi_long sys_sendmsg(const UserSyscallArgs *a)
{
    MsgConv m;
    abi_long r = msg_conv_in(&m, a->a[1], true);

    if (r == 0) {
        r = user_host_ret(sendmsg((int)a->a[0], &m.h, (int)a->a[2]));
    }
    msg_conv_free(&m);
    return r;
}

static abi_long sys_recvmsg(const UserSyscallArgs *a)
{
    MsgConv m;
    abi_long r = msg_conv_in(&m, a->a[1], false), r2;

    if (r == 0) {
        r = user_host_ret(recvmsg((int)a->a[0], &m.h, (int)a->a[2]));
        if (r >= 0) {
            r2 = msg_conv_out(&m, a->a[1]);
            r = r2 < 0 ? r2 : r;
        }
    }
    msg_conv_free(&m);
    return r;
}

/* sendmmsg and recvmmsg: vlen guest mmsghdrs at addr. */
static abi_long do_mmsg(const UserSyscallArgs *a, bool send)
{
    unsigned vlen = (unsigned)MIN(a->a[2], (abi_ulong)MSG_IOV_MAX);
    abi_ulong addr = a->a[1];
    struct timespec ts, *tsp = NULL;
    struct mmsghdr *hm;
    MsgConv *m;
    abi_long r = 0;
    unsigned n = 0;

    if (!send && a->a[4]) {
        struct target_timespec t;

        if (user_copy_from_guest(&t, a->a[4], sizeof(t)) < 0) {
            return -EFAULT;
        }
        ts.tv_sec = t.tv_sec;
        ts.tv_nsec = t.tv_nsec;
        tsp = &ts;
    }
    if (!vlen) {
        return 0;
    }
    m = xzalloc(sizeof(*m) * vlen);
    hm = xzalloc(sizeof(*hm) * vlen);
    for (n = 0; n < vlen; n++) {
        r = msg_conv_in(&m[n], addr + n * sizeof(struct target_mmsghdr),
                        send);
        if (r < 0) {
            break;
        }
        hm[n].msg_hdr = m[n].h;
    }
    /* As Linux, which works through the vector in order: a bad header
     * after the first ends the call there, with the count done before. */
    if (n > 0) {
        r = send ? sendmmsg((int)a->a[0], hm, n, (int)a->a[3])
                 : recvmmsg((int)a->a[0], hm, n, (int)a->a[3], tsp);
        r = user_host_ret(r);
    }
    for (abi_long i = 0; i < r; i++) {
        abi_ulong ma = addr + i * sizeof(struct target_mmsghdr);
        uint32_t len = hm[i].msg_len;
        abi_long w;

        if (!send) {
            m[i].h = hm[i].msg_hdr;
            w = msg_conv_out(&m[i], ma);
            if (w < 0) {
                /* the later messages never reach the guest either */
                for (abi_long j = i + 1; j < r; j++) {
                    if (m[j].control) {
                        m[j].h = hm[j].msg_hdr;
                        close_received_fds(&m[j].h);
                    }
                }
                r = i ? i : w;
                break;
            }
        }
        if (user_copy_to_guest(ma + offsetof(struct target_mmsghdr, msg_len),
                               &len, sizeof(len)) < 0) {
            r = i ? i : -EFAULT;
            break;
        }
    }
    if (tsp && r >= 0) {
        struct target_timespec t = { ts.tv_sec, ts.tv_nsec };

        user_copy_to_guest(a->a[4], &t, sizeof(t));
    }
    for (unsigned i = 0; i < n; i++) {
        msg_conv_free(&m[i]);
    }
    free(hm);
    free(m);
    return r;
}

static abi_long sys_sendmmsg(const UserSyscallArgs *a)
{
    return do_mmsg(a, true);
}

static abi_long sys_recvmmsg(const UserSyscallArgs *a)
{
    return do_mmsg(a, false);
}

const UserSyscallDef user_syscalls_sockmsg[] = {
    { TARGET_NR_sendmsg, sys_sendmsg, "dpx" },
    { TARGET_NR_recvmsg, sys_recvmsg, "dpx" },
    { TARGET_NR_sendmmsg, sys_sendmmsg, "dpux" },
    { TARGET_NR_recvmmsg, sys_recvmmsg, "dpuxp" },
    { 0, NULL, NULL }
};
