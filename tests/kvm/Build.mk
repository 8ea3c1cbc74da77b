# Test guests of our own, built freestanding for 32-bit x86 (see tests/kvm/guests/).
KVM_TEST_DEPS :=
