package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/** AUDITOR reads history and nothing else, ANALYST reads analytics and nothing else; both are refused every write. */
@IntegrationTest
class RoleLanesIntegrationTest {

    /** A write of every kind the API has: the admin's, the merchant's, the customer's, and on the read-only areas. */
    private static final List<Map.Entry<HttpMethod, String>> WRITES = List.of(
            Map.entry(HttpMethod.POST, "/merchants"), Map.entry(HttpMethod.POST, "/categories"),
            Map.entry(HttpMethod.POST, "/products"), Map.entry(HttpMethod.PUT, "/products/p1"),
            Map.entry(HttpMethod.POST, "/products/p1/stock"), Map.entry(HttpMethod.POST, "/banners"),
            Map.entry(HttpMethod.POST, "/flash-sales"), Map.entry(HttpMethod.POST, "/flash-sales/s1/purchases"),
            Map.entry(HttpMethod.PUT, "/users/u1/roles"), Map.entry(HttpMethod.POST, "/orders"),
            Map.entry(HttpMethod.POST, "/orders/o1/cancel"), Map.entry(HttpMethod.POST, "/orders/o1/refund"),
            Map.entry(HttpMethod.POST, "/orders/o1/ship"), Map.entry(HttpMethod.POST, "/orders/o1/payments"),
            Map.entry(HttpMethod.PUT, "/cart/items/p1"), Map.entry(HttpMethod.POST, "/cart/checkout"),
            Map.entry(HttpMethod.POST, "/addresses"), Map.entry(HttpMethod.DELETE, "/addresses/a1"),
            Map.entry(HttpMethod.PUT, "/favorites/p1"), Map.entry(HttpMethod.POST, "/products/p1/reviews"),
            Map.entry(HttpMethod.POST, "/admin/projections/orders/replay"), Map.entry(HttpMethod.POST, "/audit/verify"),
            Map.entry(HttpMethod.DELETE, "/audit/events"), Map.entry(HttpMethod.POST, "/analytics/sales"));

    @Autowired
    TestApi api;

    @Test
    void anAuditorReadsHistoryOnly() {
        String admin = api.adminToken();
        String auditor = api.newUserWithRoles(admin, "AUDITOR").token();
        assertThat(api.get("/audit/events?limit=1", auditor).status()).isEqualTo(200);
        assertThat(api.get("/audit/public-key", auditor).status()).isEqualTo(200);
        assertThat(api.get("/analytics/sales", auditor).status()).isEqualTo(403);
        assertThat(api.get("/admin/projections", auditor).status()).isEqualTo(403);
        assertEveryWriteIsForbidden(auditor);
        TestApi.Response login = api.call(HttpMethod.POST, "/users/login", auditor,
                Map.of("username", "nobody-" + java.util.UUID.randomUUID(), "password", "wrong-password"), Map.of());
        assertThat(login.status()).as("logging in is not a write refused by role").isEqualTo(401);
    }

    @Test
    void anAnalystReadsAnalyticsOnly() {
        String admin = api.adminToken();
        String analyst = api.newUserWithRoles(admin, "ANALYST").token();
        assertThat(api.get("/analytics/sales", analyst).status()).isEqualTo(200);
        assertThat(api.get("/audit/events", analyst).status()).isEqualTo(403);
        assertThat(api.get("/audit/checkpoint", analyst).status()).isEqualTo(403);
        assertThat(api.get("/admin/projections", analyst).status()).isEqualTo(403);
        assertEveryWriteIsForbidden(analyst);
    }

    @Test
    void anAdminKeepsEveryRight() {
        String admin = api.adminToken();
        assertThat(api.get("/audit/events?limit=1", admin).status()).isEqualTo(200);
        assertThat(api.get("/analytics/sales", admin).status()).isEqualTo(200);
        assertThat(api.post("/categories", admin, Map.of("name", "Still allowed")).status()).isEqualTo(201);
    }

    private void assertEveryWriteIsForbidden(String token) {
        for (Map.Entry<HttpMethod, String> write : WRITES) {
            TestApi.Response response = api.call(write.getKey(), write.getValue(), token, Map.of(), Map.of());
            assertThat(response.status()).as(write.getKey() + " " + write.getValue()).isEqualTo(403);
            assertThat(response.code()).as(write.getKey() + " " + write.getValue()).isEqualTo("FORBIDDEN");
        }
    }
}
