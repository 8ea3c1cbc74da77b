lib-y += machines/machine.o machines/machine-types.o
lib-$(CONFIG_MACHINE_PC) += machines/pc/pc.o
include machines/pc/Build.mk
include machines/virt/Build.mk
