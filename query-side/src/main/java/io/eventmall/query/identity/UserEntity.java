package io.eventmall.query.identity;

import io.eventmall.api.identity.Role;
import io.eventmall.api.identity.UserView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

@Entity
@Table(name = "user_account")
class UserEntity {

    @Id
    private String userId;
    @Column(nullable = false, unique = true)
    private String username;
    private String mobile;
    private String email;
    /** Comma-separated role names: a user has few roles and they are always read together. */
    @Column(nullable = false)
    private String roles;

    protected UserEntity() {
    }

    UserEntity(String userId, String username, String mobile, Set<Role> roles, String email) {
        this.userId = userId;
        this.username = username;
        this.mobile = mobile;
        this.email = email;
        assignRoles(roles);
    }

    /** The person was forgotten: their sealed contact details are dropped too (their key is gone anyway). */
    void forgetContactDetails() {
        this.mobile = null;
        this.email = null;
    }

    void assignRoles(Set<Role> newRoles) {
        this.roles = newRoles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    Set<Role> roles() {
        Set<Role> result = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).filter(r -> !r.isBlank()).map(Role::valueOf).forEach(result::add);
        return result;
    }

    UserView toView() {
        return new UserView(userId, username, mobile, roles(), email);
    }
}
