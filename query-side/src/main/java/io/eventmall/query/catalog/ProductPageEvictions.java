package io.eventmall.query.catalog;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Evicts a product's cached page after the change that made it stale has committed, through an outbox: the
 * request is a row written in the products projection's transaction, and it is deleted only once both cache
 * layers dropped the page. Evicting after the commit means a read racing with the change cannot re-cache the old
 * row; the outbox means Redis being down neither blocks the product read model nor loses the eviction, which is
 * retried every {@code mall.product-cache.eviction-retry-interval} until Redis answers.
 */
@Component
class ProductPageEvictions {

    private static final Logger log = LoggerFactory.getLogger(ProductPageEvictions.class);

    private final JdbcTemplate jdbc;
    private final ProductDetailCache cache;
    private final Clock clock;

    ProductPageEvictions(JdbcTemplate jdbc, ProductDetailCache cache, Clock clock) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.clock = clock;
    }

    /** Within the handler's transaction; the eviction itself runs once it committed. */
    void request(String productId) {
        Instant at = clock.instant();
        jdbc.update("""
                INSERT INTO product_page_eviction (product_id, requested_at) VALUES (?, ?)
                ON CONFLICT (product_id) DO UPDATE SET requested_at = EXCLUDED.requested_at""",
                productId, Timestamp.from(at));
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(committed -> evict(productId, at)));
    }

    @Scheduled(fixedDelayString = "${mall.product-cache.eviction-retry-interval:PT2S}")
    void retryPending() {
        List<PendingEviction> pending = jdbc.query(
                "SELECT product_id, requested_at FROM product_page_eviction ORDER BY requested_at LIMIT 500",
                (rs, row) -> new PendingEviction(rs.getString(1), rs.getTimestamp(2).toInstant()));
        for (PendingEviction eviction : pending) {
            if (!evict(eviction.productId(), eviction.requestedAt())) {
                return;
            }
        }
    }

    /** The row goes only if no newer request came meanwhile, which has its own eviction to come. */
    private boolean evict(String productId, Instant requestedAt) {
        try {
            cache.evict(productId);
        } catch (DataAccessException redisDown) {
            log.warn("product {}: page eviction postponed, Redis is unavailable: {}", productId, redisDown.getMessage());
            return false;
        }
        jdbc.update("DELETE FROM product_page_eviction WHERE product_id = ? AND requested_at <= ?", productId,
                Timestamp.from(requestedAt));
        return true;
    }

    private record PendingEviction(String productId, Instant requestedAt) {
    }
}
