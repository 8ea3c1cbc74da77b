/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The riscv64 socket ABI: structure layouts and constants from the
 * kernel's uapi headers (linux/socket.h, asm-generic/socket.h, in.h,
 * in6.h, un.h, netlink.h, if_packet.h) and glibc's bits/socket.h for
 * lp64, spelled with fixed-width types, plus the conversions shared by
 * syscall-socket.c, syscall-sockmsg.c and syscall-sockopt.c.
 */
#ifndef USER_TARGET_SOCKET_H
#define USER_TARGET_SOCKET_H

#include <stdint.h>
#include <sys/socket.h>

#include "user/guest-access.h"

/* Address families (linux/socket.h, the same list on every arch). */
#define TARGET_AF_UNSPEC 0
#define TARGET_AF_UNIX 1
#define TARGET_AF_INET 2
#define TARGET_AF_INET6 10
#define TARGET_AF_NETLINK 16
#define TARGET_AF_PACKET 17

/* Socket types and the flags or'ed into them (linux/net.h). */
#define TARGET_SOCK_TYPE_MASK 0xf
#define TARGET_SOCK_NONBLOCK 00004000       /* = O_NONBLOCK */
#define TARGET_SOCK_CLOEXEC 02000000        /* = O_CLOEXEC */

/* Levels and control message types. */
#define TARGET_SOL_IP 0
#define TARGET_SOL_SOCKET 1
#define TARGET_SOL_TCP 6
#define TARGET_SOL_UDP 17
#define TARGET_SOL_IPV6 41
#define TARGET_SOL_NETLINK 270
#define TARGET_SCM_RIGHTS 1
#define TARGET_SCM_CREDENTIALS 2
#define TARGET_SO_TIMESTAMP_OLD 29          /* SCM_TIMESTAMP: timeval */
#define TARGET_SO_TIMESTAMPNS_OLD 35        /* SCM_TIMESTAMPNS: timespec */
#define TARGET_IP_TOS 1
#define TARGET_IP_TTL 2
#define TARGET_IP_PKTINFO 8
#define TARGET_IP_RECVERR 11
#define TARGET_IPV6_PKTINFO 50
#define TARGET_IPV6_HOPLIMIT 52
#define TARGET_IPV6_TCLASS 67

/* MSG_* flags of one value on every arch (linux/socket.h). */
#define TARGET_MSG_CTRUNC 0x8

/* struct sockaddr_storage */
#define TARGET_SOCKADDR_MAX 128

struct target_sockaddr_in {
    uint16_t sin_family;
    uint16_t sin_port;          /* big-endian */
    uint32_t sin_addr;          /* big-endian */
    uint8_t sin_zero[8];
};

struct target_sockaddr_in6 {
    uint16_t sin6_family;
    uint16_t sin6_port;
    uint32_t sin6_flowinfo;
    uint8_t sin6_addr[16];
    uint32_t sin6_scope_id;
};

struct target_sockaddr_un {
    uint16_t sun_family;
    char sun_path[108];         /* sun_path[0] == 0: abstract name */
};

struct target_sockaddr_nl {
    uint16_t nl_family;
    uint16_t nl_pad;
    uint32_t nl_pid;
    uint32_t nl_groups;
};

struct target_sockaddr_ll {
    uint16_t sll_family;
    uint16_t sll_protocol;
    int32_t sll_ifindex;
    uint16_t sll_hatype;
    uint8_t sll_pkttype;
    uint8_t sll_halen;
    uint8_t sll_addr[8];
};

/* glibc riscv64 struct msghdr (lp64: size_t lengths, int namelen). */
struct target_msghdr {
    uint64_t msg_name;
    uint32_t msg_namelen;
    uint32_t pad1;
    uint64_t msg_iov;
    uint64_t msg_iovlen;
    uint64_t msg_control;
    uint64_t msg_controllen;
    int32_t msg_flags;
    uint32_t pad2;
};
_Static_assert(sizeof(struct target_msghdr) == 56, "riscv64 msghdr");

struct target_mmsghdr {
    struct target_msghdr msg_hdr;
    uint32_t msg_len;
    uint32_t pad;
};
_Static_assert(sizeof(struct target_mmsghdr) == 64, "riscv64 mmsghdr");

struct target_cmsghdr {
    uint64_t cmsg_len;          /* header + data, unaligned */
    int32_t cmsg_level;
    int32_t cmsg_type;
};
/* Control messages are aligned to sizeof(size_t) = 8 on riscv64. */
#define TARGET_CMSG_ALIGN(len) (((len) + 7) & ~(uint64_t)7)
#define TARGET_CMSG_HDRLEN TARGET_CMSG_ALIGN(sizeof(struct target_cmsghdr))
#define TARGET_CMSG_SPACE(len) (TARGET_CMSG_HDRLEN + TARGET_CMSG_ALIGN(len))

struct target_ucred {
    uint32_t pid;
    uint32_t uid;
    uint32_t gid;
};

struct target_linger {
    int32_t l_onoff;
    int32_t l_linger;
};

/*
 * Guest sockaddr at addr (len bytes) into *ss for the host: the family
 * converted, the rest checked to have the host's layout (asserted in
 * syscall-socket.c). 0, -EFAULT, -EINVAL (len out of range) or
 * -EAFNOSUPPORT (a family we do not convert, logged with -d unimp).
 */
abi_long user_sockaddr_from_guest(struct sockaddr_storage *ss, abi_ulong addr,
                                  abi_ulong len, socklen_t *host_len);
/*
 * Host sockaddr (host_len bytes) out to the guest buffer addr whose
 * socklen_t length lives at len_addr: as much as fits is copied and the
 * full length stored, as the kernel does. addr == 0 stores nothing.
 */
abi_long user_sockaddr_to_guest(abi_ulong addr, abi_ulong len_addr,
                                const struct sockaddr_storage *ss,
                                socklen_t host_len);
/* Host address family as the guest's, or -1 if not one we convert. */
int user_socket_family_to_target(int host);
/* The guest's buffer length at len_addr before a call that fills it:
 * 0 and *len, -EFAULT or -EINVAL (negative). */
abi_long user_sockaddr_guest_len(abi_ulong len_addr, socklen_t *len);

#endif
