# SPDX-License-Identifier: GPL-2.0-or-later
# KVM tests: guests of our own (tests/kvm/guests/, freestanding 32-bit x86,
# PVH ELF or flat BIOS images) run by tests/kvm/test_guests.py, and C tests
# (cmocka) run by `make check-kvm-c` and by tests/kvm/test_c.py.

KVM_C_TESTS := $(O)/tests/kvm/test-kick

$(O)/tests/kvm/test-%: $(O)/tests/kvm/test-%.o $(O)/libjanus.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(ALL_LDLIBS) -lcmocka

.PHONY: check-kvm-c
check-kvm-c: $(KVM_C_TESTS)
	$(Q)scripts/run-unit-tests.sh $(KVM_C_TESTS)

include tests/kvm/guests/Build.mk

KVM_TEST_DEPS := $(KVM_GUESTS) $(KVM_C_TESTS)
.SECONDARY: $(addsuffix .o,$(KVM_C_TESTS))

# `make all` (and so `make check`) builds the test guests too.
all: $(KVM_TEST_DEPS)
