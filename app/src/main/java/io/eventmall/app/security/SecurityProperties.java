package io.eventmall.app.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

@Validated
@ConfigurationProperties("mall.security")
public record SecurityProperties(@NotBlank @Size(min = 32, message = "must be at least 32 bytes for HS256") String jwtSecret,
                                 String jwtIssuer,
                                 Duration tokenLifetime,
                                 @Min(4) @Max(31) Integer bcryptStrength,
                                 BootstrapAdmin bootstrapAdmin) {

    public SecurityProperties {
        jwtIssuer = jwtIssuer == null || jwtIssuer.isBlank() ? "eventmall" : jwtIssuer;
        tokenLifetime = tokenLifetime == null ? Duration.ofHours(1) : tokenLifetime;
        bcryptStrength = bcryptStrength == null ? 10 : bcryptStrength;
    }

    public record BootstrapAdmin(String username, String password) {
    }
}
