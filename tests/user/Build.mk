# SPDX-License-Identifier: GPL-2.0-or-later
# riscv64 test programs for linux-user, built with Debian's cross compiler
# (static and dynamic) into $(O)/tests/user/; run by test_linux_user.py.
RISCV64_CC ?= riscv64-linux-gnu-gcc

ifeq ($(CONFIG_USER_RISCV64),y)
ifneq ($(shell command -v $(RISCV64_CC) 2>/dev/null),)
USER_TEST_PROGS := $(basename $(notdir $(wildcard tests/user/*.c)))
USER_TEST_BINS := $(foreach p,$(USER_TEST_PROGS),\
	$(O)/tests/user/$(p)-static $(O)/tests/user/$(p)-dynamic)

$(O)/tests/user/%-static: tests/user/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  RVCC    $@")
	$(Q)$(RISCV64_CC) -O2 -Wall -static -o $@ $<

$(O)/tests/user/%-dynamic: tests/user/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  RVCC    $@")
	$(Q)$(RISCV64_CC) -O2 -Wall -o $@ $<

.PHONY: user-tests check-user
user-tests: $(USER_TEST_BINS)
all: $(USER_TEST_BINS)

check-user: $(O)/janus-riscv64 $(USER_TEST_BINS)
	$(Q)$(PYTHON) -m pytest -q -rs -p no:cacheprovider tests/user
endif
endif
