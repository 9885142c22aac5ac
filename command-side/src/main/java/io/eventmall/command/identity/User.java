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
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate
public class User {

    @AggregateIdentifier
    private String userId;
    private Set<Role> roles;
    private boolean forgotten;

    @CommandHandler
    public User(RegisterUser command, UsernameAvailability availability, CredentialStore credentials) {
        Required.text("username", command.username());
        Required.text("passwordHash", command.passwordHash());
        if (availability.isTaken(command.username())) {
            throw new RuleViolation(Refusal.USERNAME_TAKEN, "username '" + command.username() + "' is already taken");
        }
        // The hash goes to its own table, never into the history that auditors read and that is kept forever.
        credentials.store(command.userId(), command.username(), command.passwordHash());
        apply(new UserRegistered(command.userId(), command.username(), command.mobile(),
                everyUserIsACustomer(command.roles()), command.email()));
    }

    protected User() {
    }

    @CommandHandler
    public void handle(AssignRoles command) {
        apply(new RolesAssigned(userId, everyUserIsACustomer(command.roles())));
    }

    /** Forgetting twice changes nothing more. */
    @CommandHandler
    public void handle(ForgetUser command, CredentialStore credentials) {
        if (forgotten) {
            return;
        }
        credentials.forget(userId);
        apply(new UserForgotten(userId));
    }

    private static Set<Role> everyUserIsACustomer(Collection<Role> requested) {
        Set<Role> granted = EnumSet.of(Role.CUSTOMER);
        if (requested != null) {
            granted.addAll(requested);
        }
        return granted;
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        roles = EnumSet.copyOf(event.roles());
    }

    @EventSourcingHandler
    void on(UserForgotten event) {
        forgotten = true;
    }

    @EventSourcingHandler
    void on(RolesAssigned event) {
        roles = EnumSet.copyOf(event.roles());
    }
}
