# SPDX-License-Identifier: GPL-2.0-or-later
# The x86-64 TCG front end (user mode so far, docs/x86.md). Archived in
# libjanus.a next to cpu-state.o (which KVM uses, cpu/Build.mk); only
# programs that use x86_64_tcg_ops pull these objects in.
ifeq ($(CONFIG_TARGET_X86_64),y)
lib-$(CONFIG_TCG) += cpu/x86/translate.o cpu/x86/decode.o \
	cpu/x86/trans-arith.o cpu/x86/trans-shift.o cpu/x86/trans-ctrl.o \
	cpu/x86/trans-string.o cpu/x86/trans-bmi.o cpu/x86/cc-helper.o cpu/x86/op-helper.o \
	cpu/x86/fpu-state.o cpu/x86/trans-sse-fp.o cpu/x86/sse-fp-helper.o \
	cpu/x86/trans-sse-int.o cpu/x86/sse-int-helper.o cpu/x86/trans-x87.o \
	cpu/x86/x87-helper.o
endif
