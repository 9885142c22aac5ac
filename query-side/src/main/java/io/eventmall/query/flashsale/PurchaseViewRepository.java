package io.eventmall.query.flashsale;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface PurchaseViewRepository extends JpaRepository<PurchaseEntity, String> {

    Optional<PurchaseEntity> findByOrderId(String orderId);
}
