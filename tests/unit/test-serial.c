/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * 16550A UART: registers driven through the region's ops, as the memory
 * core does for a guest access. The chardev functions the UART calls are
 * defined here (a link seam: the archive's io/chardev.o is then not
 * pulled in) so the test sees every byte sent and every accept_input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "devices/serial-16550.h"

/* ---- fake chardev ------------------------------------------------------ */

static uint8_t tx_buf[64];
static size_t tx_len;
static unsigned accept_calls;
static ChardevFrontend fe_seen;
static char fake_chr_storage;
#define FAKE_CHR ((Chardev *)&fake_chr_storage)

void chardev_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    assert_ptr_equal(chr, FAKE_CHR);
    for (size_t i = 0; i < len && tx_len < sizeof(tx_buf); i++) {
        tx_buf[tx_len++] = buf[i];
    }
}

/* How many more bytes the fake backend takes; SIZE_MAX: unlimited. */
static size_t tx_room = SIZE_MAX;

size_t chardev_write_nonblock(Chardev *chr, const uint8_t *buf, size_t len)
{
    size_t n = len < tx_room ? len : tx_room;

    chardev_write(chr, buf, n);
    if (tx_room != SIZE_MAX) {
        tx_room -= n;
    }
    return n;
}

void chardev_accept_input(Chardev *chr)
{
    assert_ptr_equal(chr, FAKE_CHR);
    accept_calls++;
}

void chardev_set_frontend(Chardev *chr, const ChardevFrontend *fe)
{
    fe_seen = *fe;
}

/* ---- harness ----------------------------------------------------------- */

typedef struct IrqRecorder {
    int level;
    unsigned rises;
} IrqRecorder;

static void irq_record(void *opaque, int n, int level)
{
    IrqRecorder *r = opaque;

    if (level && !r->level) {
        r->rises++;
    }
    r->level = level;
}

static IrqRecorder irq_rec;
static Serial16550 uart;

static uint8_t rd(unsigned reg)
{
    return uart.mr.ops->read(uart.mr.opaque, reg, 1);
}

static void wr(unsigned reg, uint8_t val)
{
    uart.mr.ops->write(uart.mr.opaque, reg, val, 1);
}

enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2,
       LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };

static int setup(void **state)
{
    memset(&irq_rec, 0, sizeof(irq_rec));
    tx_len = 0;
    tx_room = SIZE_MAX;
    accept_calls = 0;
    serial16550_init(&uart, irq_line_make(irq_record, &irq_rec, 4), NULL);
    return 0;
}

static int setup_chr(void **state)
{
    setup(state);
    serial16550_init(&uart, irq_line_make(irq_record, &irq_rec, 4), FAKE_CHR);
    return 0;
}

static void feed(const char *s)
{
    serial16550_receive(&uart, (const uint8_t *)s, strlen(s));
}

/* ---- tests ------------------------------------------------------------- */

static void test_reset_state(void **state)
{
    assert_int_equal(rd(IER), 0);
    assert_int_equal(rd(IIR), 0x01);
    assert_int_equal(rd(LCR), 0);
    assert_int_equal(rd(MCR), 0);
    assert_int_equal(rd(LSR), 0x60);
    assert_int_equal(rd(MSR), 0xb0);     /* DCD, DSR, CTS, no deltas */
    assert_int_equal(irq_rec.level, 0);
}

static void test_divisor_latch(void **state)
{
    wr(IER, 0x05);
    wr(LCR, 0x83);                       /* DLAB + 8N1 */
    wr(DLL, 0x01);
    wr(DLM, 0x02);
    assert_int_equal(rd(DLL), 0x01);
    assert_int_equal(rd(DLM), 0x02);
    wr(LCR, 0x03);
    assert_int_equal(rd(IER), 0x05);     /* IER untouched by DLM writes */
    assert_int_equal(rd(LCR), 0x03);
    wr(LCR, 0x83);
    assert_int_equal(rd(DLL), 0x01);
    assert_int_equal(rd(DLM), 0x02);
    /* Writing offset 0 with DLAB set must not transmit. */
    assert_int_equal(tx_len, 0);
}

static void test_ier_writable_bits_and_scratch(void **state)
{
    wr(IER, 0xff);
    assert_int_equal(rd(IER), 0x0f);
    wr(SCR, 0xa5);
    assert_int_equal(rd(SCR), 0xa5);
}

static void test_thre_interrupt(void **state)
{
    wr(MCR, 0x08);                       /* OUT2 */
    wr(IER, 0x02);
    assert_int_equal(irq_rec.level, 1);
    assert_int_equal(rd(IIR), 0x02);
    /* Reading IIR acknowledged THRE. */
    assert_int_equal(irq_rec.level, 0);
    assert_int_equal(rd(IIR), 0x01);
    /* Linux's UART_BUG_THRE check: toggling ETBEI re-asserts THRE. */
    wr(IER, 0x00);
    wr(IER, 0x02);
    assert_int_equal(rd(IIR), 0x02);
    assert_int_equal(rd(IIR), 0x01);
    /* A byte written and sent re-arms it. */
    wr(THR, 'x');
    assert_int_equal(irq_rec.level, 1);
    assert_int_equal(rd(LSR) & 0x60, 0x60);
    assert_int_equal(rd(IIR), 0x02);
    assert_int_equal(irq_rec.rises, 3);  /* ETBEI on, ETBEI re-on, THR */
}

static void test_transmit_to_chardev(void **state)
{
    wr(THR, 'h');
    wr(THR, 'i');
    assert_int_equal(tx_len, 2);
    assert_memory_equal(tx_buf, "hi", 2);
}

/*
 * A backend that takes nothing holds the transmitter busy: THRE and TEMT
 * read clear, a burst waits in the FIFO, and when the backend becomes
 * writable every byte goes out in order and THRE interrupts again.
 */
static void test_transmit_back_pressure(void **state)
{
    wr(FCR, 0x01);                       /* FIFO on */
    wr(MCR, 0x08);                       /* OUT2 */
    wr(IER, 0x02);
    assert_int_equal(rd(IIR) & 0x0f, 0x02);
    tx_room = 0;
    wr(THR, 'a');
    assert_int_equal(rd(LSR) & 0x60, 0x00);
    assert_int_equal(irq_rec.level, 0);
    for (const char *p = "bcdefghijklmnop"; *p; p++) {
        wr(THR, *p);                     /* fills the 16-byte FIFO */
    }
    assert_int_equal(tx_len, 0);
    tx_room = 10;
    serial16550_writable(&uart);
    assert_int_equal(tx_len, 10);
    assert_int_equal(rd(LSR) & 0x60, 0x00);
    assert_int_equal(irq_rec.level, 0);
    tx_room = SIZE_MAX;
    serial16550_writable(&uart);
    assert_int_equal(tx_len, 16);
    assert_memory_equal(tx_buf, "abcdefghijklmnop", 16);
    assert_int_equal(rd(LSR) & 0x60, 0x60);
    assert_int_equal(irq_rec.level, 1);
    assert_int_equal(rd(IIR) & 0x0f, 0x02);
    /* Clearing the TX FIFO drops what still waits and frees THR. */
    tx_room = 0;
    wr(THR, 'z');
    assert_int_equal(rd(LSR) & 0x60, 0x00);
    wr(FCR, 0x05);
    assert_int_equal(rd(LSR) & 0x60, 0x60);
    tx_room = SIZE_MAX;
    serial16550_writable(&uart);
    assert_int_equal(tx_len, 16);
}

static void test_out2_gates_irq(void **state)
{
    wr(IER, 0x02);
    assert_int_equal(irq_rec.level, 0);  /* pending, but OUT2 is low */
    wr(MCR, 0x08);
    assert_int_equal(irq_rec.level, 1);
    wr(MCR, 0x00);
    assert_int_equal(irq_rec.level, 0);
    wr(MCR, 0x08);
    assert_int_equal(irq_rec.level, 1);
}

static void test_iir_priorities(void **state)
{
    wr(MCR, 0x08);
    wr(IER, 0x0f);
    /* FIFO off: RBR holds one byte; the second overruns. */
    feed("ab");
    assert_int_equal(rd(IIR), 0x06);     /* line status beats the rest */
    assert_int_equal(rd(LSR) & 0x03, 0x03); /* DR + OE; read clears OE */
    assert_int_equal(rd(LSR) & 0x03, 0x01);
    assert_int_equal(rd(IIR), 0x04);     /* received data next */
    assert_int_equal(rd(RBR), 'a');      /* the overrunning byte is lost */
    assert_int_equal(rd(LSR) & 0x01, 0);
    assert_int_equal(rd(IIR), 0x02);     /* then THRE, acked by this read */
    assert_int_equal(rd(IIR), 0x01);
    assert_int_equal(irq_rec.level, 0);
}

static void test_modem_status_interrupt(void **state)
{
    wr(MCR, 0x10);                       /* loopback, everything low */
    rd(MSR);                             /* clear deltas of the switch */
    wr(IER, 0x08);
    assert_int_equal(rd(IIR), 0x01);
    wr(MCR, 0x12);                       /* RTS -> CTS */
    assert_int_equal(rd(IIR), 0x00);
    assert_int_equal(rd(MSR), 0x11);     /* CTS + DCTS */
    assert_int_equal(rd(IIR), 0x01);
    wr(MCR, 0x1f);                       /* all outputs high */
    assert_int_equal(rd(MSR), 0xfa);     /* DCD RI DSR CTS, DDCD DDSR */
    wr(MCR, 0x1b);                       /* OUT1 (RI) falls: TERI */
    assert_int_equal(rd(MSR) & 0x4f, 0x04);
}

static void test_fifo_trigger_levels(void **state)
{
    static const struct { uint8_t fcr; unsigned level; } cases[] = {
        { 0x01, 1 }, { 0x41, 4 }, { 0x81, 8 }, { 0xc1, 14 },
    };

    wr(IER, 0x01);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        wr(FCR, cases[i].fcr | 0x02);    /* clear RX FIFO */
        for (unsigned n = 1; n <= cases[i].level; n++) {
            feed("z");
            /* Below the trigger: character timeout; at it: data ready. */
            assert_int_equal(rd(IIR), n < cases[i].level ? 0xcc : 0xc4);
        }
        assert_int_equal(serial16550_can_receive(&uart),
                         16 - cases[i].level);
    }
}

static void test_fifo_order_and_overrun(void **state)
{
    const char *msg = "0123456789abcdef";

    wr(FCR, 0x01);
    assert_int_equal(serial16550_can_receive(&uart), 16);
    feed(msg);
    assert_int_equal(serial16550_can_receive(&uart), 0);
    assert_int_equal(rd(LSR) & 0x02, 0);
    feed("X");                           /* 17th byte: overrun */
    assert_int_equal(rd(LSR) & 0x03, 0x03);
    for (unsigned i = 0; i < 16; i++) {
        assert_int_equal(rd(RBR), (uint8_t)msg[i]);
    }
    assert_int_equal(rd(LSR) & 0x01, 0);
    assert_int_equal(serial16550_can_receive(&uart), 16);
}

static void test_fifo_disable_clears(void **state)
{
    wr(FCR, 0x01);
    feed("abc");
    wr(FCR, 0x00);
    assert_int_equal(rd(LSR) & 0x01, 0);
    assert_int_equal(serial16550_can_receive(&uart), 1);
    assert_int_equal(rd(IIR) & 0xc0, 0);
}

static void test_loopback(void **state)
{
    wr(MCR, 0x18);                       /* loop + OUT2 */
    wr(IER, 0x01);
    assert_int_equal(serial16550_can_receive(&uart), 0);
    wr(THR, 'Q');
    assert_int_equal(tx_len, 0);         /* nothing leaves the chip */
    assert_int_equal(rd(LSR) & 0x01, 0x01);
    assert_int_equal(rd(IIR), 0x04);
    /* Loopback forces OUT2 inactive: no IRQ on a PC. */
    assert_int_equal(irq_rec.level, 0);
    assert_int_equal(rd(RBR), 'Q');
    /* Host input is disconnected while looping. */
    feed("h");
    assert_int_equal(rd(LSR) & 0x01, 0);
    wr(MCR, 0x08);
    assert_int_equal(serial16550_can_receive(&uart), 1);
}

static void test_rx_irq_and_accept_input(void **state)
{
    wr(MCR, 0x08);
    wr(IER, 0x01);
    wr(FCR, 0x01);
    accept_calls = 0;
    feed("0123456789abcdef");
    assert_int_equal(irq_rec.level, 1);
    assert_int_equal(serial16550_can_receive(&uart), 0);
    /* The backend was told 0; the first byte read lets input flow. */
    rd(RBR);
    assert_int_equal(accept_calls, 1);
    for (unsigned i = 1; i < 15; i++) {
        rd(RBR);
    }
    assert_int_equal(accept_calls, 1);
    assert_int_equal(irq_rec.level, 1);
    rd(RBR);                             /* drained: tell the backend */
    assert_int_equal(accept_calls, 2);
    assert_int_equal(irq_rec.level, 0);
}

static void test_rx_no_fifo_flow(void **state)
{
    assert_int_equal(serial16550_can_receive(&uart), 1);
    feed("k");
    assert_int_equal(serial16550_can_receive(&uart), 0);
    assert_int_equal(rd(RBR), 'k');
    assert_int_equal(serial16550_can_receive(&uart), 1);
}

static void test_reset_lowers_irq(void **state)
{
    wr(MCR, 0x08);
    wr(IER, 0x02);
    assert_int_equal(irq_rec.level, 1);
    serial16550_reset(&uart);
    assert_int_equal(irq_rec.level, 0);
    assert_int_equal(rd(IIR), 0x01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_reset_state, setup),
        cmocka_unit_test_setup(test_divisor_latch, setup),
        cmocka_unit_test_setup(test_ier_writable_bits_and_scratch, setup),
        cmocka_unit_test_setup(test_thre_interrupt, setup),
        cmocka_unit_test_setup(test_transmit_to_chardev, setup_chr),
        cmocka_unit_test_setup(test_transmit_back_pressure, setup_chr),
        cmocka_unit_test_setup(test_out2_gates_irq, setup),
        cmocka_unit_test_setup(test_iir_priorities, setup),
        cmocka_unit_test_setup(test_modem_status_interrupt, setup),
        cmocka_unit_test_setup(test_fifo_trigger_levels, setup),
        cmocka_unit_test_setup(test_fifo_order_and_overrun, setup),
        cmocka_unit_test_setup(test_fifo_disable_clears, setup),
        cmocka_unit_test_setup(test_loopback, setup_chr),
        cmocka_unit_test_setup(test_rx_irq_and_accept_input, setup_chr),
        cmocka_unit_test_setup(test_rx_no_fifo_flow, setup),
        cmocka_unit_test_setup(test_reset_lowers_irq, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
