package io.eventmall.app;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * For fault drills that start and stop servers of their own: free ports, and commands run (as a given system user
 * when the build runs as root, since PostgreSQL and Elasticsearch refuse to run as root) with their output in
 * target/private-servers.log.
 */
final class PrivateServers {

    static final File LOG = new File("target/private-servers.log");

    private PrivateServers() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command as {@code user} when running as root, as it is otherwise. */
    static List<String> as(String user, String... command) {
        List<String> line = new ArrayList<>();
        if (runsAsRoot()) {
            line.addAll(List.of("runuser", "-u", user, "--"));
        }
        line.addAll(List.of(command));
        return line;
    }

    /** Runs the command to its end (at most two minutes); a non-zero exit fails. */
    static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG)).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + ": " + command + " (see " + LOG + ")");
        }
    }

    /** A redis-server of its own, without persistence, on the port (its files in dir). */
    static void startRedis(int port, java.nio.file.Path dir) throws IOException, InterruptedException {
        exec(List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
    }

    static void stopRedis(int port) throws IOException, InterruptedException {
        exec(List.of("redis-cli", "-p", Integer.toString(port), "shutdown", "nosave"));
    }
}
