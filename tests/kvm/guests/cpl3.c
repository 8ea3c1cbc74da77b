/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * CPL3 compute loop: build a GDT with ring-3 segments, a TSS, an IDT and
 * an identity map, enter IA-32e mode, drop to 64-bit ring 3 (IOPL 3) and
 * run `iterations=N` steps of a 32-bit LCG (x = x * 1664525 + 1013904223,
 * x0 = 1; N from the PVH command line, default 300000000), then come back
 * to ring 0 through a deliberate #UD (ud2) whose handler checks the CPL
 * it came from, prints the result and exits.
 *
 * Why this shape, on kvm_pvm (CPL0 emulated by KVM's instruction
 * emulator): user code runs natively only with IA-32e paging and 64-bit
 * code (legacy and PAE paging #GP on CR0.PG; 32-bit ring 3 code is
 * emulated, ~3 us per loop step); IRET and INT n are not emulated in
 * protected mode, hence SYSEXIT down and #UD up (`int $0x80` from ring 3
 * even raises #UD there). On hardware KVM the same code runs as is.
 */
#include "lib/guest.h"

#define KERNEL_CS 0x08   /* 32-bit, for compatibility mode */
#define KERNEL_DS 0x10
#define USER_CS (0x18 | 3)
#define USER_DS (0x20 | 3)
#define USER_CS64 (0x28 | 3) /* SYSEXIT with REX.W: SYSENTER_CS + 32 */
#define TSS_SEL 0x38     /* 16-byte descriptor in IA-32e mode */
#define KERNEL_CS64 0x48 /* where interrupts land: 64-bit */
#define MSR_SYSENTER_CS 0x174
#define MSR_EFER 0xc0000080
#define EFER_LME (1u << 8)

struct tss64 {
    uint32_t reserved0;
    uint64_t rsp0, rsp1, rsp2;
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3, iomap_base;
} __attribute__((packed));

struct idt64_entry {
    uint16_t off_lo, sel;
    uint8_t ist, flags;
    uint16_t off_mid;
    uint32_t off_hi, reserved;
} __attribute__((packed));

static uint64_t gdt[10];
static struct tss64 tss;
static struct idt64_entry idt[32];
/* Identity map of 4 GiB: PML4 -> PDPT -> 4 directories of 2 MiB pages. */
static uint64_t pml4[512] __attribute__((aligned(4096)));
static uint64_t pdpt[512] __attribute__((aligned(4096)));
static uint64_t page_dirs[4][512] __attribute__((aligned(4096)));
static uint8_t kernel_stack[4096] __attribute__((aligned(16)));
static uint8_t user_stack[4096] __attribute__((aligned(16)));
static uint32_t iterations;

void enter_user64(uint32_t iterations, void *stack) __attribute__((noreturn));
void ud_handler64(void);
void fault_handler64(void);
void syscall_entry(uint32_t result, uint32_t cs);

static uint64_t gdt_entry(uint32_t base, uint32_t limit, uint8_t access,
                          uint8_t flags)
{
    return (limit & 0xffff) | (uint64_t)(base & 0xffffff) << 16 |
           (uint64_t)access << 40 | (uint64_t)((limit >> 16) & 0xf) << 48 |
           (uint64_t)flags << 52 | (uint64_t)(base >> 24) << 56;
}

static void idt64_set(int vec, void (*handler)(void))
{
    uint32_t off = (uint32_t)(uintptr_t)handler;

    idt[vec] = (struct idt64_entry){
        .off_lo = off & 0xffff,
        .sel = KERNEL_CS64,
        .flags = 0x8e, /* present, DPL 0, 64-bit interrupt gate */
        .off_mid = off >> 16,
    };
}

void syscall_entry(uint32_t result, uint32_t cs)
{
    uart_puts("cpl3 result: ");
    uart_put_hex(result);
    uart_puts("\n");
    uart_puts("back in ring 0 from CPL ");
    uart_put_dec(cs & 3);
    uart_puts("\n");
    guest_check((cs & 3) == 3);
    guest_pass();
}

void guest_main(struct hvm_start_info *si)
{
    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) gdtr = { sizeof(gdt) - 1, (uint32_t)(uintptr_t)gdt },
      idtr = { sizeof(idt) - 1, (uint32_t)(uintptr_t)idt };
    uint32_t tss_base = (uint32_t)(uintptr_t)&tss;

    iterations = cmdline_get_uint(si, "iterations", 300000000);
    uart_puts("janus-kvm-test: cpl3\n");

    gdt[1] = gdt_entry(0, 0xfffff, 0x9a, 0xc); /* ring 0 code, 32-bit */
    gdt[2] = gdt_entry(0, 0xfffff, 0x92, 0xc); /* ring 0 data */
    gdt[3] = gdt_entry(0, 0xfffff, 0xfa, 0xc); /* ring 3 code, 32-bit */
    gdt[4] = gdt_entry(0, 0xfffff, 0xf2, 0xc); /* ring 3 data */
    gdt[5] = gdt_entry(0, 0xfffff, 0xfa, 0xa); /* ring 3 code, 64-bit */
    gdt[6] = gdt_entry(0, 0xfffff, 0xf2, 0xc); /* ring 3 data (SS + 40) */
    gdt[7] = gdt_entry(tss_base, sizeof(tss) - 1, 0x89, 0); /* 64-bit TSS */
    gdt[8] = 0;                                 /* TSS base 63:32 */
    gdt[9] = gdt_entry(0, 0xfffff, 0x9a, 0xa); /* ring 0 code, 64-bit */
    tss.rsp0 = (uint32_t)(uintptr_t)(kernel_stack + sizeof(kernel_stack));
    tss.iomap_base = sizeof(tss); /* no I/O bitmap: IOPL decides */

    for (int v = 0; v < 32; v++) {
        idt64_set(v, v == 6 ? ud_handler64 : fault_handler64);
    }
    for (uint32_t d = 0; d < 4; d++) {
        for (uint32_t i = 0; i < 512; i++) {
            page_dirs[d][i] = ((uint64_t)(d * 512 + i) << 21) | 0x87; /* P RW U PS */
        }
        pdpt[d] = (uint32_t)(uintptr_t)page_dirs[d] | 7;
    }
    pml4[0] = (uint32_t)(uintptr_t)pdpt | 7;

    /*
     * IA-32e paging: kvm_pvm runs ring 3 natively only with paging on and
     * refuses legacy and PAE paging (#GP on CR0.PG), as it hosts 64-bit
     * kernels only. The code stays 32-bit: compatibility mode.
     */
    __asm__ volatile("lgdt %0\n\t"
                     "ljmp %1, $1f\n"
                     "1:\n\t"
                     "mov %2, %%ds\n\t"
                     "mov %2, %%es\n\t"
                     "mov %2, %%ss\n\t"
                     "mov %3, %%fs\n\t"
                     "mov %3, %%gs\n\t"
                     "mov %%cr4, %%eax; or $0x20, %%eax; mov %%eax, %%cr4\n\t"
                     "mov %4, %%cr3\n\t"
                     "mov %5, %%ecx; rdmsr; or %6, %%eax; wrmsr\n\t"
                     "mov %%cr0, %%eax; or $0x80000000, %%eax; mov %%eax, %%cr0\n\t"
                     "ltr %w7\n\t"
                     "lidt %8"
                     : : "m"(gdtr), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(USER_DS),
                         "r"(pml4), "i"(MSR_EFER), "i"(EFER_LME), "r"(TSS_SEL),
                         "m"(idtr)
                     : "eax", "ecx", "edx", "memory");

    /* SYSEXIT derives ring 3 CS/SS from SYSENTER_CS: +16 and +24. */
    __asm__ volatile("wrmsr" : : "c"(MSR_SYSENTER_CS), "a"(KERNEL_CS), "d"(0));
    uart_puts("entering ring 3 for ");
    uart_put_dec(iterations);
    uart_puts(" iterations\n");
    /* Data segments for ring 3 before leaving (SYSEXIT sets CS/SS only). */
    __asm__ volatile("mov %0, %%ds; mov %0, %%es" : : "r"(USER_DS));
    enter_user64(iterations, user_stack + sizeof(user_stack));
}
