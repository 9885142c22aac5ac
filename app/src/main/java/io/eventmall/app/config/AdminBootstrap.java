package io.eventmall.app.config;

import io.eventmall.api.RuleViolation;
import io.eventmall.api.identity.FindCredentials;
import io.eventmall.api.identity.RegisterUser;
import io.eventmall.api.identity.Role;
import io.eventmall.api.identity.UserCredentials;
import io.eventmall.app.security.SecurityProperties;
import io.eventmall.app.web.ReadModelWait;
import io.eventmall.app.web.Reads;
import io.eventmall.command.identity.UsernameAvailability;
import java.util.EnumSet;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Creates the configured administrator on first start; admins then grant every other role. */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final SecurityProperties security;
    private final UsernameAvailability usernames;
    private final CommandGateway commands;
    private final PasswordEncoder passwords;
    private final Reads reads;
    private final ReadModelWait readModel;

    AdminBootstrap(SecurityProperties security, UsernameAvailability usernames, CommandGateway commands,
                   PasswordEncoder passwords, Reads reads, ReadModelWait readModel) {
        this.security = security;
        this.usernames = usernames;
        this.commands = commands;
        this.passwords = passwords;
        this.reads = reads;
        this.readModel = readModel;
    }

    @Override
    public void run(ApplicationArguments args) {
        SecurityProperties.BootstrapAdmin admin = security.bootstrapAdmin();
        if (admin == null || admin.username() == null || admin.username().isBlank() || admin.password() == null) {
            log.info("no bootstrap admin configured");
            return;
        }
        if (usernames.isTaken(admin.username())) {
            return;
        }
        String userId = UUID.randomUUID().toString();
        try {
            commands.sendAndWait(new RegisterUser(userId, admin.username(), passwords.encode(admin.password()), null,
                    EnumSet.allOf(Role.class)));
            log.info("bootstrap admin '{}' created as user {}", admin.username(), userId);
            // Operators log in as soon as the service reports ready.
            readModel.until(() -> reads.find(new FindCredentials(admin.username()), UserCredentials.class).isPresent());
        } catch (RuleViolation alreadyCreatedByAnotherInstance) {
            log.info("bootstrap admin '{}' already exists", admin.username());
        }
    }
}
