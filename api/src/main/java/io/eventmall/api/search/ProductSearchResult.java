package io.eventmall.api.search;

import java.util.List;

/** One page of search hits, the number of all matches, and the facets of the search. */
public record ProductSearchResult(long total, List<ProductSearchHit> items, SearchFacets facets) {
}
