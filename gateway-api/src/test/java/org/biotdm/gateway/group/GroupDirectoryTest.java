package org.biotdm.gateway.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupDirectoryTest {
    private final GroupDirectory directory = new GroupDirectory();

    private static LedgerGroup group(String groupId, String ownerMsp, String head, String... members) {
        return new LedgerGroup(
                groupId,
                ownerMsp,
                null,
                List.of(members),
                new GroupPolicyBody(List.of("reboot"), "stable", head, false),
                List.of(ownerMsp),
                0,
                0,
                null,
                null);
    }

    @Test
    void answers_members_cluster_head_and_policy_of_a_group() {
        directory.apply(group("hall", "Org1MSP", "d-1", "d-1", "d-2"));

        assertThat(directory.members("hall")).containsExactly("d-1", "d-2");
        assertThat(directory.clusterHead("hall")).contains("d-1");
        assertThat(directory.policy("hall").map(GroupPolicyBody::firmwareChannel))
                .contains("stable");
        assertThat(directory.isMember("hall", "Org1MSP", "d-2")).isTrue();
        assertThat(directory.isMember("hall", "Org2MSP", "d-2")).isFalse();
        assertThat(directory.members("yard")).isEmpty();
    }

    @Test
    void a_later_record_replaces_the_group_and_a_resync_replaces_one_owners_groups() {
        directory.apply(group("hall", "Org1MSP", null, "d-1"));
        directory.apply(group("yard", "Org2MSP", null, "d-9"));

        directory.apply(group("hall", "Org1MSP", null, "d-3"));
        assertThat(directory.members("hall")).containsExactly("d-3");

        directory.replaceOwner("Org1MSP", List.of(group("lab", "Org1MSP", null)));
        assertThat(directory.group("hall")).isEmpty();
        assertThat(directory.group("lab")).isPresent();
        assertThat(directory.members("yard")).containsExactly("d-9");
    }

    @Test
    void holds_at_most_max_groups_and_counts_the_rest() {
        List<LedgerGroup> many = new ArrayList<>();
        for (int i = 0; i < GroupDirectory.MAX_GROUPS; i++) {
            many.add(group("g-" + i, "Org1MSP", null));
        }
        directory.replaceOwner("Org1MSP", many);

        directory.apply(group("one-too-many", "Org1MSP", null));

        assertThat(directory.size()).isEqualTo(GroupDirectory.MAX_GROUPS);
        assertThat(directory.group("one-too-many")).isEmpty();
        assertThat(directory.droppedGroups()).isEqualTo(1);
    }
}
