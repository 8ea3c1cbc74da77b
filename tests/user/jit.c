/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A JIT-style page: write code, run it, rewrite it, run it again. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#ifdef __x86_64__
/* mov eax, imm32 ; ret (the x86-64 build of tests/user-x86_64) */
static void emit(uint32_t *p, int imm)
{
    uint8_t *b = (uint8_t *)p;

    b[0] = 0xb8;
    memcpy(b + 1, &imm, 4);
    b[5] = 0xc3;
    __builtin___clear_cache((char *)b, (char *)(b + 6));
}
#else
/* addi a0, zero, imm ; ret (jalr zero, 0(ra)) */
static void emit(uint32_t *p, int imm)
{
    p[0] = ((uint32_t)(imm & 0xfff) << 20) | (10 << 7) | 0x13;
    p[1] = 0x00008067;
    __builtin___clear_cache((char *)p, (char *)(p + 2));
}
#endif

int main(void)
{
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int (*fn)(void) = (int (*)(void))code;

    if (code == MAP_FAILED) {
        return 1;
    }
    emit(code, 42);
    printf("first=%d\n", fn());
    emit(code, 7);      /* same page, already translated */
    printf("second=%d\n", fn());
    return 0;
}
