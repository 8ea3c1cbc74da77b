# SPDX-License-Identifier: GPL-2.0-or-later
# Test guests: freestanding 32-bit x86, built with the host gcc (-m32).
# PVH ELF guests link lib/ and guest.ld; realmode.bin is a flat 64 KiB
# -bios image.

GUEST_DIR := tests/kvm/guests
GUEST_OUT := $(O)/tests/kvm/guests
GUEST_CFLAGS := -m32 -march=i686 -ffreestanding -nostdlib -fno-pic -static \
	-fno-stack-protector -fno-asynchronous-unwind-tables -mgeneral-regs-only \
	-fno-builtin -O2 -Wall -Wextra -Werror -Wno-unused-parameter -I$(GUEST_DIR)
GUEST_LDFLAGS := -m32 -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments -Wl,-T,$(GUEST_DIR)/guest.ld

PVH_GUESTS := demo hello pio-mmio timer smp cpl3 error-mmio-exec triple-fault \
	uart-rx
GUEST_LIB_OBJS := $(GUEST_OUT)/lib/entry.o $(GUEST_OUT)/lib/lib.o

KVM_GUESTS := $(addprefix $(GUEST_OUT)/,$(addsuffix .elf,$(PVH_GUESTS))) \
	$(GUEST_OUT)/realmode.bin

$(GUEST_OUT)/%.o: $(GUEST_DIR)/%.c $(GUEST_DIR)/lib/guest.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GUESTCC $<")
	$(Q)$(CC) $(GUEST_CFLAGS) -c -o $@ $<

$(GUEST_OUT)/%.o: $(GUEST_DIR)/%.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GUESTAS $<")
	$(Q)$(CC) $(GUEST_CFLAGS) -c -o $@ $<

$(GUEST_OUT)/%.elf: $(GUEST_OUT)/%.o $(GUEST_LIB_OBJS) $(GUEST_DIR)/guest.ld
	@$(if $(Q),echo "  GUESTLD $@")
	$(Q)$(CC) $(GUEST_LDFLAGS) -o $@ $(filter %.o,$^)

# Guests with an assembly part besides their C file.
$(GUEST_OUT)/smp.elf: $(GUEST_OUT)/smp-trampoline.o
$(GUEST_OUT)/cpl3.elf: $(GUEST_OUT)/cpl3-entry.o

$(GUEST_OUT)/realmode.bin: $(GUEST_OUT)/realmode.o $(GUEST_DIR)/realmode.ld
	@$(if $(Q),echo "  GUESTLD $@")
	$(Q)$(CC) -m32 -nostdlib -static -no-pie -Wl,--build-id=none \
		-Wl,-T,$(GUEST_DIR)/realmode.ld -o $@.elf $<
	$(Q)objcopy -O binary $@.elf $@

# Keep the objects (they would be deleted as intermediates).
.SECONDARY: $(GUEST_LIB_OBJS) $(addprefix $(GUEST_OUT)/,$(addsuffix .o,$(PVH_GUESTS))) \
	$(GUEST_OUT)/smp-trampoline.o $(GUEST_OUT)/cpl3-entry.o $(GUEST_OUT)/realmode.o
