package io.eventmall.app.web;

import io.eventmall.api.identity.AssignRoles;
import io.eventmall.api.identity.FindCredentials;
import io.eventmall.api.identity.ForgetUser;
import io.eventmall.api.identity.FindUser;
import io.eventmall.api.identity.RegisterUser;
import io.eventmall.api.identity.Role;
import io.eventmall.api.identity.UserCredentials;
import io.eventmall.api.identity.UserView;
import io.eventmall.app.identity.PersonalDataVault;
import io.eventmall.app.security.LoginThrottle;
import io.eventmall.app.security.TokenIssuer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
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
    private final LoginThrottle throttle;
    private final PersonalDataVault vault;
    /** Checked against when the username is unknown, so that it costs one hash like a known one. */
    private final String unknownUserHash;

    IdentityController(CommandGateway commands, Reads reads, PasswordEncoder passwords, TokenIssuer tokens,
                       ReadModelWait readModel, LoginThrottle throttle, PersonalDataVault vault) {
        this.vault = vault;
        this.commands = commands;
        this.reads = reads;
        this.passwords = passwords;
        this.tokens = tokens;
        this.readModel = readModel;
        this.throttle = throttle;
        this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> register(@Valid @RequestBody Registration body, HttpServletRequest request) {
        throttle.beforeRegistration(request.getRemoteAddr());
        String userId = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterUser(userId, body.username(), passwords.encode(body.password()),
                vault.seal(userId, body.mobile()), EnumSet.of(Role.CUSTOMER), vault.seal(userId, body.email())));
        log.info("user {} registered as '{}'", userId, body.username());
        // Login reads the users read model: answer once it knows the new user, so login right after works.
        readModel.until(() -> reads.find(new FindUser(userId), UserView.class).isPresent());
        return Map.of("userId", userId);
    }

    @PostMapping("/login")
    TokenIssuer.IssuedToken login(@Valid @RequestBody Login body, HttpServletRequest request) {
        String clientAddress = request.getRemoteAddr();
        throttle.beforeLogin(body.username(), clientAddress);
        Optional<UserCredentials> known = reads.find(new FindCredentials(body.username()), UserCredentials.class);
        // An unknown username is checked against a dummy hash: both cost one BCrypt, neither answers sooner.
        boolean matches = passwords.matches(body.password(), known.map(UserCredentials::passwordHash).orElse(unknownUserHash));
        if (known.isEmpty() || !matches) {
            log.info("failed login for '{}' from {}", body.username(), clientAddress);
            throttle.failedLogin(body.username(), clientAddress);
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "unknown username or wrong password");
        }
        UserCredentials credentials = known.get();
        return tokens.issue(credentials.userId(), credentials.username(), credentials.roles());
    }

    @GetMapping("/me")
    UserView me(Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        UserView user = reads.require(new FindUser(userId), UserView.class, "user", userId);
        return new UserView(user.userId(), user.username(), vault.open(userId, user.mobile()), user.roles(),
                vault.open(userId, user.email()));
    }

    /** Forgets the caller: no more login, and their personal data in the history becomes unreadable. */
    @DeleteMapping("/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void forgetMe(Authentication authentication) {
        forget(Caller.of(authentication).userId());
    }

    /** An admin forgets a user (SecurityConfig: ADMIN only). */
    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void forgetUser(@PathVariable @Size(max = 64) String userId) {
        forget(userId);
    }

    private void forget(String userId) {
        commands.sendAndWait(new ForgetUser(userId));
        vault.forget(userId);
        log.info("user {} forgotten: credential deleted, personal data key destroyed", userId);
    }

    @PutMapping("/{userId}/roles")
    UserView assignRoles(@PathVariable String userId, @Valid @RequestBody RoleAssignment body) {
        commands.sendAndWait(new AssignRoles(userId, body.roles()));
        log.info("roles of user {} set to {}", userId, body.roles());
        readModel.until(() -> reads.find(new FindUser(userId), UserView.class)
                .filter(user -> user.roles().containsAll(body.roles())).isPresent());
        return reads.require(new FindUser(userId), UserView.class, "user", userId);
    }

    /** BCrypt reads 72 bytes at most. */
    static final int PASSWORD_MAX_BYTES = 72;
    static final int PASSWORD_MIN_BYTES = 8;

    record Registration(
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9_.@-]+",
                    message = "may contain letters, digits and _ . @ - only") String username,
            @NotBlank @Utf8Size(min = PASSWORD_MIN_BYTES, max = PASSWORD_MAX_BYTES) String password,
            @Pattern(regexp = "\\+?[0-9 -]{5,20}", message = "must be a phone number") String mobile,
            @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be an e-mail address") @Size(max = 254)
            String email) {
    }

    record Login(@NotBlank @Size(max = 64) String username,
                 @NotBlank @Utf8Size(max = PASSWORD_MAX_BYTES) String password) {
    }

    record RoleAssignment(@NotNull @NotEmpty Set<@NotNull Role> roles) {
    }

}
