package org.oodrunner.runner;

import java.util.List;
import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.component.Param;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;

/**
 * Stands in for a third-party jar: registered only through
 * src/test/resources/META-INF/services, never named by the runner's code.
 */
public final class PluginComponents extends ComponentModule {
    public record Params(@Param(doc = "pixel value of every image", value = "7", min = 0, max = 255) int value) {}

    @Override
    protected void registerComponents() {
        dataset("plugin_constant", "a third-party dataset of constant images", Params.class, (p, ctx) -> new DatasetSource() {
            @Override
            public List<String> splits() {
                return List.of("all");
            }

            @Override
            public ImageShape shape() {
                return new ImageShape(28, 28, 1);
            }

            @Override
            public int numClasses() {
                return 0;
            }

            @Override
            public ImageSet load(String split, LoadRequest request) {
                byte[][] images = new byte[4][784];
                for (byte[] im : images) java.util.Arrays.fill(im, (byte) p.value());
                return request.fromArrays(shape(), images, null, 0);
            }
        });
    }
}
