package org.oodrunner.framework.run;

import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecJson;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A concrete spec written back as YAML (after extends, grid and interpolation), as a run's
 * {@code spec.yaml} and a frozen grid's point specs hold it: loading the text gives the same hash.
 */
public final class SpecText {
    private SpecText() {}

    public static String of(ResolvedSpec resolved) {
        DumperOptions opts = new DumperOptions();
        opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Object plain = SpecJson.mapper().convertValue(resolved.written(), Object.class);
        return "# resolved spec of run " + resolved.runName() + " (hash " + resolved.hash() + ")\n" + new Yaml(opts).dump(plain);
    }
}
