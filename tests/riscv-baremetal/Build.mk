# SPDX-License-Identifier: GPL-2.0-or-later
# Bare-metal riscv64 programs for janus-system-riscv64 -M virt -bios,
# built with Debian's cross compiler into $(O)/tests/riscv-baremetal/;
# run by tests/riscv-baremetal/test_baremetal.py.
RISCV64_CC ?= riscv64-linux-gnu-gcc
RISCV64_OBJCOPY ?= riscv64-linux-gnu-objcopy

ifeq ($(CONFIG_TARGET_RISCV64),y)
ifneq ($(shell command -v $(RISCV64_CC) 2>/dev/null),)
BAREMETAL_DIR := tests/riscv-baremetal
BAREMETAL_OUT := $(O)/tests/riscv-baremetal
BAREMETAL_PROGS := $(filter-out runtime,\
	$(basename $(notdir $(wildcard $(BAREMETAL_DIR)/*.c))))
BAREMETAL_BINS := $(foreach p,$(BAREMETAL_PROGS),$(BAREMETAL_OUT)/$(p).bin)
BAREMETAL_CFLAGS := -O2 -g -Wall -Wextra -Werror -nostdlib -ffreestanding \
	-fno-builtin -march=rv64gc -mabi=lp64d -mcmodel=medany \
	-mno-relax -fno-pic -static
BAREMETAL_RUNTIME := $(BAREMETAL_OUT)/start.o $(BAREMETAL_OUT)/runtime.o \
	$(BAREMETAL_OUT)/snippets.o
BAREMETAL_HEADERS := $(wildcard $(BAREMETAL_DIR)/*.h)

$(BAREMETAL_OUT)/%.o: $(BAREMETAL_DIR)/%.c $(BAREMETAL_HEADERS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  RVCC    $@")
	$(Q)$(RISCV64_CC) $(BAREMETAL_CFLAGS) -c -o $@ $<

$(BAREMETAL_OUT)/%.o: $(BAREMETAL_DIR)/%.S $(BAREMETAL_HEADERS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  RVAS    $@")
	$(Q)$(RISCV64_CC) $(BAREMETAL_CFLAGS) -c -o $@ $<

$(BAREMETAL_OUT)/%.elf: $(BAREMETAL_OUT)/%.o $(BAREMETAL_RUNTIME) \
		$(BAREMETAL_DIR)/link.ld
	@$(if $(Q),echo "  RVLD    $@")
	$(Q)$(RISCV64_CC) $(BAREMETAL_CFLAGS) -T $(BAREMETAL_DIR)/link.ld \
		-Wl,--build-id=none,--no-warn-rwx-segments -o $@ $(BAREMETAL_RUNTIME) $< -lgcc

$(BAREMETAL_OUT)/%.bin: $(BAREMETAL_OUT)/%.elf
	@$(if $(Q),echo "  OBJCOPY $@")
	$(Q)$(RISCV64_OBJCOPY) -O binary $< $@

.PRECIOUS: $(BAREMETAL_OUT)/%.elf $(BAREMETAL_OUT)/%.o

.PHONY: baremetal-tests check-baremetal
baremetal-tests: $(BAREMETAL_BINS)
all: $(BAREMETAL_BINS)

check-baremetal: $(O)/janus-system-riscv64 $(BAREMETAL_BINS)
	$(Q)$(PYTHON) -m pytest -q -rs -p no:cacheprovider $(BAREMETAL_DIR)
endif
endif
