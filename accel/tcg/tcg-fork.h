/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fork() from a multithreaded process: only the forking thread exists in
 * the child, so a lock another thread held at that moment would stay
 * held there forever. Around fork the owner of the process (user mode)
 * calls tcg_fork_prepare() (takes every TCG lock, in lock order, so no
 * structure is half-updated), then tcg_fork_parent() in the parent or
 * tcg_fork_child() in the child (releases or re-initialises them).
 *
 * TCG lock order: x86_gen_lock -> tb_lock -> x86_index_lock ->
 * interp_call_lock. Callers that hold a lock of their own taken before
 * TCG's (user mode's mapping table lock) take it before
 * tcg_fork_prepare().
 */
#ifndef ACCEL_TCG_TCG_FORK_H
#define ACCEL_TCG_TCG_FORK_H

void tcg_fork_prepare(void);
void tcg_fork_parent(void);
void tcg_fork_child(void);

/* The per-module halves tcg-fork.c calls, in the order above. */
void tcg_exclusive_fork_prepare(void);
void tcg_exclusive_fork_parent(void);
void tcg_exclusive_fork_child(void);
void x86_gen_fork_prepare(void);
void x86_gen_fork_parent(void);
void x86_gen_fork_child(void);
void tb_cache_fork_prepare(void);
void tb_cache_fork_parent(void);
void tb_cache_fork_child(void);
void x86_index_fork_prepare(void);
void x86_index_fork_parent(void);
void x86_index_fork_child(void);
void interp_gen_fork_prepare(void);
void interp_gen_fork_parent(void);
void interp_gen_fork_child(void);
/* Last in prepare, first in parent/child: copies the code buffer for the
 * child while the locks above are held (code-buffer.c). */
void tcg_code_buffer_fork_prepare(void);
void tcg_code_buffer_fork_parent(void);
void tcg_code_buffer_fork_child(void);

#endif
