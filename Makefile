# SPDX-License-Identifier: GPL-2.0-or-later
# Janus: one non-recursive Makefile. Each directory lists its objects in a
# Build.mk fragment included below; objects go to $(O), never the source tree.

O        ?= build
PYTHON   ?= /usr/bin/python3
CC       ?= cc
V        ?= 0

ifeq ($(V),0)
Q := @
else
Q :=
endif

KCONFIG_CONFIG := $(O)/.config
export KCONFIG_CONFIG

CFLAGS_BASE := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wshadow -Wstrict-prototypes -Wmissing-prototypes -fno-strict-aliasing \
	-D_GNU_SOURCE -I. -I$(O)/include -MMD -MP
LDLIBS_BASE := -lpthread -lrt

ifeq ($(ASAN),1)
CFLAGS_BASE += -fsanitize=address,undefined -fno-omit-frame-pointer
LDFLAGS     += -fsanitize=address,undefined
endif

ALL_CFLAGS = $(CFLAGS_BASE) $(CFLAGS)
ALL_LDLIBS = $(LDLIBS_BASE) $(LDLIBS)

.PHONY: all defconfig menuconfig olddefconfig check check-unit check-kvm \
	check-system clean distclean demo demo-riscv64 setup bench help
.DEFAULT_GOAL := all

# ---- configuration ------------------------------------------------------
$(KCONFIG_CONFIG):
	@mkdir -p $(O)
	$(Q)$(PYTHON) -m defconfig --kconfig Kconfig configs/defconfig >/dev/null

defconfig:
	@mkdir -p $(O)
	$(PYTHON) -m defconfig --kconfig Kconfig configs/defconfig

menuconfig:
	@mkdir -p $(O)
	$(PYTHON) -m menuconfig Kconfig

olddefconfig:
	@mkdir -p $(O)
	$(PYTHON) -m olddefconfig Kconfig

# config.h and config.mk are generated from .config; config.mk is included so
# the fragments can use obj-$(CONFIG_X).
$(O)/include/config.h $(O)/config.mk: $(KCONFIG_CONFIG) Kconfig
	@mkdir -p $(O)/include
	$(Q)$(PYTHON) -m genconfig --header-path $(O)/include/config.h \
		--config-out $(O)/config.mk Kconfig

# Goals that only run the setup script and sub-makes must not need the
# Kconfig tool yet: on a fresh machine setup installs it first.
NO_CONFIG_GOALS := defconfig menuconfig olddefconfig clean distclean setup help check demo demo-riscv64 bench
ifeq ($(filter $(NO_CONFIG_GOALS),$(MAKECMDGOALS)),)
-include $(O)/config.mk
endif

# The TCG interpreter calls helpers through libffi.
ifeq ($(CONFIG_TCG),y)
LDLIBS_BASE += -lffi
endif

# -d out_asm disassembles host code with capstone (pkg-config's flags;
# Debian's defaults when pkg-config is absent).
ifeq ($(CONFIG_CAPSTONE),y)
CAPSTONE_CFLAGS := $(shell pkg-config --cflags capstone 2>/dev/null || \
	echo -I/usr/include/capstone)
CAPSTONE_LIBS := $(shell pkg-config --libs capstone 2>/dev/null || \
	echo -lcapstone)
LDLIBS_BASE += $(CAPSTONE_LIBS)
$(O)/accel/tcg/disas-host.o: CFLAGS += $(CAPSTONE_CFLAGS)
endif

# The virt board builds its device tree with libfdt.
ifeq ($(CONFIG_MACHINE_VIRT),y)
LDLIBS_BASE += -lfdt
endif

# ---- sources -------------------------------------------------------------
# lib-y: everything but main(), archived so unit tests link what they need.
lib-y :=
system-x86_64-y :=
system-riscv64-y :=
unit-tests :=
kvm-tests :=

user-targets-y :=

include util/Build.mk
include memory/Build.mk
include io/Build.mk
include devices/Build.mk
include cpu/Build.mk
include accel/Build.mk
include machines/Build.mk
include system/Build.mk
include tests/unit/Build.mk
include tests/kvm/Build.mk
-include user/Build.mk
-include tests/tcg/Build.mk
-include tests/user/Build.mk
-include tests/x86-insns/Build.mk
-include tests/user-x86_64/Build.mk
-include tests/user-x86_64-abi/Build.mk
-include tests/riscv-baremetal/Build.mk

LIB      := $(O)/libjanus.a
LIB_OBJS := $(addprefix $(O)/,$(lib-y))
BINARIES :=
ifeq ($(CONFIG_TARGET_X86_64),y)
BINARIES += $(O)/janus-system-x86_64
endif

ifeq ($(CONFIG_TARGET_RISCV64),y)
BINARIES += $(O)/janus-system-riscv64
endif

BINARIES += $(foreach t,$(user-targets-y),$(O)/janus-$(t))

all: $(BINARIES)

$(O)/%.o: %.c $(O)/include/config.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

$(O)/janus-system-x86_64: $(addprefix $(O)/,$(system-x86_64-y)) $(LIB)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(O)/janus-system-riscv64: $(addprefix $(O)/,$(system-riscv64-y)) $(LIB)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

# linux-user, per target t (user/Build.mk): the shared sources compiled
# with -Iuser/$(t) into $(O)/user-$(t)/, archived with the target's own
# objects; janus-$(t) is its main.o, that archive and the library.
define user_target_rules
$(O)/user-$(1)/%.o: %.c $(O)/include/config.h
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  CC      $$< [$(1)]")
	$$(Q)$$(CC) $$(ALL_CFLAGS) -Iuser/$(1) -c -o $$@ $$<

$(O)/libjanus-user-$(1).a: $$(addprefix $(O)/user-$(1)/,$$(user-shared-y) \
		$$(user-$(1)-y))
	@rm -f $$@
	$$(Q)$$(AR) rcs $$@ $$^

$(O)/janus-$(1): $(O)/user-$(1)/user/main.o $(O)/libjanus-user-$(1).a $$(LIB)
	@$$(if $$(Q),echo "  LINK    $$@")
	$$(Q)$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(ALL_LDLIBS)
endef
$(foreach t,$(user-targets-y),$(eval $(call user_target_rules,$(t))))

# ---- tests -----------------------------------------------------------------
UNIT_BINS := $(addprefix $(O)/tests/unit/,$(unit-tests))

# Unit tests that use linux-user code get the riscv64 build of it.
USER_UNIT_LIB := $(if $(filter riscv64,$(user-targets-y)),\
	$(O)/libjanus-user-riscv64.a)
$(O)/tests/unit/%: $(O)/tests/unit/%.o $(USER_UNIT_LIB) $(LIB)
	$(Q)$(CC) $(LDFLAGS) -o $@ $(filter-out %.a,$^) $(USER_UNIT_LIB) \
		$(LIB) $(ALL_LDLIBS) -lcmocka

check-unit: $(UNIT_BINS)
	$(Q)scripts/run-unit-tests.sh $(UNIT_BINS)

check-kvm: $(BINARIES) $(KVM_TEST_DEPS)
	$(Q)$(PYTHON) -m pytest -q -p no:cacheprovider tests/kvm

check-system: $(BINARIES)
	$(Q)$(PYTHON) -m pytest -q -p no:cacheprovider -rs tests/system

# `make check` is the one entry point; it installs what is missing first.
# tests/system-riscv64 builds its Linux kernel once (cached outside the
# tree, several minutes on a fresh machine) and boots it under TCG.
# The riscv64 and x86-64 user programs and the x86 instruction test run
# under both TCG back ends (the interpreter, then the default: x86-64 code
# on x86-64 hosts); the last pytest line is the full summary.
check: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory check-unit
	$(Q)JANUS_TCG_BACKEND=interp $(PYTHON) -m pytest -q -rs -p no:cacheprovider \
		tests/tcg tests/user tests/user-x86_64-abi tests/x86-insns tests/user-x86_64
	$(Q)$(PYTHON) -m pytest -q -rs -p no:cacheprovider tests/kvm tests/system \
		tests/tcg tests/user tests/user-x86_64-abi tests/x86-insns tests/user-x86_64 \
		tests/riscv-baremetal tests/system-riscv64

setup:
	$(Q)scripts/setup.sh

demo: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/demo.sh $(O)

# riscv64 Linux to a shell under TCG (builds the cached kernel once).
demo-riscv64: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/demo-riscv64.sh $(O)

# Every benchmark runs, even when an earlier one could not (no /dev/kvm).
bench: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)status=0; bench/vmm-overhead || status=1; \
		bench/user-riscv64 $(BENCH_USER_ARGS) || status=1; \
		bench/user-x86_64 $(BENCH_USER_ARGS) || status=1; exit $$status

# riscv64 Linux boot, Janus vs QEMU; separate from `bench`: the first run
# builds the kernel fixture (4-15 minutes), and it measures QEMU only until
# build/janus-system-riscv64 exists.
bench-boot-riscv64: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)bench/boot-riscv64/run.sh $(BENCH_BOOT_RISCV64_ARGS)

clean:
	rm -rf $(O)/*/ $(O)/*.a $(BINARIES)

distclean:
	rm -rf $(O)

help:
	@echo "make [O=dir] [ASAN=1] [V=1] all|defconfig|menuconfig|check|demo|bench|clean"

-include $(shell find $(O) -name '*.d' 2>/dev/null)
