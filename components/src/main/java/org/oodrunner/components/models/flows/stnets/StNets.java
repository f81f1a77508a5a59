package org.oodrunner.components.models.flows.stnets;

import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.op.Ops;

/** Builds the s/t network a spec describes. */
public final class StNets {
    private StNets() {}

    /**
     * @param tf the scope of the network's variables
     * @param input the shape of what the network sees
     * @param hiddenChannels the width (a model may widen the spec's at coarser scales)
     */
    public static StNet create(StNetParams p, Ops tf, Parameters parameters, Initializers init, ImageShape input,
            int hiddenChannels, long outChannels) {
        return switch (p.type()) {
            case RESNET -> new ResNet(tf, parameters, init, p, input, hiddenChannels, outChannels);
            case CONVNET -> new ConvNet(tf, parameters, init, p, input, hiddenChannels, outChannels);
            case MLP -> {
                if (p.bottleneck() != null) {
                    throw new RunFailedException("st_net.bottleneck is not supported by the mlp s/t network "
                            + "(it has no feature map to squeeze); remove it or use resnet or convnet");
                }
                yield new Mlp(tf, parameters, init, input, hiddenChannels, p.blocks(), outChannels);
            }
        };
    }
}
