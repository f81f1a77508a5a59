package org.oodrunner.framework.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.spec.SpecLoader;

/**
 * A run directory read back as the concrete spec that made it ({@code runner run --resume DIR}):
 * its {@code spec.yaml} (resolved: no extends, grid or interpolation left), its grid axes from
 * {@code run.json}, checked to hash to the directory's own hash, so resuming can only continue
 * the very run that is there.
 *
 * @param specFile the spec file the run was first made from (as {@code run.json} recorded it),
 *     else the directory's {@code spec.yaml}
 */
public record StoredRun(ResolvedSpec spec, Path specFile) {

    /**
     * The run's spec; its store is {@code dir}'s parent.
     *
     * @param overrides {@code --set} overrides; only those that keep the hash (runtime, tracking)
     *     are accepted
     */
    public static StoredRun load(Path dir, SpecLoader loader, List<String> overrides) {
        RunFiles files = new RunFiles(dir);
        if (!Files.isRegularFile(files.runJson()) || !Files.isRegularFile(files.spec())) {
            throw new BadInputException(dir + " is not a run directory (it needs run.json and spec.yaml); give the "
                    + "directory `runner run` printed, e.g. runs/<name>-<hash>");
        }
        List<ResolvedSpec> runs = loader.load(files.spec(), files.spec().toString(),
                new SpecLoader.Options(overrides, 1, name -> null));
        ResolvedSpec r = runs.get(0);
        JsonNode run = files.readRun();
        String hash = run.path("hash").asText();
        if (!r.hash().equals(hash) && !overrides.isEmpty()) {
            throw new BadInputException("--set " + String.join(" --set ", overrides) + " changes what run " + hash
                    + " computes; when resuming, only runtime.* and tracking.* may be changed");
        }
        if (!r.hash().equals(hash)) {
            throw new BadInputException(files.spec() + " hashes to " + r.hash() + " but run.json says the run is " + hash
                    + "; the file was edited. Restore it, or run the edited spec as a new run");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> axes = run.has("axes")
                ? SpecJson.mapper().convertValue(run.get("axes"), LinkedHashMap.class) : Map.of();
        ResolvedSpec resolved = new ResolvedSpec(r.spec(), r.hash(), axes, r.written(), r.effective(), r.sources());
        Path expected = new RunStore(new RunSettings(dir.toAbsolutePath().normalize().getParent(), null, null))
                .filesFor(resolved).dir();
        if (!expected.equals(dir.toAbsolutePath().normalize())) {
            throw new BadInputException(dir + " was renamed: its spec belongs in " + expected.getFileName()
                    + "; rename it back to resume it");
        }
        String original = run.path("spec_file").asText("");
        return new StoredRun(resolved, original.isEmpty() ? files.spec() : Path.of(original));
    }
}
