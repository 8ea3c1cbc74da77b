/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TCG's locks across fork() (see tcg-fork.h). */
#include "accel/tcg/tcg-fork.h"

void tcg_fork_prepare(void)
{
    tcg_exclusive_fork_prepare();
    x86_gen_fork_prepare();
    tb_cache_fork_prepare();
    x86_index_fork_prepare();
    interp_gen_fork_prepare();
    tcg_code_buffer_fork_prepare();     /* every lock held: a stable copy */
}

/* Release in the reverse order. */
void tcg_fork_parent(void)
{
    tcg_code_buffer_fork_parent();
    interp_gen_fork_parent();
    x86_index_fork_parent();
    tb_cache_fork_parent();
    x86_gen_fork_parent();
    tcg_exclusive_fork_parent();
}

void tcg_fork_child(void)
{
    tcg_code_buffer_fork_child();       /* before anything runs a TB */
    interp_gen_fork_child();
    x86_index_fork_child();
    tb_cache_fork_child();
    x86_gen_fork_child();
    tcg_exclusive_fork_child();
}
