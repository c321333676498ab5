/*
 * What a device sends to and reads from the gateway's device port, shared by every platform (the posix device and
 * the Arduino sketch): bounded readers of the gateway's flat JSON answers, and the JSON bodies of a command receipt
 * (protocol/receipt-v1.md), a firmware progress report and a firmware installation receipt (docs/ota.md, "On the
 * device port"). Bodies go to a biotdm_sink; nothing is allocated.
 */
#ifndef BIOTDM_MESSAGES_H
#define BIOTDM_MESSAGES_H

#include "biotdm/biotdm.h"
#include "biotdm/firmware.h"

/**
 * Copies the first JSON string member named key found at or after json into out (cap bytes with the NUL),
 * unescaping \n, \r, \t, \", \\ and \/ (the gateway escapes nothing else in PEM text and identifiers). Returns a
 * pointer just past the value in json, or NULL when the member is missing, is not a string, uses another escape or
 * does not fit.
 */
const char *biotdm_json_string(const char *json, const char *key, char *out, size_t cap);

/**
 * Finds the first member named key whose value is a JSON object, at or after json: returns a pointer to its '{'
 * and sets len to the object's length through its matching '}' (strings, escapes and nesting followed), or NULL
 * when there is none or it does not end.
 */
const char *biotdm_json_object(const char *json, const char *key, size_t *len);

/**
 * Writes the body of POST /device/v1/provision (protocol/provisioning.md): the device ID, the claim token and the
 * PEM CSR (biotdm_csr_pem). BIOTDM_ERR_ARGUMENT for a bad device ID, or a token or PEM holding a quote, a backslash
 * or a control character other than a line feed.
 */
int biotdm_provision_body(const char *device_id, const char *claim_token, const char *csr_pem,
                          const biotdm_sink *out);

/** A delivered command's identifiers, as GET /device/v1/commands gives them (each at most 64 characters). */
typedef struct {
    char id[BIOTDM_DEVICE_ID_MAX + 1];
    char type[BIOTDM_DEVICE_ID_MAX + 1];
    char params_sha[65];
} biotdm_command_ids;

/**
 * Reads the first command of a poll answer ({"commands":[{"commandId",…,"commandType",…,"parametersSha256",…}]}).
 * Returns 1 when there is one, 0 when the list is empty, -1 when its identifiers are missing or too long.
 */
int biotdm_first_command(const char *answer, biotdm_command_ids *command);

/**
 * Writes the body of POST /device/v1/commands/{id}/receipt: status, result (canonical JSON, protocol/json-v1.md,
 * written as given) and the device's signature over the biotdm-receipt-v1 text. Returns BIOTDM_OK, or the
 * biotdm_receipt_sign error (a bad identifier or hash, BIOTDM_ERR_CRYPTO).
 */
int biotdm_command_receipt_body(const biotdm_key *key, const char *device_id, const biotdm_command_ids *command,
                                biotdm_command_status status, const char *result, const biotdm_sink *out);

/**
 * As biotdm_command_receipt_body, with the result's SHA-256 (64 lower-case hex digits) sent as resultSha256 instead
 * of the result: what a configuration report sends (protocol/configuration-v1.md).
 */
int biotdm_command_receipt_hash_body(const biotdm_key *key, const char *device_id,
                                     const biotdm_command_ids *command, biotdm_command_status status,
                                     const char *result_sha256, const biotdm_sink *out);

/**
 * Writes the body of POST /device/v1/firmware/progress: {"campaignId","state"} and, for FAILED, "reason" (a
 * catalogue code). The campaign is an identifier (protocol/names.md), so nothing needs escaping.
 */
void biotdm_progress_body(const char *campaign, const char *state, const char *reason, const biotdm_sink *out);

/**
 * Writes the body of POST /device/v1/firmware/receipt: the campaign and the device's signature over the
 * biotdm-firmware-receipt-v1 text of the installed manifest. Returns BIOTDM_OK or the
 * biotdm_firmware_receipt_sign error.
 */
int biotdm_firmware_receipt_body(const biotdm_key *key, const char *device_id, const char *campaign,
                                 const biotdm_manifest *installed, const biotdm_sink *out);

#endif
