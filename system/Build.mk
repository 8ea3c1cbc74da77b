lib-y += system/cmdline.o
# One main per binary; machines/target-<arch>.c says which boards it has.
system-x86_64-y += system/main.o machines/target-x86_64.o
system-riscv64-y += system/main.o machines/target-riscv64.o
