# SPDX-License-Identifier: GPL-2.0-or-later
# The TCG core: IR, optimiser, liveness, TB cache, exec loop, interpreter.
lib-$(CONFIG_TCG) += accel/tcg/tcg.o accel/tcg/tcg-op.o \
	accel/tcg/optimize.o accel/tcg/liveness.o accel/tcg/tb-cache.o \
	accel/tcg/tb-gen.o accel/tcg/cpu-exec.o accel/tcg/tcg-log.o \
	accel/tcg/disas-host.o accel/tcg/tcg-fork.o accel/tcg/tcg-exclusive.o \
	accel/tcg/user-mem.o accel/tcg/cputlb.o accel/tcg/tcg-accel-ops.o \
	accel/tcg/backend/interp/interp-gen.o \
	accel/tcg/backend/interp/interp-exec.o \
	accel/tcg/regalloc.o accel/tcg/code-buffer.o \
	accel/tcg/backend/x86_64/x86-gen.o accel/tcg/backend/x86_64/x86-exec.o
