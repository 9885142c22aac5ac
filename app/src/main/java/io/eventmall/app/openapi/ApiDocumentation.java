package io.eventmall.app.openapi;

import io.eventmall.api.Refusal;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document explains the API by itself: what it is, how to authenticate (Swagger UI's Authorize sends
 * the bearer token), one area tag and one summary per operation ({@link OperationCatalogue}), examples of the main
 * bodies ({@link BodyExamples}) and the problem+json shape every error has, with its stable codes.
 */
@Configuration
public class ApiDocumentation {

    static final String BEARER = "bearer-jwt";
    static final String PROBLEM = "Problem";
    private static final Logger log = LoggerFactory.getLogger(ApiDocumentation.class);

    /** Codes beyond the command side's refusals, from the web layer, security and the flash-sale path. */
    private static final List<String> WEB_CODES = List.of("UNAUTHORIZED", "BAD_CREDENTIALS", "BAD_SIGNATURE",
            "STALE_NOTIFICATION", "RATE_LIMITED", "PURCHASE_TOKEN_INVALID", "PROOF_INVALID", "SALE_BUSY",
            "DEPENDENCY_UNAVAILABLE", "READ_MODEL_REBUILDING", "CONCURRENT_MODIFICATION", "PAYLOAD_TOO_LARGE",
            "METHOD_NOT_ALLOWED", "UNSUPPORTED_MEDIA_TYPE", "INTERNAL_ERROR");

    private static final String DESCRIPTION = """
            An event-sourced commerce backend: catalog, cart, orders and payment, coupons, and flash sales that \
            never oversell. Every change is an event; reads come from projections that lag the command by \
            milliseconds, so a response says which state was reached.

            **Authentication.** `POST /api/v1/users/login` answers an `accessToken`; send it as \
            `Authorization: Bearer <token>` (Swagger UI: *Authorize*). Roles: CUSTOMER (every user), MERCHANT, \
            ADMIN, AUDITOR, ANALYST; they travel in the token, so a change applies from the next login.

            **Conventions.** JSON in camelCase; money is an integer count of minor units (cents) in `...Price` / \
            `...Amount` fields; ids are strings chosen by the server. Writes that create something accept an \
            `Idempotency-Key` header: the same key from the same user returns the first result. Lists page by \
            cursor: `?cursor=&size=1..100` answer `{items, nextCursor}`.

            **Errors** are `application/problem+json` (RFC 9457) with a stable machine-readable `code`: 400 bad \
            input (`VALIDATION_FAILED`), 401 no or bad token, 403 wrong role or not the owner, 404 unknown id, \
            409 a business rule refused (`SOLD_OUT`, `LIMIT_REACHED`, `INVALID_STATE`, `COUPON_NOT_APPLICABLE`, \
            ...), 429 rate limited and 503 a dependency down, both with `Retry-After`.""";

    @Bean
    OpenAPI mallOpenApi() {
        return new OpenAPI()
                .info(new Info().title("eventmall API").version("v1").description(DESCRIPTION))
                .tags(areaTags())
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("The accessToken of POST /api/v1/users/login")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Sets summary, area tag, security, error responses and examples on every operation springdoc found. */
    @Bean
    OpenApiCustomizer describeEveryOperation() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describe(OperationCatalogue.keyOf(method.name(), path), operation)));
            openApi.setTags(areaTags());
            // Added after springdoc generated the schemas of the handlers' types, which it would not keep.
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        };
    }

    private static List<Tag> areaTags() {
        return new ArrayList<>(OperationCatalogue.AREAS.entrySet().stream()
                .map(area -> new Tag().name(area.getKey()).description(area.getValue())).toList());
    }

    private static void describe(String key, Operation operation) {
        operation.setSummary(OperationCatalogue.summaryOf(key).orElseGet(() -> {
            log.warn("no summary in OperationCatalogue for {}: named from its handler", key);
            return humanized(operation.getOperationId(), key);
        }));
        operation.setTags(new ArrayList<>(List.of(OperationCatalogue.areaOf(key))));
        if (OperationCatalogue.PUBLIC.contains(key)) {
            operation.setSecurity(new ArrayList<>());
        }
        BodyExamples.of(key).ifPresent(example -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().values().forEach(media -> media.setExample(example));
            }
        });
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.addApiResponse("4XX", problem("Refused: bad input, no or bad token, not allowed, unknown id, "
                + "a business rule, or rate limited (429 with Retry-After)"));
        responses.addApiResponse("503", problem("A dependency (PostgreSQL, Redis, Elasticsearch) is down: try again "
                + "after Retry-After").addHeaderObject("Retry-After", new Header().description("seconds")
                .schema(new IntegerSchema())));
        operation.setResponses(responses);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static Schema<?> problemSchema() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", "Conflict");
        example.put("status", 409);
        example.put("detail", "flash sale 5f0c... is sold out for this purchase: only 0 left, 1 asked for");
        example.put("code", "SOLD_OUT");
        StringSchema code = new StringSchema();
        Stream.concat(Arrays.stream(Refusal.values()).map(Refusal::name), WEB_CODES.stream()).distinct()
                .forEach(code::addEnumItem);
        return new ObjectSchema()
                .description("RFC 9457 problem details with a stable machine-readable code")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", code.description("switch on this, not on the wording"))
                .example(example);
    }

    /** "placeOrder" -> "Place order", for an operation the catalogue does not name yet. */
    private static String humanized(String operationId, String key) {
        if (operationId == null || operationId.isBlank()) {
            return key;
        }
        String words = operationId.replaceAll("_\\d+$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
