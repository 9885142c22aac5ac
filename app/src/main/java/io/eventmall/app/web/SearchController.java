package io.eventmall.app.web;

import io.eventmall.api.Refusal;
import io.eventmall.api.search.ProductSearchResult;
import io.eventmall.api.search.SearchProducts;
import io.eventmall.api.search.SearchSort;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Product search for anyone: full text, filters, sorts and facets from the Elasticsearch product index. */
@RestController
@RequestMapping("/api/v1/search")
public class SearchController {

    static final int MAX_SIZE = 100;
    /** Elasticsearch's default max_result_window: deeper pages are refused rather than failing there. */
    static final int MAX_WINDOW = 10_000;
    static final int MAX_TEXT = 200;

    private final Reads reads;

    SearchController(Reads reads) {
        this.reads = reads;
    }

    /** {@code page} counts from 0. */
    @GetMapping
    ProductSearchResult search(@RequestParam(required = false) String q,
                               @RequestParam(required = false) String categoryId,
                               @RequestParam(required = false) Long minPrice,
                               @RequestParam(required = false) Long maxPrice,
                               @RequestParam(defaultValue = "relevance") String sort,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "20") int size) {
        SearchSort order = SearchSort.fromWireName(sort).orElseThrow(() -> invalid("sort must be one of "
                + Arrays.stream(SearchSort.values()).map(SearchSort::wireName).collect(Collectors.joining(", "))));
        if (size < 1 || size > MAX_SIZE) {
            throw invalid("size must be between 1 and " + MAX_SIZE);
        }
        if (page < 0 || ((long) page + 1) * size > MAX_WINDOW) {
            throw invalid("page must be at least 0 and page * size at most " + (MAX_WINDOW - size));
        }
        if ((minPrice != null && minPrice < 0) || (maxPrice != null && maxPrice < 0)) {
            throw invalid("minPrice and maxPrice must not be negative");
        }
        if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
            throw invalid("minPrice must not exceed maxPrice");
        }
        if (q != null && q.length() > MAX_TEXT) {
            throw invalid("q must be at most " + MAX_TEXT + " characters");
        }
        String category = categoryId == null || categoryId.isBlank() ? null : categoryId;
        return reads.one(new SearchProducts(q, category, minPrice, maxPrice, order, page, size),
                ProductSearchResult.class);
    }

    private static ApiProblem invalid(String detail) {
        return ApiProblem.of(Refusal.VALIDATION_FAILED, detail);
    }
}
