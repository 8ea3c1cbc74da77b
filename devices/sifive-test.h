/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The "sifive,test" finisher QEMU's virt board has at 0x100000: a 32-bit
 * register at offset 0 whose low 16 bits, written, end the machine:
 * 0x5555 pass (poweroff), 0x7777 reset, 0x3333 fail with the exit code in
 * the upper 16 bits. Linux drives it through syscon-poweroff/-reboot.
 */
#ifndef DEVICES_SIFIVE_TEST_H
#define DEVICES_SIFIVE_TEST_H

#include "memory/memory.h"

#define SIFIVE_TEST_SIZE 0x1000

enum {
    SIFIVE_TEST_FAIL = 0x3333,
    SIFIVE_TEST_PASS = 0x5555,
    SIFIVE_TEST_RESET = 0x7777,
};

typedef enum SifiveTestAction {
    SIFIVE_TEST_ACTION_POWEROFF,   /* exit status 0 */
    SIFIVE_TEST_ACTION_RESET,
    SIFIVE_TEST_ACTION_FAIL,       /* exit status: the code */
} SifiveTestAction;

typedef void SifiveTestHandler(void *opaque, SifiveTestAction action,
                               int code);

typedef struct SifiveTest {
    MemoryRegion mr;
    SifiveTestHandler *handler;
    void *opaque;
} SifiveTest;

/* Initialise unmapped (s->mr is ready); handler gets each finish request. */
void sifive_test_init(SifiveTest *s, SifiveTestHandler *handler, void *opaque);

#endif
