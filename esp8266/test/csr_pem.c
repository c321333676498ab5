/* Prints the provisioning CSR of test key device-1 for the device ID in argv[1], for openssl req -verify. */
#include <stdio.h>

#include "harness.h"

int main(int argc, char **argv) {
    char pem[BIOTDM_CSR_PEM_MAX];
    biotdm_key key;
    if (argc != 2 || harness_key("device-1", &key) != 0 || biotdm_csr_pem(&key, argv[1], pem, sizeof pem) < 0) {
        fprintf(stderr, "usage: biotdm_csr_pem <device-id>\n");
        return 2;
    }
    fputs(pem, stdout);
    return 0;
}
