/*
 * The platform interface of the BIoT-DM device core: what a board must supply. Two implementations: posix/ (a
 * device process on Linux) and esp8266/ (the Arduino ESP8266 core). The core itself uses only the RNG and storage;
 * transport, clock and reboot are for the device loop built on it.
 */
#ifndef BIOTDM_PLATFORM_H
#define BIOTDM_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

/** Fills out with len bytes from a cryptographic RNG (hardware RNG, /dev/urandom); returns 0, or -1 on failure. */
typedef int (*biotdm_rng_fn)(void *ctx, uint8_t *out, size_t len);

/** The records the core persists, one storage slot each. */
typedef enum {
    BIOTDM_SLOT_KEY = 0,      /* the device's P-256 private scalar (32 bytes): owner-only, never logged */
    BIOTDM_SLOT_SEQUENCE = 1, /* the reserved bound of the batch sequence number */
    BIOTDM_SLOT_BATCH = 2,    /* the pending batch of readings */
    BIOTDM_SLOT_CERT = 3,     /* the device certificate (DER) returned by provisioning */
    BIOTDM_SLOT_FIRMWARE = 4, /* the installed firmware's manifest (biotdm_manifest), which makes its receipt */
    BIOTDM_SLOT_DOWNLOAD = 5  /* the SHA-256 (64 hex digits) of the image whose prefix the download file holds */
} biotdm_slot;

/**
 * Persistent storage (EEPROM, LittleFS, files). read returns the bytes read into buf (at most len), 0 when the slot
 * is empty, -1 on failure; write replaces the slot atomically (a reset leaves the old or the new record) and
 * returns 0, or -1 on failure.
 */
typedef struct {
    int (*read)(void *ctx, biotdm_slot slot, void *buf, size_t len);
    int (*write)(void *ctx, biotdm_slot slot, const void *buf, size_t len);
    void *ctx;
} biotdm_storage;

/**
 * A byte stream to the gateway (TLS over TCP). write and read return the bytes moved (read may return fewer than
 * len), 0 at end of stream on read, -1 on failure; close ends the connection.
 */
typedef struct {
    int (*connect)(void *ctx, const char *host, uint16_t port);
    int (*write)(void *ctx, const uint8_t *buf, size_t len);
    int (*read)(void *ctx, uint8_t *buf, size_t len);
    void (*close)(void *ctx);
    void *ctx;
} biotdm_transport;

/** Wall-clock time, epoch milliseconds (SNTP on the board); 0 when the clock is not set yet. */
typedef uint64_t (*biotdm_clock_fn)(void *ctx);

/** Restarts the device (after a reboot command or a firmware update); does not return on a board. */
typedef void (*biotdm_reboot_fn)(void *ctx);

#endif
