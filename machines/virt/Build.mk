# SPDX-License-Identifier: GPL-2.0-or-later
# The riscv64 virt board and its built-in SBI.
lib-$(CONFIG_MACHINE_VIRT) += machines/virt/virt.o machines/virt/virt-boot.o \
	machines/virt/virt-fdt.o machines/virt/sbi.o

