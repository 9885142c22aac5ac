package io.eventmall.query.order;

import org.springframework.data.jpa.repository.JpaRepository;

interface OrderViewRepository extends JpaRepository<OrderEntity, String> {
}
