/*
 * The shortest decimal digits that read back as a given binary64 (json-v1's "other numbers", RFC 8785 section
 * 3.2.2.3), for decimals of more than 15 significant digits. Method: the C library's correctly rounded conversions
 * (C99 7.20.1.3 strtod, 7.19.6.1 %e): for k = 1..17 digits, the nearest k-digit decimal (printf "%.*e") is the
 * answer when it reads back as the value; below a power of two the interval of decimals that read back is narrower
 * under the value than above it, so the k-digit decimal above the value is tried too (as in D. Gay, "Correctly
 * Rounded Binary-Decimal and Decimal-Binary Conversions", 1990, and Steele and White's shortest-digit criterion).
 * 17 digits always read back (IEEE 754-2008 section 5.12.2).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define BINARY64_DIGITS 17

/* Reads "d.ddde+XX" (k digits) into digits (k of them, no point) and returns the point position p (0.ddd x 10^p). */
static long split(const char *text, char *digits, int k) {
    int i, j;
    for (i = 0, j = 0; j < k; i++) {
        if (text[i] != '.') {
            digits[j++] = text[i];
        }
    }
    return strtol(strchr(text, 'e') + 1, NULL, 10) + 1;
}

/* Whether the k digits with point position p read back as x. */
static int reads_back(const char *digits, int k, long p, double x) {
    char text[BINARY64_DIGITS + 16];
    snprintf(text, sizeof text, "0.%.*se%ld", k, digits, p);
    return strtod(text, NULL) == (x < 0 ? -x : x);
}

/* Adds one unit in the last of k digits; returns the new point position (one more when 99..9 becomes 10..0). */
static long next_up(char *digits, int k, long p) {
    int i = k - 1;
    for (; i >= 0 && digits[i] == '9'; i--) {
        digits[i] = '0';
    }
    if (i >= 0) {
        digits[i]++;
        return p;
    }
    digits[0] = '1';
    return p + 1;
}

int biotdm_shortest_digits(const char *a, long n, long p, char *digits, long *out_n, long *out_p) {
    char text[DIGITS_TEXT_MAX];
    double x;
    int k;
    if (n > DIGITS_TEXT_MAX - 24) {
        return BIOTDM_ERR_ARGUMENT;
    }
    snprintf(text, sizeof text, "0.%.*se%ld", (int)n, a, p);
    x = strtod(text, NULL);
    if (!isfinite(x)) {
        return BIOTDM_ERR_ARGUMENT;
    }
    if (x == 0) {
        *out_n = 0; /* below half the smallest subnormal */
        *out_p = 0;
        return BIOTDM_OK;
    }
    for (k = 1; k <= BINARY64_DIGITS; k++) {
        char printed[BINARY64_DIGITS + 16];
        long q;
        snprintf(printed, sizeof printed, "%.*e", k - 1, x < 0 ? -x : x);
        if (printed[0] < '1' || printed[0] > '9' || strchr(printed, 'e') == NULL) {
            break; /* a printf without floating point (picolibc's integer variant prints *float*) */
        }
        q = split(printed, digits, k);
        if (!reads_back(digits, k, q, x)) {
            if (strtod(printed, NULL) > (x < 0 ? -x : x)) {
                continue;
            }
            q = next_up(digits, k, q);
            if (!reads_back(digits, k, q, x)) {
                continue;
            }
        }
        for (; k > 1 && digits[k - 1] == '0'; k--) {
        }
        *out_n = k;
        *out_p = q;
        return BIOTDM_OK;
    }
    return BIOTDM_ERR_UNSUPPORTED; /* a C library whose conversions are not correctly rounded */
}
