package io.eventmall.app.notification;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what is due in {@code email_outbox}. A batch is taken with a lease (its next attempt moved past the send), so
 * several nodes never send one mail at the same time and a node that dies mid-send leaves it for the lease to expire:
 * a mail may go twice, never not at all. A mail the server took is deleted; one it refused or could not take
 * (server down, timeout) waits {@code initialBackoff}, doubling up to {@code maxBackoff}, and is tried again, for as
 * long as it takes. A user without a readable address (forgotten meanwhile) gets no mail and the row goes.
 */
@Component
@ConditionalOnProperty(name = "mall.notifications.email.enabled", havingValue = "true")
class EmailOutboxSender {

    private static final Logger log = LoggerFactory.getLogger(EmailOutboxSender.class);

    private final JdbcTemplate jdbc;
    private final JavaMailSender mail;
    private final EmailAddresses addresses;
    private final EmailSettings settings;
    private final Clock clock;
    private final MeterRegistry metrics;

    EmailOutboxSender(JdbcTemplate jdbc, JavaMailSender mail, EmailAddresses addresses, EmailSettings settings,
                      Clock clock, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.addresses = addresses;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${mall.notifications.email.poll-interval:PT1S}")
    void sendDue() {
        for (Pending pending : takeDue()) {
            send(pending);
        }
    }

    private List<Pending> takeDue() {
        Instant now = clock.instant();
        return jdbc.query("""
                UPDATE email_outbox SET next_attempt_at = ? WHERE outbox_id IN (
                    SELECT outbox_id FROM email_outbox WHERE next_attempt_at <= ?
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING outbox_id, user_id, kind, subject, body, attempts""",
                (rs, row) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)),
                Timestamp.from(now.plus(settings.lease())), Timestamp.from(now), settings.batchSize());
    }

    private void send(Pending pending) {
        Optional<String> address = addresses.of(pending.userId());
        if (address.isEmpty()) {
            jdbc.update("DELETE FROM email_outbox WHERE outbox_id = ?", pending.outboxId());
            log.info("e-mail {} for user {} dropped: the user has no readable address", pending.kind(), pending.userId());
            count("no-address");
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(address.get());
        message.setSubject(pending.subject());
        message.setText(pending.body());
        try {
            mail.send(message);
        } catch (MailException refused) {
            int attempts = pending.attempts() + 1;
            Instant next = clock.instant().plus(settings.backoffAfter(attempts));
            jdbc.update("UPDATE email_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE outbox_id = ?",
                    attempts, Timestamp.from(next), String.valueOf(refused.getMessage()), pending.outboxId());
            log.warn("e-mail {} for user {} not sent (attempt {}), next attempt at {}: {}", pending.kind(),
                    pending.userId(), attempts, next, refused.getMessage());
            count("retry");
            return;
        }
        jdbc.update("DELETE FROM email_outbox WHERE outbox_id = ?", pending.outboxId());
        log.info("e-mail {} sent to user {} (after {} failed attempts)", pending.kind(), pending.userId(),
                pending.attempts());
        count("sent");
    }

    private void count(String outcome) {
        metrics.counter("mall.notifications.email", "outcome", outcome).increment();
    }

    private record Pending(String outboxId, String userId, String kind, String subject, String body, int attempts) {
    }
}
