package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/** Outcome notifications e-mailed through a real SMTP server in process, from the outbox, surviving its outage. */
@IntegrationTest
class EmailNotificationIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    TestSmtpServer smtp;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEmailGivenAtRegistrationIsShownAndABadOneIsRefused() {
        TestApi.User ada = registerWithEmail("ada@example.test");
        assertThat(api.get("/users/me", ada.token()).text("email")).isEqualTo("ada@example.test");

        TestApi.Response bad = api.post("/users/register", null, Map.of("username", "u" + shortId(),
                "password", "secret-pass-1", "email", "not-an-address"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/users/me", api.newCustomer().token()).body().path("email").isNull()).isTrue();
    }

    @Test
    void aRejectedOrderIsMailedToTheCustomer() {
        String address = "mail-" + shortId() + "@example.test";
        TestApi.User customer = registerWithEmail(address);
        rejectedOrder(customer);

        List<MimeMessage> mails = awaitMails(address, 1);
        assertThat(subjectOf(mails.get(0))).isEqualTo("Order rejected");
        api.awaitNotification(customer, "ORDER_REJECTED");
    }

    @Test
    void mailQueuedWhileTheServerIsDownArrivesOnceItIsBackAndNoneIsLost() {
        String address = "outage-" + shortId() + "@example.test";
        TestApi.User customer = registerWithEmail(address);
        smtp.stop();
        try {
            rejectedOrder(customer);
            rejectedOrder(customer);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM email_outbox WHERE user_id = ? AND attempts >= 2", Integer.class,
                    customer.userId()) == 2);
        } finally {
            smtp.start();
        }
        List<MimeMessage> mails = awaitMails(address, 2);
        assertThat(mails).extracting(EmailNotificationIntegrationTest::subjectOf).containsOnly("Order rejected");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM email_outbox WHERE user_id = ?", Integer.class, customer.userId()) == 0);
        assertThat(smtp.received(address)).hasSize(2);
    }

    @Test
    void aForgottenUsersAddressIsGoneFromTheReadModelAndNeverInClearInTheEvents() {
        String address = "forget-" + shortId() + "@example.test";
        TestApi.User customer = registerWithEmail(address);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND convert_from(payload, 'UTF8') LIKE ?", Integer.class, customer.userId(), "%" + address + "%"))
                .isZero();

        assertThat(api.call(HttpMethod.DELETE, "/users/me", customer.token(), null, Map.of()).status()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT email FROM user_account WHERE user_id = ?", String.class, customer.userId()) == null);
    }

    private TestApi.User registerWithEmail(String email) {
        String username = "u" + shortId();
        TestApi.Response registered = api.post("/users/register", null, Map.of("username", username,
                "password", "secret-pass-1", "email", email));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        return new TestApi.User(registered.text("userId"), api.login(username, "secret-pass-1"));
    }

    /** An order of a product without stock: the fulfilment rejects it and notifies ORDER_REJECTED. */
    private void rejectedOrder(TestApi.User customer) {
        String productId = api.newProduct(api.adminToken(), 1_000, 0);
        TestApi.Response placed = api.post("/orders", customer.token(), Map.of("addressId",
                api.newAddress(customer.token()), "items", List.of(Map.of("productId", productId, "quantity", 1))));
        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
        api.eventually("/orders/" + placed.text("orderId"), customer.token(), r -> "REJECTED".equals(r.text("status")));
    }

    private List<MimeMessage> awaitMails(String address, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> smtp.received(address), mails -> mails.size() >= count);
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
