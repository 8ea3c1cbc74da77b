# One cmocka binary per tests/unit/test-*.c
unit-tests += $(basename $(notdir $(wildcard tests/unit/test-*.c)))

# test-x86-insns runs the instruction snippets of an assembly file natively
# and under the x86 front end (which exists with TCG and the x86 target).
ifneq ($(CONFIG_TCG)$(CONFIG_TARGET_X86_64),yy)
unit-tests := $(filter-out test-x86-insns,$(unit-tests))
endif
$(O)/tests/unit/test-x86-insns: $(O)/tests/unit/x86-insns-snippets.o
$(O)/tests/unit/x86-insns-snippets.o: tests/unit/x86-insns-snippets.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) -c -o $@ $<
