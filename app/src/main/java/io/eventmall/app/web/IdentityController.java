package io.eventmall.app.web;

import io.eventmall.api.identity.AssignRoles;
import io.eventmall.api.identity.FindCredentials;
import io.eventmall.api.identity.FindUser;
import io.eventmall.api.identity.RegisterUser;
import io.eventmall.api.identity.Role;
import io.eventmall.api.identity.UserCredentials;
import io.eventmall.api.identity.UserView;
import io.eventmall.app.security.TokenIssuer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
public class IdentityController {

    private static final Logger log = LoggerFactory.getLogger(IdentityController.class);

    private final CommandGateway commands;
    private final Reads reads;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final ReadModelWait readModel;

    IdentityController(CommandGateway commands, Reads reads, PasswordEncoder passwords, TokenIssuer tokens,
                       ReadModelWait readModel) {
        this.commands = commands;
        this.reads = reads;
        this.passwords = passwords;
        this.tokens = tokens;
        this.readModel = readModel;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> register(@Valid @RequestBody Registration body) {
        String userId = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterUser(userId, body.username(), passwords.encode(body.password()),
                body.mobile(), EnumSet.of(Role.CUSTOMER)));
        log.info("user {} registered as '{}'", userId, body.username());
        // Login reads the users read model: answer once it knows the new user, so login right after works.
        readModel.until(() -> reads.find(new FindUser(userId), UserView.class).isPresent());
        return Map.of("userId", userId);
    }

    @PostMapping("/login")
    TokenIssuer.IssuedToken login(@Valid @RequestBody Login body) {
        UserCredentials credentials = reads.find(new FindCredentials(body.username()), UserCredentials.class)
                .filter(found -> passwords.matches(body.password(), found.passwordHash()))
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS",
                        "unknown username or wrong password"));
        return tokens.issue(credentials.userId(), credentials.username(), credentials.roles());
    }

    @GetMapping("/me")
    UserView me(Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        return reads.require(new FindUser(userId), UserView.class, "user", userId);
    }

    @PutMapping("/{userId}/roles")
    UserView assignRoles(@PathVariable String userId, @Valid @RequestBody RoleAssignment body) {
        commands.sendAndWait(new AssignRoles(userId, body.roles()));
        log.info("roles of user {} set to {}", userId, body.roles());
        readModel.until(() -> reads.find(new FindUser(userId), UserView.class)
                .filter(user -> user.roles().containsAll(body.roles())).isPresent());
        return reads.require(new FindUser(userId), UserView.class, "user", userId);
    }

    record Registration(
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9_.@-]+",
                    message = "may contain letters, digits and _ . @ - only") String username,
            @NotBlank @Size(min = 8, max = 128) String password,
            @Pattern(regexp = "\\+?[0-9 -]{5,20}", message = "must be a phone number") String mobile) {
    }

    record Login(@NotBlank String username, @NotBlank String password) {
    }

    record RoleAssignment(@NotNull @NotEmpty Set<@NotNull Role> roles) {
    }

}
