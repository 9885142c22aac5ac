package io.eventmall.query.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.ObjectBuilder;
import io.eventmall.api.analytics.FindSalesFigures;
import io.eventmall.api.analytics.SalesBucket;
import io.eventmall.api.analytics.SalesFigures;
import io.eventmall.api.analytics.SalesGrouping;
import io.eventmall.api.analytics.SalesInterval;
import io.eventmall.query.search.ElasticsearchReads;
import io.eventmall.query.search.SearchIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Sales figures from the sales index alone: a composite aggregation (time bucket, then key), paged through with
 * its {@code after} key, summing units, amount and the grouping's order markers (see the sales index in
 * docs/analytics.md): exact figures, no document fetched. Without interval and grouping, one total.
 */
@Component
class SalesFiguresQuery {

    private static final int PAGE = 1_000;
    /** The answer stops growing here; the web layer refuses ranges that would need more. */
    static final int MAX_BUCKETS = 50_000;
    private static final String ALL = "all";
    private static final String BUCKETS = "buckets";

    private final ElasticsearchClient elasticsearch;
    private final SearchIndex salesIndex;

    SalesFiguresQuery(ElasticsearchClient elasticsearch, SearchIndex salesIndex) {
        this.elasticsearch = elasticsearch;
        this.salesIndex = salesIndex;
    }

    @QueryHandler
    SalesFigures handle(FindSalesFigures query) {
        Map<String, Aggregation> sums = sums(query.groupBy());
        List<Map<String, CompositeAggregationSource>> sources = sources(query);
        if (sources.isEmpty()) {
            SearchResponse<Void> total = search(query, request -> request.aggregations(sums));
            return new SalesFigures(total.hits().total().value() == 0 ? List.of()
                    : List.of(bucket(ALL, null, total.aggregations())));
        }
        List<SalesBucket> buckets = new ArrayList<>();
        Map<String, FieldValue> after = null;
        do {
            Map<String, FieldValue> from = after;
            SearchResponse<Void> page = search(query, request -> request.aggregations(BUCKETS, a -> a
                    .composite(c -> from == null ? c.size(PAGE).sources(sources) : c.size(PAGE).sources(sources).after(from))
                    .aggregations(sums)));
            CompositeAggregate composite = page.aggregations().get(BUCKETS).composite();
            List<CompositeBucket> found = composite.buckets().array();
            for (CompositeBucket bucket : found) {
                FieldValue time = bucket.key().get("time");
                FieldValue key = bucket.key().get("key");
                buckets.add(bucket(key == null ? ALL : key.stringValue(),
                        time == null ? null : Instant.ofEpochMilli(time.longValue()), bucket.aggregations()));
            }
            after = found.size() < PAGE ? null : composite.afterKey();
        } while (after != null && buckets.size() < MAX_BUCKETS);
        return new SalesFigures(buckets);
    }

    private static List<Map<String, CompositeAggregationSource>> sources(FindSalesFigures query) {
        List<Map<String, CompositeAggregationSource>> sources = new ArrayList<>();
        if (query.interval() != null) {
            String interval = query.interval() == SalesInterval.HOUR ? "1h" : "1d";
            sources.add(Map.of("time", CompositeAggregationSource.of(s -> s.dateHistogram(d -> d.field("time")
                    .calendarInterval(t -> t.time(interval)).timeZone("UTC")))));
        }
        if (query.groupBy() != null) {
            String field = switch (query.groupBy()) {
                case CATEGORY -> "categoryId";
                case MERCHANT -> "merchantId";
                case PRODUCT -> "productId";
            };
            sources.add(Map.of("key", CompositeAggregationSource.of(s -> s.terms(t -> t.field(field)))));
        }
        return sources;
    }

    /** Orders are counted by the marker of the grouping: 1 on an order's first line of that key, -1 on its refund. */
    private static Map<String, Aggregation> sums(SalesGrouping groupBy) {
        String orders = groupBy == null ? "orders" : switch (groupBy) {
            case CATEGORY -> "categoryOrders";
            case MERCHANT -> "merchantOrders";
            case PRODUCT -> "productOrders";
        };
        return Map.of("orders", sum(orders), "units", sum("units"), "amount", sum("amount"));
    }

    private static Aggregation sum(String field) {
        return Aggregation.of(a -> a.sum(s -> s.field(field)));
    }

    private static SalesBucket bucket(String key, Instant time, Map<String, Aggregate> sums) {
        return new SalesBucket(key, time, value(sums, "orders"), value(sums, "units"), value(sums, "amount"));
    }

    private static long value(Map<String, Aggregate> sums, String name) {
        return Math.round(sums.get(name).sum().value());
    }

    private SearchResponse<Void> search(FindSalesFigures query,
                                        Function<SearchRequest.Builder, ObjectBuilder<SearchRequest>> aggregations) {
        return ElasticsearchReads.read("sales", () -> elasticsearch.search(request -> aggregations.apply(request.index(salesIndex.alias()).size(0)
                    .trackTotalHits(t -> t.enabled(true))
                    .query(q -> q.range(r -> r.date(d -> {
                        d.field("time");
                        if (query.from() != null) {
                            d.gte(query.from().toString());
                        }
                        if (query.to() != null) {
                            d.lt(query.to().toString());
                        }
                        return d;
                    })))), Void.class));
    }
}
