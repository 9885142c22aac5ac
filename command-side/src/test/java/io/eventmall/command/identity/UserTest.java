package io.eventmall.command.identity;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.identity.AssignRoles;
import io.eventmall.api.identity.ForgetUser;
import io.eventmall.api.identity.RegisterUser;
import io.eventmall.api.identity.Role;
import io.eventmall.api.identity.RolesAssigned;
import io.eventmall.api.identity.UserForgotten;
import io.eventmall.api.identity.UserRegistered;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

class UserTest {

    private static final String USER_ID = "user-1";

    private final Set<String> takenUsernames = new HashSet<>();
    private final Map<String, String> storedHashes = new HashMap<>();
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource((UsernameAvailability) takenUsernames::contains);
        fixture.registerInjectableResource(new CredentialStore() {
            @Override
            public void store(String userId, String username, String passwordHash) {
                storedHashes.put(userId, passwordHash);
            }

            @Override
            public void forget(String userId) {
                storedHashes.remove(userId);
            }
        });
    }

    @Test
    void registersAFreeUsernameAsACustomer() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER_ID, "alice", "hash", "13800000000", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserRegistered(USER_ID, "alice", "13800000000", EnumSet.of(Role.CUSTOMER)));
    }

    @Test
    void keepsThePasswordHashOutOfTheEventsInItsOwnStore() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER_ID, "alice", "the-hash", null, null))
                .expectEvents(new UserRegistered(USER_ID, "alice", null, EnumSet.of(Role.CUSTOMER)));

        assertThat(storedHashes).containsExactly(Map.entry(USER_ID, "the-hash"));
    }

    @Test
    void aRefusedRegistrationStoresNoCredential() {
        takenUsernames.add("alice");

        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER_ID, "alice", "the-hash", null, null))
                .expectException(Refused.because(Refusal.USERNAME_TAKEN));

        assertThat(storedHashes).isEmpty();
    }

    @Test
    void forgettingAUserDropsTheCredentialOnce() {
        storedHashes.put(USER_ID, "the-hash");
        fixture.given(new UserRegistered(USER_ID, "alice", null, EnumSet.of(Role.CUSTOMER)))
                .when(new ForgetUser(USER_ID))
                .expectEvents(new UserForgotten(USER_ID));
        assertThat(storedHashes).isEmpty();

        fixture.given(new UserRegistered(USER_ID, "alice", null, EnumSet.of(Role.CUSTOMER)), new UserForgotten(USER_ID))
                .when(new ForgetUser(USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void keepsTheCustomerRoleBesideRequestedRoles() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER_ID, "alice", "hash", null, Set.of(Role.ADMIN)))
                .expectEvents(new UserRegistered(USER_ID, "alice", null, EnumSet.of(Role.CUSTOMER, Role.ADMIN)));
    }

    @Test
    void refusesATakenUsername() {
        takenUsernames.add("alice");

        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER_ID, "alice", "hash", null, null))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.USERNAME_TAKEN))
                .expectExceptionMessage(containsString("alice"));
    }

    @Test
    void refusesABlankUsername() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER_ID, " ", "hash", null, null))
                .expectException(RuleViolation.class)
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("username"));
    }

    @Test
    void refusesAMissingPasswordHash() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER_ID, "alice", null, null, null))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED))
                .expectExceptionMessage(containsString("passwordHash"));
    }

    @Test
    void replacesTheRolesButKeepsCustomer() {
        fixture.given(new UserRegistered(USER_ID, "alice", null, EnumSet.of(Role.CUSTOMER, Role.ADMIN)))
                .when(new AssignRoles(USER_ID, Set.of(Role.MERCHANT)))
                .expectEvents(new RolesAssigned(USER_ID, EnumSet.of(Role.CUSTOMER, Role.MERCHANT)));
    }

    @Test
    void assigningNoRolesLeavesTheUserACustomer() {
        fixture.given(new UserRegistered(USER_ID, "alice", null, EnumSet.of(Role.CUSTOMER, Role.ADMIN)))
                .when(new AssignRoles(USER_ID, Set.of()))
                .expectEvents(new RolesAssigned(USER_ID, EnumSet.of(Role.CUSTOMER)));
    }
}
