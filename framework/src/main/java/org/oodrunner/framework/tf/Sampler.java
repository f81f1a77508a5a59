package org.oodrunner.framework.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A model's sampling graph: feed how many samples and the temperature (scale of the prior's
 * noise, 1 = the model's own distribution), fetch images in the model's input space.
 */
public record Sampler(Placeholder<TInt32> count, Placeholder<TFloat32> temperature, Operand<TFloat32> samples) {}
