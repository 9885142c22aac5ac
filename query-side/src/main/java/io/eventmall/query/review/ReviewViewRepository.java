package io.eventmall.query.review;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ReviewViewRepository extends JpaRepository<ReviewEntity, String> {

    @Query("""
            SELECT r FROM ReviewEntity r WHERE r.productId = :productId
              AND (r.writtenAt < :at OR (r.writtenAt = :at AND r.reviewId < :id))
            ORDER BY r.writtenAt DESC, r.reviewId DESC""")
    List<ReviewEntity> pageOfProduct(String productId, Instant at, String id, Limit limit);
}
