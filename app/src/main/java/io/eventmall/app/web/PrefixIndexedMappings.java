package io.eventmall.app.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's controller mappings, looked up among the few whose paths begin like the request's. Spring looks a path
 * that has variables ({@code /flash-sales/{id}/purchases}) up by asking every one of the application's mappings
 * whether it matches, through the request's wrappers (method, headers, path): 8.5% of a purchase request's CPU in
 * the flash-sale spike's profile, where a path without variables (the liveness endpoint) is found in a map. Here each
 * mapping is filed under the literal segments its patterns begin with (up to {@value #INDEXED_SEGMENTS}), and a
 * request is matched against the mappings filed under its own first segments (and those with fewer literal ones).
 * A mapping filed elsewhere cannot match: its patterns' literal segments differ from the request path's.
 * <p>
 * Whatever this lookup is not sure of goes to Spring's own: a path Spring finds directly, a percent-encoded path (the
 * patterns match decoded segments), a CORS pre-flight, no match (Spring then says 404, 405 or 415), two equally good
 * matches (Spring says they are ambiguous), and mappings registered at run time until the index is rebuilt.
 * {@code PrefixIndexedMappingsIntegrationTest} looks up every mapping of the application both ways.
 */
@Configuration
class PrefixIndexedMappings {

    static final int INDEXED_SEGMENTS = 3;

    @Bean
    WebMvcRegistrations prefixIndexedControllerMappings() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new Mapping();
            }
        };
    }

    static final class Mapping extends RequestMappingHandlerMapping {

        private volatile Index index;

        @Override
        protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
            super.handlerMethodsInitialized(handlerMethods);
            index = indexOf(handlerMethods);
        }

        /** Literal segments compare as the patterns do only when they are case-sensitive (Spring's default). */
        private Index indexOf(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
            return getPatternParser() != null && getPatternParser().isCaseSensitive() ? Index.of(handlerMethods) : null;
        }

        /** This lookup and Spring's own, for the test that holds the two equal (the request's path parsed). */
        HandlerMethod lookUp(HttpServletRequest request, boolean amongAll) throws Exception {
            String lookupPath = initLookupPath(request);
            return amongAll ? super.lookupHandlerMethod(lookupPath, request) : lookupHandlerMethod(lookupPath, request);
        }

        Index index() {
            return index;
        }

        @Override
        public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
            super.registerMapping(mapping, handler, method);
            index = indexOf(getHandlerMethods());
        }

        @Override
        public void unregisterMapping(RequestMappingInfo mapping) {
            super.unregisterMapping(mapping);
            index = indexOf(getHandlerMethods());
        }

        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            Index current = index;
            if (current == null || current.directPaths.contains(lookupPath) || lookupPath.indexOf('%') >= 0
                    || CorsUtils.isPreFlightRequest(request)) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
            RequestMappingInfo best = null;
            RequestMappingInfo bestMatching = null;
            boolean tied = false;
            Comparator<RequestMappingInfo> comparator = null;
            for (RequestMappingInfo candidate : current.candidates(lookupPath)) {
                RequestMappingInfo matching = getMatchingMapping(candidate, request);
                if (matching == null) {
                    continue;
                }
                if (bestMatching == null) {
                    best = candidate;
                    bestMatching = matching;
                    continue;
                }
                comparator = comparator != null ? comparator : getMappingComparator(request);
                int order = comparator.compare(matching, bestMatching);
                if (order < 0) {
                    best = candidate;
                    bestMatching = matching;
                    tied = false;
                } else if (order == 0) {
                    tied = true;
                }
            }
            if (bestMatching == null || tied) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
            HandlerMethod handler = current.handlers.get(best);
            request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
            handleMatch(bestMatching, lookupPath, request);
            return handler;
        }
    }

    /**
     * For each literal prefix some mapping is filed under, the mappings a path beginning with it may reach: those filed
     * under it and under each shorter prefix (down to none), each once, computed when the mappings are; and the paths
     * Spring finds directly.
     */
    record Index(Map<String, List<RequestMappingInfo>> reachableFrom, Set<String> directPaths,
                 Map<RequestMappingInfo, HandlerMethod> handlers) {

        static Index of(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
            Map<String, List<RequestMappingInfo>> filed = new HashMap<>();
            Set<String> directPaths = new HashSet<>();
            for (RequestMappingInfo mapping : handlerMethods.keySet()) {
                directPaths.addAll(mapping.getDirectPaths());
                PathPatternsRequestCondition paths = mapping.getPathPatternsCondition();
                if (paths == null) {
                    // Matched by path strings rather than parsed patterns: no index, Spring looks every path up.
                    return null;
                }
                Set<String> prefixes = new HashSet<>();
                for (PathPattern pattern : paths.getPatterns()) {
                    prefixes.add(literalPrefix(pattern.getPatternString()));
                }
                if (paths.getPatterns().isEmpty()) {
                    prefixes.add("");
                }
                prefixes.forEach(prefix -> filed.computeIfAbsent(prefix, none -> new ArrayList<>()).add(mapping));
            }
            filed.putIfAbsent("", List.of());
            Map<String, List<RequestMappingInfo>> reachableFrom = new HashMap<>();
            for (String prefix : filed.keySet()) {
                Set<RequestMappingInfo> reachable = new LinkedHashSet<>();
                for (int end = prefix.indexOf('/', 1); end > 0; end = prefix.indexOf('/', end + 1)) {
                    reachable.addAll(filed.getOrDefault(prefix.substring(0, end), List.of()));
                }
                reachable.addAll(filed.get(""));
                reachable.addAll(filed.get(prefix));
                reachableFrom.put(prefix, List.copyOf(reachable));
            }
            return new Index(Map.copyOf(reachableFrom), Set.copyOf(directPaths), Map.copyOf(handlerMethods));
        }

        /** The mappings reachable from the longest of the path's first segments (up to three) that any is filed under. */
        List<RequestMappingInfo> candidates(String path) {
            int[] ends = new int[INDEXED_SEGMENTS];
            int segments = 0;
            for (int end = 0; segments < INDEXED_SEGMENTS && end < path.length(); segments++) {
                int next = path.indexOf('/', end + 1);
                next = next < 0 ? path.length() : next;
                if (next <= end + 1) {
                    break;
                }
                ends[segments] = next;
                end = next;
            }
            for (int i = segments - 1; i >= 0; i--) {
                List<RequestMappingInfo> reachable = reachableFrom.get(path.substring(0, ends[i]));
                if (reachable != null) {
                    return reachable;
                }
            }
            return reachableFrom.get("");
        }

        /**
         * {@code /api/v1/flash-sales/{id}/purchases} is filed under {@code /api/v1/flash-sales}: its first segments
         * up to {@value #INDEXED_SEGMENTS}, as long as they are literal (no variable, wildcard or regular expression).
         */
        static String literalPrefix(String pattern) {
            StringBuilder prefix = new StringBuilder();
            int start = pattern.startsWith("/") ? 1 : 0;
            for (int segments = 0; segments < INDEXED_SEGMENTS && start < pattern.length(); segments++) {
                int end = pattern.indexOf('/', start);
                String segment = pattern.substring(start, end < 0 ? pattern.length() : end);
                if (segment.isEmpty() || segment.chars().anyMatch(c -> c == '{' || c == '*' || c == '?')) {
                    break;
                }
                prefix.append('/').append(segment);
                if (end < 0) {
                    break;
                }
                start = end + 1;
            }
            return prefix.toString();
        }
    }
}
