# SPDX-License-Identifier: GPL-2.0-or-later
# linux-user: target-independent pieces in the library (unit tests link
# them), the riscv64 binary's main and CPU loop on their own.
lib-$(CONFIG_USER_RISCV64) += user/guest-access.o user/thunk.o user/mmap.o \
	user/user-path.o user/elfload.o user/user-log.o user/process.o \
	user/syscall.o user/strace.o user/signal.o user/riscv64/signal-frame.o \
	user/syscall-file.o user/syscall-stat.o user/syscall-time.o \
	user/syscall-process.o user/syscall-memory.o user/syscall-signal.o \
	user/syscall-futex.o user/syscall-poll.o user/threads.o \
	user/exec.o user/syscall-socket.o user/syscall-sockmsg.o \
	user/syscall-sockopt.o user/syscall-fd.o
user-riscv64-y += user/main.o user/riscv64/cpu-loop.o
