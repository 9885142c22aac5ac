package io.eventmall.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** One table of requests through Spring's resolver and ours: the same token, or the same refusal, for each. */
class BearerTokenFromHeaderTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEiLCJyb2xlcyI6WyJDVVNUT01FUiJdfQ"
            + ".7nYq3-Hb_fJ0Hq1y~Rk+x/Ab==";

    private static final List<String> HEADERS = Arrays.asList(null, "", " ", "Bearer " + JWT, "bearer " + JWT,
            "BEARER abc", "bEaReR abc", "Bearer", "Bearer ", "Bearer  abc", "Bearer abc def", "Bearer abc ",
            " Bearer abc", "Bearer a=b", "Bearer ===", "Bearer a===", "Bearer =a", "Bearerabc", "Bearer\tabc",
            "Bearer abc\n", "Bearer abc\r\n", "Bearer \u00e9t\u00e9", "Bearer abc\u0000", "Bearer a%2Fb", "Bearer a,b",
            "Bearer -._~+/", "Basic dXNlcjpwYXNzd29yZA==", "Token abc", "bear abc", "Bearers abc",
            "B\u0435arer abc", "Bearer \uD83D\uDE00");

    @Test
    void resolvesEveryHeaderAsSpringsDefaultResolverDoes() {
        List<String> compared = new ArrayList<>();
        for (String method : List.of("GET", "POST")) {
            for (String header : HEADERS) {
                MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/flash-sales/s/purchases");
                if (header != null) {
                    request.addHeader("Authorization", header);
                }
                // Spring's defaults read no token from the query or a form, so neither may ours.
                request.setParameter("access_token", "from-the-query");
                String expected = outcome(new DefaultBearerTokenResolver(), request);
                assertThat(outcome(new BearerTokenFromHeader(), request)).as(method + " " + header).isEqualTo(expected);
                compared.add(expected);
            }
        }
        // The table has tokens and refusals in it, so the comparison above compared both kinds.
        assertThat(compared).contains("token " + JWT, "token abc", "refused invalid_token: Bearer token is malformed",
                "none");
    }

    private static String outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
        try {
            String token = resolver.resolve(request);
            return token == null ? "none" : "token " + token;
        } catch (OAuth2AuthenticationException refused) {
            return "refused " + refused.getError().getErrorCode() + ": " + refused.getError().getDescription();
        }
    }
}
