# SPDX-License-Identifier: GPL-2.0-or-later
# The riscv64 virt board and its built-in SBI.
lib-$(CONFIG_MACHINE_VIRT) += machines/virt/virt.o machines/virt/virt-boot.o \
	machines/virt/virt-fdt.o machines/virt/sbi.o

# Until cpu/riscv defines the hart.h functions (H5's branch), the binary
# links against fallbacks that refuse to build harts. Remove with H5's merge.
virt-paren := (
virt-harts-built := $(shell grep -l 'riscv_hart_create *$(virt-paren)' cpu/riscv/*.c 2>/dev/null)
ifeq ($(CONFIG_MACHINE_VIRT),y)
ifeq ($(virt-harts-built),)
system-riscv64-y += machines/virt/hart-missing.o
endif
endif
