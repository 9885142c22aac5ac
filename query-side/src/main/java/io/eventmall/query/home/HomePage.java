package io.eventmall.query.home;

import io.eventmall.api.home.FlashSaleCard;
import io.eventmall.api.home.HomeFlashSales;
import io.eventmall.api.home.HomeView;
import io.eventmall.query.ranking.RankingProjection;
import io.eventmall.query.redis.RedisReadModelState;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * GET /home, assembled from the Redis read models only (home, rankings, recommendations): a hit never touches
 * PostgreSQL. Called directly rather than through the query bus, whose transaction would take a database
 * connection for every request.
 */
@Component
public class HomePage {

    private final HomeProjection home;
    private final RankingProjection rankings;
    private final RecommendationProjection recommendations;
    private final RedisReadModelState redisState;
    private final Clock clock;
    private final int sectionSize;

    HomePage(HomeProjection home, RankingProjection rankings, RecommendationProjection recommendations,
             RedisReadModelState redisState, Clock clock, @Value("${mall.home.section-size:10}") int sectionSize) {
        this.redisState = redisState;
        this.home = home;
        this.rankings = rankings;
        this.recommendations = recommendations;
        this.clock = clock;
        this.sectionSize = sectionSize;
    }

    /** {@code userId} is null for an anonymous visitor. */
    public HomeView of(String userId) {
        redisState.requireTrusted("the home page");
        Instant now = clock.instant();
        List<FlashSaleCard> sales = home.flashSalesNotEndedAt(now);
        List<FlashSaleCard> ongoing = sales.stream()
                .filter(sale -> !now.isBefore(sale.startsAt()) && now.isBefore(sale.endsAt()))
                .sorted(Comparator.comparing(FlashSaleCard::endsAt).thenComparing(FlashSaleCard::flashSaleId))
                .limit(sectionSize).toList();
        List<FlashSaleCard> upcoming = sales.stream()
                .filter(sale -> now.isBefore(sale.startsAt()))
                .sorted(Comparator.comparing(FlashSaleCard::startsAt).thenComparing(FlashSaleCard::flashSaleId))
                .limit(sectionSize).toList();
        return new HomeView(home.activeBanners(now), new HomeFlashSales(ongoing, upcoming),
                rankings.bestSellers(null, sectionSize), recommendations.forCustomer(userId, sectionSize));
    }
}
