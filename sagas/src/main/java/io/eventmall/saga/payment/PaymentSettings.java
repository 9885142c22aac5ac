package io.eventmall.saga.payment;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/** {@code mall.payment.*}: the secret shared with the provider to sign its callbacks. */
@Validated
@ConfigurationProperties("mall.payment")
public record PaymentSettings(@NotBlank String webhookSecret) {

    /** The one signer of callbacks, shared by whoever signs (the sandbox) and whoever checks (the callback). */
    @Configuration(proxyBeanMethods = false)
    static class Signing {

        @Bean
        WebhookSignature webhookSignature(PaymentSettings settings) {
            return new WebhookSignature(settings.webhookSecret());
        }
    }
}
