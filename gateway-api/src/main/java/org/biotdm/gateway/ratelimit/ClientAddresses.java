package org.biotdm.gateway.ratelimit;

import com.google.common.net.HostAndPort;
import com.google.common.net.InetAddresses;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.ProxyHeaderParser;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Tells the client address that per-address limits key on (anonymous request rates, sign-in attempts).
 *
 * <p>A request whose connection comes from an address outside {@code biotdm.rate-limits.trusted-proxies} is keyed on
 * that address, and its forwarding headers are ignored: anyone can write them. A request from a trusted proxy is
 * keyed on the address its forwarding header names: {@code Forwarded} ({@code for=}, RFC 7239 §5.2) or else {@code
 * X-Forwarded-For} (parsed by Micronaut's {@link ProxyHeaderParser}), read from the right, skipping addresses that are
 * trusted proxies themselves, so the first address no trusted proxy vouches for wins and a client cannot pick its
 * key by prepending addresses of its own. A hop that is no IP address (RFC 7239's {@code unknown} or an obfuscated
 * name) stops the walk at the last trusted proxy's address.
 */
@Context
public class ClientAddresses {
    private final List<IpSubnetFilterRule> trusted;

    /**
     * Creates the resolver.
     *
     * @param configuration the limits ({@code trusted-proxies})
     * @throws ConfigurationException when an entry of {@code trusted-proxies} is not a CIDR block or an IP address
     */
    @Inject
    public ClientAddresses(RateLimitConfiguration configuration) {
        this(configuration.trustedProxies());
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(ClientAddresses::block).toList();
    }

    /**
     * Returns the client address of a request.
     *
     * @param request the request
     * @return the address, as {@link InetAddress#getHostAddress()} writes it
     */
    public String of(HttpRequest<?> request) {
        InetAddress peer = request.getRemoteAddress().getAddress();
        return clientOf(peer, isTrusted(peer) ? new ProxyHeaderParser(request).getFor() : List.of());
    }

    /**
     * Returns the client address behind a peer, given the hops its forwarding header lists.
     *
     * @param peer the connection's address
     * @param hops the forwarding header's addresses, the client's first (ignored unless the peer is trusted)
     * @return the address, as {@link InetAddress#getHostAddress()} writes it
     */
    String clientOf(InetAddress peer, List<String> hops) {
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            Optional<InetAddress> hop = address(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        return trusted.stream().anyMatch(block -> block.matches(socket));
    }

    private static Optional<InetAddress> address(String hop) {
        try {
            String host = HostAndPort.fromString(hop.trim()).getHost();
            return InetAddresses.isInetAddress(host) ? Optional.of(InetAddresses.forString(host)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static IpSubnetFilterRule block(String cidr) {
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr.trim() : cidr.substring(0, slash).trim();
        try {
            InetAddress address = InetAddresses.forString(host);
            int maxPrefix = address.getAddress().length * 8;
            int prefix = slash < 0
                    ? maxPrefix
                    : Integer.parseInt(cidr.substring(slash + 1).trim());
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("prefix out of range");
            }
            return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("biotdm.rate-limits.trusted-proxies: '" + cidr
                    + "' is not a CIDR block (10.0.0.0/8, 2001:db8::/32) or an IP address");
        }
    }
}
