/*
 * The posix device's firmware updates (docs/ota.md, "On the device port"; protocol/firmware-manifest-v1.md): a
 * firmware-update command's manifest is checked (steps 1-6), the image is downloaded in HTTP Range chunks through the
 * streaming check (steps 7-8) into STATE_DIR/firmware.part, resuming at the first missing byte after a failed chunk
 * or, the stored prefix hashed again, after a reset (biotdm_posix_image.h), and "installed" by renaming it to
 * STATE_DIR/firmware.bin and storing the manifest in the firmware slot. Each state is reported to the gateway; after
 * the install the device sends its signed installation receipt, then completes the command. A refusal leaves the
 * installed firmware as it was and is reported FAILED with its catalogue code.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "biotdm/firmware.h"
#include "biotdm_posix_image.h"
#include "device.h"

/* Bytes per Range request: the answer (head and body) fits the program's 6 KB answer buffer. */
#define CHUNK_BYTES 4096
/* Failed chunks in a row before the download gives up (FIRMWARE_DOWNLOAD_FAILED); back-off 200 ms, doubling. */
#define CHUNK_ATTEMPTS 5
/* Bytes of the manifest object a command carries (the gateway refuses larger parameters long before). */
#define MANIFEST_JSON_MAX 1024

/** One update in progress: the command's parameters and where the image goes. */
typedef struct {
    const device_config *c;
    const biotdm_transport *t;
    char campaign[BIOTDM_DEVICE_ID_MAX + 1];
    char image[128];
    biotdm_manifest m;
} update;

/* POST /device/v1/firmware/progress; 0 when the gateway took it. */
static int report(const update *u, const char *state, const char *reason) {
    biotdm_buffer body = device_body();
    biotdm_sink sink = biotdm_buffer_sink(&body);
    biotdm_progress_body(u->campaign, state, reason, &sink);
    printf("FIRMWARE %s %s%s%s\n", u->campaign, state, reason == NULL ? "" : " ", reason == NULL ? "" : reason);
    return device_post(u->c, u->t, "/device/v1/firmware/progress", &body);
}

/* Reads the command's campaignId, image path and manifest (steps 1); the manifest status, or -1 when the
 * parameters are not those of a firmware-update command. */
static int read_parameters(update *u, const char *command) {
    static char manifest[MANIFEST_JSON_MAX];
    size_t len;
    const char *object = biotdm_json_object(command, "manifest", &len);
    if (biotdm_json_string(command, "campaignId", u->campaign, sizeof u->campaign) == NULL
            || biotdm_json_string(command, "image", u->image, sizeof u->image) == NULL
            || strncmp(u->image, "/device/v1/firmware/images/", 27) != 0) {
        return -1;
    }
    if (object == NULL || len >= sizeof manifest) {
        return BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID;
    }
    memcpy(manifest, object, len); /* the answer buffer is reused by the next request */
    return biotdm_manifest_parse(manifest, len, &u->m);
}

/* Fetches the chunk at c->received into fd, retrying with back-off; BIOTDM_OK, a step 7-8 code, or 1. */
static int next_chunk(const update *u, biotdm_image_check *check, int fd) {
    uint32_t last = check->received + CHUNK_BYTES - 1;
    biotdm_http_answer a;
    int attempt, rc = 1;
    if (last >= u->m.size) {
        last = u->m.size - 1;
    }
    for (attempt = 0; attempt < CHUNK_ATTEMPTS && rc == 1; attempt++) {
        if (attempt > 0) {
            device_sleep_ms(200 << (attempt - 1));
        }
        if (device_range(u->c, u->t, u->image, check->received, last, &a) != BIOTDM_OK
                || !(a.status == 206 || (a.status == 200 && check->received == 0)) || a.body_len == 0
                || a.body_len > last + 1 - check->received) {
            fprintf(stderr, "biotdm_device: image range %lu- failed\n", (unsigned long)check->received);
            continue;
        }
        if (u->c->tamper_image && check->received == 0) {
            ((char *)a.body)[0] ^= 0x01; /* the test's stand-in for an image changed on the way */
        }
        if (write(fd, a.body, a.body_len) != (ssize_t)a.body_len) {
            return 1;
        }
        rc = biotdm_image_update(check, a.body, a.body_len);
    }
    return rc;
}

/* Reports DOWNLOADING, then steps 7 and 8 while downloading into STATE_DIR/firmware.part, going on after the prefix
 * a reset left there; BIOTDM_OK, their code, or 1 (download failed). */
static int download(const update *u, const biotdm_storage *st, const char *part) {
    static biotdm_image_check check;
    int fd = biotdm_posix_image_open(st, part, &u->m, &check);
    int rc = fd < 0 || report(u, "DOWNLOADING", NULL) != 0 ? 1 : BIOTDM_OK;
    if (rc == BIOTDM_OK && check.received > 0) {
        printf("FIRMWARE %s resumed at %lu bytes\n", u->campaign, (unsigned long)check.received);
    }
    while (rc == BIOTDM_OK && check.received < u->m.size) {
        rc = next_chunk(u, &check, fd);
        if (u->c->reset_after_bytes > 0 && check.received >= u->c->reset_after_bytes) {
            printf("FIRMWARE %s reset at %lu bytes\n", u->campaign, (unsigned long)check.received);
            _exit(3); /* the test's stand-in for a reset: no close, no sync, nothing reported */
        }
    }
    if (rc == BIOTDM_OK) {
        rc = biotdm_image_finish(&check);
    }
    if (fd >= 0 && (fsync(fd) != 0 || close(fd) != 0) && rc == BIOTDM_OK) {
        rc = 1;
    }
    printf("FIRMWARE %s downloaded=%lu of %lu bytes\n", u->campaign, (unsigned long)check.received,
           (unsigned long)u->m.size);
    return rc;
}

/* Switches to the verified image and keeps its manifest, which makes the receipt after the "reboot". */
static int install(const update *u, const biotdm_storage *st, const char *part) {
    char path[256];
    snprintf(path, sizeof path, "%s/firmware.bin", u->c->state_dir);
    if (rename(part, path) != 0 || st->write(st->ctx, BIOTDM_SLOT_FIRMWARE, &u->m, sizeof u->m) != 0
            || biotdm_posix_image_end(st) != 0) {
        return 1;
    }
    printf("FIRMWARE %s INSTALLED version=%s sequence=%lu\n", u->campaign, u->m.version,
           (unsigned long)u->m.sequence);
    return 0;
}

/* POST /device/v1/firmware/receipt with the signed biotdm-firmware-receipt-v1 of the installed manifest. */
static int send_receipt(const update *u, const biotdm_key *key) {
    biotdm_buffer body = device_body();
    biotdm_sink sink = biotdm_buffer_sink(&body);
    if (biotdm_firmware_receipt_body(key, u->c->device_id, u->campaign, &u->m, &sink) != BIOTDM_OK) {
        return 1;
    }
    printf("FIRMWARE_RECEIPT %s\n", u->campaign);
    return device_post(u->c, u->t, "/device/v1/firmware/receipt", &body);
}

/* Steps 1-8 and the install; BIOTDM_OK once installed, a BIOTDM_ERR_FIRMWARE_* refusal, or 1 (download failed). */
static int run_update(update *u, const biotdm_storage *st, int parsed) {
    static biotdm_manifest installed;
    char part[256];
    int rc = parsed;
    const biotdm_firmware_key *keys = u->c->firmware_key.manufacturer == NULL ? NULL : &u->c->firmware_key;
    uint32_t sequence = st->read(st->ctx, BIOTDM_SLOT_FIRMWARE, &installed, sizeof installed)
            == (int)sizeof installed ? installed.sequence : 0;
    if (rc == BIOTDM_OK) {
        rc = biotdm_manifest_verify(&u->m, keys, keys == NULL ? 0 : 1, u->c->model == NULL ? "" : u->c->model,
                                    sequence);
    }
    if (rc != BIOTDM_OK) {
        return rc;
    }
    snprintf(part, sizeof part, "%s/firmware.part", u->c->state_dir);
    if ((rc = download(u, st, part)) != BIOTDM_OK) {
        unlink(part);
        biotdm_posix_image_end(st);
        return rc;
    }
    if (report(u, "DOWNLOADED", NULL) != 0 || report(u, "VERIFIED", NULL) != 0 || report(u, "UPDATING", NULL) != 0
            || install(u, st, part) != 0) {
        return 1;
    }
    return BIOTDM_OK;
}

int device_firmware_update(const device_config *c, const biotdm_storage *st, const biotdm_key *key,
                           const biotdm_transport *t, const device_command *command) {
    static update u;
    const char *code;
    char result[96];
    int rc;
    memset(&u, 0, sizeof u);
    u.c = c, u.t = t;
    if ((rc = read_parameters(&u, command->json)) == -1) {
        return device_complete(c, key, t, command, BIOTDM_REJECTED, "{\"reason\":\"INVALID_ARGUMENT\"}");
    }
    if (!(rc == BIOTDM_OK && biotdm_posix_image_resuming(st, &u.m)) && report(&u, "NOTIFIED", NULL) != 0) {
        return 1; /* a resumed download was reported DOWNLOADING before the reset */
    }
    rc = run_update(&u, st, rc);
    if (rc == BIOTDM_OK) {
        snprintf(result, sizeof result, "{\"version\":\"%s\"}", u.m.version); /* SemVer needs no escape */
        return send_receipt(&u, key) || device_complete(c, key, t, command, BIOTDM_SUCCEEDED, result);
    }
    code = rc == 1 ? "FIRMWARE_DOWNLOAD_FAILED" : biotdm_firmware_error_code(rc);
    printf("FIRMWARE %s REFUSED %s\n", u.campaign, code);
    snprintf(result, sizeof result, "{\"reason\":\"%s\"}", code);
    return report(&u, "FAILED", code) || device_complete(c, key, t, command, BIOTDM_FAILED, result);
}
