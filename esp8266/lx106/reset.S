/*
 * Reset stub for QEMU's xtensa "sim" machine with the lx106 CPU: picolibc's crt0 (_start) expects a stack, which
 * nothing sets on this machine, so the reset entry sets the stack pointer a1 and PS (user vector mode, interrupts
 * masked: the tests take none) before jumping to _start. QEMU starts at the first byte of system ROM whatever the
 * ELF entry says, and the literal pools come first there (see CMakeLists.txt), so that byte is a jump over them.
 */
    .section .text.biotdm_vector, "ax"
    .global biotdm_vector
biotdm_vector:
    j       biotdm_reset

    .section .text.biotdm_reset, "ax"
    .literal_position
    .literal .Lstack, __stack
    .literal .Lstart, _start
    .global biotdm_reset
    .align 4
biotdm_reset:
    l32r    a1, .Lstack
    movi    a2, 0x2f
    wsr     a2, ps
    rsync
    l32r    a2, .Lstart
    jx      a2
