/**
 * Settings shared by every feature: the service's data directory ({@link org.biotdm.gateway.config.DataDirectory},
 * {@code biotdm.data-dir}).
 *
 * <p>How settings are written, for every feature package: each feature's settings are one immutable
 * {@code @ConfigurationProperties} record named {@code *Configuration}, one component per key, bound at startup. A
 * setting's default is written once, in {@code application.yml}, never in Java (no field initialisers, no {@code
 * @Bindable(defaultValue)}), so that file lists every key with its value and comment. Components carry Bean Validation
 * constraints where a value has a range; every record is {@code @Context}, so it is created and checked at startup and a
 * bad or missing setting stops the startup with a message naming the record and the component.
 */
package org.biotdm.gateway.config;
