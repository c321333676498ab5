/** Which devices a signed-in person may see and act on, mirroring the chaincode's grants and ownership rules. */
package org.biotdm.gateway.access;
