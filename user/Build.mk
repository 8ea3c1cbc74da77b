# SPDX-License-Identifier: GPL-2.0-or-later
# linux-user: one binary per target, janus-<target>. The target-independent
# sources (user/*.c) are compiled once per target into $(O)/user-<target>/
# with -Iuser/<target>, so their "target-cpu.h", "target-structs.h" and
# "syscall-numbers.h" are that target's (docs/linux-user.md). Each target's
# objects but main.o form $(O)/libjanus-user-<target>.a (unit tests link
# the riscv64 one); the Makefile adds the rules (user_target_rules).
user-shared-y := user/guest-access.o user/thunk.o user/mmap.o \
	user/user-path.o user/elfload.o user/user-log.o user/process.o \
	user/syscall.o user/strace.o user/signal.o \
	user/syscall-file.o user/syscall-stat.o user/syscall-time.o \
	user/syscall-process.o user/syscall-memory.o user/syscall-signal.o \
	user/syscall-futex.o user/syscall-poll.o user/threads.o \
	user/exec.o user/syscall-socket.o user/syscall-sockmsg.o \
	user/syscall-sockopt.o user/syscall-fd.o user/cpu-loop.o

user-targets-$(CONFIG_USER_RISCV64) += riscv64
user-riscv64-y := user/riscv64/cpu-loop.o user/riscv64/signal-frame.o \
	user/riscv64/syscall-arch.o

user-targets-$(CONFIG_USER_X86_64) += x86_64
user-x86_64-y := user/x86_64/cpu-loop.o user/x86_64/signal-frame.o \
	user/x86_64/syscall-arch.o
