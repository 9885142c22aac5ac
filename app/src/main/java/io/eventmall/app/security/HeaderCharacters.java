package io.eventmall.app.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The characters Spring's {@link StrictHttpFirewall} allows in header names, header values and parameter names by
 * default (assigned code points that are not controls; a tab too in a header value; parameter values it does not
 * check), checked in one pass over the string. The firewall checks every header each time it is read, against regular expressions; for a purchase request, whose
 * headers are read several times on the way (its bearer token among them), that was 4.4% of its CPU in the
 * flash-sale spike's profile. {@code HeaderCharactersTest} holds these against the firewall's own expressions.
 */
final class HeaderCharacters {

    /** Header names and parameter names: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
    static final Predicate<String> NAME = text -> allAllowed(text, false);
    /** Header values: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
    static final Predicate<String> VALUE = text -> allAllowed(text, true);

    private HeaderCharacters() {
    }

    private static boolean allAllowed(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                // Printable ASCII, nearly every character a header holds: assigned and not a control.
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    /** A strict firewall (Spring's defaults otherwise) that checks characters with these predicates. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAME);
        firewall.setAllowedHeaderValues(VALUE);
        firewall.setAllowedParameterNames(NAME);
        return firewall;
    }
}
