/**
 * {@code biotdm devices}: fleet onboarding for people. {@code devices import --csv FILE} registers the devices of a
 * CSV file through the gateway's {@code POST /api/v1/devices:batch}, with claim tokens generated here and written
 * owner-only for the factory before their hashes are sent, so a lost answer or a re-run registers nothing twice and
 * never reissues a token (see {@code docs/onboarding.md}).
 */
package org.biotdm.cli.devices;
