# SPDX-License-Identifier: GPL-2.0-or-later
# The riscv64 virt board and its built-in SBI.
lib-$(CONFIG_MACHINE_VIRT) += machines/virt/virt.o machines/virt/virt-boot.o \
	machines/virt/virt-fdt.o machines/virt/sbi.o

# Weak stand-ins for hart.h functions cpu/riscv does not define yet; the
# real ones replace them (see the file). Remove once cpu/riscv has them all.
system-riscv64-$(CONFIG_MACHINE_VIRT) += machines/virt/hart-missing.o
