# SPDX-License-Identifier: GPL-2.0-or-later
# riscv64 instruction tests: static riscv64 Linux programs built with
# Debian's cross compiler, each checking its results against the ISA's
# values and printing PASS/FAIL; tests/tcg/test_riscv64.py runs them under
# build/janus-riscv64. Built only when janus-riscv64 is configured and the
# cross compiler exists.

RISCV64_CROSS_CC ?= riscv64-linux-gnu-gcc
RISCV64_TEST_NAMES := alu muldiv atomic atomic-threads compressed bitmanip \
	csr smc illegal fp-arith fp-cvt fp-random fp-illegal
TCG_RISCV64_TESTS :=

ifeq ($(CONFIG_USER_RISCV64),y)
ifneq ($(shell command -v $(RISCV64_CROSS_CC) 2>/dev/null),)
TCG_RISCV64_TESTS := $(addprefix $(O)/tests/tcg/riscv64/,$(RISCV64_TEST_NAMES))

RISCV64_MARCH := -march=rv64gc
$(O)/tests/tcg/riscv64/bitmanip: RISCV64_MARCH := -march=rv64gc_zba_zbb_zbs
$(addprefix $(O)/tests/tcg/riscv64/,fp-arith fp-cvt fp-random fp-illegal): \
	tests/tcg/riscv64/fp.h
$(O)/tests/tcg/riscv64/fp-random: tests/tcg/riscv64/fp-random.inc

$(O)/tests/tcg/riscv64/%: tests/tcg/riscv64/%.c tests/tcg/riscv64/check.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  RVCC    $<")
	$(Q)$(RISCV64_CROSS_CC) -static -O2 -Wall -Werror $(RISCV64_MARCH) \
		-o $@ $< -lpthread

all: $(TCG_RISCV64_TESTS)
endif
endif

.PHONY: check-tcg
check-tcg: $(BINARIES) $(TCG_RISCV64_TESTS)
	$(Q)$(PYTHON) -m pytest -q -rs -p no:cacheprovider tests/tcg
