/*
 * The POSIX platform: a BIoT-DM device as a Linux process. RNG from getrandom(2), storage as one owner-only file
 * per slot in a directory (replaced atomically by rename(2)), the wall clock, and reboot as re-executing the
 * process. The TLS transport (sockets + BearSSL mutual TLS with the device certificate and a pinned gateway
 * certificate) is in biotdm_posix_tls.h.
 */
#ifndef BIOTDM_POSIX_H
#define BIOTDM_POSIX_H

#include "biotdm_platform.h"

/** A biotdm_rng_fn over getrandom(2); ctx is unused. */
int biotdm_posix_rng(void *ctx, uint8_t *out, size_t len);

/** The state of a directory storage: the directory's path (at most 200 bytes). */
typedef struct {
    char dir[201];
} biotdm_posix_dir;

/**
 * Fills storage with the directory storage of dir (created owner-only when missing, at most 200 bytes of path).
 * Returns 0, or -1 when the path is too long or the directory cannot be created.
 */
int biotdm_posix_storage(biotdm_storage *storage, biotdm_posix_dir *dir, const char *path);

/** A biotdm_clock_fn: CLOCK_REALTIME in epoch milliseconds; ctx is unused. */
uint64_t biotdm_posix_clock(void *ctx);

/**
 * Reads a small text file (a PEM certificate, a claim token) into buf, NUL-terminated. Returns 0, or -1 when it
 * cannot be read or does not fit in cap - 1 bytes.
 */
int biotdm_posix_read_text(const char *path, char *buf, size_t cap);

#endif
