# SPDX-License-Identifier: GPL-2.0-or-later
# Firmware-less PC boot pieces: memory map, kernel loaders, ACPI tables.
lib-$(CONFIG_MACHINE_PC) += machines/pc/e820.o machines/pc/linux-boot.o \
	machines/pc/pvh.o machines/pc/acpi-build.o machines/pc/aml.o
