package io.eventmall.query.identity;

import io.eventmall.api.identity.FindUser;
import io.eventmall.api.identity.RolesAssigned;
import io.eventmall.api.identity.UserForgotten;
import io.eventmall.api.identity.UserRegistered;
import io.eventmall.api.identity.UserView;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Users as login and "who am I" see them. */
@Component
@ProcessingGroup(UserProjection.NAME)
public class UserProjection {

    public static final String NAME = "users";

    private final UserViewRepository users;

    UserProjection(UserViewRepository users) {
        this.users = users;
    }

    @EventHandler
    void on(UserRegistered event) {
        users.save(new UserEntity(event.userId(), event.username(), event.mobile(), event.roles(), event.email()));
    }

    @EventHandler
    void on(RolesAssigned event) {
        users.findById(event.userId()).ifPresent(user -> user.assignRoles(event.roles()));
    }

    @EventHandler
    void on(UserForgotten event) {
        users.findById(event.userId()).ifPresent(UserEntity::forgetContactDetails);
    }

    @ResetHandler
    void reset() {
        users.deleteAllInBatch();
    }

    @QueryHandler
    Optional<UserView> handle(FindUser query) {
        return users.findById(query.userId()).map(UserEntity::toView);
    }
}
