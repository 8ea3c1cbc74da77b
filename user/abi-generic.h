/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The parts of the Linux user ABI every 64-bit little-endian target we
 * run shares (riscv64 and x86-64 both follow asm-generic here): time
 * structures, utsname, termios and the terminal ioctls, open/mmap flags,
 * signal numbers and sigaltstack flags. Each user/<target>/target-structs.h
 * includes this and adds what differs (struct stat, struct sigaction,
 * epoll_event, ELF identity).
 */
#ifndef USER_ABI_GENERIC_H
#define USER_ABI_GENERIC_H

#include <stddef.h>
#include <stdint.h>

#define TARGET_PAGE_SIZE 4096u

struct target_timespec {
    int64_t tv_sec;
    int64_t tv_nsec;
};

struct target_timeval {
    int64_t tv_sec;
    int64_t tv_usec;
};

struct target_timezone {
    int32_t tz_minuteswest;
    int32_t tz_dsttime;
};

struct target_iovec {
    uint64_t iov_base;
    uint64_t iov_len;
};

struct target_rlimit64 {
    uint64_t rlim_cur;
    uint64_t rlim_max;
};

#define TARGET_UTS_LEN 65
struct target_utsname {
    char sysname[TARGET_UTS_LEN];
    char nodename[TARGET_UTS_LEN];
    char release[TARGET_UTS_LEN];
    char version[TARGET_UTS_LEN];
    char machine[TARGET_UTS_LEN];
    char domainname[TARGET_UTS_LEN];
};

/* asm-generic/termbits.h: the kernel's struct termios (not glibc's). */
#define TARGET_NCCS 19
struct target_termios {
    uint32_t c_iflag;
    uint32_t c_oflag;
    uint32_t c_cflag;
    uint32_t c_lflag;
    uint8_t c_line;
    uint8_t c_cc[TARGET_NCCS];
};
_Static_assert(sizeof(struct target_termios) == 36, "riscv64 termios");

struct target_winsize {
    uint16_t ws_row;
    uint16_t ws_col;
    uint16_t ws_xpixel;
    uint16_t ws_ypixel;
};

/* Terminal ioctls (asm-generic/ioctls.h). */
#define TARGET_TCGETS 0x5401
#define TARGET_TCSETS 0x5402
#define TARGET_TCSETSW 0x5403
#define TARGET_TCSETSF 0x5404
#define TARGET_TIOCGPGRP 0x540F
#define TARGET_TIOCSPGRP 0x5410
#define TARGET_TIOCGWINSZ 0x5413
#define TARGET_TIOCSWINSZ 0x5414
#define TARGET_FIONREAD 0x541B
#define TARGET_FIONBIO 0x5421
#define TARGET_FIOCLEX 0x5451

/* open(2) flags (asm-generic/fcntl.h). */
#define TARGET_O_ACCMODE 00000003
#define TARGET_O_WRONLY 00000001
#define TARGET_O_CREAT 00000100
#define TARGET_O_EXCL 00000200
#define TARGET_O_NOCTTY 00000400
#define TARGET_O_TRUNC 00001000
#define TARGET_O_APPEND 00002000
#define TARGET_O_NONBLOCK 00004000
#define TARGET_O_DSYNC 00010000
#define TARGET_FASYNC 00020000
#define TARGET_O_DIRECT 00040000
#define TARGET_O_LARGEFILE 00100000
#define TARGET_O_DIRECTORY 00200000
#define TARGET_O_NOFOLLOW 00400000
#define TARGET_O_NOATIME 01000000
#define TARGET_O_CLOEXEC 02000000
#define TARGET___O_SYNC 04000000
#define TARGET_O_PATH 010000000
#define TARGET___O_TMPFILE 020000000

/* mmap(2) (asm-generic/mman-common.h, mman.h). */
#define TARGET_PROT_READ 0x1
#define TARGET_PROT_WRITE 0x2
#define TARGET_PROT_EXEC 0x4
#define TARGET_MAP_SHARED 0x01
#define TARGET_MAP_PRIVATE 0x02
#define TARGET_MAP_SHARED_VALIDATE 0x03
#define TARGET_MAP_TYPE 0x0f
#define TARGET_MAP_FIXED 0x10
#define TARGET_MAP_ANONYMOUS 0x20
#define TARGET_MAP_GROWSDOWN 0x0100
#define TARGET_MAP_DENYWRITE 0x0800
#define TARGET_MAP_EXECUTABLE 0x1000
#define TARGET_MAP_LOCKED 0x2000
#define TARGET_MAP_NORESERVE 0x4000
#define TARGET_MAP_POPULATE 0x8000
#define TARGET_MAP_NONBLOCK 0x10000
#define TARGET_MAP_STACK 0x20000
#define TARGET_MAP_HUGETLB 0x40000
#define TARGET_MAP_SYNC 0x80000
#define TARGET_MAP_FIXED_NOREPLACE 0x100000
#define TARGET_MREMAP_MAYMOVE 1
#define TARGET_MREMAP_FIXED 2

/* Signals: asm-generic numbering, 64-bit sigset. */
#define TARGET_NSIG 64
#define TARGET_SIG_DFL 0
#define TARGET_SIG_IGN 1
#define TARGET_SIG_BLOCK 0
#define TARGET_SIG_UNBLOCK 1
#define TARGET_SIG_SETMASK 2
#define TARGET_SIGILL 4
#define TARGET_SIGTRAP 5
#define TARGET_SIGBUS 7
#define TARGET_SIGFPE 8
#define TARGET_SIGKILL 9
#define TARGET_SIGSEGV 11
#define TARGET_SIGSTOP 19
#define TARGET_SA_SIGINFO 0x00000004
#define TARGET_SA_ONSTACK 0x08000000
#define TARGET_SA_RESTART 0x10000000
#define TARGET_SA_NODEFER 0x40000000
#define TARGET_SA_RESETHAND 0x80000000

#define TARGET_SS_ONSTACK 1
#define TARGET_SS_DISABLE 2
#define TARGET_SS_AUTODISARM (1u << 31)
/* The uapi MINSIGSTKSZ of both targets (x86-64's AT_MINSIGSTKSZ reports
 * what our frame needs). */
#define TARGET_MINSIGSTKSZ 2048

#endif
