package org.oodrunner.components.models.flows.glow;

/** The coupling layers of a Glow step. */
public enum CouplingType {
    AFFINE,
    ADDITIVE
}
