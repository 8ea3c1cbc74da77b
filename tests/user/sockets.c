/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sockets: unix (path and abstract) and TCP loopback echo between a
 * forked child and the parent, UDP on 127.0.0.1, nonblocking accept,
 * accept4 flags, SCM_RIGHTS passing a pipe fd, SCM_CREDENTIALS, a
 * rejected control message, MSG_CTRUNC, sendmmsg/recvmmsg and option
 * round trips. argv[1]: a scratch directory.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what)
{
    printf("FAIL %s: %s\n", what, strerror(errno));
    exit(1);
}

/* The child: connect to addr, send msg, print the echo, exit. */
static void echo_client(int family, const struct sockaddr *addr,
                        socklen_t len, const char *msg, const char *tag)
{
    char buf[64] = { 0 };
    int s = socket(family, SOCK_STREAM, 0);

    if (s < 0 || connect(s, addr, len) < 0) {
        die("connect");
    }
    if (send(s, msg, strlen(msg), 0) != (ssize_t)strlen(msg)) {
        die("send");
    }
    if (recv(s, buf, strlen(msg), MSG_WAITALL) != (ssize_t)strlen(msg)) {
        die("recv");
    }
    printf("%s client got: %s\n", tag, buf);
    if (family == AF_INET) {
        struct tcp_info ti;
        socklen_t len = sizeof(ti);

        memset(&ti, 0, sizeof(ti));
        getsockopt(s, IPPROTO_TCP, TCP_INFO, &ti, &len);
        printf("%s client tcp_info: established=%d len_ok=%d\n", tag,
               ti.tcpi_state == TCP_ESTABLISHED, len == sizeof(ti));
    }
    fflush(stdout);
    _exit(0);
}

/* The parent: accept one connection, echo it in upper case. */
static void echo_server(int ls, pid_t child, const char *tag)
{
    char buf[64] = { 0 };
    struct sockaddr_storage peer;
    socklen_t plen = sizeof(peer);
    int status, c = accept(ls, (struct sockaddr *)&peer, &plen);
    ssize_t n;

    if (c < 0) {
        die("accept");
    }
    n = recv(c, buf, sizeof(buf) - 1, 0);
    if (n <= 0) {
        die("server recv");
    }
    for (ssize_t i = 0; i < n; i++) {
        buf[i] = buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i];
    }
    send(c, buf, n, 0);
    waitpid(child, &status, 0);
    if (peer.ss_family == AF_INET) {
        struct sockaddr_in *in = (struct sockaddr_in *)&peer;

        printf("%s server: peer %s family_ok=1 len=%u\n", tag,
               inet_ntoa(in->sin_addr), (unsigned)plen);
    } else {
        printf("%s server: peer family=%d len=%u\n", tag, peer.ss_family,
               (unsigned)plen);
    }
    printf("%s child exit=%d\n", tag, WEXITSTATUS(status));
    close(c);
}

static void test_unix(const char *dir)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX }, got;
    socklen_t glen = sizeof(got);
    int ls = socket(AF_UNIX, SOCK_STREAM, 0);
    pid_t pid;

    snprintf(a.sun_path, sizeof(a.sun_path), "%s/sock", dir);
    if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof(a)) < 0 ||
        listen(ls, 4) < 0) {
        die("unix bind");
    }
    getsockname(ls, (struct sockaddr *)&got, &glen);
    printf("unix getsockname: path_ok=%d\n",
           got.sun_family == AF_UNIX && !strcmp(got.sun_path, a.sun_path));
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        echo_client(AF_UNIX, (struct sockaddr *)&a, sizeof(a), "hello unix",
                    "unix");
    }
    echo_server(ls, pid, "unix");
    close(ls);
    unlink(a.sun_path);
}

static void test_abstract(void)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX }, got, peer;
    socklen_t len, glen = sizeof(got), plen = sizeof(peer);
    int ls = socket(AF_UNIX, SOCK_STREAM, 0), c;
    char name[32];

    snprintf(name, sizeof(name), "janus-abstract-%d", (int)getpid());
    memcpy(a.sun_path + 1, name, strlen(name));
    len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
    if (ls < 0 || bind(ls, (struct sockaddr *)&a, len) < 0 ||
        listen(ls, 1) < 0) {
        die("abstract bind");
    }
    getsockname(ls, (struct sockaddr *)&got, &glen);
    c = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&a, len) < 0) {
        die("abstract connect");
    }
    getpeername(c, (struct sockaddr *)&peer, &plen);
    printf("abstract: len_ok=%d name_ok=%d peer_ok=%d\n", glen == len,
           got.sun_path[0] == 0 && !memcmp(got.sun_path + 1, name,
                                           strlen(name)),
           plen == len && !memcmp(&peer, &a, len));
    close(c);
    close(ls);
}

static void test_tcp(void)
{
    struct sockaddr_in a = { .sin_family = AF_INET };
    socklen_t len = sizeof(a);
    int one = 1, ls = socket(AF_INET, SOCK_STREAM, 0);
    pid_t pid;

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof(a)) < 0 ||
        listen(ls, 4) < 0 ||
        getsockname(ls, (struct sockaddr *)&a, &len) < 0) {
        die("tcp bind");
    }
    printf("tcp bound: port_nonzero=%d len=%u\n", a.sin_port != 0,
           (unsigned)len);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        echo_client(AF_INET, (struct sockaddr *)&a, sizeof(a), "hello tcp",
                    "tcp");
    }
    echo_server(ls, pid, "tcp");
    close(ls);
}

static void test_udp(void)
{
    struct sockaddr_in a = { .sin_family = AF_INET }, b = a, from;
    socklen_t len = sizeof(a), flen = sizeof(from);
    int s1 = socket(AF_INET, SOCK_DGRAM, 0), s2 = socket(AF_INET, SOCK_DGRAM,
                                                         0);
    char buf[32] = { 0 };
    ssize_t n;

    a.sin_addr.s_addr = b.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s1, (struct sockaddr *)&a, sizeof(a)) < 0 ||
        bind(s2, (struct sockaddr *)&b, sizeof(b)) < 0) {
        die("udp bind");
    }
    getsockname(s1, (struct sockaddr *)&a, &len);
    len = sizeof(b);
    getsockname(s2, (struct sockaddr *)&b, &len);
    if (sendto(s2, "datagram", 8, 0, (struct sockaddr *)&a, sizeof(a)) != 8) {
        die("sendto");
    }
    n = recvfrom(s1, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
    printf("udp: n=%zd data=%s from_port_ok=%d from_addr=%s flen=%u\n", n,
           buf, from.sin_port == b.sin_port, inet_ntoa(from.sin_addr),
           (unsigned)flen);
    /* a too small address buffer: truncated, full length reported */
    sendto(s2, "x", 1, 0, (struct sockaddr *)&a, sizeof(a));
    flen = 4;
    memset(&from, 0xee, sizeof(from));
    n = recvfrom(s1, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
    printf("udp short addr: n=%zd flen=%u family_ok=%d untouched=%d\n", n,
           (unsigned)flen, from.sin_family == AF_INET,
           ((unsigned char *)&from)[4] == 0xee);
    close(s1);
    close(s2);
}

/* UDP over ::1 (hosts without IPv6 print "unavailable"). */
static void test_udp6(void)
{
    struct sockaddr_in6 a = { .sin6_family = AF_INET6 }, b = a, from;
    socklen_t len = sizeof(a), flen = sizeof(from);
    int s1 = socket(AF_INET6, SOCK_DGRAM, 0), s2 = socket(AF_INET6,
                                                          SOCK_DGRAM, 0);
    char buf[32] = { 0 }, name[INET6_ADDRSTRLEN];
    ssize_t n;

    a.sin6_addr = b.sin6_addr = in6addr_loopback;
    if (s1 < 0 || s2 < 0 || bind(s1, (struct sockaddr *)&a, sizeof(a)) < 0 ||
        bind(s2, (struct sockaddr *)&b, sizeof(b)) < 0) {
        printf("udp6: unavailable\n");
        return;
    }
    getsockname(s1, (struct sockaddr *)&a, &len);
    len = sizeof(b);
    getsockname(s2, (struct sockaddr *)&b, &len);
    sendto(s2, "hello6", 6, 0, (struct sockaddr *)&a, sizeof(a));
    n = recvfrom(s1, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
    inet_ntop(AF_INET6, &from.sin6_addr, name, sizeof(name));
    printf("udp6: n=%zd data=%s from_port_ok=%d from=%s flen=%u\n", n, buf,
           from.sin6_port == b.sin6_port, name, (unsigned)flen);
    close(s1);
    close(s2);
}

static void test_nonblocking(void)
{
    struct sockaddr_in a = { .sin_family = AF_INET };
    socklen_t len = sizeof(a);
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int c, r, fl, fdfl;

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(ls, (struct sockaddr *)&a, sizeof(a));
    listen(ls, 1);
    getsockname(ls, (struct sockaddr *)&a, &len);
    printf("socket flags: nonblock=%d cloexec=%d\n",
           !!(fcntl(ls, F_GETFL) & O_NONBLOCK),
           !!(fcntl(ls, F_GETFD) & FD_CLOEXEC));
    r = accept(ls, NULL, NULL);
    printf("nonblocking accept: %d %s\n", r,
           errno == EAGAIN ? "EAGAIN" : strerror(errno));
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *)&a, sizeof(a));
    r = accept4(ls, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    fl = fcntl(r, F_GETFL);
    fdfl = fcntl(r, F_GETFD);
    printf("accept4: ok=%d nonblock=%d cloexec=%d\n", r >= 0,
           !!(fl & O_NONBLOCK), !!(fdfl & FD_CLOEXEC));
    r = socket(AF_INET, SOCK_STREAM | 0x100, 0);
    printf("socket bad type flags: %d %s\n", r, strerror(errno));
    close(r);
    close(c);
    close(ls);
}

static int get_int(int s, int level, int name)
{
    int v = -1;
    socklen_t len = sizeof(v);

    if (getsockopt(s, level, name, &v, &len) < 0) {
        return -1000 - errno;
    }
    return len == sizeof(v) ? v : -2000;
}

static void test_sockopts(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0), one = 1, sp[2], v, r;
    struct timeval tv = { 2, 500000 }, gtv;
    struct linger lg = { 1, 5 }, glg;
    struct ucred cred;
    socklen_t len;
    char small[2];

    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    v = 32768;      /* Linux doubles it */
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
    printf("opts: reuseaddr=%d keepalive=%d nodelay=%d rcvbuf=%d\n",
           get_int(s, SOL_SOCKET, SO_REUSEADDR),
           get_int(s, SOL_SOCKET, SO_KEEPALIVE),
           get_int(s, IPPROTO_TCP, TCP_NODELAY),
           get_int(s, SOL_SOCKET, SO_RCVBUF));
    printf("opts: type_stream=%d domain_inet=%d protocol_tcp=%d error=%d "
           "acceptconn=%d\n",
           get_int(s, SOL_SOCKET, SO_TYPE) == SOCK_STREAM,
           get_int(s, SOL_SOCKET, SO_DOMAIN) == AF_INET,
           get_int(s, SOL_SOCKET, SO_PROTOCOL) == IPPROTO_TCP,
           get_int(s, SOL_SOCKET, SO_ERROR),
           get_int(s, SOL_SOCKET, SO_ACCEPTCONN));
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    len = sizeof(gtv);
    getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &gtv, &len);
    printf("rcvtimeo: %ld.%06ld len=%u\n", (long)gtv.tv_sec,
           (long)gtv.tv_usec, (unsigned)len);
    r = setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, 8);
    printf("rcvtimeo short: %d %s\n", r, strerror(errno));
    setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
    len = sizeof(glg);
    getsockopt(s, SOL_SOCKET, SO_LINGER, &glg, &len);
    printf("linger: onoff=%d linger=%d len=%u\n", glg.l_onoff != 0,
           glg.l_linger, (unsigned)len);
    len = sizeof(small);
    small[0] = small[1] = 0x55;
    getsockopt(s, SOL_SOCKET, SO_LINGER, small, &len);
    printf("linger truncated: len=%u\n", (unsigned)len);
    len = sizeof(v);
    r = getsockopt(s, SOL_SOCKET, 9999, &v, &len);
    printf("unknown option: %d %s\n", r, strerror(errno));
    r = setsockopt(s, SOL_SOCKET, 9999, &one, sizeof(one));
    printf("unknown set: %d %s\n", r, strerror(errno));
    close(s);

    s = socket(AF_INET6, SOCK_STREAM, 0);
    if (s >= 0) {
        setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
        printf("v6only=%d domain_inet6=%d\n",
               get_int(s, IPPROTO_IPV6, IPV6_V6ONLY),
               get_int(s, SOL_SOCKET, SO_DOMAIN) == AF_INET6);
        close(s);
    } else {
        printf("v6only=1 domain_inet6=1\n");    /* no IPv6 here */
    }

    socketpair(AF_UNIX, SOCK_STREAM, 0, sp);
    len = sizeof(cred);
    getsockopt(sp[0], SOL_SOCKET, SO_PEERCRED, &cred, &len);
    printf("peercred: pid_ok=%d uid_ok=%d gid_ok=%d len=%u\n",
           cred.pid == getpid(), cred.uid == getuid(), cred.gid == getgid(),
           (unsigned)len);
    {
        gid_t mine[256], got[256];
        int ng = getgroups(256, mine), erange_ok;

        len = 0;
        r = getsockopt(sp[0], SOL_SOCKET, SO_PEERGROUPS, got, &len);
        erange_ok = ng > 0 ? r == -1 && errno == ERANGE : r == 0;
        printf("peergroups sizing: len_ok=%d erange_ok=%d\n",
               len == ng * sizeof(gid_t), erange_ok);
        len = sizeof(got);
        r = getsockopt(sp[0], SOL_SOCKET, SO_PEERGROUPS, got, &len);
        printf("peergroups: %d len_ok=%d same=%d\n", r,
               len == ng * sizeof(gid_t), !memcmp(got, mine, len));
    }
    close(sp[0]);
    close(sp[1]);
}

static void test_scm(void)
{
    int sp[2], pfd[2], one = 1, got_fd = -1;
    char data[16] = { 0 }, buf[CMSG_SPACE(sizeof(int)) +
                               CMSG_SPACE(sizeof(struct ucred))];
    struct iovec iov = { "fd!", 3 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
                        .msg_control = buf,
                        .msg_controllen = CMSG_SPACE(sizeof(int)) };
    struct cmsghdr *c;
    struct ucred cred = { getpid(), getuid(), getgid() };
    ssize_t n;

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sp) < 0 || pipe(pfd) < 0) {
        die("socketpair");
    }
    memset(buf, 0, sizeof(buf));
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &pfd[0], sizeof(int));
    if (sendmsg(sp[0], &m, 0) != 3) {
        die("sendmsg rights");
    }
    close(pfd[0]);

    memset(buf, 0, sizeof(buf));
    iov.iov_base = data;
    iov.iov_len = sizeof(data) - 1;
    m.msg_controllen = sizeof(buf);
    n = recvmsg(sp[1], &m, MSG_CMSG_CLOEXEC);
    c = CMSG_FIRSTHDR(&m);
    if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
        c->cmsg_len == CMSG_LEN(sizeof(int))) {
        memcpy(&got_fd, CMSG_DATA(c), sizeof(int));
    }
    printf("scm_rights: n=%zd data=%s controllen=%zu got_fd=%d cloexec=%d\n",
           n, data, (size_t)m.msg_controllen, got_fd >= 0,
           got_fd >= 0 && (fcntl(got_fd, F_GETFD) & FD_CLOEXEC));
    write(pfd[1], "through the passed fd", 21);
    memset(data, 0, sizeof(data));
    n = read(got_fd, data, 7);
    printf("passed pipe read: %s\n", data);
    close(got_fd);
    close(pfd[1]);

    /* SCM_CREDENTIALS, receiver with SO_PASSCRED */
    setsockopt(sp[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
    m.msg_control = buf;
    m.msg_controllen = CMSG_SPACE(sizeof(cred));
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof(cred));
    memcpy(CMSG_DATA(c), &cred, sizeof(cred));
    iov.iov_base = "cred";
    iov.iov_len = 4;
    if (sendmsg(sp[0], &m, 0) != 4) {
        die("sendmsg cred");
    }
    memset(buf, 0, sizeof(buf));
    memset(&cred, 0, sizeof(cred));
    memset(data, 0, sizeof(data));
    iov.iov_base = data;
    iov.iov_len = sizeof(data) - 1;
    m.msg_controllen = sizeof(buf);
    n = recvmsg(sp[1], &m, 0);
    for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
            memcpy(&cred, CMSG_DATA(c), sizeof(cred));
        }
    }
    printf("scm_credentials: n=%zd pid_ok=%d uid_ok=%d gid_ok=%d\n", n,
           cred.pid == getpid(), cred.uid == getuid(), cred.gid == getgid());
    one = 0;
    setsockopt(sp[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));

    /* an unknown control message type is refused */
    m.msg_controllen = CMSG_SPACE(sizeof(int));
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = 99;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    iov.iov_base = "x";
    iov.iov_len = 1;
    n = sendmsg(sp[0], &m, 0);
    printf("unknown cmsg: %zd %s\n", n, strerror(errno));

    /* two fds into room for one: MSG_CTRUNC */
    {
        int two[2] = { 0, 1 };
        char big[CMSG_SPACE(2 * sizeof(int))];

        m.msg_control = big;
        m.msg_controllen = sizeof(big);
        c = CMSG_FIRSTHDR(&m);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(two));
        memcpy(CMSG_DATA(c), two, sizeof(two));
        sendmsg(sp[0], &m, 0);
        iov.iov_base = data;
        iov.iov_len = sizeof(data) - 1;
        m.msg_control = buf;
        m.msg_controllen = CMSG_LEN(sizeof(int));
        n = recvmsg(sp[1], &m, 0);
        c = CMSG_FIRSTHDR(&m);
        printf("ctrunc: n=%zd ctrunc=%d fds_in_msg=%zu\n", n,
               !!(m.msg_flags & MSG_CTRUNC),
               c ? (c->cmsg_len - CMSG_LEN(0)) / sizeof(int) : 0);
        if (c) {
            memcpy(&got_fd, CMSG_DATA(c), sizeof(int));
            close(got_fd);
        }
        /* room for the header only: no record at all */
        m.msg_control = big;
        m.msg_controllen = sizeof(big);
        c = CMSG_FIRSTHDR(&m);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), two, sizeof(int));
        m.msg_controllen = CMSG_SPACE(sizeof(int));
        sendmsg(sp[0], &m, 0);
        m.msg_control = buf;
        m.msg_controllen = sizeof(struct cmsghdr) + 2;
        n = recvmsg(sp[1], &m, 0);
        printf("ctrunc no room: n=%zd ctrunc=%d controllen=%zu\n", n,
               !!(m.msg_flags & MSG_CTRUNC), (size_t)m.msg_controllen);
    }
    close(sp[0]);
    close(sp[1]);
}

static void test_mmsg(void)
{
    int sp[2];
    char b[3][8] = { { 0 } };
    struct iovec siov[3] = { { "one", 3 }, { "three", 5 }, { "sixteen", 7 } };
    struct iovec riov[3];
    struct mmsghdr msgs[3];
    struct timespec ts = { 1, 0 };
    int n;

    socketpair(AF_UNIX, SOCK_DGRAM, 0, sp);
    memset(msgs, 0, sizeof(msgs));
    for (int i = 0; i < 3; i++) {
        msgs[i].msg_hdr.msg_iov = &siov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    n = sendmmsg(sp[0], msgs, 3, 0);
    printf("sendmmsg: %d lens=%u,%u,%u\n", n, msgs[0].msg_len,
           msgs[1].msg_len, msgs[2].msg_len);
    memset(msgs, 0, sizeof(msgs));
    for (int i = 0; i < 3; i++) {
        riov[i].iov_base = b[i];
        riov[i].iov_len = sizeof(b[i]) - 1;
        msgs[i].msg_hdr.msg_iov = &riov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    n = recvmmsg(sp[1], msgs, 3, 0, &ts);
    printf("recvmmsg: %d %s/%u %s/%u %s/%u\n", n, b[0], msgs[0].msg_len,
           b[1], msgs[1].msg_len, b[2], msgs[2].msg_len);
    close(sp[0]);
    close(sp[1]);
}

/* AF_NETLINK: bind, getsockname, an RTM_GETLINK dump finding "lo". */
static void test_netlink(void)
{
    struct sockaddr_nl a = { .nl_family = AF_NETLINK }, got;
    socklen_t len = sizeof(got);
    struct {
        struct nlmsghdr h;
        struct ifinfomsg i;
    } req = { { sizeof(req), RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1, 0 },
              { .ifi_family = AF_UNSPEC } };
    static char buf[65536] __attribute__((aligned(8)));
    int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    int links = 0, lo = 0, done = 0;

    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) < 0) {
        die("netlink bind");
    }
    getsockname(s, (struct sockaddr *)&got, &len);
    printf("netlink: family_ok=%d len=%u pid_ok=%d\n",
           got.nl_family == AF_NETLINK, (unsigned)len, got.nl_pid != 0);
    if (send(s, &req, sizeof(req), 0) != sizeof(req)) {
        die("netlink send");
    }
    while (!done) {
        struct sockaddr_nl from;
        struct iovec iov = { buf, sizeof(buf) };
        struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof(from),
                            .msg_iov = &iov, .msg_iovlen = 1 };
        ssize_t n = recvmsg(s, &m, 0);

        if (n <= 0 || from.nl_pid != 0) {
            die("netlink recv");
        }
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n);
             h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
                done = 1;
                break;
            }
            if (h->nlmsg_type == RTM_NEWLINK) {
                struct ifinfomsg *ifi = NLMSG_DATA(h);
                int alen = IFLA_PAYLOAD(h);

                links++;
                for (struct rtattr *rta = IFLA_RTA(ifi); RTA_OK(rta, alen);
                     rta = RTA_NEXT(rta, alen)) {
                    if (rta->rta_type == IFLA_IFNAME &&
                        !strcmp(RTA_DATA(rta), "lo")) {
                        lo = 1;
                    }
                }
            }
        }
    }
    printf("netlink dump: links_ok=%d lo=%d\n", links > 0, lo);
    close(s);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static long elapsed_ms(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1000 +
           (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Blocking receives: SO_RCVTIMEO expiring, a signal with and without
 * SA_RESTART. */
static void test_blocking(void)
{
    struct timeval tv = { 0, 100000 };
    struct itimerval it = { { 0, 0 }, { 0, 50000 } };
    struct sigaction sa = { .sa_handler = on_alarm,
                            .sa_flags = SA_RESTART };
    struct timespec t0;
    int sp[2], e, status;
    char c = 0;
    ssize_t n;
    pid_t pid;

    socketpair(AF_UNIX, SOCK_STREAM, 0, sp);
    setsockopt(sp[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    n = recv(sp[1], &c, 1, 0);
    e = errno;
    printf("rcvtimeo expired: %zd %s waited=%d\n", n,
           e == EAGAIN ? "EAGAIN" : strerror(e), elapsed_ms(&t0) >= 90);
    tv.tv_usec = 0;
    setsockopt(sp[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

    sigaction(SIGALRM, &sa, NULL);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        usleep(200000);
        send(sp[0], "r", 1, 0);
        _exit(0);
    }
    setitimer(ITIMER_REAL, &it, NULL);
    n = recv(sp[1], &c, 1, 0);
    waitpid(pid, &status, 0);
    printf("SA_RESTART recv: %zd %c alarms=%d\n", n, c, (int)alarms);

    /* repeating, so one that fires before recv blocks cannot hang us */
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    it.it_interval.tv_usec = 50000;
    setitimer(ITIMER_REAL, &it, NULL);
    n = recv(sp[1], &c, 1, 0);
    e = errno;
    memset(&it, 0, sizeof(it));
    setitimer(ITIMER_REAL, &it, NULL);
    printf("no SA_RESTART recv: %zd %s more_alarms=%d\n", n,
           e == EINTR ? "EINTR" : strerror(e), alarms >= 2);
    close(sp[0]);
    close(sp[1]);
}

struct thread_arg {
    int listener;
    char got[32];
};

static void *accept_thread(void *p)
{
    struct thread_arg *ta = p;
    int c = accept(ta->listener, NULL, NULL);

    recv(c, ta->got, sizeof(ta->got) - 1, 0);
    send(c, "pong", 4, 0);
    close(c);
    return NULL;
}

/* Echo between two threads: one blocks in accept while main connects. */
static void test_thread_echo(void)
{
    struct sockaddr_in a = { .sin_family = AF_INET };
    socklen_t len = sizeof(a);
    struct thread_arg ta = { socket(AF_INET, SOCK_STREAM, 0), { 0 } };
    char buf[8] = { 0 };
    pthread_t t;
    int c;

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(ta.listener, (struct sockaddr *)&a, sizeof(a));
    listen(ta.listener, 1);
    getsockname(ta.listener, (struct sockaddr *)&a, &len);
    pthread_create(&t, NULL, accept_thread, &ta);
    usleep(20000);      /* let it block in accept (not required) */
    c = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&a, sizeof(a)) < 0) {
        die("thread connect");
    }
    send(c, "ping", 4, 0);
    recv(c, buf, 4, MSG_WAITALL);
    pthread_join(t, NULL);
    printf("threads: server got %s, client got %s\n", ta.got, buf);
    close(c);
    close(ta.listener);
}

/* Bad arguments: the errors Linux gives. */
static void test_errors(void)
{
    struct sockaddr_in a = { .sin_family = AF_INET };
    char big[200] = { 0 }, cbuf[CMSG_SPACE(sizeof(int))];
    struct iovec iov = { big, 1 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 2000 };
    struct cmsghdr *c;
    socklen_t len = (socklen_t)-1;
    int s = socket(AF_INET, SOCK_DGRAM, 0), v, r, sp[2];

    r = bind(s, (struct sockaddr *)big, sizeof(big));
    printf("bind addrlen 200: %d %s\n", r, strerror(errno));
    r = connect(s, (struct sockaddr *)8, sizeof(a));
    printf("connect bad pointer: %d %s\n", r, strerror(errno));
    r = getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len);
    printf("getsockopt negative len: %d %s\n", r, strerror(errno));
    r = getsockname(s, (struct sockaddr *)&a, (socklen_t *)8);
    printf("getsockname bad len pointer: %d %s\n", r, strerror(errno));
    r = recvmsg(s, &m, MSG_DONTWAIT);
    printf("recvmsg 2000 iovecs: %d %s\n", r, strerror(errno));
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sp);
    m.msg_iovlen = 1;
    m.msg_control = cbuf;
    m.msg_controllen = sizeof(cbuf);
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = sizeof(cbuf) + 8;
    r = sendmsg(sp[0], &m, 0);
    printf("sendmsg cmsg_len too big: %d %s\n", r, strerror(errno));
    c->cmsg_len = CMSG_LEN(3);
    r = sendmsg(sp[0], &m, 0);
    printf("sendmsg partial fd: %d %s\n", r, strerror(errno));
    r = sendto(sp[0], "x", 1, 0, (struct sockaddr *)&a, 1);
    printf("sendto 1-byte address: %d %s\n", r, strerror(errno));
    close(sp[0]);
    close(sp[1]);
    close(s);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: sockets DIR\n");
        return 2;
    }
    test_unix(argv[1]);
    test_abstract();
    test_tcp();
    test_udp();
    test_udp6();
    test_nonblocking();
    test_sockopts();
    test_scm();
    test_mmsg();
    test_netlink();
    test_blocking();
    test_thread_echo();
    test_errors();
    printf("done\n");
    return 0;
}
