/**
 * People: users in MariaDB with Argon2id password hashes, JWT login and refresh, login throttling, the first admin's
 * bootstrap, and each person's own Fabric identity enrolled with their organisation's CA.
 */
package org.biotdm.gateway.users;
