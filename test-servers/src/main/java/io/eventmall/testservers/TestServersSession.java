package io.eventmall.testservers;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Registered in META-INF/services, so the JUnit Platform calls it in every test JVM (Maven Surefire, an IDE) before
 * it loads a test class: the servers are chosen, and started if they are containers, before any context or static
 * initialiser asks for them. A JVM may open several sessions (discovery, execution); the servers are provided once.
 */
public class TestServersSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestServers.provide();
    }
}
