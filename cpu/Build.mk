lib-y += cpu/cpu-thread.o
lib-$(CONFIG_TARGET_X86_64) += cpu/x86/cpu-state.o
