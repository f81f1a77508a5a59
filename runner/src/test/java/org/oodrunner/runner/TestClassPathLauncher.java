package org.oodrunner.runner;

import java.nio.file.Path;
import java.util.Map;

/**
 * The environment under which the real {@code bin/runner} (and the scripts that call it) runs the
 * test JVM's class path instead of a packaged build: no {@code mvn package} inside a test, and the
 * code under test is the code just compiled.
 */
final class TestClassPathLauncher {
    private TestClassPathLauncher() {}

    /** Puts into {@code env} what makes {@code bin/runner} start this JVM's classes with a small heap. */
    static void configure(Map<String, String> env) {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        env.put("PATH", javaBin + ":" + System.getenv("PATH"));
        env.put("OOD_RUNNER_CLASSPATH", System.getProperty("java.class.path"));
        env.put("OOD_RUNNER_JAVACPP_CACHE", System.getProperty("org.bytedeco.javacpp.cachedir"));
        env.put("OOD_RUNNER_JAVA_OPTS", "-Xmx1g");
    }
}
