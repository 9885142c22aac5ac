package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The OpenAPI document explains the API: what it is, how to authenticate, each operation's area and summary. */
@IntegrationTest
class OpenApiDocumentIntegrationTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Autowired
    TestApi api;

    private JsonNode document() {
        TestApi.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        return docs.body();
    }

    @Test
    void titleDescriptionVersionAndTheBearerJwtScheme() {
        JsonNode document = document();
        assertThat(document.path("info").path("title").asText()).isEqualTo("eventmall API");
        assertThat(document.path("info").path("version").asText()).isEqualTo("v1");
        assertThat(document.path("info").path("description").asText()).contains("Bearer", "problem+json");

        JsonNode scheme = document.path("components").path("securitySchemes").path("bearer-jwt");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(document.path("security").findValues("bearer-jwt")).isNotEmpty();

        JsonNode login = document.path("paths").path("/api/v1/users/login").path("post");
        assertThat(login.path("security").isArray() && login.path("security").isEmpty()).as("login needs no token").isTrue();
        JsonNode placeOrder = document.path("paths").path("/api/v1/orders").path("post");
        assertThat(placeOrder.has("security")).as("placing an order inherits the bearer scheme").isFalse();
    }

    @Test
    void everyOperationHasASummaryAndAnAreaTag() {
        JsonNode document = document();
        Set<String> areas = new HashSet<>(document.path("tags").findValuesAsText("name"));
        assertThat(areas).contains("Identity", "Orders", "Coupons", "Flash sales", "Audit");
        List<String> undescribed = new ArrayList<>();
        int operations = 0;
        for (var path = document.path("paths").fields(); path.hasNext(); ) {
            var entry = path.next();
            for (var method = entry.getValue().fields(); method.hasNext(); ) {
                var operation = method.next();
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                operations++;
                JsonNode tags = operation.getValue().path("tags");
                boolean tagged = tags.size() == 1 && areas.contains(tags.get(0).asText())
                        && !tags.get(0).asText().endsWith("-controller");
                if (operation.getValue().path("summary").asText("").isBlank() || !tagged) {
                    undescribed.add(operation.getKey().toUpperCase() + " " + entry.getKey() + " " + tags);
                }
            }
        }
        assertThat(operations).isGreaterThan(60);
        assertThat(undescribed).isEmpty();
        assertThat(document.path("paths").path("/api/v1/coupons/{couponId}/claims").path("post").path("tags").get(0).asText())
                .isEqualTo("Coupons");
    }

    @Test
    void errorsHaveTheProblemShapeWithItsCodesAndMainBodiesHaveExamples() {
        JsonNode document = document();
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").has("code")).isTrue();
        List<String> codes = new ArrayList<>();
        problem.path("properties").path("code").path("enum").forEach(code -> codes.add(code.asText()));
        assertThat(codes).contains("VALIDATION_FAILED", "SOLD_OUT", "LIMIT_REACHED", "COUPON_NOT_APPLICABLE",
                "RATE_LIMITED", "PURCHASE_TOKEN_INVALID", "DEPENDENCY_UNAVAILABLE");

        JsonNode purchase = document.path("paths").path("/api/v1/flash-sales/{flashSaleId}/purchases").path("post");
        assertThat(purchase.path("responses").path("4XX").path("content").path("application/problem+json")
                .path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/Problem");
        assertThat(purchase.path("responses").path("503").path("headers").has("Retry-After")).isTrue();
        assertThat(purchase.path("responses").path("202").path("content").path("application/json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/PurchaseAccepted");

        JsonNode orderExample = document.path("paths").path("/api/v1/orders").path("post").path("requestBody")
                .path("content").path("application/json").path("example");
        assertThat(orderExample.path("items").get(0).path("productId").asText()).isEqualTo("demo-trail-runner");
        assertThat(orderExample.has("couponClaimId")).isTrue();
    }
}
