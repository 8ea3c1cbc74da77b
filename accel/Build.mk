lib-y += accel/accel.o
lib-$(CONFIG_KVM) += accel/kvm/kvm-all.o
