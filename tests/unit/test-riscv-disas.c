/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for cpu/riscv/disas.c. The expected strings of the first
 * table were produced once by `riscv64-linux-gnu-objdump -d -M no-aliases`
 * (binutils 2.40) from assembled and linked test sources, with
 * "addr <sym>" targets rewritten as 0xaddr and "# comments" dropped; the
 * test itself needs no objdump.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cpu/riscv/disas.h"

typedef struct DisasCase {
    uint64_t pc;
    uint32_t insn;
    unsigned len;
    const char *text;
} DisasCase;

/* Verified against objdump. */
static const DisasCase objdump_cases[] = {
    { 0x10400, 0x42058553, 4, "fcvt.d.s\tfa0,fa1" },
    { 0x10408, 0xd2058553, 4, "fcvt.d.w\tfa0,a1" },
    { 0x10410, 0xd005f553, 4, "fcvt.s.w\tfa0,a1" },
    { 0x10414, 0xc0059553, 4, "fcvt.w.s\ta0,fa1,rtz" },
    { 0x10418, 0xc005f553, 4, "fcvt.w.s\ta0,fa1" },
    { 0x1041c, 0x02c58553, 4, "fadd.d\tfa0,fa1,fa2,rne" },
    { 0x10420, 0x5a05f553, 4, "fsqrt.d\tfa0,fa1" },
    { 0x10424, 0x68c5c543, 4, "fmadd.s\tfa0,fa1,fa2,fa3,rmm" },
    { 0x10428, 0x0ff0000f, 4, "fence\tiorw,iorw" },
    { 0x1042c, 0x0310000f, 4, "fence\trw,w" },
    { 0x10430, 0x8330000f, 4, "fence.tso" },
    { 0x10434, 0x0000100f, 4, "fence.i" },
    { 0x1043c, 0x00302573, 4, "csrrs\ta0,fcsr,zero" },
    { 0x10440, 0x7c051073, 4, "csrrw\tzero,0x7c0,a0" },
    { 0x10444, 0x00215073, 4, "csrrwi\tzero,frm,2" },
    { 0x10448, 0x345fe573, 4, "csrrsi\ta0,0x345,31" },
    { 0x1044c, 0xc0002573, 4, "csrrs\ta0,cycle,zero" },
    { 0x10450, 0xfffff537, 4, "lui\ta0,0xfffff" },
    { 0x10454, 0x00000517, 4, "auipc\ta0,0x0" },
    { 0x10458, 0x03f51513, 4, "slli\ta0,a0,0x3f" },
    { 0x1045c, 0x01f5151b, 4, "slliw\ta0,a0,0x1f" },
    { 0x10460, 0x40355513, 4, "srai\ta0,a0,0x3" },
    { 0x10464, 0x06b6252f, 4, "amoadd.w.aqrl\ta0,a1,(a2)" },
    { 0x10468, 0x1405b52f, 4, "lr.d.aq\ta0,(a1)" },
    { 0x1046c, 0x1ab6252f, 4, "sc.w.rl\ta0,a1,(a2)" },
    { 0x10470, 0x08b6352f, 4, "amoswap.d\ta0,a1,(a2)" },
    { 0x10474, 0x0805c53b, 4, "zext.h\ta0,a1" },
    { 0x10478, 0x6b85d513, 4, "rev8\ta0,a1" },
    { 0x1047c, 0x2875d513, 4, "orc.b\ta0,a1" },
    { 0x10480, 0x6075d513, 4, "rori\ta0,a1,0x7" },
    { 0x10484, 0x6075d51b, 4, "roriw\ta0,a1,0x7" },
    { 0x10488, 0x0835951b, 4, "slli.uw\ta0,a1,0x3" },
    { 0x1048c, 0x4a15d513, 4, "bexti\ta0,a1,0x21" },
    { 0x10490, 0x10200073, 4, "sret" },
    { 0x10494, 0x30200073, 4, "mret" },
    { 0x10498, 0x10500073, 4, "wfi" },
    { 0x1049c, 0x12b50073, 4, "sfence.vma\ta0,a1" },
    { 0x104a0, 0x12000073, 4, "sfence.vma\tzero,zero" },
    { 0x104a4, 0x00000073, 4, "ecall" },
    { 0x104a8, 0x00100073, 4, "ebreak" },
    { 0x104ac, 0xf55ff0ef, 4, "jal\tra,0x10400" },
    { 0x104b0, 0x00008067, 4, "jalr\tzero,0(ra)" },
    { 0x104b4, 0xff8500e7, 4, "jalr\tra,-8(a0)" },
    { 0x104b8, 0xf40504e3, 4, "beq\ta0,zero,0x10400" },
    { 0x104bc, 0xfe113c23, 4, "sd\tra,-8(sp)" },
    { 0x104c0, 0x00a13427, 4, "fsd\tfa0,8(sp)" },
    { 0x104c4, 0xffc5a507, 4, "flw\tfa0,-4(a1)" },
    { 0x104c8, 0x0808, 2, "c.addi4spn\ta0,sp,16" },
    { 0x104ca, 0x2588, 2, "c.fld\tfa0,8(a1)" },
    { 0x104cc, 0x41c8, 2, "c.lw\ta0,4(a1)" },
    { 0x104ce, 0x6588, 2, "c.ld\ta0,8(a1)" },
    { 0x104d0, 0xa588, 2, "c.fsd\tfa0,8(a1)" },
    { 0x104d2, 0xc1c8, 2, "c.sw\ta0,4(a1)" },
    { 0x104d4, 0xe588, 2, "c.sd\ta0,8(a1)" },
    { 0x104d6, 0x0001, 2, "c.addi\tzero,0" },
    { 0x104d8, 0x157d, 2, "c.addi\ta0,-1" },
    { 0x104da, 0x2505, 2, "c.addiw\ta0,1" },
    { 0x104dc, 0x5501, 2, "c.li\ta0,-32" },
    { 0x104de, 0x713d, 2, "c.addi16sp\tsp,-32" },
    { 0x104e0, 0x757d, 2, "c.lui\ta0,0xfffff" },
    { 0x104e2, 0x6505, 2, "c.lui\ta0,0x1" },
    { 0x104e4, 0x8105, 2, "c.srli\ta0,0x1" },
    { 0x104e6, 0x957d, 2, "c.srai\ta0,0x3f" },
    { 0x104e8, 0x9941, 2, "c.andi\ta0,-16" },
    { 0x104ea, 0x8d0d, 2, "c.sub\ta0,a1" },
    { 0x104ec, 0x8d2d, 2, "c.xor\ta0,a1" },
    { 0x104ee, 0x8d4d, 2, "c.or\ta0,a1" },
    { 0x104f0, 0x8d6d, 2, "c.and\ta0,a1" },
    { 0x104f2, 0x9d0d, 2, "c.subw\ta0,a1" },
    { 0x104f4, 0x9d2d, 2, "c.addw\ta0,a1" },
    { 0x104f6, 0xb729, 2, "c.j\t0x10400" },
    { 0x104f8, 0xd501, 2, "c.beqz\ta0,0x10400" },
    { 0x104fa, 0xf119, 2, "c.bnez\ta0,0x10400" },
    { 0x104fc, 0x050e, 2, "c.slli\ta0,0x3" },
    { 0x104fe, 0x2522, 2, "c.fldsp\tfa0,8(sp)" },
    { 0x10500, 0x4512, 2, "c.lwsp\ta0,4(sp)" },
    { 0x10502, 0x6522, 2, "c.ldsp\ta0,8(sp)" },
    { 0x10504, 0x8082, 2, "c.jr\tra" },
    { 0x10506, 0x852e, 2, "c.mv\ta0,a1" },
    { 0x10508, 0x9002, 2, "c.ebreak" },
    { 0x1050a, 0x9502, 2, "c.jalr\ta0" },
    { 0x1050c, 0x952e, 2, "c.add\ta0,a1" },
    { 0x1050e, 0xa42a, 2, "c.fsdsp\tfa0,8(sp)" },
    { 0x10510, 0xc22a, 2, "c.swsp\ta0,4(sp)" },
    { 0x10512, 0xe42a, 2, "c.sdsp\ta0,8(sp)" },
    { 0x20400, 0x20c5a533, 4, "sh1add\ta0,a1,a2" },
    { 0x20404, 0x20c5c533, 4, "sh2add\ta0,a1,a2" },
    { 0x20408, 0x20c5e533, 4, "sh3add\ta0,a1,a2" },
    { 0x2040c, 0x08c5853b, 4, "add.uw\ta0,a1,a2" },
    { 0x20410, 0x20c5a53b, 4, "sh1add.uw\ta0,a1,a2" },
    { 0x20414, 0x20c5c53b, 4, "sh2add.uw\ta0,a1,a2" },
    { 0x20418, 0x20c5e53b, 4, "sh3add.uw\ta0,a1,a2" },
    { 0x2041c, 0x0bf5951b, 4, "slli.uw\ta0,a1,0x3f" },
    { 0x20420, 0x40c5f533, 4, "andn\ta0,a1,a2" },
    { 0x20424, 0x40c5e533, 4, "orn\ta0,a1,a2" },
    { 0x20428, 0x40c5c533, 4, "xnor\ta0,a1,a2" },
    { 0x2042c, 0x60059513, 4, "clz\ta0,a1" },
    { 0x20430, 0x60159513, 4, "ctz\ta0,a1" },
    { 0x20434, 0x60259513, 4, "cpop\ta0,a1" },
    { 0x20438, 0x60459513, 4, "sext.b\ta0,a1" },
    { 0x2043c, 0x60559513, 4, "sext.h\ta0,a1" },
    { 0x20440, 0x6005951b, 4, "clzw\ta0,a1" },
    { 0x20444, 0x6015951b, 4, "ctzw\ta0,a1" },
    { 0x20448, 0x6025951b, 4, "cpopw\ta0,a1" },
    { 0x2044c, 0x0ac5e533, 4, "max\ta0,a1,a2" },
    { 0x20450, 0x0ac5f533, 4, "maxu\ta0,a1,a2" },
    { 0x20454, 0x0ac5c533, 4, "min\ta0,a1,a2" },
    { 0x20458, 0x0ac5d533, 4, "minu\ta0,a1,a2" },
    { 0x20460, 0x60c59533, 4, "rol\ta0,a1,a2" },
    { 0x20464, 0x60c5d533, 4, "ror\ta0,a1,a2" },
    { 0x20468, 0x60c5953b, 4, "rolw\ta0,a1,a2" },
    { 0x2046c, 0x60c5d53b, 4, "rorw\ta0,a1,a2" },
    { 0x20470, 0x63f5d513, 4, "rori\ta0,a1,0x3f" },
    { 0x20474, 0x61f5d51b, 4, "roriw\ta0,a1,0x1f" },
    { 0x20480, 0x48c59533, 4, "bclr\ta0,a1,a2" },
    { 0x20484, 0x48c5d533, 4, "bext\ta0,a1,a2" },
    { 0x20488, 0x68c59533, 4, "binv\ta0,a1,a2" },
    { 0x2048c, 0x28c59533, 4, "bset\ta0,a1,a2" },
    { 0x20490, 0x4bf59513, 4, "bclri\ta0,a1,0x3f" },
    { 0x20494, 0x4805d513, 4, "bexti\ta0,a1,0x0" },
    { 0x20498, 0x68559513, 4, "binvi\ta0,a1,0x5" },
    { 0x2049c, 0x2a059513, 4, "bseti\ta0,a1,0x20" },
    { 0x204a0, 0x6ac5f54b, 4, "fnmsub.d\tfa0,fa1,fa2,fa3" },
    { 0x204a4, 0x68c5a54f, 4, "fnmadd.s\tfa0,fa1,fa2,fa3,rdn" },
    { 0x204a8, 0x1a20f047, 4, "fmsub.d\tft0,ft1,ft2,ft3" },
    { 0x204ac, 0x22c5a553, 4, "fsgnjx.d\tfa0,fa1,fa2" },
    { 0x204b0, 0x28c58553, 4, "fmin.s\tfa0,fa1,fa2" },
    { 0x204b4, 0x2ac59553, 4, "fmax.d\tfa0,fa1,fa2" },
    { 0x204b8, 0xe2059553, 4, "fclass.d\ta0,fa1" },
    { 0x204bc, 0xe0059553, 4, "fclass.s\ta0,fa1" },
    { 0x204c0, 0xc2359553, 4, "fcvt.lu.d\ta0,fa1,rtz" },
    { 0x204c4, 0xd035f553, 4, "fcvt.s.lu\tfa0,a1" },
    { 0x204c8, 0xd225f553, 4, "fcvt.d.l\tfa0,a1" },
    { 0x204cc, 0x4015f553, 4, "fcvt.s.d\tfa0,fa1" },
    { 0x204d0, 0xe0058553, 4, "fmv.x.w\ta0,fa1" },
    { 0x204d4, 0xf0058553, 4, "fmv.w.x\tfa0,a1" },
    { 0x204d8, 0xe2058553, 4, "fmv.x.d\ta0,fa1" },
    { 0x204dc, 0xf2058553, 4, "fmv.d.x\tfa0,a1" },
    { 0x204e0, 0xa2c59553, 4, "flt.d\ta0,fa1,fa2" },
    { 0x204e4, 0xa0c58553, 4, "fle.s\ta0,fa1,fa2" },
    { 0x204e8, 0xa2c5a553, 4, "feq.d\ta0,fa1,fa2" },
    { 0x204ec, 0x02c5a533, 4, "mulhsu\ta0,a1,a2" },
    { 0x204f0, 0x02c5f53b, 4, "remuw\ta0,a1,a2" },
    { 0x204f4, 0x02c5d53b, 4, "divuw\ta0,a1,a2" },
    { 0x204f8, 0xe4b6352f, 4, "amomaxu.d.aq\ta0,a1,(a2)" },
    { 0x204fc, 0xc2b6252f, 4, "amominu.w.rl\ta0,a1,(a2)" },
    { 0x20500, 0x40b6352f, 4, "amoor.d\ta0,a1,(a2)" },
    { 0x20504, 0x1005b573, 4, "csrrc\ta0,sstatus,a1" },
    { 0x20508, 0x1800f573, 4, "csrrci\ta0,satp,1" },
    { 0x2050c, 0xc0159573, 4, "csrrw\ta0,time,a1" },
    { 0x20510, 0x8005e503, 4, "lwu\ta0,-2048(a1)" },
    { 0x20514, 0x7ea58fa3, 4, "sb\ta0,2047(a1)" },
    { 0x20518, 0xfff5b513, 4, "sltiu\ta0,a1,-1" },
    { 0x2051c, 0x40c5d53b, 4, "sraw\ta0,a1,a2" },
    { 0x20520, 0x41f5d51b, 4, "sraiw\ta0,a1,0x1f" },
    { 0x20524, 0x7eb57fe3, 4, "bgeu\ta0,a1,0x21522" },
    { 0x20528, 0x80b54063, 4, "blt\ta0,a1,0x1f528" },
    { 0x2052c, 0x7ffff06f, 4, "jal\tzero,0x12052a" },
    { 0x20530, 0x6000, 2, "c.ld\ts0,0(s0)" },
    { 0x20532, 0x9c01, 2, "c.subw\ts0,s0" },
};

/* Encodings objdump shows only as data; our own conventions. */
static const DisasCase own_cases[] = {
    /* The all-zero halfword is the defined illegal instruction. */
    { 0x1000, 0x0000, 2, ".short\t0x0000" },
    /* Reserved: C.ADDI16SP with imm 0, C.LUI with imm 0, C.JR x0. */
    { 0x1000, 0x6101, 2, ".short\t0x6101" },
    { 0x1000, 0x6501, 2, ".short\t0x6501" },
    { 0x1000, 0x8002, 2, ".short\t0x8002" },
    /* Reserved CA form (funct6 100111, funct2 10). */
    { 0x1000, 0x9c41, 2, ".short\t0x9c41" },
    /* C.LWSP/C.LDSP with rd = x0, C.ADDIW with rd = x0. */
    { 0x1000, 0x4002, 2, ".short\t0x4002" },
    { 0x1000, 0x6002, 2, ".short\t0x6002" },
    { 0x1000, 0x2005, 2, ".short\t0x2005" },
    { 0x1000, 0xffffffff, 4, ".word\t0xffffffff" },
    { 0x1000, 0x0000007f, 4, ".word\t0x0000007f" },
    /* Reserved rounding mode 5 on fadd.d. */
    { 0x1000, 0x02c5d553, 4, ".word\t0x02c5d553" },
    /* Exact conversion with a non-zero rm: shown, unlike objdump. */
    { 0x1000, 0xd205b553, 4, "fcvt.d.w\tfa0,a1,rup" },
    /* Branch backwards across zero and a far jump. */
    { 0x10, 0xfe0008e3, 4, "beq\tzero,zero,0x0" },
    { 0xfffffffffffff000ull, 0x0010006f, 4, "jal\tzero,0xfffffffffffff800" },
};

static void check_cases(const DisasCase *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t bytes[4];
        char buf[96];
        size_t len;

        for (unsigned b = 0; b < 4; b++) {
            bytes[b] = (uint8_t)(cases[i].insn >> (8 * b));
        }
        len = riscv_disas_insn(cases[i].pc, bytes, cases[i].len, buf,
                               sizeof(buf));
        if (len != cases[i].len || strcmp(buf, cases[i].text)) {
            print_error("0x%08x at 0x%llx: got \"%s\" (%zu bytes), want "
                        "\"%s\" (%u bytes)\n", cases[i].insn,
                        (unsigned long long)cases[i].pc, buf, len,
                        cases[i].text, cases[i].len);
            fail();
        }
    }
}

static void test_objdump_strings(void **state)
{
    check_cases(objdump_cases,
                sizeof(objdump_cases) / sizeof(objdump_cases[0]));
}

static void test_own_strings(void **state)
{
    check_cases(own_cases, sizeof(own_cases) / sizeof(own_cases[0]));
}

static void test_short_buffers(void **state)
{
    const uint8_t sd[4] = { 0x23, 0x3c, 0x11, 0xfe };   /* sd ra,-8(sp) */
    char buf[8];

    /* Too few bytes for the instruction: length 0 and a note. */
    assert_int_equal(riscv_disas_insn(0, sd, 2, buf, sizeof(buf)), 0);
    assert_int_equal(riscv_disas_insn(0, sd, 1, buf, sizeof(buf)), 0);
    assert_int_equal(riscv_disas_insn(0, sd, 0, buf, sizeof(buf)), 0);
    /* A small text buffer truncates but stays terminated. */
    assert_int_equal(riscv_disas_insn(0, sd, 4, buf, sizeof(buf)), 4);
    assert_string_equal(buf, "sd\tra,-");
    assert_int_equal(riscv_disas_insn(0, sd, 4, buf, 1), 4);
    assert_string_equal(buf, "");
    assert_int_equal(riscv_disas_insn(0, sd, 4, NULL, 0), 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_objdump_strings),
        cmocka_unit_test(test_own_strings),
        cmocka_unit_test(test_short_buffers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
