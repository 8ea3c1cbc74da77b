lib-y += machines/machine.o
lib-$(CONFIG_MACHINE_PC) += machines/pc/pc.o
include machines/pc/Build.mk
