package io.eventmall.app.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mall.notifications.email.*}; the SMTP server itself is {@code spring.mail.host|port|username|password}.
 *
 * @param enabled        notifications are also e-mailed to users who gave an address
 * @param from           the sender address of those mails
 * @param pollInterval   how often the outbox is looked at for mail that is due
 * @param batchSize      mails taken from the outbox at a time
 * @param initialBackoff wait before the first retry of a mail the server did not take; doubles with each attempt
 * @param maxBackoff     the longest wait between two attempts (a mail is never given up)
 * @param lease          how long a taken mail is hidden from other senders (nodes) while it is being sent
 */
@ConfigurationProperties("mall.notifications.email")
public record EmailSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("eventmall@localhost") String from,
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("PT2S") Duration initialBackoff,
        @DefaultValue("PT5M") Duration maxBackoff,
        @DefaultValue("PT1M") Duration lease) {

    /** The wait after {@code attempts} failed attempts: initialBackoff, doubling, at most maxBackoff. */
    Duration backoffAfter(int attempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
