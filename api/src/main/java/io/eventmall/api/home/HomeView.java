package io.eventmall.api.home;

import io.eventmall.api.ranking.BestSeller;
import java.util.List;

/** GET /home: everything the landing page shows, from Redis. */
public record HomeView(List<BannerCard> banners, HomeFlashSales flashSales, List<BestSeller> rankings,
                       List<ProductCard> recommendations) {
}
