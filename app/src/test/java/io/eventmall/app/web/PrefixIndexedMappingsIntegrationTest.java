package io.eventmall.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.app.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The indexed lookup finds what Spring's own finds, for a request to every pattern of every controller mapping of
 * the application under every method (and for paths and methods nothing maps), and it looks among a few mappings.
 */
@IntegrationTest
class PrefixIndexedMappingsIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;

    @Test
    void everyRequestFindsWhatSpringsOwnLookupFinds() throws Exception {
        assertThat(controllers).isInstanceOf(PrefixIndexedMappings.Mapping.class);
        PrefixIndexedMappings.Mapping indexed = (PrefixIndexedMappings.Mapping) controllers;
        Map<RequestMappingInfo, HandlerMethod> mappings = indexed.getHandlerMethods();
        List<String> paths = new ArrayList<>(List.of("/api/v1/nothing/here/1", "/api/v1/flash-sales/s1/nothing",
                "/nowhere", "/", "/api/v1/products/p1/reviews/r1/x"));
        for (RequestMappingInfo mapping : mappings.keySet()) {
            for (PathPattern pattern : mapping.getPathPatternsCondition().getPatterns()) {
                paths.add(concrete(pattern.getPatternString()));
            }
        }
        int compared = 0;
        for (String path : paths) {
            for (RequestMethod method : RequestMethod.values()) {
                if (method == RequestMethod.TRACE) {
                    continue;
                }
                assertThat(outcome(indexed, method, path, false)).as(method + " " + path)
                        .isEqualTo(outcome(indexed, method, path, true));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(mappings.size() * 5);

        // A purchase is looked up among the flash sales' few mappings, not all of the application's.
        int candidates = indexed.index().candidates("/api/v1/flash-sales/s1/purchases").size();
        assertThat(candidates).isPositive().isLessThan(mappings.size() / 4);
    }

    /** A pattern's variables and wildcards filled in with a value each. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "rest/of/it").replaceAll("\\{[^}]+}", "v1")
                .replace("**", "any/thing").replace("*", "any").replace("?", "q");
    }

    /** What a lookup answered: the handler, none, or the exception's kind (404, 405, 415 ... from Spring). */
    private static String outcome(PrefixIndexedMappings.Mapping mapping, RequestMethod method, String path,
                                  boolean amongAll) {
        MockHttpServletRequest request = new MockHttpServletRequest(method.name(), path);
        request.setContentType("application/json");
        request.addHeader("Accept", "application/json");
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerMethod found = mapping.lookUp(request, amongAll);
            return Objects.toString(found) + " " + request.getAttribute(
                    org.springframework.web.servlet.HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        } catch (Exception refused) {
            return refused.getClass().getName();
        }
    }
}
