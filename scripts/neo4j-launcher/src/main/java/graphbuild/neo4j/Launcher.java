package graphbuild.neo4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs Neo4j Community (the embedded DBMS with its Bolt connector) on a home folder until it is told to stop.
 *
 * <p>Usage: {@code java -cp CLASSPATH graphbuild.neo4j.Launcher HOME}. Settings come from
 * {@code HOME/conf/neo4j.conf}, the file neo4j-admin reads too, so an import into HOME is served as is.
 * The environment may give {@code NEO4J_PASSWORD} (set as user neo4j's password while it still has to be
 * changed, i.e. on a new home), {@code GRAPHBUILD_NEO4J_PARENT} (a pid: stop when that process ends) and
 * {@code GRAPHBUILD_NEO4J_TEMPORARY=1} (delete HOME after stopping). Once Bolt takes connections it prints
 * {@code ready} on standard output; SIGTERM shuts the DBMS down cleanly. Failures print one line on
 * standard error and exit with status 1.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            fail("usage: Launcher HOME");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Map<String, String> env = System.getenv();
        boolean temporary = "1".equals(env.get("GRAPHBUILD_NEO4J_TEMPORARY"));
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .loadPropertiesFromFile(home.resolve("conf").resolve("neo4j.conf"))
                    .build();
        } catch (RuntimeException e) {
            if (temporary) {
                deleteTree(home);
            }
            fail("cannot start Neo4j: " + rootMessage(e));
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            if (temporary) {
                deleteTree(home);
            }
            stopped.countDown();
        }, "graphbuild-neo4j-shutdown"));
        try {
            setInitialPassword(dbms.database("system"), env.get("NEO4J_PASSWORD"));
        } catch (RuntimeException e) {
            fail("cannot set the password: " + rootMessage(e));
        }
        watchParent(env.get("GRAPHBUILD_NEO4J_PARENT"));
        System.out.println("ready");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** User neo4j gets the password while the one it was created with must still be changed (a new home). */
    private static void setInitialPassword(GraphDatabaseService system, String password) {
        if (password == null || password.isEmpty()) {
            return;
        }
        boolean mustChange = system.executeTransactionally(
                "SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j' RETURN passwordChangeRequired",
                Map.of(), result -> result.hasNext() && Boolean.TRUE.equals(result.next().get("passwordChangeRequired")));
        if (mustChange) {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        }
    }

    /** Exit (through the shutdown hook) when the given process ends, so a killed test run leaves no server. */
    private static void watchParent(String pid) {
        if (pid == null || pid.isEmpty()) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("neo4j-launcher: could not remove " + root + ": " + e.getMessage());
        }
    }

    /** The innermost cause's message on one line: Neo4j wraps the useful one (a port in use ...) several levels deep. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return String.join(" ", String.valueOf(message).split("\\s+"));
    }

    private static void fail(String message) {
        System.err.println("neo4j-launcher: " + message);
        System.exit(1);
    }
}
