/**
 * Configuration pushed to devices, desired and reported (as AWS IoT shadows and Azure IoT Hub device twins keep
 * them; docs/configuration.md): an admin of the owner organisation sets a device's desired configuration, a JSON
 * object of at most 4096 bytes as canonical JSON ({@code protocol/json-v1.md}), whose version and SHA-256 go on the
 * ledger ({@code configuration:SetDesiredConfiguration}) and whose document stays in MariaDB; a reserved {@code
 * configuration} command carries it to the device on the ordinary command path; the device's signed {@code
 * biotdm-receipt-v1} receipt, verified here and again on-chain ({@code configuration:ReportConfiguration}), records
 * what it applied. The API shows desired, reported and drift per device and the fleet's drifting devices. A device
 * group's desired configuration is set member by member on that same path, and its state gathers its members'.
 */
package org.biotdm.gateway.configuration;
