package io.eventmall.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.app.IntegrationTest;
import io.eventmall.app.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;

/**
 * The application runs Spring Security's own filter chain, not 6.5's wrapper that looks every request's handler up
 * first (SecurityChainUnwrapped), and the chain still decides: public, refused without a token, allowed with one.
 */
@IntegrationTest
class SecurityChainUnwrappedTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    TestApi api;

    @Test
    void theChainIsSpringSecuritysOwnAndStillDecides() {
        Object chain = context.getBean(SecurityChainUnwrapped.CHAIN);
        assertThat(chain).isInstanceOf(FilterChainProxy.class);
        assertThat(chain.getClass().getName()).isNotEqualTo(SecurityChainUnwrapped.WRAPPER);

        assertThat(api.get("/api/v1/home", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/orders", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/admin/projections", api.newCustomer().token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/projections", api.adminToken()).status()).isEqualTo(200);
    }
}
