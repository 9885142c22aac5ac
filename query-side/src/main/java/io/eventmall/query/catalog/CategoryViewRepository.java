package io.eventmall.query.catalog;

import org.springframework.data.jpa.repository.JpaRepository;

interface CategoryViewRepository extends JpaRepository<CategoryEntity, String> {
}
