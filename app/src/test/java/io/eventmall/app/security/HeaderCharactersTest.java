package io.eventmall.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** Our character checks answer as the firewall's default expressions do, for every character and then some. */
class HeaderCharactersTest {

    @Test
    void headerNamesAndParameterNamesAreCheckedAsByDefault() {
        assertSameAnswers(HeaderCharacters.NAME, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
        assertSameAnswers(HeaderCharacters.NAME, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);
    }

    @Test
    void headerValuesAreCheckedAsByDefault() {
        assertSameAnswers(HeaderCharacters.VALUE, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void aTabIsAllowedInAValueOnlyAndOtherControlsNowhere() {
        assertThat(HeaderCharacters.VALUE.test("a\tb")).isTrue();
        assertThat(HeaderCharacters.NAME.test("a\tb")).isFalse();
        assertThat(HeaderCharacters.VALUE.test("a\r\nX-Injected: 1")).isFalse();
        assertThat(HeaderCharacters.VALUE.test("Bearer abc\u0000")).isFalse();
        assertThat(HeaderCharacters.VALUE.test("caf\u00e9 \uD83D\uDE00")).isTrue();
    }

    private static void assertSameAnswers(Predicate<String> ours, Predicate<String> springs) {
        List<String> samples = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            samples.add(String.valueOf((char) c));
            samples.add("Bearer x" + (char) c + "y");
        }
        for (int codePoint : new int[] {0x1F600, 0x10FFFF, 0xE0001, 0xE0080, 0x2FFFF, 0x30000, 0x1D11E, 0xF0000}) {
            samples.add(new String(Character.toChars(codePoint)));
            samples.add("a" + new String(Character.toChars(codePoint)) + "\t");
        }
        samples.add("");
        samples.add("\uD83D");
        samples.add("\uDE00\uD83D");
        samples.add("application/json; charset=UTF-8");
        int allowed = 0;
        for (String sample : samples) {
            boolean expected = springs.test(sample);
            assertThat(ours.test(sample)).as("%s", sample.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(expected);
            allowed += expected ? 1 : 0;
        }
        assertThat(allowed).isBetween(1, samples.size() - 1);
    }
}
