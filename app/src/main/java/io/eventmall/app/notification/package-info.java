/**
 * Outcome notifications by e-mail: every notification is stored in the user's inbox and, when
 * {@code mall.notifications.email.enabled}, also queued in an outbox from which a scheduled sender mails it through
 * Spring's {@code JavaMailSender}, retrying with back-off while the SMTP server is away.
 */
package io.eventmall.app.notification;
