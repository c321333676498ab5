/**
 * Audit: the single chaincode event every write emits, and the history of any record key with actor and time.
 */
package org.biotdm.chaincode.audit;
