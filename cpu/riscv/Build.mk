# SPDX-License-Identifier: GPL-2.0-or-later
# The riscv64 TCG front end, user and system mode. Archived in
# libjanus.a; only janus-riscv64 (and tests, and later the system
# binary) pull these objects in.
lib-$(CONFIG_TCG) += cpu/riscv/translate.o cpu/riscv/disas.o cpu/riscv/trans-rvi.o \
	cpu/riscv/trans-rvm.o cpu/riscv/trans-rva.o cpu/riscv/trans-rvc.o \
	cpu/riscv/trans-zicsr.o cpu/riscv/trans-zb.o cpu/riscv/trans-rvf.o \
	cpu/riscv/op-helper.o cpu/riscv/amo-helper.o cpu/riscv/fpu-helper.o \
	cpu/riscv/trans-priv.o cpu/riscv/csr.o cpu/riscv/trap.o cpu/riscv/mmu.o \
	cpu/riscv/hart.o

# fpu-helper.c runs FP operations under guest rounding modes and reads the
# host's flags: no folding that assumes round-to-nearest, no errno calls.
$(O)/cpu/riscv/fpu-helper.o: CFLAGS += -frounding-math -fno-math-errno
# fma, sqrt, rounding functions
ifeq ($(CONFIG_TCG),y)
LDLIBS_BASE += -lm
endif
