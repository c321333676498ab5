// The BIoT-DM sketch's commands (see biotdm_esp8266.ino, which the Arduino build puts before this file): signed
// receipts, firmware updates through the core's Update API, and pushed configuration.
static int complete(const biotdm_command_ids &c, biotdm_command_status status, const char *result) {
  biotdm_buffer body = new_body();
  biotdm_sink sink = biotdm_buffer_sink(&body);
  if (biotdm_command_receipt_body(&key, DEVICE_ID, &c, status, result, &sink) != BIOTDM_OK) return -1;
  return post((String("/device/v1/commands/") + c.id + "/receipt").c_str(), body);
}

static void progress(const char *campaign, const char *state, const char *reason) {
  biotdm_buffer body = new_body();
  biotdm_sink sink = biotdm_buffer_sink(&body);
  biotdm_progress_body(campaign, state, reason, &sink);
  post("/device/v1/firmware/progress", body);
}

// Downloads the image in Range chunks into the OTA partition through the streaming check; BIOTDM_OK when size and
// SHA-256 match, a step 7-8 code, or 1 when the download failed. Nothing is committed here.
static int download(const char *image, const biotdm_manifest &m) {
  static biotdm_image_check check;
  char range[40];
  int rc = BIOTDM_OK, failures = 0;
  biotdm_image_begin(&check, &m);
  while (rc == BIOTDM_OK && check.received < m.size && failures < 5) {
    uint32_t last = min(check.received + CHUNK_BYTES, m.size) - 1;
    snprintf(range, sizeof range, "bytes=%lu-%lu", (unsigned long)check.received, (unsigned long)last);
    int status = exchange("GET", image, nullptr, 0, range);
    if (status != 206 || answer_len == 0 || answer_len > last + 1 - check.received) {
      delay(200u << failures++);  // resumed at check.received, the first missing byte
      continue;
    }
    failures = 0;
    rc = biotdm_image_update(&check, answer, answer_len);
    if (rc == BIOTDM_OK && Update.write(reinterpret_cast<uint8_t *>(answer), answer_len) != answer_len) rc = 1;
  }
  return rc != BIOTDM_OK ? rc : check.received < m.size ? 1 : biotdm_image_finish(&check);
}

// Steps 1-6 against TRUSTED, DEVICE_MODEL and the installed sequence; then the download and, only when it verified,
// the commit (Update.end) and a reboot into the new image. Returns the refusal otherwise (nothing committed).
static int update(const biotdm_command_ids &c, const char *campaign, const char *image, const char *json, size_t len) {
  static pending_update p;
  static biotdm_manifest installed;
  uint32_t sequence_now = fs_read(nullptr, BIOTDM_SLOT_FIRMWARE, &installed, sizeof installed) == sizeof installed
                              ? installed.sequence
                              : 0;
  int rc = biotdm_manifest_parse(json, len, &p.manifest);
  if (rc == BIOTDM_OK) {
    rc = biotdm_manifest_verify(&p.manifest, TRUSTED, sizeof TRUSTED / sizeof TRUSTED[0], DEVICE_MODEL, sequence_now);
  }
  if (rc != BIOTDM_OK) return rc;
  if (!Update.begin(p.manifest.size)) return 1;  // no room for the image: FIRMWARE_DOWNLOAD_FAILED
  progress(campaign, "DOWNLOADING", nullptr);
  if ((rc = download(image, p.manifest)) != BIOTDM_OK) return rc;
  progress(campaign, "DOWNLOADED", nullptr);
  progress(campaign, "VERIFIED", nullptr);
  progress(campaign, "UPDATING", nullptr);
  p.command = c;
  strncpy(p.campaign, campaign, sizeof p.campaign - 1);
  if (file_write(PENDING_FILE, &p, sizeof p) != 0 || !Update.end()) return 1;
  Serial.printf("FIRMWARE %s installed, rebooting\n", p.manifest.version);
  ESP.restart();  // eboot copies the new image; setup() then sends the receipts
  return BIOTDM_OK;
}

// Runs a firmware-update command up to the reboot, or reports its refusal. A refusal after Update.begin restarts
// the chip without Update.end, so eboot keeps the running image and the partial one is dropped.
static void firmware_update(const biotdm_command_ids &c) {
  char campaign[BIOTDM_DEVICE_ID_MAX + 1], image[128], result[64];
  static char manifest[1024];
  size_t len = 0;
  const char *object = biotdm_json_object(answer, "manifest", &len);
  if (biotdm_json_string(answer, "campaignId", campaign, sizeof campaign) == nullptr
      || biotdm_json_string(answer, "image", image, sizeof image) == nullptr) {
    complete(c, BIOTDM_REJECTED, "{\"reason\":\"INVALID_ARGUMENT\"}");
    return;
  }
  if (object != nullptr && len < sizeof manifest) memcpy(manifest, object, len);  // `answer` is reused below
  progress(campaign, "NOTIFIED", nullptr);
  int rc = object == nullptr || len >= sizeof manifest ? BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID
                                                       : update(c, campaign, image, manifest, len);
  if (rc == BIOTDM_OK) return;  // not reached: update() reboots
  const char *code = rc == 1 ? "FIRMWARE_DOWNLOAD_FAILED" : biotdm_firmware_error_code(rc);
  Serial.printf("FIRMWARE refused: %s\n", code);
  progress(campaign, "FAILED", code);
  snprintf(result, sizeof result, "{\"reason\":\"%s\"}", code);
  complete(c, BIOTDM_FAILED, result);
  if (Update.isRunning()) ESP.restart();
}

// After the reboot into a new image: the signed installation receipt, the command's receipt, then the new manifest
// becomes the installed one. Kept pending (and sent again at the next boot) until the gateway took both.
static void confirm_update() {
  static pending_update p;
  static char result[96];
  if (file_read(PENDING_FILE, &p, sizeof p) != sizeof p) return;
  biotdm_buffer body = new_body();
  biotdm_sink sink = biotdm_buffer_sink(&body);
  snprintf(result, sizeof result, "{\"version\":\"%s\"}", p.manifest.version);
  if (biotdm_firmware_receipt_body(&key, DEVICE_ID, p.campaign, &p.manifest, &sink) != BIOTDM_OK
      || post("/device/v1/firmware/receipt", body) != 200 || complete(p.command, BIOTDM_SUCCEEDED, result) != 200
      || fs_write(nullptr, BIOTDM_SLOT_FIRMWARE, &p.manifest, sizeof p.manifest) != 0) {
    return;
  }
  LittleFS.remove(PENDING_FILE);
  Serial.printf("FIRMWARE %s confirmed\n", p.manifest.version);
}

// A configuration command (protocol/configuration-v1.md): the parameters' canonical JSON must hash to
// parametersSha256; it is stored in /configuration.json and reported with that hash as resultSha256 (applied as
// received: no drift), or refused FAILED with CONFIGURATION_INVALID. Reading it is the rest of the sketch's job.
static void configure(const biotdm_command_ids &c) {
  static uint8_t text[4096];
  biotdm_buffer canonical{text, sizeof text, 0, 0};
  biotdm_sink sink = biotdm_buffer_sink(&canonical);
  char sha[65] = "";
  size_t len = 0;
  const char *parameters = biotdm_json_object(answer, "parameters", &len);
  int rc = parameters == nullptr ? BIOTDM_ERR_ARGUMENT : biotdm_canonical_json(parameters, len, &sink);
  if (rc == BIOTDM_OK && !canonical.overflow) biotdm_sha256_hex(text, canonical.len, sha);
  if (rc != BIOTDM_OK || canonical.overflow || strcmp(sha, c.params_sha) != 0
      || file_write("/configuration.json", text, canonical.len) != 0) {
    complete(c, BIOTDM_FAILED, "{\"code\":\"CONFIGURATION_INVALID\",\"message\":\"not applied\"}");
    return;
  }
  biotdm_buffer body = new_body();
  biotdm_sink out = biotdm_buffer_sink(&body);
  if (biotdm_command_receipt_hash_body(&key, DEVICE_ID, &c, BIOTDM_SUCCEEDED, sha, &out) == BIOTDM_OK) {
    post((String("/device/v1/commands/") + c.id + "/receipt").c_str(), body);
  }
}

// Completes the pending commands, one per poll: firmware-update and configuration as above, any other SUCCEEDED.
static void poll_commands() {
  biotdm_command_ids c;
  for (int i = 0; i < 8 && exchange("GET", "/device/v1/commands?wait=0", nullptr, 0, nullptr) == 200; i++) {
    if (biotdm_first_command(answer, &c) != 1) return;
    if (strcmp(c.type, "firmware-update") == 0) {
      firmware_update(c);
    } else if (strcmp(c.type, "configuration") == 0) {
      configure(c);
    } else {
      complete(c, BIOTDM_SUCCEEDED, "{\"applied\":true}");
    }
  }
}

