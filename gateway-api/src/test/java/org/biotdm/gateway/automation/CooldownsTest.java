package org.biotdm.gateway.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CooldownsTest {
    @Test
    void a_rule_fires_once_per_cooldown() {
        Cooldowns cooldowns = new Cooldowns(10);

        assertThat(cooldowns.tryFire("r-1", 1_000, 60_000, Set.of("r-1"))).isTrue();
        assertThat(cooldowns.tryFire("r-1", 60_999, 60_000, Set.of("r-1"))).isFalse();
        assertThat(cooldowns.tryFire("r-2", 60_999, 60_000, Set.of("r-1", "r-2")))
                .isTrue();
        assertThat(cooldowns.tryFire("r-1", 61_000, 60_000, Set.of("r-1"))).isTrue();
    }

    @Test
    void a_full_table_forgets_rules_no_longer_held() {
        Cooldowns cooldowns = new Cooldowns(1);
        cooldowns.tryFire("r-gone", 0, 60_000, Set.of("r-gone"));

        assertThat(cooldowns.tryFire("r-new", 1, 60_000, Set.of("r-new"))).isTrue();
        assertThat(cooldowns.tryFire("r-gone", 2, 60_000, Set.of("r-new", "r-gone")))
                .isTrue();
    }
}
