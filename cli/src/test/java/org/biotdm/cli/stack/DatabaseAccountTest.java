package org.biotdm.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseAccountTest {
    @TempDir
    Path gatewayDir;

    @Test
    void reads_the_application_account_the_gateway_wrote_and_hides_its_password() throws Exception {
        Files.writeString(
                gatewayDir.resolve(DatabaseAccount.FILE_NAME),
                "#Embedded MariaDB accounts\nroot-password=r00t-Secret-r00t-Secret-r00t-Secret-1\nuser=biotdm\n"
                        + "password=app-Secret-app-Secret-app-Secret-app-Secret\n");

        DatabaseAccount account = DatabaseAccount.of(gatewayDir);

        assertThat(account.user()).isEqualTo("biotdm");
        assertThat(account.password()).isEqualTo("app-Secret-app-Secret-app-Secret-app-Secret");
        assertThat(account.toString()).doesNotContain(account.password());
    }

    @Test
    void a_file_without_a_password_is_refused_with_a_message() throws Exception {
        Files.writeString(gatewayDir.resolve(DatabaseAccount.FILE_NAME), "user=biotdm\n");

        assertThatThrownBy(() -> DatabaseAccount.of(gatewayDir))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("no user or password");
    }
}
