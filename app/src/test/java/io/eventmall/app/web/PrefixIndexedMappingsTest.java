package io.eventmall.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Mappings that overlap (several patterns match one path, some equally well): the indexed lookup picks what Spring's
 * own picks, the same best match, the same ambiguity, the same 404, 405 and 415.
 */
class PrefixIndexedMappingsTest {

    @Controller
    static class Overlapping {
        @GetMapping("/api/things/{id}")
        void one() {
        }

        @GetMapping("/api/things/{id}/**")
        void below() {
        }

        @GetMapping("/api/things/**")
        void anyThing() {
        }

        @GetMapping("/api/{kind}/special")
        void special() {
        }

        @GetMapping("/api/things/{id}/parts/{part}")
        void part() {
        }

        @PostMapping(path = "/api/things/{id}", consumes = "application/json")
        void replace() {
        }

        @GetMapping({"/api/other/deep/{x}", "/api/{y}/deep/z"})
        void twoPatterns() {
        }

        @GetMapping("/api/things/list")
        void list() {
        }

        @GetMapping("/api/tie/{a}/x")
        void tieOne() {
        }

        @GetMapping("/api/tie/x/{b}")
        void tieOther() {
        }
    }

    private AnnotationConfigWebApplicationContext context;
    private PrefixIndexedMappings.Mapping mapping;

    @BeforeEach
    void mapTheControllers() {
        context = new AnnotationConfigWebApplicationContext();
        context.setServletContext(new MockServletContext());
        context.register(Overlapping.class);
        context.refresh();
        mapping = new PrefixIndexedMappings.Mapping();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void overlappingPatternsAreDecidedAsSpringDecidesThem() throws Exception {
        assertThat(lookUp("GET", "/api/things/1", "application/json", false)).isEqualTo("one");
        assertThat(lookUp("GET", "/api/things/1/x/y", "application/json", false)).isEqualTo("below");
        assertThat(lookUp("GET", "/api/things/1/parts/2", "application/json", false)).isEqualTo("part");
        assertThat(lookUp("GET", "/api/elsewhere/special", "application/json", false)).isEqualTo("special");
        assertThat(lookUp("POST", "/api/things/1", "application/json", false)).isEqualTo("replace");

        List<String[]> requests = List.of(
                new String[] {"GET", "/api/things/1"}, new String[] {"GET", "/api/things/1/x/y"},
                new String[] {"GET", "/api/things/1/parts/2"}, new String[] {"GET", "/api/things/special"},
                new String[] {"GET", "/api/elsewhere/special"}, new String[] {"GET", "/api/things"},
                new String[] {"GET", "/api/things/list"}, new String[] {"POST", "/api/things/1"},
                new String[] {"PUT", "/api/things/1"}, new String[] {"DELETE", "/api/things/1/x"},
                new String[] {"GET", "/api/other/deep/1"}, new String[] {"GET", "/api/other/deep/z"},
                new String[] {"GET", "/api/some/deep/z"}, new String[] {"GET", "/api"},
                new String[] {"GET", "/nothing/here"}, new String[] {"GET", "/api/th%69ngs/1"},
                new String[] {"GET", "/api/tie/x/x"}, new String[] {"GET", "/api/tie/1/x"},
                new String[] {"HEAD", "/api/things/1"}, new String[] {"OPTIONS", "/api/things/1"});
        for (String[] request : requests) {
            for (String contentType : new String[] {"application/json", "text/plain"}) {
                assertThat(lookUp(request[0], request[1], contentType, false))
                        .as(request[0] + " " + request[1] + " " + contentType)
                        .isEqualTo(lookUp(request[0], request[1], contentType, true));
            }
        }
        // The tie and the refusals are Spring's own answers, found the same way.
        assertThat(lookUp("GET", "/api/things/special", "application/json", false)).isEqualTo("special");
        assertThat(lookUp("GET", "/api/tie/x/x", "application/json", false))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(lookUp("PUT", "/api/things/1", "application/json", false))
                .isEqualTo(org.springframework.web.HttpRequestMethodNotSupportedException.class.getName());
        assertThat(lookUp("POST", "/api/things/1", "text/plain", false))
                .isEqualTo(org.springframework.web.HttpMediaTypeNotSupportedException.class.getName());
    }

    private String lookUp(String method, String path, String contentType, boolean amongAll) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType(contentType);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerMethod found = mapping.lookUp(request, amongAll);
            return found == null ? "none" : found.getMethod().getName();
        } catch (Exception refused) {
            return refused.getClass().getName();
        }
    }
}
