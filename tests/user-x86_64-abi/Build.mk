# SPDX-License-Identifier: GPL-2.0-or-later
# Freestanding x86-64 programs for janus-x86_64's ABI (system calls,
# signal frames, arch_prctl, vsyscall, clone), built by the host compiler
# without libc or SSE (-mgeneral-regs-only: the signal-frame tests set
# the vector state themselves); static at a fixed address, hello also as a static PIE. Run natively and
# under Janus by test_x86_64_abi.py.
X86_ABI_CC ?= $(CC)
X86_ABI_CFLAGS := -nostdlib -static -ffreestanding -mgeneral-regs-only -O2 \
	-Wall -Wextra -Werror -fno-stack-protector -fcf-protection=none \
	-fno-asynchronous-unwind-tables

ifeq ($(CONFIG_USER_X86_64),y)
X86_ABI_PROGS := $(basename $(notdir $(wildcard tests/user-x86_64-abi/*.c)))
X86_ABI_BINS := $(addprefix $(O)/tests/user-x86_64-abi/,$(X86_ABI_PROGS)) \
	$(O)/tests/user-x86_64-abi/hello-pie

$(O)/tests/user-x86_64-abi/%: tests/user-x86_64-abi/%.c \
		tests/user-x86_64-abi/sys.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  X86CC   $@")
	$(Q)$(X86_ABI_CC) $(X86_ABI_CFLAGS) -fno-pie -no-pie -o $@ $<

$(O)/tests/user-x86_64-abi/hello-pie: tests/user-x86_64-abi/hello.c \
		tests/user-x86_64-abi/sys.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  X86CC   $@")
	$(Q)$(X86_ABI_CC) $(X86_ABI_CFLAGS) -fpie -static-pie -o $@ $<

.PHONY: check-user-x86_64
all: $(X86_ABI_BINS)

check-user-x86_64: $(O)/janus-x86_64 $(X86_ABI_BINS)
	$(Q)$(PYTHON) -m pytest -q -rs -p no:cacheprovider tests/user-x86_64-abi
endif
