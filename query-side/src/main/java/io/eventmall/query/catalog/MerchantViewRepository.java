package io.eventmall.query.catalog;

import org.springframework.data.jpa.repository.JpaRepository;

interface MerchantViewRepository extends JpaRepository<MerchantEntity, String> {
}
