package io.eventmall.query.flashsale;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface FlashSaleViewRepository extends JpaRepository<FlashSaleEntity, String> {

    @Query("SELECT s FROM FlashSaleEntity s WHERE s.startsAt > :now ORDER BY s.startsAt, s.flashSaleId")
    List<FlashSaleEntity> upcoming(Instant now, Limit limit);

    @Query("""
            SELECT s FROM FlashSaleEntity s WHERE s.startsAt <= :now AND s.endsAt > :now
            ORDER BY s.endsAt, s.flashSaleId""")
    List<FlashSaleEntity> ongoing(Instant now, Limit limit);

    @Query("SELECT s FROM FlashSaleEntity s WHERE s.endsAt <= :now ORDER BY s.endsAt DESC, s.flashSaleId")
    List<FlashSaleEntity> ended(Instant now, Limit limit);
}
