lib-y += devices/device.o devices/device-list.o
lib-$(CONFIG_SERIAL_16550) += devices/serial-16550.o
lib-$(CONFIG_RTC_MC146818) += devices/rtc-mc146818.o
lib-$(CONFIG_I8042) += devices/i8042.o
lib-$(CONFIG_ISA_DEBUG_EXIT) += devices/isa-debug-exit.o
