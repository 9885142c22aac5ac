package io.eventmall.app.security;

import io.eventmall.app.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auditors and analysts keep to their lane: an account whose roles give it history (AUDITOR) or analytics
 * (ANALYST) and no right to change anything (neither ADMIN nor MERCHANT) is refused every write (403), its
 * CUSTOMER role included: an auditor's token never places an order or edits an address. Runs after the
 * per-path rules, which already let these roles read only their own areas.
 */
final class ReadOnlyRoles extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> READ_ONLY = Set.of("ROLE_AUDITOR", "ROLE_ANALYST");
    private static final Set<String> WRITERS = Set.of("ROLE_ADMIN", "ROLE_MERCHANT");
    /** Anyone may log in or register, whatever token the client still sends along. */
    private static final Set<String> OPEN = Set.of("/api/v1/users/login", "/api/v1/users/register");

    private final ProblemResponses problems;

    ReadOnlyRoles(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!READS.contains(request.getMethod()) && !OPEN.contains(request.getRequestURI()) && readOnly(SecurityContextHolder.getContext().getAuthentication())) {
            problems.forbidden(request, response, new AccessDeniedException("auditors and analysts only read"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean readOnly(Authentication authentication) {
        if (authentication == null) {
            return false;
        }
        Set<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return roles.stream().anyMatch(READ_ONLY::contains) && roles.stream().noneMatch(WRITERS::contains);
    }
}
