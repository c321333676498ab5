/* The test harness (harness.h) and the runner. */
#include <string.h>

#include <bearssl.h>

#include "harness.h"

int harness_failures;

void harness_check(int ok, const char *file, int line, const char *text, const char *name) {
    if (!ok) {
        harness_failures++;
        printf("FAIL %s:%d: %s%s%s\n", file, line, text, name == NULL ? "" : " in case ", name == NULL ? "" : name);
    }
}

#define TESTS(X) \
    X(test_keys) X(test_csr) X(test_names) X(test_telemetry) X(test_receipt) X(test_sequence) X(test_batch) \
        X(test_firmware) X(test_cluster) X(test_json) \
        X(test_messages)
#define DECLARE(t) void t(void);
TESTS(DECLARE)

int main(void) {
    int before;
#define RUN(t) before = harness_failures; t(); printf("%s %s\n", harness_failures == before ? "ok  " : "FAIL", #t);
    TESTS(RUN)
    printf("%s: %d failed expectation(s)\n", harness_failures == 0 ? "PASSED" : "FAILED", harness_failures);
    return harness_failures == 0 ? 0 : 1;
}
