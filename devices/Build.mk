# SPDX-License-Identifier: GPL-2.0-or-later
lib-y += devices/device.o devices/device-list.o devices/port-sink.o
lib-$(CONFIG_SERIAL_16550) += devices/serial-16550.o
lib-$(CONFIG_RTC_MC146818) += devices/rtc-mc146818.o
lib-$(CONFIG_I8042) += devices/i8042.o
lib-$(CONFIG_ISA_DEBUG_EXIT) += devices/isa-debug-exit.o
lib-$(CONFIG_MACHINE_PC) += devices/acpi-pm.o devices/reset-control.o
lib-$(CONFIG_RISCV_ACLINT) += devices/riscv-aclint.o
lib-$(CONFIG_RISCV_PLIC) += devices/riscv-plic.o
lib-$(CONFIG_SIFIVE_TEST) += devices/sifive-test.o
lib-$(CONFIG_GOLDFISH_RTC) += devices/goldfish-rtc.o
lib-$(CONFIG_VIRTIO_MMIO) += devices/virtio-mmio.o
