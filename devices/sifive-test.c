/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sifive,test finisher: poweroff, reset and fail-with-code. */
#include "devices/sifive-test.h"


static uint64_t sifive_test_read(void *opaque, uint64_t offset, unsigned size)
{
    return 0;
}

static void sifive_test_write(void *opaque, uint64_t offset, uint64_t value,
                              unsigned size)
{
    SifiveTest *s = opaque;
    uint32_t val = value;

    if (offset != 0) {
        return;
    }
    switch (val & 0xffff) {
    case SIFIVE_TEST_PASS:
        s->handler(s->opaque, SIFIVE_TEST_ACTION_POWEROFF, 0);
        break;
    case SIFIVE_TEST_RESET:
        s->handler(s->opaque, SIFIVE_TEST_ACTION_RESET, 0);
        break;
    case SIFIVE_TEST_FAIL:
        s->handler(s->opaque, SIFIVE_TEST_ACTION_FAIL, val >> 16);
        break;
    default:
        /* Other values do nothing on the hardware either. */
        break;
    }
}

static const MemoryRegionOps sifive_test_ops = {
    .read = sifive_test_read,
    .write = sifive_test_write,
    /* OpenSBI's sifive_test reset driver stores 16 bits (sh) */
    .valid_min = 2,
    .valid_max = 4,
    .aligned = true,
};

void sifive_test_init(SifiveTest *s, SifiveTestHandler *handler, void *opaque)
{
    s->handler = handler;
    s->opaque = opaque;
    memory_region_init_io(&s->mr, "sifive.test", SIFIVE_TEST_SIZE,
                          &sifive_test_ops, s);
}
