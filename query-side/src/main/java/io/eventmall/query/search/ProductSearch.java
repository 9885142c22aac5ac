package io.eventmall.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.AggregationRange;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.eventmall.api.search.CategoryFacet;
import io.eventmall.api.search.PriceRangeFacet;
import io.eventmall.api.search.ProductSearchHit;
import io.eventmall.api.search.ProductSearchResult;
import io.eventmall.api.search.SearchFacets;
import io.eventmall.api.search.SearchProducts;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answers {@link SearchProducts} from the product index: typo-tolerant full text over name, subtitle and
 * description (fuzziness AUTO), listed products only, category and price filters, the sorts, and facets.
 * The category and price filters are applied after the facets are counted, each facet honouring the other
 * filter, so a shopper sees how many products switching category or price range would show.
 */
@Component
class ProductSearch {

    private static final String CATEGORIES = "categories";
    private static final String PRICE_RANGES = "priceRanges";
    private static final String BUCKETS = "buckets";

    private final ElasticsearchClient elasticsearch;
    private final SearchIndex index;
    private final List<Long> priceBounds;

    ProductSearch(ElasticsearchClient elasticsearch, SearchIndex productSearchIndex,
                  @Value("${mall.search.price-range-bounds:1000,2500,5000,10000,20000}") List<Long> priceBounds) {
        this.elasticsearch = elasticsearch;
        this.index = productSearchIndex;
        this.priceBounds = priceBounds.stream().sorted().toList();
    }

    ProductSearchResult search(SearchProducts query) {
        return result(ElasticsearchReads.read("search", () -> elasticsearch.search(request -> request
                    .index(index.alias())
                    .query(matching(query))
                    .postFilter(Query.of(q -> q.bool(b -> b.filter(categoryFilter(query)).filter(priceFilter(query)))))
                    .aggregations(CATEGORIES, facet -> facet.filter(priceFilter(query))
                            .aggregations(BUCKETS, terms -> terms.terms(t -> t.field("categoryId").size(100))))
                    .aggregations(PRICE_RANGES, facet -> facet.filter(categoryFilter(query))
                            .aggregations(BUCKETS, ranges -> ranges.range(r -> r.field("price").ranges(priceRanges()))))
                    .sort(sort(query))
                    .from(query.page() * query.size())
                    .size(query.size())
                    .trackTotalHits(total -> total.enabled(true)), ProductDocument.class)));
    }

    private static Query matching(SearchProducts query) {
        return Query.of(q -> q.bool(b -> {
            b.filter(f -> f.term(t -> t.field("listed").value(true)));
            if (query.text() != null && !query.text().isBlank()) {
                b.must(m -> m.multiMatch(text -> text.query(query.text())
                        .fields("name^3", "subtitle^2", "description")
                        .type(TextQueryType.BestFields)
                        .fuzziness("AUTO")
                        .prefixLength(1)));
            }
            return b;
        }));
    }

    private static Query categoryFilter(SearchProducts query) {
        return query.categoryId() == null ? Query.of(q -> q.matchAll(all -> all))
                : Query.of(q -> q.term(t -> t.field("categoryId").value(query.categoryId())));
    }

    private static Query priceFilter(SearchProducts query) {
        if (query.minPrice() == null && query.maxPrice() == null) {
            return Query.of(q -> q.matchAll(all -> all));
        }
        return Query.of(q -> q.range(range -> range.number(price -> {
            price.field("price");
            if (query.minPrice() != null) {
                price.gte(query.minPrice().doubleValue());
            }
            if (query.maxPrice() != null) {
                price.lte(query.maxPrice().doubleValue());
            }
            return price;
        })));
    }

    private List<AggregationRange> priceRanges() {
        List<AggregationRange> ranges = new ArrayList<>();
        long from = 0;
        for (long bound : priceBounds) {
            long lower = from;
            ranges.add(AggregationRange.of(r -> r.from((double) lower).to((double) bound)));
            from = bound;
        }
        long top = from;
        ranges.add(AggregationRange.of(r -> r.from((double) top)));
        return ranges;
    }

    private static List<SortOptions> sort(SearchProducts query) {
        SortOptions byId = field("productId", SortOrder.Asc);
        SortOptions byScore = SortOptions.of(s -> s.score(score -> score.order(SortOrder.Desc)));
        SortOptions newest = field("createdAt", SortOrder.Desc);
        return switch (query.sort()) {
            case RELEVANCE -> List.of(byScore, newest, byId);
            case PRICE_ASC -> List.of(field("price", SortOrder.Asc), byId);
            case PRICE_DESC -> List.of(field("price", SortOrder.Desc), byId);
            case SALES -> List.of(field("soldUnits", SortOrder.Desc), byScore, byId);
            case NEWEST -> List.of(newest, byId);
        };
    }

    private static SortOptions field(String name, SortOrder order) {
        return SortOptions.of(s -> s.field(f -> f.field(name).order(order)));
    }

    private static ProductSearchResult result(SearchResponse<ProductDocument> response) {
        List<ProductSearchHit> items = response.hits().hits().stream().map(Hit::source).map(ProductSearch::hit).toList();
        List<CategoryFacet> categories = response.aggregations().get(CATEGORIES).filter().aggregations().get(BUCKETS)
                .sterms().buckets().array().stream()
                .map(bucket -> new CategoryFacet(bucket.key().stringValue(), bucket.docCount()))
                .toList();
        List<PriceRangeFacet> priceRanges = response.aggregations().get(PRICE_RANGES).filter().aggregations()
                .get(BUCKETS).range().buckets().array().stream()
                .map(bucket -> new PriceRangeFacet(bucket.from() == null ? 0 : bucket.from().longValue(),
                        bucket.to() == null ? null : bucket.to().longValue(), bucket.docCount()))
                .toList();
        long total = response.hits().total() == null ? items.size() : response.hits().total().value();
        return new ProductSearchResult(total, items, new SearchFacets(categories, priceRanges));
    }

    private static ProductSearchHit hit(ProductDocument product) {
        return new ProductSearchHit(product.productId(), product.name(), product.subtitle(), product.categoryId(),
                product.categoryName(), product.merchantId(), product.price(), product.soldUnits(), product.rating(),
                product.createdAt());
    }
}
