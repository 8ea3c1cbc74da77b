lib-y += system/cmdline.o
system-x86_64-y += system/main.o
