/*
 * The figures' benchmark on lx106 under QEMU: instructions for one telemetry signature over a 100-reading batch,
 * for one receipt, for reading and verifying a signed firmware manifest, for hashing 64 KiB of image, for the
 * provisioning CSR and for the cluster member taking its head's reply. QEMU runs with -icount, where CCOUNT follows
 * the instruction count; a calibration loop of a known instruction count gives the ratio. Each call's stack is
 * measured by painting: the 8 KiB below the caller's stack pointer are filled with a pattern before the call, and
 * the lowest word changed after it gives the depth of the call's frames and of everything it called (lx106 uses
 * the call0 ABI: nothing else writes below the stack pointer). Prints "figure <name> <ticks> <calibration ticks>
 * <status> <stack bytes>" lines for scripts/figures.py.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "biotdm/biotdm.h"
#include "biotdm/cluster.h"
#include "biotdm/firmware.h"

#define READINGS 100
/* Words painted below the caller's stack pointer (8 KiB; the image's stack is 128 KiB). */
#define PAINT_WORDS 2048
#define PAINT 0xA5C3E10Fu

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

static inline __attribute__((always_inline)) uintptr_t stack_pointer(void) {
    uintptr_t sp;
    __asm__ volatile("mov %0, a1" : "=r"(sp));
    return sp;
}

/* Paints the words below top (the caller's stack pointer) down to PAINT_WORDS, except this function's own frame. */
static __attribute__((noinline)) void paint(uintptr_t top) {
    volatile uint32_t *p = (volatile uint32_t *)(top - PAINT_WORDS * 4);
    uintptr_t own = stack_pointer() - 64;
    while ((uintptr_t)p < own) {
        *p++ = PAINT;
    }
}

/* Bytes of stack used below top since paint(top): from the lowest word no longer holding the pattern. */
static uint32_t stack_used(uintptr_t top) {
    const volatile uint32_t *p = (const volatile uint32_t *)(top - PAINT_WORDS * 4);
    while (*p == PAINT) {
        p++;
    }
    return (uint32_t)(top - (uintptr_t)p);
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

static void report(const char *name, uint32_t ticks, uint32_t calibration, int status, uint32_t stack) {
    printf("figure %s %lu %lu %d %lu\n", name, (unsigned long)ticks, (unsigned long)calibration, status,
           (unsigned long)stack);
}

#define IMAGE_CHUNK 1024
static uint8_t image[64 * IMAGE_CHUNK]; /* the image: 64 KiB of zeros, checked in 1 KiB chunks */

/* A manifest of that image signed by key (standing in for a firmware-signing key), as JSON, as a firmware-update
 * command carries it. */
static int signed_manifest(const biotdm_key *key, char *json, size_t cap) {
    biotdm_manifest m;
    uint8_t text[400], hash[32], sig[72];
    char sig_b64[100];
    biotdm_buffer b = {text, sizeof text, 0, 0};
    biotdm_sink sink = biotdm_buffer_sink(&b);
    memset(&m, 0, sizeof m);
    strcpy(m.model, "Org1MSP/env-sensor");
    strcpy(m.version, "1.1.0");
    m.sequence = 5, m.size = sizeof image;
    biotdm_sha256_hex(image, sizeof image, m.sha256);
    biotdm_key_id(key->pub, m.key_id);
    biotdm_manifest_canonical(&m, &sink);
    {
        br_sha256_context sha;
        br_sha256_init(&sha);
        br_sha256_update(&sha, text, b.len);
        br_sha256_out(&sha, hash);
    }
    biotdm_sign_hash(key, hash, sig);
    /* DER, as the gateway's Java signers write it: the verification's deeper path (decoding to raw r||s first) */
    biotdm_base64(sig, br_ecdsa_raw_to_asn1(sig, 64), sig_b64, sizeof sig_b64);
    return snprintf(json, cap,
                    "{\"format\":\"biotdm-firmware-manifest-v1\",\"model\":\"%s\",\"version\":\"%s\","
                    "\"sequence\":%lu,\"size\":%lu,\"sha256\":\"%s\",\"keyId\":\"%s\",\"signature\":\"%s\"}",
                    m.model, m.version, (unsigned long)m.sequence, (unsigned long)m.size, m.sha256, m.key_id, sig_b64);
}

/* Reads and verifies the manifest (steps 1 to 6), then hashes a 64 KiB image in 1 KiB chunks (steps 7 and 8). */
static void firmware_figures(const biotdm_key *key, uint32_t calibration) {
    static char json[600];
    biotdm_firmware_key trusted;
    biotdm_manifest m;
    biotdm_image_check check;
    uint32_t t0, t1;
    uintptr_t top = stack_pointer();
    int status;
    int i;
    int len = signed_manifest(key, json, sizeof json);
    trusted.manufacturer = "Org1MSP";
    memcpy(trusted.pub, key->pub, sizeof trusted.pub);
    paint(top);
    t0 = ccount();
    status = biotdm_manifest_parse(json, (size_t)len, &m);
    if (status == BIOTDM_OK) {
        status = biotdm_manifest_verify(&m, &trusted, 1, "Org1MSP/env-sensor", 4);
    }
    t1 = ccount();
    report("manifest_verify", t1 - t0, calibration, status, stack_used(top));
    paint(top);
    t0 = ccount();
    biotdm_image_begin(&check, &m);
    for (i = 0; i < (int)sizeof image; i += IMAGE_CHUNK) {
        biotdm_image_update(&check, image + i, IMAGE_CHUNK);
    }
    status = biotdm_image_finish(&check);
    t1 = ccount();
    report("image_sha256_64k", t1 - t0, calibration, status, stack_used(top));
}

/* The head's reply to hello (what the Java SDK's ClusterHead sends), signed with key standing in for the head's. */
static int head_reply(const biotdm_key *key, const biotdm_cluster_exchange *e, const biotdm_key *head_ephemeral,
                      uint8_t *reply) {
    static const uint8_t ids[] = {7, 'd', '-', 'a', 'l', 'p', 'h', 'a', 6, 'd', '-', 'h', 'e', 'a', 'd'};
    uint8_t time[8], hash[32], role = 2;
    br_sha256_context sha;
    int i;
    for (i = 0; i < 8; i++) {
        time[i] = (uint8_t)(e->time >> (56 - 8 * i));
    }
    br_sha256_init(&sha);
    br_sha256_update(&sha, "biotdm-cluster-auth-v1", 23);
    br_sha256_update(&sha, ids, sizeof ids);
    br_sha256_update(&sha, time, 8);
    br_sha256_update(&sha, e->nonce, 16);
    br_sha256_update(&sha, e->ephemeral.pub, 65);
    br_sha256_update(&sha, head_ephemeral->pub, 65);
    br_sha256_update(&sha, &role, 1);
    br_sha256_out(&sha, hash);
    memcpy(reply, "biotdm-cluster-reply-v1", 24);
    memcpy(reply + 24, e->nonce, 16);
    memcpy(reply + 40, head_ephemeral->pub, 65);
    return biotdm_sign_hash(key, hash, reply + 105);
}

/* The member's side of the head's reply: sig_2 verified, ECDH, HKDF, the finish signed. */
static void cluster_figures(const biotdm_key *key, uint32_t calibration) {
    static const uint8_t nonce[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    static uint8_t hello[BIOTDM_CLUSTER_HELLO_MAX], reply[BIOTDM_CLUSTER_REPLY_LEN], finish[BIOTDM_CLUSTER_FINISH_MAX];
    static biotdm_cluster_exchange e;
    biotdm_key mine = *key, head = *key;
    uintptr_t top = stack_pointer();
    uint32_t t0, t1;
    int status;
    mine.secret[31] ^= 1, head.secret[31] ^= 2; /* two ephemeral keys, both below the group order */
    biotdm_key_from_secret(&mine, mine.secret);
    biotdm_key_from_secret(&head, head.secret);
    biotdm_cluster_hello(&e, "d-alpha", "d-head", 1765152000000ULL, nonce, &mine, hello, sizeof hello);
    head_reply(key, &e, &head, reply);
    paint(top);
    t0 = ccount();
    status = biotdm_cluster_reply(&e, key->pub, key, reply, sizeof reply, finish, sizeof finish);
    t1 = ccount();
    report("cluster_reply", t1 - t0, calibration, status < 0 ? status : 0, stack_used(top));
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
    static char pem[BIOTDM_CSR_PEM_MAX];
    uint8_t sig[64];
    uint32_t t0, t1, calibration = calibration_ticks(1000000);
    uintptr_t top = stack_pointer();
    int status;
    biotdm_key_from_secret(&key, secret);
    fill(r);
    biotdm_sha256_hex("", 0, empty);
    rc.parameters_sha256 = empty, rc.result_sha256 = empty;
    paint(top);
    t0 = ccount();
    status = biotdm_telemetry_sign(&key, &h, r, READINGS, sig);
    t1 = ccount();
    report("telemetry_sign_100", t1 - t0, calibration, status, stack_used(top));
    paint(top);
    t0 = ccount();
    status = biotdm_receipt_sign(&key, &rc, sig);
    t1 = ccount();
    report("receipt_sign", t1 - t0, calibration, status, stack_used(top));
    paint(top);
    t0 = ccount();
    status = biotdm_csr_pem(&key, "mote-1", pem, sizeof pem) > 0 ? BIOTDM_OK : BIOTDM_ERR_CRYPTO;
    t1 = ccount();
    report("csr_pem", t1 - t0, calibration, status, stack_used(top));
    firmware_figures(&key, calibration);
    cluster_figures(&key, calibration);
    return 0;
}
