package io.eventmall.query.customer;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface AddressViewRepository extends JpaRepository<AddressEntity, String> {

    List<AddressEntity> findByUserIdOrderByAddressId(String userId);
}
