package io.eventmall.query.catalog;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ProductViewRepository extends JpaRepository<ProductEntity, String> {

    /** Listed products newest first after the keyset (at, id); a null category or shop means any. */
    @Query("""
            SELECT p FROM ProductEntity p WHERE p.listed = true
              AND (CAST(:categoryId AS String) IS NULL OR p.categoryId = :categoryId)
              AND (CAST(:merchantId AS String) IS NULL OR p.merchantId = :merchantId)
              AND (p.createdAt < :at OR (p.createdAt = :at AND p.productId < :id))
            ORDER BY p.createdAt DESC, p.productId DESC""")
    List<ProductEntity> listedPage(String categoryId, String merchantId, Instant at, String id, Limit limit);
}
