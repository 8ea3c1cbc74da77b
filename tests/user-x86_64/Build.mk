# SPDX-License-Identifier: GPL-2.0-or-later
# x86-64 linux-user test programs, built by the host compiler (static and
# dynamic, -O2) into $(O)/tests/user-x86_64/: the riscv64 linux-user
# programs of tests/user/*.c and our own tests/user-x86_64/*.c. The tests
# in tests/user-x86_64 run each natively and under janus-x86_64 and
# compare. Built on x86-64 hosts only (elsewhere there is no native run).

ifeq ($(shell uname -m),x86_64)
# riscv64-only programs, not built here: the reasons are in
# test_user_programs.py (EXCLUDED), which checks the two lists agree.
USER_X86_64_EXCLUDED := fetch-fault
USER_X86_64_SRCS := $(filter-out \
	$(patsubst %,tests/user/%.c,$(USER_X86_64_EXCLUDED)),\
	$(wildcard tests/user/*.c tests/user-x86_64/*.c))
USER_X86_64_BINS := $(foreach p,$(basename $(notdir $(USER_X86_64_SRCS))),\
	$(O)/tests/user-x86_64/$(p)-static $(O)/tests/user-x86_64/$(p)-dynamic)
USER_X86_64_CFLAGS := -O2 -Wall -pthread

define user_x86_64_rules
$(O)/tests/user-x86_64/$(1)-static: $(2)
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  CC      $$@")
	$$(Q)$$(CC) $$(USER_X86_64_CFLAGS) -static -o $$@ $$<

$(O)/tests/user-x86_64/$(1)-dynamic: $(2)
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  CC      $$@")
	$$(Q)$$(CC) $$(USER_X86_64_CFLAGS) -o $$@ $$<
endef
$(foreach s,$(USER_X86_64_SRCS),\
	$(eval $(call user_x86_64_rules,$(basename $(notdir $(s))),$(s))))

.PHONY: user-x86_64-tests
user-x86_64-tests: $(USER_X86_64_BINS)
all: $(USER_X86_64_BINS)
endif
