# One cmocka binary per tests/unit/test-*.c
unit-tests += $(basename $(notdir $(wildcard tests/unit/test-*.c)))
