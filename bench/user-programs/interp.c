/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A bytecode interpreter loop: a small stack VM (switch dispatch, operand
 * stack and registers in memory) running a loop of argv[1] iterations.
 * Indirect jumps on every instruction: the classic hard case for a
 * translator, which must look up the next block at each dispatch.
 */
#include "bench.h"

enum Op {
    OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_AND,
    OP_SHL, OP_SHR, OP_DUP, OP_JZ, OP_JNZ, OP_HALT,
};

/*
 * r0 counts down from the iteration count, r1 is the accumulator:
 *   do { acc = (acc * 31 + i) ^ (acc >> 7);
 *        if (i & 3) acc += acc << 5;
 *   } while (--i);
 */
static const int32_t program[] = {
    /* 0 loop: */
    OP_LOAD, 1, OP_PUSH, 31, OP_MUL, OP_LOAD, 0, OP_ADD,
    OP_LOAD, 1, OP_PUSH, 7, OP_SHR, OP_XOR, OP_STORE, 1,
    /* 16 */
    OP_LOAD, 0, OP_PUSH, 3, OP_AND, OP_JZ, 33,
    /* 23 */
    OP_LOAD, 1, OP_PUSH, 5, OP_SHL, OP_LOAD, 1, OP_ADD, OP_STORE, 1,
    /* 33 skip: */
    OP_LOAD, 0, OP_PUSH, 1, OP_SUB, OP_DUP, OP_STORE, 0, OP_JNZ, 0,
    OP_HALT,
};

static uint64_t vm_run(const int32_t *code, uint64_t *reg)
{
    uint64_t stack[64];
    int sp = 0;
    size_t pc = 0;

    for (;;) {
        int32_t op = code[pc++];
        switch (op) {
        case OP_PUSH:  stack[sp++] = (uint64_t)(int64_t)code[pc++]; break;
        case OP_LOAD:  stack[sp++] = reg[code[pc++]]; break;
        case OP_STORE: reg[code[pc++]] = stack[--sp]; break;
        case OP_ADD:   sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB:   sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL:   sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_XOR:   sp--; stack[sp - 1] ^= stack[sp]; break;
        case OP_AND:   sp--; stack[sp - 1] &= stack[sp]; break;
        case OP_SHL:   sp--; stack[sp - 1] <<= stack[sp] & 63; break;
        case OP_SHR:   sp--; stack[sp - 1] >>= stack[sp] & 63; break;
        case OP_DUP:   stack[sp] = stack[sp - 1]; sp++; break;
        case OP_JZ:    pc = stack[--sp] == 0 ? (size_t)code[pc] : pc + 1; break;
        case OP_JNZ:   pc = stack[--sp] != 0 ? (size_t)code[pc] : pc + 1; break;
        case OP_HALT:  return sp;
        default:
            fprintf(stderr, "interp: bad opcode %d at %zu\n", op, pc - 1);
            exit(1);
        }
    }
}

int main(int argc, char **argv)
{
    uint64_t iterations = bench_size(argc, argv, 10000000);
    int32_t code[sizeof(program) / sizeof(program[0])];
    uint64_t reg[4] = { iterations, 0x12345, 0, 0 };

    /* Copied so the compiler cannot specialise vm_run on a constant program. */
    for (size_t i = 0; i < sizeof(code) / sizeof(code[0]); i++) {
        code[i] = program[i];
    }
    if (vm_run(code, reg) != 0) {
        fprintf(stderr, "interp: stack not empty at HALT\n");
        return 1;
    }
    bench_checksum("interp", reg[1]);
    return 0;
}
