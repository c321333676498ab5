/** Reads the shared test vectors of {@code protocol/vectors}; shipped in the test-jar for the other modules' tests. */
package org.biotdm.protocol.vectors;
