package org.oodrunner.framework.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.oodrunner.framework.spec.ResolvedSpec;

/** A finished run: where it lives and its results.json content. */
public record RunOutcome(ResolvedSpec spec, RunFiles files, JsonNode results) {}
