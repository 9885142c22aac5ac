package io.eventmall.saga.payment;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code mall.payment.*}: the secret shared with the provider to sign its callbacks. */
@Validated
@ConfigurationProperties("mall.payment")
public record PaymentSettings(@NotBlank String webhookSecret) {
}
