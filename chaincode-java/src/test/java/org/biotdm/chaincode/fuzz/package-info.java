/**
 * Fuzz targets (Jazzer {@code @FuzzTest}) for what the chaincode reads from outside: every transaction function's JSON
 * argument. Verify replays the committed corpus beside it under {@code src/test/resources}; {@code scripts/fuzz} fuzzes.
 */
package org.biotdm.chaincode.fuzz;
