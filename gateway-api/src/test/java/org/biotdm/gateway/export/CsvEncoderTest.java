package org.biotdm.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvEncoderTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "=HYPERLINK(\"http://x\")|`\"'=HYPERLINK(\"\"http://x\"\")\"`",
                "-2+3+cmd|'-2+3+cmd",
                "+41 44 000|'+41 44 000",
                "@SUM(A1)|'@SUM(A1)",
                "-0.5|-0.5",
                "-12|-12",
                "1E+3|1E+3",
                "45.90|45.90",
                "-|'-",
                "OPEN|OPEN",
                "Conference Room|Conference Room"
            })
    void neutralises_text_a_spreadsheet_would_run_as_a_formula_but_keeps_numbers(String text, String expected) {
        StringBuilder line = new StringBuilder();
        CsvEncoder.appendText(line, text);
        assertThat(line).hasToString(expected);
    }
}
