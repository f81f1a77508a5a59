package org.oodrunner.runner;

import org.oodrunner.framework.run.Provenance;
import picocli.CommandLine;

/** {@code runner --version}: the framework and TensorFlow versions. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"ood-runner " + Provenance.frameworkVersion(),
                "TensorFlow " + Provenance.tensorflowVersion() + ", Java " + System.getProperty("java.version")};
    }
}
