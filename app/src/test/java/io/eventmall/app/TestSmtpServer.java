package io.eventmall.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A real SMTP server in process (GreenMail) on a free port, which the application mails to. A test may stop it and
 * start it again on the same port, as a mail server that goes away and comes back.
 */
public class TestSmtpServer {

    private final ServerSetup setup;
    private GreenMail server;

    TestSmtpServer() {
        this.setup = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        start();
    }

    public int port() {
        return setup.getPort();
    }

    public synchronized void start() {
        server = new GreenMail(setup);
        server.start();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The mails this server received since it last started, addressed to {@code address}. */
    public synchronized List<MimeMessage> received(String address) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages()).filter(message -> isTo(message, address)).toList();
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            return message.getRecipients(Message.RecipientType.TO) != null
                    && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(to -> to.toString().equalsIgnoreCase(address));
        } catch (MessagingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestConfiguration
    public static class Config {

        @Bean(destroyMethod = "stop")
        TestSmtpServer testSmtpServer() {
            return new TestSmtpServer();
        }

        /** Takes the place of the auto-configured sender (spring.mail.*), pointed at the in-process server. */
        @Bean
        JavaMailSender testMailSender(TestSmtpServer smtp) {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(smtp.port());
            Properties properties = sender.getJavaMailProperties();
            properties.put("mail.smtp.connectiontimeout", "2000");
            properties.put("mail.smtp.timeout", "2000");
            properties.put("mail.smtp.writetimeout", "2000");
            return sender;
        }
    }
}
