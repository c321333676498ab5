/*
 * What the lx106 test image needs besides picolibc, under qemu-system-xtensa -M sim -semihosting: console output
 * and exit through the simulator's simcall (the Xtensa ISS semihosting calls QEMU implements), and the libgcc
 * helpers that Debian's lx106 libgcc leaves out because the ESP8266 ROM supplies them (32-bit division, 64-bit
 * multiplication and division). Test-image code only: a firmware links the ROM's.
 */
#include <stdint.h>
#include <stdio.h>

#define SYS_EXIT 1
#define SYS_WRITE 4

static int simcall(int nr, int a, int b, int c) {
    register int a2 __asm__("a2") = nr;
    register int a3 __asm__("a3") = a;
    register int a4 __asm__("a4") = b;
    register int a5 __asm__("a5") = c;
    __asm__ volatile("simcall" : "+r"(a2), "+r"(a3) : "r"(a4), "r"(a5) : "memory");
    return a2;
}

static int sim_putc(char c, FILE *file) {
    (void)file;
    return simcall(SYS_WRITE, 1, (int)(uintptr_t)&c, 1) == 1 ? (unsigned char)c : EOF;
}

static FILE sim_console = FDEV_SETUP_STREAM(sim_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &sim_console;
FILE *const stderr = &sim_console;
FILE *const stdin = &sim_console;

void _exit(int status) {
    for (;;) {
        simcall(SYS_EXIT, status, 0, 0);
    }
}

int biotdm_image_main(void);
int main(void);

/* The image's main (the test runner's or the benchmark's, renamed), then exit with its status: picolibc's crt0 would loop instead. */
int main(void) {
    _exit(biotdm_image_main());
}

/* Shift-and-subtract division: the remainder in *rem. */
static uint64_t divide64(uint64_t n, uint64_t d, uint64_t *rem) {
    uint64_t q = 0;
    uint64_t r = 0;
    int i;
    for (i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= (uint64_t)1 << i;
        }
    }
    *rem = r;
    return q;
}

uint32_t __udivsi3(uint32_t n, uint32_t d);
uint32_t __umodsi3(uint32_t n, uint32_t d);
int32_t __divsi3(int32_t n, int32_t d);
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
uint64_t __umulsidi3(uint32_t a, uint32_t b);
int64_t __muldi3(int64_t a, int64_t b);

/* The 32-bit helpers through the 64-bit division: slower, but these are test-image stand-ins. */
uint32_t __udivsi3(uint32_t n, uint32_t d) {
    uint64_t r;
    return (uint32_t)divide64(n, d, &r);
}

uint32_t __umodsi3(uint32_t n, uint32_t d) {
    uint64_t r;
    divide64(n, d, &r);
    return (uint32_t)r;
}

int32_t __divsi3(int32_t n, int32_t d) {
    uint64_t r;
    uint32_t q = (uint32_t)divide64(n < 0 ? 0u - (uint32_t)n : (uint32_t)n, d < 0 ? 0u - (uint32_t)d : (uint32_t)d, &r);
    return (n < 0) != (d < 0) ? (int32_t)(0u - q) : (int32_t)q;
}

uint64_t __udivdi3(uint64_t n, uint64_t d) {
    uint64_t r;
    return divide64(n, d, &r);
}

uint64_t __umoddi3(uint64_t n, uint64_t d) {
    uint64_t r;
    divide64(n, d, &r);
    return r;
}

/* 32 x 32 -> 64 from 16-bit halves, since lx106 has only the low-word MULL. */
uint64_t __umulsidi3(uint32_t a, uint32_t b) {
    uint32_t al = a & 0xFFFF, ah = a >> 16, bl = b & 0xFFFF, bh = b >> 16;
    uint32_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint32_t mid = (ll >> 16) + (lh & 0xFFFF) + (hl & 0xFFFF);
    uint32_t lo = (ll & 0xFFFF) | (mid << 16);
    uint32_t hi = hh + (lh >> 16) + (hl >> 16) + (mid >> 16);
    return ((uint64_t)hi << 32) | lo;
}

int64_t __muldi3(int64_t a, int64_t b) {
    uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
    uint64_t low = __umulsidi3((uint32_t)ua, (uint32_t)ub);
    uint32_t cross = (uint32_t)ua * (uint32_t)(ub >> 32) + (uint32_t)(ua >> 32) * (uint32_t)ub;
    return (int64_t)(low + ((uint64_t)cross << 32));
}
