/*
 * The posix device's configuration (protocol/configuration-v1.md): a `configuration` command's parameters are the
 * desired document; the device checks that their canonical JSON (biotdm/json.h) hashes to parametersSha256,
 * "applies" the document by writing its canonical text to STATE_DIR/configuration.json (owner-only, replaced by
 * rename), and reports it with a signed receipt whose resultSha256 is that hash: applied as received, so no drift.
 * A document it cannot check is refused FAILED with {"code":"CONFIGURATION_INVALID","message":…}.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "biotdm/json.h"
#include "device.h"

/* Bytes of a desired document's canonical text (the gateway's limit, protocol/configuration-v1.md). */
#define CONFIGURATION_MAX 4096

/* Writes the canonical text to STATE_DIR/configuration.json through a temporary file; 0 or -1. */
static int apply(const device_config *c, const biotdm_buffer *canonical) {
    char path[256], tmp[260];
    int fd, ok;
    snprintf(path, sizeof path, "%s/configuration.json", c->state_dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
        return -1;
    }
    ok = write(fd, canonical->buf, canonical->len) == (ssize_t)canonical->len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    return ok && rename(tmp, path) == 0 ? 0 : -1;
}

/* Checks the parameters against their hash into canonical; NULL when applicable, else the refusal's message. */
static const char *check(const device_command *command, biotdm_buffer *canonical) {
    biotdm_sink sink = biotdm_buffer_sink(canonical);
    char sha[65];
    size_t len;
    const char *parameters = biotdm_json_object(command->json, "parameters", &len);
    int rc = parameters == NULL ? BIOTDM_ERR_ARGUMENT : biotdm_canonical_json(parameters, len, &sink);
    if (rc == BIOTDM_ERR_UNSUPPORTED) {
        return "a number needs more than 15 significant digits";
    }
    if (rc != BIOTDM_OK || canonical->overflow) {
        return "not a JSON object of at most 4096 bytes";
    }
    biotdm_sha256_hex(canonical->buf, canonical->len, sha);
    return strcmp(sha, command->ids.params_sha) == 0 ? NULL : "the parameters do not hash to parametersSha256";
}

int device_configuration(const device_config *c, const biotdm_key *key, const biotdm_transport *t,
                         const device_command *command) {
    static uint8_t text[CONFIGURATION_MAX];
    biotdm_buffer canonical = {text, sizeof text, 0, 0};
    biotdm_buffer body = device_body();
    biotdm_sink sink = biotdm_buffer_sink(&body);
    char path[128], sha[65], result[160];
    const char *refusal = check(command, &canonical);
    if (refusal == NULL && apply(c, &canonical) != 0) {
        refusal = "the configuration could not be stored";
    }
    if (refusal != NULL) {
        printf("CONFIGURATION %s REFUSED %s\n", command->ids.id, refusal);
        snprintf(result, sizeof result, "{\"code\":\"CONFIGURATION_INVALID\",\"message\":\"%s\"}", refusal);
        return device_complete(c, key, t, command, BIOTDM_FAILED, result);
    }
    biotdm_sha256_hex(canonical.buf, canonical.len, sha);
    printf("CONFIGURATION %s APPLIED %lu bytes sha256=%s\n", command->ids.id, (unsigned long)canonical.len, sha);
    if (biotdm_command_receipt_hash_body(key, c->device_id, &command->ids, BIOTDM_SUCCEEDED, sha, &sink)
            != BIOTDM_OK) {
        return 1;
    }
    snprintf(path, sizeof path, "/device/v1/commands/%s/receipt", command->ids.id);
    return device_post(c, t, path, &body);
}
