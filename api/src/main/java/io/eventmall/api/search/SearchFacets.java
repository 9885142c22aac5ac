package io.eventmall.api.search;

import java.util.List;

/**
 * Counts that let a shopper narrow a search: category counts honour the price filter but not the
 * category filter, price-range counts honour the category filter but not the price filter.
 */
public record SearchFacets(List<CategoryFacet> categories, List<PriceRangeFacet> priceRanges) {
}
