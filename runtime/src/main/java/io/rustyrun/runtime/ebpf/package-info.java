/**
 * eBPF (extended BPF) programs assembled in Java, for the cgroup v2 device filter, e.g.
 *
 * <pre>{@code
 * Program allowAll = new Assembler().movImm32(Register.R0, 1).exit().assemble();
 * byte[] insns = allowAll.bytes(); // struct bpf_insn[], handed to bpf(BPF_PROG_LOAD)
 * }</pre>
 *
 * <p>Not the classic BPF of seccomp ({@code io.rustyrun.runtime.seccomp}): eBPF has eleven 64-bit
 * registers, 8-byte instructions and is checked by the kernel's verifier. Only the operations
 * the device filter needs exist here; the mnemonics are cilium/ebpf's, so a {@link
 * io.rustyrun.runtime.ebpf.Program#listing()} compares line by line with runc's golden tests.
 */
package io.rustyrun.runtime.ebpf;
