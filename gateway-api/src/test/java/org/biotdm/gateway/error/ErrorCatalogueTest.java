package org.biotdm.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Proves the catalogue complete: every code the chaincode can raise is mapped, no error-code string lives in the
 * gateway's sources outside the catalogue, and the published {@code protocol/errors.json} is the catalogue's.
 */
class ErrorCatalogueTest {
    /** Where the tests run: the gateway-api module directory. */
    private static final Path MODULE = Path.of("").toAbsolutePath();

    private static final Path CHAINCODE_SOURCES =
            MODULE.resolveSibling("chaincode-java").resolve("src/main/java");
    private static final Path CHAINCODE_ERROR_CODE =
            CHAINCODE_SOURCES.resolve("org/biotdm/chaincode/support/ErrorCode.java");
    private static final Path ERRORS_JSON = MODULE.resolveSibling("protocol").resolve("errors.json");
    private static final String WRITE_PROPERTY = "biotdm.errors.write";

    /** UPPER_SNAKE literals in gateway-api main that are states, not error codes. */
    private static final Set<String> NOT_ERROR_CODES = Set.of(
            "ENDORSE_FAILED", // TransactionLog: a blockchain_tx row's outcome
            "SUBMIT_FAILED", // TransactionLog: a blockchain_tx row's outcome
            "NOT_ANCHORED", // WindowVerification: a window's verification result
            "UMASK_DIR"); // EmbeddedMariaDb: an environment variable of mariadbd

    private static final Pattern ENUM_CONSTANT = Pattern.compile("(?m)^\\s{4}([A-Z][A-Z0-9_]+)\\s*[,;(]");
    private static final Pattern THROWN_CODE = Pattern.compile("\"\\[([A-Z][A-Z0-9_]+)\\]");
    private static final Pattern LITERAL_OR_COMMENT =
            Pattern.compile("\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|/\\*[\\s\\S]*?\\*/|//[^\\n]*");
    private static final Pattern ERROR_CODE_LIKE = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");

    @Nested
    class Chaincode_mapping {
        @Test
        void maps_every_code_of_the_chaincode_enum() throws IOException {
            Set<String> raised = enumConstants(Files.readString(CHAINCODE_ERROR_CODE));

            assertThat(raised).as("codes read from %s", CHAINCODE_ERROR_CODE).contains("DEVICE_NOT_FOUND");
            assertThat(ChaincodeErrors.table().keySet())
                    .as("ChaincodeErrors lacks a code of chaincode-java's ErrorCode")
                    .containsAll(raised);
        }

        @Test
        void maps_every_code_the_chaincode_writes_into_an_exception_text() throws IOException {
            Set<String> thrown = new TreeSet<>();
            try (Stream<Path> files = Files.walk(CHAINCODE_SOURCES)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = THROWN_CODE.matcher(Files.readString(file));
                    while (m.find()) {
                        thrown.add(m.group(1));
                    }
                }
            }

            assertThat(ChaincodeErrors.table().keySet()).containsAll(thrown);
        }

        @Test
        void keeps_each_chaincode_code_name_for_clients() {
            ChaincodeErrors.table()
                    .forEach((chaincode, entry) ->
                            assertThat(entry.name()).as(chaincode).isEqualTo(chaincode));
        }

        @Test
        void gives_grant_required_403_and_an_unknown_code_the_fallback() {
            assertThat(ChaincodeErrors.map("GRANT_REQUIRED").status().getCode()).isEqualTo(403);
            assertThat(ChaincodeErrors.map("NO_SUCH_CODE")).isEqualTo(ErrorCode.LEDGER_CHAINCODE_ERROR);
            assertThat(ChaincodeErrors.find("NO_SUCH_CODE")).isEmpty();
        }
    }

    @Nested
    class Gateway_sources {
        @Test
        void hold_no_error_code_literal_outside_the_catalogue() throws IOException {
            Path main = MODULE.resolve("src/main/java");
            List<String> strays = new ArrayList<>();
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (file.endsWith("error/ErrorCode.java") || file.endsWith("error/ChaincodeErrors.java")) {
                        continue;
                    }
                    errorCodeLiterals(Files.readString(file)).stream()
                            .filter(code -> !NOT_ERROR_CODES.contains(code))
                            .forEach(code -> strays.add(main.relativize(file) + ": " + code));
                }
            }

            assertThat(strays)
                    .as("use org.biotdm.gateway.error.ErrorCode instead")
                    .isEmpty();
        }

        @Test
        void scanner_sees_literals_but_not_comments() {
            String source =
                    "// \"IN_A_COMMENT\"\n/* \"IN_A_BLOCK\" */ String s = \"A_CODE\" + \"x // \\\"ESCAPED\\\"\";";

            assertThat(errorCodeLiterals(source)).containsExactly("A_CODE");
        }
    }

    @Nested
    class Entries {
        @Test
        void each_has_an_error_status_a_meaning_and_a_surface() {
            for (ErrorCode code : ErrorCode.values()) {
                assertThat(code.status().getCode()).as(code.name()).isBetween(400, 599);
                assertThat(code.meaning()).as(code.name()).isNotBlank().doesNotEndWith(".");
                assertThat(code.surfaces()).as(code.name()).isNotEmpty();
            }
        }

        @Test
        void codes_and_meanings_are_unique() {
            assertThat(Stream.of(ErrorCode.values()).map(ErrorCode::name)).doesNotHaveDuplicates();
            assertThat(Stream.of(ErrorCode.values()).map(ErrorCode::meaning)).doesNotHaveDuplicates();
        }

        @Test
        void codes_are_upper_snake() {
            assertThat(Stream.of(ErrorCode.values()).map(ErrorCode::name))
                    .allMatch(name -> name.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*"));
        }
    }

    @Nested
    class Published_catalogue {
        @Test
        void protocol_errors_json_is_the_catalogue() throws IOException {
            String expected = ErrorCatalogue.json();
            if (Boolean.getBoolean(WRITE_PROPERTY)) {
                Files.writeString(ERRORS_JSON, expected, StandardCharsets.UTF_8);
            }

            assertThat(Files.exists(ERRORS_JSON) ? Files.readString(ERRORS_JSON) : "")
                    .as("protocol/errors.json differs from the ErrorCode enum; regenerate it with "
                            + "./mvnw -B -ntp -q -pl gateway-api -am test -Dtest=ErrorCatalogueTest "
                            + "-Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE_PROPERTY + "=true")
                    .isEqualTo(expected);
        }

        @Test
        void protocol_errors_md_lists_every_code() throws IOException {
            String markdown = Files.readString(ERRORS_JSON.resolveSibling("errors.md"));

            for (ErrorCode code : ErrorCode.values()) {
                assertThat(markdown)
                        .as(code.name())
                        .contains("| `" + code.name() + "` | " + code.status().getCode());
            }
        }

        @Test
        void openapi_description_of_the_code_lists_every_code_with_its_meaning() {
            assertThat(ErrorCatalogue.CODE_DESCRIPTION)
                    .as("paste this into ErrorCatalogue.CODE_DESCRIPTION:%n%s", ErrorCatalogue.describeCodes())
                    .isEqualTo(ErrorCatalogue.describeCodes());
        }

        @Test
        void lists_each_code_once_with_chaincode_entries_marked() {
            String json = ErrorCatalogue.json();

            for (ErrorCode code : ErrorCode.values()) {
                assertThat(json).containsOnlyOnce("\"code\" : \"" + code.name() + "\"");
            }
            assertThat(json).contains("\"GRANT_REQUIRED\" : \"GRANT_REQUIRED\"");
        }
    }

    private static Set<String> enumConstants(String source) {
        String body = source.substring(source.indexOf("enum ErrorCode"));
        body = body.substring(0, body.indexOf(';') + 1);
        Set<String> constants = new TreeSet<>();
        Matcher m = ENUM_CONSTANT.matcher(stripComments(body));
        while (m.find()) {
            constants.add(m.group(1));
        }
        return constants;
    }

    private static String stripComments(String source) {
        return source.replaceAll("/\\*[\\s\\S]*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    private static List<String> errorCodeLiterals(String source) {
        List<String> codes = new ArrayList<>();
        Matcher tokens = LITERAL_OR_COMMENT.matcher(source);
        while (tokens.find()) {
            Matcher code = ERROR_CODE_LIKE.matcher(tokens.group());
            if (tokens.group().startsWith("\"") && code.matches()) {
                codes.add(code.group(1));
            }
        }
        return codes;
    }
}
