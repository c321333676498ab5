/**
 * Access grants: an owner organisation's admin allows an identity, or every operator of an organisation, to issue
 * given command types to one device or a device group until an expiry.
 */
package org.biotdm.chaincode.grant;
