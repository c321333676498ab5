/**
 * Settings shared by every feature: the service's data directory ({@link org.biotdm.gateway.config.DataDirectory},
 * {@code biotdm.data-dir}).
 *
 * <p>How settings are written, for every feature package: each feature's settings are one immutable
 * {@code @ConfigurationProperties} record named {@code *Configuration}, one component per key, bound at startup. A
 * setting's default is written once, in {@code application.yml}, never in Java (no field initialisers, no {@code
 * @Bindable(defaultValue)}), so that file lists every key with its value and comment. Components carry Bean Validation
 * constraints where a value has a range, and a record is checked when it is created, so a bad or missing setting stops
 * the startup with a message naming the component.
 */
package org.biotdm.gateway.config;
