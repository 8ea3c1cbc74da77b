# SPDX-License-Identifier: GPL-2.0-or-later
lib-y += accel/accel.o
lib-$(CONFIG_KVM) += accel/kvm/kvm-host.o accel/kvm/kvm-vm.o \
	accel/kvm/kvm-memslots.o accel/kvm/kvm-cpuid.o accel/kvm/kvm-vcpu.o \
	accel/kvm/kvm-run.o accel/kvm/kvm-accel-ops.o
-include accel/tcg/Build.mk
