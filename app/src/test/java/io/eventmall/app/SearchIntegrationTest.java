package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventmall.query.search.ProductSearchProjection;
import io.eventmall.query.search.SalesProjection;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * GET /search and the sales index against the real Elasticsearch, on a small seeded catalog whose products
 * all carry a marker word no other test uses, so other tests' products never change the counts.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    CommandGateway commands;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;
    @Value("${mall.elasticsearch.index-prefix}")
    String prefix;

    String admin;
    String marker;
    String kitchen;
    String garden;
    String espressoMachine;
    String grinder;
    String knife;
    String hose;
    String shears;
    TestApi.User customer;
    String knifeOrder;
    String refundedOrder;

    @BeforeAll
    void seedCatalog() {
        admin = api.adminToken();
        marker = randomWord();
        String merchant = created(api.post("/merchants", admin, Map.of("name", "Search shop")), "merchantId");
        kitchen = created(api.post("/categories", admin, Map.of("name", "Kitchen")), "categoryId");
        garden = created(api.post("/categories", admin, Map.of("name", "Garden")), "categoryId");
        espressoMachine = product(merchant, kitchen, "Espresso Machine", "Dual boiler", 45_000);
        grinder = product(merchant, kitchen, "Coffee Grinder", "Burr grinder for espresso", 12_000);
        knife = product(merchant, kitchen, "Chef Knife", "Japanese steel", 8_000);
        hose = product(merchant, garden, "Garden Hose", "Thirty metres", 3_000);
        shears = product(merchant, garden, "Pruning Shears", "Bypass blades", 1_500);

        customer = api.newCustomer();
        String address = api.newAddress(customer.token());
        knifeOrder = paidOrder(address, knife, 3, 8_000);
        paidOrder(address, hose, 1, 3_000);
        refundedOrder = paidOrder(address, espressoMachine, 2, 45_000);
        TestApi.Response refund = api.post("/orders/" + refundedOrder + "/refund", admin, Map.of("reason", "broken"));
        assertThat(refund.status()).as(refund.body().toString()).isEqualTo(200);

        awaitCaughtUp(ProductSearchProjection.NAME);
        awaitCaughtUp(SalesProjection.NAME);
        api.eventually("/search?q=" + marker + "&sort=sales", null,
                r -> r.body().path("total").asLong() == 5 && knife.equals(productIds(r).get(0)));
    }

    @Test
    void aTypoStillFindsTheProductAndTheNameWeighsMost() {
        TestApi.Response response = api.get("/search?q=espreso&categoryId=" + kitchen, null);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(productIds(response)).containsExactly(espressoMachine, grinder);
        assertThat(response.body().path("total").asLong()).isEqualTo(2);
        JsonNode first = response.body().path("items").get(0);
        assertThat(first.path("name").asText()).isEqualTo("Espresso Machine");
        assertThat(first.path("categoryName").asText()).isEqualTo("Kitchen");
        assertThat(first.path("price").asLong()).isEqualTo(45_000);
        assertThat(first.path("rating").asDouble()).isZero();
    }

    @Test
    void categoryAndPriceFiltersNarrowTheHits() {
        assertThat(productIds(search("&categoryId=" + garden + "&sort=price_asc"))).containsExactly(shears, hose);
        assertThat(productIds(search("&minPrice=5000&maxPrice=12000&sort=price_asc"))).containsExactly(knife, grinder);
        assertThat(productIds(search("&minPrice=12000&maxPrice=12000"))).containsExactly(grinder);
        assertThat(search("&categoryId=" + garden + "&minPrice=5000").body().path("total").asLong()).isZero();
    }

    @Test
    void eachSortOrdersTheHits() {
        assertThat(productIds(search("&sort=price_asc"))).containsExactly(shears, hose, knife, grinder, espressoMachine);
        assertThat(productIds(search("&sort=price_desc"))).containsExactly(espressoMachine, grinder, knife, hose, shears);
        assertThat(productIds(search("&sort=newest"))).containsExactly(shears, hose, knife, grinder, espressoMachine);
        // Paid units: 3 knives, 1 hose; the 2 espresso machines were refunded and count no more.
        TestApi.Response bySales = search("&sort=sales");
        assertThat(productIds(bySales).subList(0, 2)).containsExactly(knife, hose);
        assertThat(soldUnits(bySales)).containsExactly(3L, 1L, 0L, 0L, 0L);
        TestApi.Response byRelevance = search("&sort=relevance");
        assertThat(productIds(byRelevance)).containsExactlyInAnyOrder(shears, hose, knife, grinder, espressoMachine);
    }

    @Test
    void facetsCountCategoriesAndPriceRanges() {
        JsonNode facets = search("").body().path("facets");
        assertThat(categoryCounts(facets)).containsExactlyInAnyOrderEntriesOf(Map.of(kitchen, 3L, garden, 2L));
        assertThat(priceRangeCounts(facets)).containsExactly("0-1000:0", "1000-2500:1", "2500-5000:1",
                "5000-10000:1", "10000-20000:1", "20000-:1");

        // Each facet ignores its own filter and honours the other one.
        TestApi.Response kitchenOnly = search("&categoryId=" + kitchen);
        assertThat(kitchenOnly.body().path("total").asLong()).isEqualTo(3);
        JsonNode narrowed = kitchenOnly.body().path("facets");
        assertThat(categoryCounts(narrowed)).containsExactlyInAnyOrderEntriesOf(Map.of(kitchen, 3L, garden, 2L));
        assertThat(priceRangeCounts(narrowed)).containsExactly("0-1000:0", "1000-2500:0", "2500-5000:0",
                "5000-10000:1", "10000-20000:1", "20000-:1");
        JsonNode expensive = search("&minPrice=5000").body().path("facets");
        assertThat(categoryCounts(expensive)).containsExactlyInAnyOrderEntriesOf(Map.of(kitchen, 3L));
    }

    @Test
    void pagesSplitTheHits() {
        TestApi.Response second = search("&sort=price_asc&size=2&page=1");
        assertThat(second.body().path("total").asLong()).isEqualTo(5);
        assertThat(productIds(second)).containsExactly(knife, grinder);
    }

    @Test
    void aDelistedProductDisappearsAndAPriceChangeIsSearchable() {
        String merchant = created(api.post("/merchants", admin, Map.of("name", "Another shop")), "merchantId");
        String word = randomWord();
        String lamp = product(merchant, garden, "Solar Lamp", "Garden light", 2_000, word);
        api.eventually("/search?q=" + word, null, r -> productIds(r).equals(List.of(lamp)));

        assertThat(api.put("/products/" + lamp, admin, Map.of("price", 2_600)).status()).isEqualTo(200);
        api.eventually("/search?q=" + word + "&minPrice=2500", null, r -> productIds(r).equals(List.of(lamp)));

        assertThat(api.post("/products/" + lamp + "/delist", admin, null).status()).isEqualTo(200);
        TestApi.Response gone = api.eventually("/search?q=" + word, null, r -> r.body().path("total").asLong() == 0);
        assertThat(gone.body().path("items")).isEmpty();

        assertThat(api.post("/products/" + lamp + "/list", admin, null).status()).isEqualTo(200);
        api.eventually("/search?q=" + word, null, r -> productIds(r).equals(List.of(lamp)));
    }

    @Test
    void anEventThatFailsWhileElasticsearchRefusesWritesIsRetriedNotSkipped() throws Exception {
        String physical = prefix + "-products-v1";
        String merchant = created(api.post("/merchants", admin, Map.of("name", "Blocked shop")), "merchantId");
        String word = randomWord();
        String barrel;
        blockWrites(physical, true);
        try {
            barrel = product(merchant, garden, "Rain Barrel", "Water butt", 4_000, word);
            Thread.sleep(3_000);
            assertThat(api.get("/search?q=" + word, null).body().path("total").asLong()).isZero();
        } finally {
            blockWrites(physical, false);
        }
        api.eventually("/search?q=" + word, null, r -> productIds(r).equals(List.of(barrel)));
    }

    @Test
    void everyPaidOrderLineIsASaleDocumentAndARefundNegatesIt() throws IOException {
        refresh("sales");
        List<JsonNode> knifeSales = documents("sales", "orderId", knifeOrder);
        assertThat(knifeSales).hasSize(1);
        JsonNode sale = knifeSales.get(0);
        assertThat(sale.path("customerId").asText()).isEqualTo(customer.userId());
        assertThat(sale.path("productId").asText()).isEqualTo(knife);
        assertThat(sale.path("categoryId").asText()).isEqualTo(kitchen);
        assertThat(sale.path("merchantId").asText()).isNotBlank();
        assertThat(sale.path("units").asInt()).isEqualTo(3);
        assertThat(sale.path("amount").asLong()).isEqualTo(24_000);
        assertThat(sale.path("flashSale").asBoolean()).isFalse();
        assertThat(sale.path("refunded").asBoolean()).isFalse();
        assertThat(Instant.parse(sale.path("time").asText())).isBefore(Instant.now());

        assertThat(sale.path("kind").asText()).isEqualTo("paid");
        assertThat(sale.path("orders").asInt()).isEqualTo(1);

        List<JsonNode> refunded = documents("sales", "orderId", refundedOrder);
        assertThat(refunded).hasSize(2);
        JsonNode paid = refunded.stream().filter(d -> d.path("kind").asText().equals("paid")).findFirst().orElseThrow();
        JsonNode refund = refunded.stream().filter(d -> d.path("kind").asText().equals("refund")).findFirst().orElseThrow();
        assertThat(paid.path("refunded").asBoolean()).isTrue();
        assertThat(paid.path("amount").asLong()).isEqualTo(90_000);
        assertThat(refund.path("amount").asLong()).isEqualTo(-90_000);
        assertThat(refund.path("units").asInt()).isEqualTo(-2);
        assertThat(refund.path("orders").asInt()).isEqualTo(-1);
        assertThat(Instant.parse(refund.path("time").asText())).isAfterOrEqualTo(Instant.parse(paid.path("time").asText()));
    }

    @Test
    void reviewsGiveTheSearchHitItsAverageRating() {
        TestApi.Response review = api.post("/products/" + knife + "/reviews", customer.token(),
                Map.of("rating", 4, "content", "Holds its edge"));
        assertThat(review.status()).as(review.body().toString()).isEqualTo(201);
        TestApi.Response hits = api.eventually("/search?q=" + marker + "&sort=sales", null,
                r -> r.body().path("items").get(0).path("rating").asDouble() > 0);
        assertThat(hits.body().path("items").get(0).path("productId").asText()).isEqualTo(knife);
        assertThat(hits.body().path("items").get(0).path("rating").asDouble()).isEqualTo(4.0);
    }

    @Test
    void badParametersAreValidationFailures() {
        for (String query : List.of("size=101", "size=0", "sort=cheapest", "minPrice=500&maxPrice=100",
                "page=-1", "minPrice=-1", "size=abc", "page=200&size=100")) {
            TestApi.Response response = api.get("/search?" + query, null);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.code()).as(query).isEqualTo("VALIDATION_FAILED");
            assertThat(response.headers().getContentType().toString()).contains("application/problem+json");
        }
    }

    @Test
    void anUnavailableIndexIsA503WithRetryAfterNeverA500() throws IOException {
        String alias = prefix + "-products";
        String physical = alias + "-v1";
        elasticsearch.indices().deleteAlias(request -> request.index(physical).name(alias));
        try {
            TestApi.Response response = api.get("/search?q=" + marker, null);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.code()).isEqualTo("DEPENDENCY_UNAVAILABLE");
            assertThat(response.headers().getFirst("Retry-After")).isNotBlank();
        } finally {
            elasticsearch.indices().putAlias(request -> request.index(physical).name(alias));
        }
        assertThat(search("").status()).isEqualTo(200);
    }

    @Test
    void rebuildingFromTheEventStoreGivesTheLiveIndexesBack() throws IOException {
        awaitCaughtUp(ProductSearchProjection.NAME);
        awaitCaughtUp(SalesProjection.NAME);
        refresh("products");
        refresh("sales");
        List<JsonNode> liveProducts = all("products", "productId");
        List<JsonNode> liveSales = all("sales", "orderId");
        assertThat(liveProducts).hasSizeGreaterThanOrEqualTo(5);
        assertThat(liveSales).hasSizeGreaterThanOrEqualTo(3);

        replay(ProductSearchProjection.NAME);
        replay(SalesProjection.NAME);
        refresh("products");
        refresh("sales");

        assertThat(all("products", "productId")).isEqualTo(liveProducts);
        assertThat(all("sales", "orderId")).isEqualTo(liveSales);
        assertThat(soldUnits(search("&sort=sales"))).containsExactly(3L, 1L, 0L, 0L, 0L);
    }

    private TestApi.Response search(String parameters) {
        TestApi.Response response = api.get("/search?q=" + marker + parameters, null);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response;
    }

    private String product(String merchant, String category, String name, String subtitle, long price) {
        return product(merchant, category, name, subtitle, price, marker);
    }

    private String product(String merchant, String category, String name, String subtitle, long price, String word) {
        String productId = created(api.post("/products", admin, Map.of("merchantId", merchant, "categoryId", category,
                "name", name, "subtitle", subtitle, "description", "Our " + name.toLowerCase() + ", " + word + " edition.",
                "images", List.of(), "price", price)), "productId");
        assertThat(api.post("/products/" + productId + "/stock", admin, Map.of("quantity", 100)).status()).isEqualTo(200);
        return productId;
    }

    private String paidOrder(String address, String productId, int quantity, long unitPrice) {
        TestApi.Response placed = api.post("/orders", customer.token(), Map.of("addressId", address,
                "items", List.of(Map.of("productId", productId, "quantity", quantity))));
        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
        String orderId = placed.text("orderId");
        api.eventually("/orders/" + orderId, customer.token(), r -> "AWAITING_PAYMENT".equals(r.text("status")));
        api.payThroughSandbox(customer, orderId);
        api.eventually("/orders/" + orderId, customer.token(), r -> "PAID".equals(r.text("status")));
        return orderId;
    }

    private void replay(String group) {
        StreamingEventProcessor processor = processor(group);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitCaughtUp(group);
    }

    /** Every event stored so far has been handled (a replay may still be flagged until the next event). */
    private void awaitCaughtUp(String group) {
        StreamingEventProcessor processor = processor(group);
        long head = eventStore.createHeadToken().position().orElse(-1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                !processor.processingStatus().isEmpty() && processor.processingStatus().values().stream()
                        .allMatch(status -> status.isCaughtUp() && status.getError() == null
                                && status.getCurrentPosition().orElse(-1) >= head));
    }

    private StreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
    }

    private void blockWrites(String index, boolean blocked) throws IOException {
        elasticsearch.indices().putSettings(request -> request.index(index)
                .settings(settings -> settings.blocks(blocks -> blocks.write(blocked))));
    }

    private void refresh(String index) throws IOException {
        elasticsearch.indices().refresh(request -> request.index(prefix + "-" + index));
    }

    private List<JsonNode> documents(String index, String field, String value) throws IOException {
        return StreamSupport.stream(elasticsearch.search(request -> request.index(prefix + "-" + index)
                        .query(q -> q.term(t -> t.field(field).value(value))), JsonNode.class)
                .hits().hits().spliterator(), false).map(hit -> hit.source()).toList();
    }

    private List<JsonNode> all(String index, String sortField) throws IOException {
        return new ArrayList<>(elasticsearch.search(request -> request.index(prefix + "-" + index).size(1_000)
                        .sort(s -> s.field(f -> f.field(sortField).order(SortOrder.Asc)))
                        .sort(s -> s.field(f -> f.field(index.equals("sales") ? "lineNo" : "productId").order(SortOrder.Asc)))
                        .sort(s -> s.field(f -> f.field(index.equals("sales") ? "kind" : "productId").order(SortOrder.Asc))),
                JsonNode.class).hits().hits().stream().map(hit -> hit.source()).toList());
    }

    private static String created(TestApi.Response response, String idField) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.text(idField);
    }

    private static List<String> productIds(TestApi.Response response) {
        return response.body().path("items").findValuesAsText("productId");
    }

    private static List<Long> soldUnits(TestApi.Response response) {
        List<Long> units = new ArrayList<>();
        response.body().path("items").forEach(item -> units.add(item.path("soldUnits").asLong()));
        return units;
    }

    private static Map<String, Long> categoryCounts(JsonNode facets) {
        Map<String, Long> counts = new java.util.HashMap<>();
        facets.path("categories").forEach(c -> counts.put(c.path("categoryId").asText(), c.path("count").asLong()));
        return counts;
    }

    private static List<String> priceRangeCounts(JsonNode facets) {
        List<String> ranges = new ArrayList<>();
        facets.path("priceRanges").forEach(r -> ranges.add(r.path("from").asLong() + "-"
                + (r.path("to").isNull() ? "" : r.path("to").asLong()) + ":" + r.path("count").asLong()));
        return ranges;
    }

    /** Letters only, so the standard analyzer keeps it one token that no other product has. */
    private static String randomWord() {
        Random random = new Random();
        StringBuilder word = new StringBuilder("zx");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
