# One cmocka binary per tests/unit/test-*.c
unit-tests += $(basename $(notdir $(wildcard tests/unit/test-*.c)))

# test-x86-insns runs the instruction snippets of an assembly file natively
# and under the x86 front end (which exists with TCG and the x86 target).
ifneq ($(CONFIG_TCG)$(CONFIG_TARGET_X86_64),yy)
unit-tests := $(filter-out test-x86-insns test-x86-x87,$(unit-tests))
endif
# Every tests/unit/x86-insns-*.S adds snippets (one file per group).
x86-insns-objs := $(patsubst tests/unit/%.S,$(O)/tests/unit/%.o,\
	$(wildcard tests/unit/x86-insns-*.S))
$(O)/tests/unit/test-x86-insns: $(x86-insns-objs)
$(x86-insns-objs): $(O)/tests/unit/%.o: tests/unit/%.S tests/unit/x86-insns.inc
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) -c -o $@ $<
# The sse_int helpers and the MMX state need the x86 front end as well.
ifneq ($(CONFIG_TCG)$(CONFIG_TARGET_X86_64),yy)
unit-tests := $(filter-out test-x86-sse-int,$(unit-tests))
endif
