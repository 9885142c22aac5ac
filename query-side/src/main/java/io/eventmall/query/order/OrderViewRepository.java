package io.eventmall.query.order;

import io.eventmall.api.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OrderViewRepository extends JpaRepository<OrderEntity, String> {

    @Query("""
            SELECT o FROM OrderEntity o WHERE o.customerId = :customerId
              AND (o.createdAt < :at OR (o.createdAt = :at AND o.orderId < :id))
            ORDER BY o.createdAt DESC, o.orderId DESC""")
    List<OrderEntity> pageOfCustomer(String customerId, Instant at, String id, Limit limit);

    @Query("""
            SELECT o FROM OrderEntity o WHERE o.customerId = :customerId AND o.status = :status
              AND (o.createdAt < :at OR (o.createdAt = :at AND o.orderId < :id))
            ORDER BY o.createdAt DESC, o.orderId DESC""")
    List<OrderEntity> pageOfCustomerInStatus(String customerId, OrderStatus status, Instant at, String id, Limit limit);

    @Query(nativeQuery = true, value = """
            SELECT order_id FROM order_view
            WHERE customer_id = :customerId AND status IN ('PAID', 'SHIPPED', 'COMPLETED')
              AND items @> jsonb_build_array(jsonb_build_object('productId', CAST(:productId AS text)))
            ORDER BY created_at DESC, order_id DESC""")
    List<String> paidOrdersContaining(String customerId, String productId);

    /** Orders with a line of the shop (order lines record their merchantId); {@code status} null means any. */
    @Query(nativeQuery = true, value = """
            SELECT * FROM order_view
            WHERE items @> jsonb_build_array(jsonb_build_object('merchantId', CAST(:merchantId AS text)))
              AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS text))
              AND (created_at < :at OR (created_at = :at AND order_id < :id))
            ORDER BY created_at DESC, order_id DESC
            LIMIT :limit""")
    List<OrderEntity> pageOfMerchant(String merchantId, String status, Instant at, String id, int limit);
}
