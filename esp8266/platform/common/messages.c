/* The device-port messages of biotdm_messages.h. */
#include <stdio.h>
#include <string.h>

#include "biotdm_messages.h"

static char unescape(char c) {
    switch (c) {
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case '"': case '\\': case '/': return c;
        default: return 0;
    }
}

const char *biotdm_json_string(const char *json, const char *key, char *out, size_t cap) {
    char pattern[80];
    const char *p;
    size_t n = 0;
    if (snprintf(pattern, sizeof pattern, "\"%s\":\"", key) >= (int)sizeof pattern
            || (p = strstr(json, pattern)) == NULL) {
        return NULL;
    }
    for (p += strlen(pattern); *p != '"'; p++) {
        char c = *p;
        if (c == '\0' || n + 1 >= cap || (c == '\\' && (c = unescape(*++p)) == 0)) {
            return NULL;
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return p + 1;
}

/* Returns a pointer past the JSON string starting at the quote s, or NULL when it does not end. */
static const char *skip_string(const char *s) {
    for (s++; *s != '"'; s++) {
        if (*s == '\0' || (*s == '\\' && *++s == '\0')) {
            return NULL;
        }
    }
    return s + 1;
}

const char *biotdm_json_object(const char *json, const char *key, size_t *len) {
    char pattern[80];
    const char *start, *p;
    int depth = 0;
    if (snprintf(pattern, sizeof pattern, "\"%s\":{", key) >= (int)sizeof pattern
            || (start = strstr(json, pattern)) == NULL) {
        return NULL;
    }
    start += strlen(pattern) - 1;
    for (p = start; p != NULL && *p != '\0';) {
        if (*p == '"') {
            p = skip_string(p);
            continue;
        }
        depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
        if (*p++ == '}' && depth == 0) {
            *len = (size_t)(p - start);
            return start;
        }
    }
    return NULL;
}

int biotdm_first_command(const char *answer, biotdm_command_ids *command) {
    const char *p = biotdm_json_string(answer, "commandId", command->id, sizeof command->id);
    if (p == NULL) {
        return strstr(answer, "\"commandId\"") == NULL ? 0 : -1;
    }
    return biotdm_json_string(p, "commandType", command->type, sizeof command->type) != NULL
                    && biotdm_json_string(p, "parametersSha256", command->params_sha, sizeof command->params_sha)
                           != NULL
            ? 1
            : -1;
}

static void put(const biotdm_sink *out, const char *s) {
    out->write(out->ctx, s, strlen(s));
}

/* Writes ,"signature":"<base64 of sig>"} */
static void put_signature(const uint8_t sig[64], const biotdm_sink *out) {
    char b64[89];
    biotdm_base64(sig, 64, b64, sizeof b64);
    put(out, ",\"signature\":\"");
    put(out, b64);
    put(out, "\"}");
}

/* Signs the receipt over result_sha and writes {"status", member (the result or its hash, as value), signature}. */
static int receipt_body(const biotdm_key *key, const char *device_id, const biotdm_command_ids *command,
                        biotdm_command_status status, const char *member, const char *value, const char *result_sha,
                        const biotdm_sink *out) {
    static const char *const STATUS[] = {"SUCCEEDED", "FAILED", "REJECTED"};
    biotdm_receipt r = {command->id, device_id, command->type, command->params_sha, status, result_sha};
    uint8_t sig[64];
    int rc;
    if ((rc = biotdm_receipt_sign(key, &r, sig)) != BIOTDM_OK) {
        return rc;
    }
    put(out, "{\"status\":\"");
    put(out, STATUS[status]);
    put(out, member);
    put(out, value);
    put_signature(sig, out);
    return BIOTDM_OK;
}

int biotdm_command_receipt_body(const biotdm_key *key, const char *device_id, const biotdm_command_ids *command,
                                biotdm_command_status status, const char *result, const biotdm_sink *out) {
    char result_sha[65];
    biotdm_sha256_hex(result, strlen(result), result_sha);
    return receipt_body(key, device_id, command, status, "\",\"result\":", result, result_sha, out);
}

int biotdm_command_receipt_hash_body(const biotdm_key *key, const char *device_id,
                                     const biotdm_command_ids *command, biotdm_command_status status,
                                     const char *result_sha256, const biotdm_sink *out) {
    char quoted[68] = "\"";
    strncat(quoted, result_sha256, 64);
    strcat(quoted, "\"");
    return receipt_body(key, device_id, command, status, "\",\"resultSha256\":", quoted, result_sha256, out);
}

void biotdm_progress_body(const char *campaign, const char *state, const char *reason, const biotdm_sink *out) {
    put(out, "{\"campaignId\":\"");
    put(out, campaign);
    put(out, "\",\"state\":\"");
    put(out, state);
    if (reason != NULL) {
        put(out, "\",\"reason\":\"");
        put(out, reason);
    }
    put(out, "\"}");
}

int biotdm_firmware_receipt_body(const biotdm_key *key, const char *device_id, const char *campaign,
                                 const biotdm_manifest *installed, const biotdm_sink *out) {
    uint8_t sig[64];
    int rc = biotdm_firmware_receipt_sign(key, device_id, installed, sig);
    if (rc != BIOTDM_OK) {
        return rc;
    }
    put(out, "{\"campaignId\":\"");
    put(out, campaign);
    put(out, "\"");
    put_signature(sig, out);
    return BIOTDM_OK;
}

/* Writes text as the inside of a JSON string: line feeds as \n; a quote, backslash or other control is refused (a
 * claim token and a PEM have none). */
static int put_json_text(const biotdm_sink *out, const char *text) {
    for (; *text != '\0'; text++) {
        if (*text == '\n') {
            put(out, "\\n");
        } else if (*text == '"' || *text == '\\' || (unsigned char)*text < 0x20) {
            return BIOTDM_ERR_ARGUMENT;
        } else {
            out->write(out->ctx, text, 1);
        }
    }
    return BIOTDM_OK;
}

int biotdm_provision_body(const char *device_id, const char *claim_token, const char *csr_pem,
                          const biotdm_sink *out) {
    if (biotdm_check_device_id(device_id) != BIOTDM_OK) {
        return BIOTDM_ERR_ARGUMENT;
    }
    put(out, "{\"deviceId\":\"");
    put(out, device_id);
    put(out, "\",\"claimToken\":\"");
    if (put_json_text(out, claim_token) != BIOTDM_OK) {
        return BIOTDM_ERR_ARGUMENT;
    }
    put(out, "\",\"csr\":\"");
    if (put_json_text(out, csr_pem) != BIOTDM_OK) {
        return BIOTDM_ERR_ARGUMENT;
    }
    put(out, "\"}");
    return BIOTDM_OK;
}
