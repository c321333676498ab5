/*
 * The figures' benchmark on lx106 under QEMU: instructions for one telemetry signature over a 100-reading batch
 * and for one receipt. QEMU runs with -icount, where CCOUNT follows the instruction count; a calibration loop of a
 * known instruction count gives the ratio. Prints "figure <name> <instructions>" lines for scripts/figures.sh.
 */
#include <stdio.h>
#include <string.h>

#include "biotdm/biotdm.h"

#define READINGS 100

static uint32_t ccount(void) {
    uint32_t c;
    __asm__ volatile("rsr %0, ccount" : "=r"(c));
    return c;
}

/* CCOUNT ticks of a loop of 2 * iterations instructions (addi, bnez), for the ratio to instructions. */
static uint32_t calibration_ticks(uint32_t iterations) {
    uint32_t start = ccount();
    __asm__ volatile("1: addi %0, %0, -1\n bnez %0, 1b" : "+r"(iterations));
    return ccount() - start;
}

/* Rows of the Suthaharan indoor mote data (protocol/vectors' readme example), cycled to 100 readings. */
static void fill(biotdm_reading *r) {
    static const char *const values[] = {"45.93", "27.97", "45.90", "27.95", "46.01", "27.92"};
    int i;
    for (i = 0; i < READINGS; i++) {
        biotdm_reading_set(&r[i], i % 2 ? "temperature" : "humidity", BIOTDM_NUMBER, values[i % 6],
                           i % 2 ? "C" : "%RH", 1, 1700000000000ULL + (uint64_t)i * 1000u);
    }
}

int main(void) {
    static biotdm_reading r[READINGS];
    static const uint8_t secret[32] = {0xc9, 0xaf, 0xa9, 0xd8, 0x45, 0xba, 0x75, 0x16, 0x6b, 0x5c, 0x21,
                                       0x57, 0x67, 0xb1, 0xd6, 0x93, 0x4e, 0x50, 0xc3, 0xdb, 0x36, 0xe8,
                                       0x9b, 0x12, 0x7b, 0x8a, 0x62, 0x2b, 0x12, 0x0f, 0x67, 0x21};
    char empty[65];
    biotdm_batch_header h = {"mote-1", 42, 1700000105000ULL};
    biotdm_receipt rc = {"cmd-8f3a2b", "mote-1", "set-interval", NULL, BIOTDM_SUCCEEDED, NULL};
    biotdm_key key;
    uint8_t sig[64];
    uint32_t t0, calibration = calibration_ticks(1000000);
    int status;
    biotdm_key_from_secret(&key, secret);
    fill(r);
    biotdm_sha256_hex("", 0, empty);
    rc.parameters_sha256 = empty, rc.result_sha256 = empty;
    t0 = ccount();
    status = biotdm_telemetry_sign(&key, &h, r, READINGS, sig);
    printf("figure telemetry_sign_100 %lu %lu %d\n", (unsigned long)(ccount() - t0), (unsigned long)calibration,
           status);
    t0 = ccount();
    status = biotdm_receipt_sign(&key, &rc, sig);
    printf("figure receipt_sign %lu %lu %d\n", (unsigned long)(ccount() - t0), (unsigned long)calibration, status);
    return 0;
}
