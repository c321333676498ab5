/**
 * The route fuzzer: every operation of the gateway's OpenAPI document called with generated valid, boundary and
 * invalid requests as every role and anonymously, against a running gateway ({@link
 * org.biotdm.gateway.fuzz.RouteFuzzIT}). The parsers' own fuzz targets (Jazzer {@code @FuzzTest}) sit beside the
 * tests of their packages.
 */
package org.biotdm.gateway.fuzz;
