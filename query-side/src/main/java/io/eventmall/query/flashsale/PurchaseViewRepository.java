package io.eventmall.query.flashsale;

import org.springframework.data.jpa.repository.JpaRepository;

interface PurchaseViewRepository extends JpaRepository<PurchaseEntity, String> {
}
