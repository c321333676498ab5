/**
 * Commands: operators issue them through the chaincode (which checks their grant), devices fetch them by long poll on
 * the device port (delivery recorded on-chain) and complete them with a receipt signed by the device key (verified by
 * the gateway and again by the chaincode). MariaDB mirrors the ledger's command records and keeps the parameters and
 * results the ledger only holds as SHA-256 hashes.
 */
package org.biotdm.gateway.command;
