# SPDX-License-Identifier: GPL-2.0-or-later
# The riscv64 virt board and its built-in SBI.
lib-$(CONFIG_MACHINE_VIRT) += machines/virt/virt.o machines/virt/virt-boot.o \
	machines/virt/virt-fdt.o machines/virt/sbi.o

# Stand-ins for the hart.h functions cpu/riscv does not define yet (see
# hart-missing.c): each is compiled only while no cpu/riscv/*.c defines a
# function of that name at the start of a line. Remove the file, and this,
# once cpu/riscv has them all.
ifeq ($(CONFIG_MACHINE_VIRT),y)
system-riscv64-y += machines/virt/hart-missing.o
virt-lparen := (
virt-hart-fns := riscv_hart_create riscv_hart_set_irq \
	riscv_hart_set_time_source riscv_hart_set_sbi_handler riscv_hart_reset \
	riscv_hart_reset_to_supervisor riscv_hart_set_stimer riscv_hart_flush_tlb \
	riscv_hart_stop riscv_hart_start
virt-hart-have := $(foreach f,$(virt-hart-fns),$(if $(shell grep -lE \
	'^[A-Za-z_].*[ *]$(f) *\$(virt-lparen)' cpu/riscv/*.c 2>/dev/null),-DHAVE_$(f)))
$(O)/machines/virt/hart-missing.o: CFLAGS += $(virt-hart-have)
$(O)/machines/virt/hart-missing.o: $(wildcard cpu/riscv/*.c)
endif
