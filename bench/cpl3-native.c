/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Native twin of the CPL3 compute guest (tests/kvm/guests/cpl3.elf) for
 * bench/vmm-overhead: the guest's ring-3 loop (user_loop64 in
 * tests/kvm/guests/cpl3-entry.S: 64-bit code, count in EDI, result in EAX)
 * with the same instructions, run as a tiny freestanding 64-bit Linux
 * process. The benchmark checks that the loop's machine code is byte for
 * byte the same in both binaries. The twin prints the guest's lines around
 * the loop, so both are timed the same way: from the arrival of the end of
 * the "entering ring 3 for N iterations" line to the arrival of the next
 * byte. No libc, so that its peak RSS shows the measuring floor.
 *
 * Usage: cpl3-native ITERATIONS
 */
#include <stdint.h>

#define SYS_WRITE 1
#define SYS_EXIT 60

/*
 * The guest's loop, instruction for instruction; `ret` stands for the
 * guest's `ud2` (its way back to ring 0). SysV passes n in EDI, as the
 * guest's enter_user64 does.
 */
uint32_t lcg_loop(uint32_t n);
__asm__(".text\n"
        ".globl lcg_loop\n"
        ".type lcg_loop, @function\n"
        "lcg_loop:\n\t"
        "mov $1, %eax\n\t"
        "test %edi, %edi\n\t"
        "jz 3f\n"
        "2:\n\t"
        "imul $1664525, %eax, %eax\n\t"
        "add $1013904223, %eax\n\t"
        "dec %edi\n\t"
        "jnz 2b\n"
        "3:\n\t"
        "ret\n"
        ".size lcg_loop, . - lcg_loop\n");

static long sys3(long nr, long a, long b, long c)
{
    long ret;

    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
    return ret;
}

/* One write(2) per call: the guest's UART also emits as it goes. */
static void out_puts(const char *s)
{
    unsigned n = 0;

    while (s[n]) {
        n++;
    }
    sys3(SYS_WRITE, 1, (long)s, n);
}

static void out_put_dec(uint32_t v)
{
    char buf[12];
    int n = 11;

    buf[n] = 0;
    do {
        buf[--n] = '0' + v % 10;
        v /= 10;
    } while (v);
    out_puts(buf + n);
}

static void out_put_hex(uint32_t v)
{
    char buf[11] = "0x";

    for (int i = 0; i < 8; i++) {
        buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xf];
    }
    buf[10] = 0;
    out_puts(buf);
}

static uint32_t parse_dec(const char *s)
{
    uint32_t v = 0;

    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (uint32_t)(*s++ - '0');
    }
    return v;
}

__attribute__((noreturn)) static void sys_exit(int status)
{
    sys3(SYS_EXIT, status, 0, 0);
    for (;;) {
    }
}

void native_main(uint64_t *sp);

/* sp points at argc, then argv[]: the x86-64 process entry stack. */
void native_main(uint64_t *sp)
{
    char **argv = (char **)(sp + 1);
    uint32_t iterations, x;

    if (sp[0] != 2) {
        out_puts("usage: cpl3-native ITERATIONS\n");
        sys_exit(2);
    }
    iterations = parse_dec(argv[1]);
    out_puts("entering ring 3 for ");
    out_put_dec(iterations);
    out_puts(" iterations\n");
    x = lcg_loop(iterations);
    out_puts("cpl3 result: ");
    out_put_hex(x);
    out_puts("\n");
    sys_exit(0);
}

__asm__(".text\n"
        ".globl _start\n"
        "_start:\n\t"
        "xor %ebp, %ebp\n\t"
        "mov %rsp, %rdi\n\t"
        "and $-16, %rsp\n\t"
        "call native_main\n\t"
        "hlt\n");
