package io.eventmall.query.flashsale;

import org.springframework.data.jpa.repository.JpaRepository;

interface FlashSaleViewRepository extends JpaRepository<FlashSaleEntity, String> {
}
