package org.biotdm.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTest {
    @Test
    void allows_the_same_hosts_websocket_schemes() {
        assertThat(ContentSecurityPolicy.forHost("127.0.0.1:8080"))
                .endsWith("connect-src 'self' ws://127.0.0.1:8080 wss://127.0.0.1:8080");
        assertThat(ContentSecurityPolicy.forHost("[::1]:8080")).endsWith("ws://[::1]:8080 wss://[::1]:8080");
    }

    @Test
    void leaves_out_a_host_header_that_would_add_other_sources() {
        assertThat(ContentSecurityPolicy.forHost("evil.example; script-src *"))
                .endsWith("connect-src 'self'")
                .doesNotContain("evil");
        assertThat(ContentSecurityPolicy.forHost(null)).endsWith("connect-src 'self'");
    }

    @Test
    void never_allows_inline_script_or_style() {
        assertThat(ContentSecurityPolicy.forHost("localhost"))
                .startsWith("default-src 'self'; script-src 'self'; style-src 'self';")
                .doesNotContain("unsafe");
    }
}
