/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Instruction fetch faults: jumping to an unmapped page, to a readable
 * but not executable page, and to a 4-byte instruction whose second half
 * lies on an unmapped (or non-executable) page must each raise SIGSEGV
 * with si_addr the first byte that cannot be fetched and si_code MAPERR
 * or ACCERR, as Linux reports them; the handler recovers with
 * siglongjmp. Addresses are printed relative to the test's own pages.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define PAGE 4096

static sigjmp_buf env;
static volatile uintptr_t fault_addr, fault_pc;
static volatile int fault_code;
static volatile int armed;

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    if (!armed) {
        static const char msg[] = "unexpected SIGSEGV\n";

        write(2, msg, sizeof(msg) - 1);
        _exit(3);
    }
    armed = 0;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    fault_pc = uc->uc_mcontext.__gregs[REG_PC];
    siglongjmp(env, 1);
}

static const char *code_name(int code)
{
    return code == SEGV_MAPERR ? "MAPERR" : code == SEGV_ACCERR ? "ACCERR"
                                                                : "other";
}

/* Call addr as a function returning a0; report a fault relative to base. */
static void try_call(const char *what, uintptr_t addr, uintptr_t base)
{
    long (*fn)(long) = (long (*)(long))addr;

    if (sigsetjmp(env, 1) == 0) {
        long r;

        armed = 1;
        r = fn(40);
        armed = 0;

        printf("%s: returned %ld\n", what, r);
    } else {
        printf("%s: SIGSEGV %s addr=base+%ld pc=base+%ld\n", what,
               code_name(fault_code), (long)(fault_addr - base),
               (long)(fault_pc - base));
    }
}

static void put16(uint8_t *p, uint16_t v)
{
    memcpy(p, &v, 2);
}

static void put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

enum {
    C_JR_RA = 0x8082,          /* c.jr ra */
    C_ADDI_A0_1 = 0x0505,      /* c.addi a0,1 */
    ADDI_A0_A0_2 = 0x00250513, /* addi a0,a0,2 */
};

int main(void)
{
    struct sigaction sa;
    uint8_t *p;
    uintptr_t base;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    /* Three pages: code page, then a page whose fate each case picks. */
    p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    base = (uintptr_t)p;

    /* 1. Unmapped. */
    munmap(p + 2 * PAGE, PAGE);
    try_call("unmapped", base + 2 * PAGE + 8, base);

    /* 2. Readable, not executable: valid code that must not run. */
    put16(p + PAGE, C_ADDI_A0_1);
    put16(p + PAGE + 2, C_JR_RA);
    mprotect(p + PAGE, PAGE, PROT_READ);
    try_call("read-only", base + PAGE, base);

    /* 3. Control: the same code executable runs. */
    mprotect(p + PAGE, PAGE, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)p + PAGE, (char *)p + PAGE + 4);
    try_call("executable", base + PAGE, base);

    /* 4. A 4-byte instruction 2 bytes before the end of page 0, whose
     *    second half is on page 1: first not executable, then unmapped. */
    mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE);
    put16(p + PAGE - 6, C_ADDI_A0_1);
    put16(p + PAGE - 4, C_ADDI_A0_1);
    put32(p + PAGE - 2, ADDI_A0_A0_2);
    mprotect(p, PAGE, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)p + PAGE - 6, (char *)p + PAGE);
    mprotect(p + PAGE, PAGE, PROT_READ);
    try_call("straddle into read-only", base + PAGE - 2, base);
    /* Entered two instructions earlier: they run, the fault is exact. */
    try_call("run into read-only", base + PAGE - 6, base);
    munmap(p + PAGE, PAGE);
    try_call("straddle into unmapped", base + PAGE - 2, base);

    /* 5. Control: the straddling instruction with both halves fetchable
     *    (page 1 mapped again holding its second half and c.jr ra). */
    if (mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
        perror("mmap fixed");
        return 1;
    }
    put16(p + PAGE, ADDI_A0_A0_2 >> 16);
    put16(p + PAGE + 2, C_JR_RA);
    mprotect(p + PAGE, PAGE, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)p + PAGE, (char *)p + PAGE + 4);
    try_call("straddle fetchable", base + PAGE - 6, base);

    /* 6. A fault leaves no stale translation behind: the address that
     *    faulted as unmapped in case 1 runs once code is mapped there. */
    munmap(p + 2 * PAGE, PAGE);
    if (mmap(p + 2 * PAGE, PAGE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
        perror("mmap fixed");
        return 1;
    }
    put16(p + 2 * PAGE + 8, C_JR_RA);
    mprotect(p + 2 * PAGE, PAGE, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)p + 2 * PAGE, (char *)p + 2 * PAGE + 16);
    try_call("mapped later", base + 2 * PAGE + 8, base);
    printf("done\n");
    return 0;
}
