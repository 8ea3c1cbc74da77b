# SPDX-License-Identifier: GPL-2.0-or-later
# The x86-64 instruction test program, built by the host compiler (static
# and dynamic) into $(O)/tests/x86-insns/; run natively and under
# janus-x86_64 by test_x86_insns.py. -mno-red-zone: the asm bodies push
# the flags below the stack pointer.
X86_INSNS_CC ?= gcc
X86_INSNS_SRCS := $(wildcard tests/x86-insns/*.c)
X86_INSNS_HDRS := $(wildcard tests/x86-insns/*.h)
X86_INSNS_CFLAGS := -O2 -g -Wall -Wextra -Werror -mno-red-zone -std=gnu11
X86_INSNS_BINS := $(O)/tests/x86-insns/x86-insns-static \
	$(O)/tests/x86-insns/x86-insns-dynamic

ifeq ($(shell uname -m),x86_64)
$(O)/tests/x86-insns/x86-insns-static: $(X86_INSNS_SRCS) $(X86_INSNS_HDRS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(X86_INSNS_CC) $(X86_INSNS_CFLAGS) -static -o $@ $(X86_INSNS_SRCS)

$(O)/tests/x86-insns/x86-insns-dynamic: $(X86_INSNS_SRCS) $(X86_INSNS_HDRS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(X86_INSNS_CC) $(X86_INSNS_CFLAGS) -o $@ $(X86_INSNS_SRCS)

.PHONY: x86-insns
x86-insns: $(X86_INSNS_BINS)
all: $(X86_INSNS_BINS)
endif
