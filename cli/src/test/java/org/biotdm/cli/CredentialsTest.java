package org.biotdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
    @TempDir
    Path dir;

    @Test
    void names_people_after_their_organisation_and_role() {
        assertThat(Credentials.usernameFor("Org1MSP", "admin")).isEqualTo("org1-admin");
        assertThat(Credentials.usernameFor("Org2MSP", "auditor")).isEqualTo("org2-auditor");
        assertThat(Credentials.usernameFor("Acme.Corp", "operator")).isEqualTo("acme.corp-operator");
    }

    @Test
    void generates_distinct_passwords_long_enough_for_the_gateway() {
        String first = Credentials.generatePassword();
        assertThat(first).hasSize(24).matches("[A-Za-z0-9_-]+");
        assertThat(Credentials.generatePassword()).isNotEqualTo(first);
    }

    @Test
    void writes_each_person_at_once_to_an_owner_only_file_and_reads_them_back() throws Exception {
        Path file = dir.resolve("credentials.properties");
        Credentials credentials = Credentials.load(file);
        credentials.put("Org2MSP", "admin", new Credentials.Login("org2-admin", "secret-2"));
        credentials.put("Org1MSP", "auditor", new Credentials.Login("org1-auditor", "secret=:1"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Credentials read = Credentials.load(file);
        assertThat(read.find("Org1MSP", "auditor")).contains(new Credentials.Login("org1-auditor", "secret=:1"));
        assertThat(read.find("Org1MSP", "admin")).isEmpty();
        assertThat(read.findAny("admin")).contains(new Credentials.Login("org2-admin", "secret-2"));
        assertThat(Files.readString(file)).contains("Org1MSP.auditor.username=org1-auditor");
    }

    @Test
    void never_shows_a_password_in_a_login_text() {
        assertThat(new Credentials.Login("org1-admin", "hunter22hunter22").toString())
                .doesNotContain("hunter22");
    }
}
