package io.eventmall.query.identity;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface UserViewRepository extends JpaRepository<UserEntity, String> {

    Optional<UserEntity> findByUsername(String username);
}
