package org.biotdm.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.ProxyHeaderParser;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private static final InetAddress PROXY = InetAddresses.forString("10.1.2.3");
    private static final InetAddress STRANGER = InetAddresses.forString("198.51.100.9");

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "2001:db8:aa::/48"));

    @Test
    void a_header_from_an_untrusted_peer_is_ignored() {
        assertThat(addresses.clientOf(STRANGER, List.of("203.0.113.1"))).isEqualTo("198.51.100.9");
        assertThat(new ClientAddresses(List.of()).clientOf(PROXY, List.of("203.0.113.1")))
                .isEqualTo("10.1.2.3");
    }

    @Test
    void a_trusted_proxy_is_believed_and_the_right_most_untrusted_hop_wins() {
        assertThat(addresses.clientOf(PROXY, List.of("203.0.113.1"))).isEqualTo("203.0.113.1");
        // The client prepended 192.0.2.66 itself; the proxies appended what they saw.
        assertThat(addresses.clientOf(PROXY, List.of("192.0.2.66", "203.0.113.1", "10.9.9.9")))
                .isEqualTo("203.0.113.1");
    }

    @Test
    void a_client_inside_the_trusted_range_is_keyed_on_the_left_most_hop() {
        assertThat(addresses.clientOf(PROXY, List.of("10.0.0.7", "10.0.0.8"))).isEqualTo("10.0.0.7");
    }

    @Test
    void a_hop_that_is_no_address_stops_at_the_last_trusted_proxy() {
        assertThat(addresses.clientOf(PROXY, List.of("unknown"))).isEqualTo("10.1.2.3");
        assertThat(addresses.clientOf(PROXY, List.of("203.0.113.1", "_hidden", "10.9.9.9")))
                .isEqualTo("10.9.9.9");
        assertThat(addresses.clientOf(PROXY, List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void forwarded_ipv6_with_brackets_and_ports_and_x_forwarded_for_lists_are_read() {
        HttpRequest<?> forwarded =
                HttpRequest.GET("/").header("Forwarded", "for=\"[2001:db8::17]:4711\";proto=https, for=10.0.0.5:80");
        List<String> hops = new ProxyHeaderParser(forwarded).getFor();
        assertThat(addresses.clientOf(PROXY, hops)).isEqualTo("2001:db8:0:0:0:0:0:17");

        HttpRequest<?> xff = HttpRequest.GET("/").header("X-Forwarded-For", "192.0.2.66, 203.0.113.1");
        assertThat(addresses.clientOf(PROXY, new ProxyHeaderParser(xff).getFor()))
                .isEqualTo("203.0.113.1");
        assertThat(addresses.clientOf(InetAddresses.forString("2001:db8:aa::1"), List.of("203.0.113.2")))
                .isEqualTo("203.0.113.2");
    }

    @Test
    void a_setting_that_is_no_cidr_block_stops_the_start() {
        for (String bad : List.of("10.0.0.0/33", "proxy.example.com", "10.0.0.0/x", "::/129")) {
            assertThatThrownBy(() -> new ClientAddresses(List.of(bad)))
                    .as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("biotdm.rate-limits.trusted-proxies");
        }
    }
}
