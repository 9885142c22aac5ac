package io.eventmall.query.catalog;

import org.springframework.data.jpa.repository.JpaRepository;

interface ProductViewRepository extends JpaRepository<ProductEntity, String> {
}
