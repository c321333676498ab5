/**
 * The solo ordering service: broadcast admission, block cutting by count, size and timeout, block signatures and the
 * channel's genesis configuration block.
 */
package org.biotdm.devnet.orderer;
