package io.eventmall.app.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.eventmall.app.web.ProblemResponses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Stateless JWT security: tokens are HS256-signed with {@code mall.security.jwt-secret}, carry the user id
 * as subject and the roles in a {@code roles} claim. Every role rule of API.md is in the table below;
 * ownership (my order, my shop) needs the resource and is checked where it is loaded.
 */
@Configuration
public class SecurityConfig {

    static final String ROLES_CLAIM = "roles";

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemResponses problems) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/users/register", "/api/v1/users/login").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/payments/callback", "/api/v1/sandbox/**").permitAll()
                        // A shop's orders are its owner's (checked in the controller), not public like the shop.
                        .requestMatchers(HttpMethod.GET, "/api/v1/merchants/*/orders").hasAnyRole("ADMIN", "MERCHANT")
                        .requestMatchers(HttpMethod.GET, "/api/v1/home", "/api/v1/products/**", "/api/v1/search",
                                "/api/v1/rankings", "/api/v1/merchants/**", "/api/v1/categories/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/flash-sales", "/api/v1/flash-sales/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/coupons/claims").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/v1/coupons/*").permitAll()
                        // The operators' flash-sale screen is a static page; its data needs an ANALYST or ADMIN token.
                        .requestMatchers(HttpMethod.GET, "/ops/**").permitAll()
                        .requestMatchers("/actuator/health/**", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        // The "who" column of API.md, checked before the body is even read.
                        .requestMatchers(HttpMethod.PUT, "/api/v1/users/*/roles").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/users/me").authenticated()
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/users/*").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/merchants", "/api/v1/categories",
                                "/api/v1/banners", "/api/v1/flash-sales", "/api/v1/orders/*/refund").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/products/*/reviews").hasRole("CUSTOMER")
                        .requestMatchers(HttpMethod.POST, "/api/v1/products", "/api/v1/products/*/list",
                                "/api/v1/products/*/delist", "/api/v1/products/*/stock",
                                "/api/v1/orders/*/ship", "/api/v1/orders/*/complete").hasAnyRole("ADMIN", "MERCHANT")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/products/*").hasAnyRole("ADMIN", "MERCHANT")
                        .requestMatchers("/api/v1/audit/**").hasAnyRole("ADMIN", "AUDITOR")
                        .requestMatchers("/api/v1/analytics/**").hasAnyRole("ADMIN", "ANALYST")
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenResolver(new BearerTokenFromHeader())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .addFilterAfter(new ReadOnlyRoles(problems), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * The role table's paths are matched as path patterns against the request's path alone. Without this bean
     * Spring Security matches them through Spring MVC's handler mappings (MvcRequestMatcher, deprecated in 6.5):
     * every rule of the table asked which handler the request goes to (from a per-request cache) before comparing its
     * pattern, 3.2% of a purchase request's CPU for the role rules in the spike's profile.
     */
    @Bean
    PathPatternRequestMatcherBuilderFactoryBean requestPathPatterns() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** Static: it changes bean definitions, so it must exist before every other bean (SecurityChainUnwrapped). */
    @Bean
    static BeanFactoryPostProcessor securityChainUnwrapped() {
        return new SecurityChainUnwrapped();
    }

    /** Spring's strict firewall, its character checks without regular expressions ({@link HeaderCharacters}). */
    @Bean
    WebSecurityCustomizer strictFirewall() {
        return web -> web.httpFirewall(HeaderCharacters.firewall());
    }

    /**
     * No observation (span and timer) per security filter, per authentication and per authorization: wrapping each of
     * the chain's dozen filters was 5% of a purchase request's CPU in the flash-sale spike's profile. The request's
     * own observation (http.server.requests, its span) still covers the whole chain, and refusals are counted by
     * status there.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    private static JwtAuthenticationConverter rolesFromClaim() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        // The claim is read as the JSON array the token service writes, not through getClaimAsStringList: its
        // conversion service was a sixth of bearer-token authentication in the flash-sale spike's profile. Anything
        // but an array grants no role.
        converter.setJwtGrantedAuthoritiesConverter(jwt -> jwt.getClaims().get(ROLES_CLAIM) instanceof Collection<?> roles
                ? roles.stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList()
                : List.<GrantedAuthority>of());
        return converter;
    }

    @Bean
    SecretKey jwtKey(SecurityProperties properties) {
        return new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtKey, SecurityProperties properties) {
        // Our issuer is a name, not a URL: Spring's default claim conversion tries a URL first and throws and catches
        // an exception on every request (a tenth of a purchase request's CPU in the flash-sale spike's profile).
        return new Hs256JwtDecoder(jwtKey, MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())),
                tokenRules(properties.jwtIssuer()));
    }

    /**
     * Spring checks {@code exp} only when a token has one, and {@code iss} not at all: a token must come from our
     * issuer and must expire, or it is refused (401).
     */
    static OAuth2TokenValidator<Jwt> tokenRules(String issuer) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(jwtKey));
    }

    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties properties) {
        return new BCryptPasswordEncoder(properties.bcryptStrength());
    }
}
