# SPDX-License-Identifier: GPL-2.0-or-later
lib-y += cpu/cpu.o cpu/cpu-thread.o
lib-$(CONFIG_TARGET_X86_64) += cpu/x86/cpu-state.o
-include cpu/riscv/Build.mk
-include cpu/x86/Build.mk
