package org.biotdm.gateway.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final LoginThrottle throttle = new LoginThrottle(5, 30, Duration.ofMinutes(1));

    @Test
    void parallel_guesses_pay_before_hashing_so_only_the_allowance_passes() {
        List<LoginThrottle.Attempt> inFlight = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 100; i++) {
            try {
                LoginThrottle.Attempt attempt = throttle.reserve("admin", "203.0.113.7");
                inFlight.add(attempt);
                attempt.close(); // the hash runs after reserve; none has failed or succeeded yet
            } catch (ApiException e) {
                refused++;
                assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_THROTTLED);
                assertThat(e.retryAfterSeconds()).isBetween(1L, 60L);
            }
        }
        assertThat(inFlight).hasSize(5);
        assertThat(refused).isEqualTo(95);
    }

    @Test
    void a_guesser_on_another_address_does_not_lock_the_owner_out() {
        for (int i = 0; i < 5; i++) {
            throttle.reserve("admin", "198.51.100.66").close();
        }
        assertThatThrownBy(() -> throttle.reserve("admin", "198.51.100.66")).isInstanceOf(ApiException.class);

        try (LoginThrottle.Attempt owner = throttle.reserve("admin", "192.0.2.10")) {
            owner.succeeded();
        }
    }

    @Test
    void a_successful_sign_in_costs_nothing() {
        for (int i = 0; i < 20; i++) {
            try (LoginThrottle.Attempt attempt = throttle.reserve("operator", "192.0.2.20")) {
                attempt.succeeded();
            }
        }
        for (int i = 0; i < 5; i++) {
            throttle.reserve("operator", "192.0.2.20").close();
        }
        assertThatThrownBy(() -> throttle.reserve("operator", "192.0.2.20")).isInstanceOf(ApiException.class);
    }

    @Test
    void one_address_is_limited_across_usernames() {
        for (int i = 0; i < 30; i++) {
            throttle.reserve("user" + i, "192.0.2.30").close();
        }
        assertThatThrownBy(() -> throttle.reserve("someone-else", "192.0.2.30"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_THROTTLED));
    }

    @Test
    void the_tracked_keys_stay_bounded_under_a_flood_of_distinct_usernames() {
        for (int i = 0; i < LoginThrottle.MAX_TRACKED + 20_000; i++) {
            try {
                throttle.reserve("u" + i, "10.0." + (i >> 8 & 255) + "." + (i & 255))
                        .close();
            } catch (ApiException throttled) {
                // addresses repeat after 65,536 users; being refused is fine here
            }
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(LoginThrottle.MAX_TRACKED);
    }

    @Test
    void hashing_slots_are_bounded_and_given_back() {
        List<LoginThrottle.Attempt> held = new ArrayList<>();
        for (int i = 0; i < LoginThrottle.MAX_CONCURRENT_ATTEMPTS; i++) {
            held.add(throttle.reserve("user" + i, "192.0.2." + i));
        }
        assertThatThrownBy(() -> throttle.reserve("late", "192.0.2.200"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.retryAfterSeconds())
                        .isEqualTo(1L));
        held.forEach(LoginThrottle.Attempt::close);
        held.get(0).close(); // idempotent: a second close must not free a slot it does not hold

        held.clear();
        for (int i = 0; i < LoginThrottle.MAX_CONCURRENT_ATTEMPTS; i++) {
            held.add(throttle.reserve("again" + i, "192.0.2." + (100 + i)));
        }
        assertThatThrownBy(() -> throttle.reserve("late", "192.0.2.200")).isInstanceOf(ApiException.class);
        held.forEach(LoginThrottle.Attempt::close);
    }
}
