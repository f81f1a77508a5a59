package org.oodrunner.components.datasets.imagefolder;

import org.oodrunner.framework.component.ComponentModule;

/** Registers {@code image_folder}. */
public final class ImageFolderModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        dataset("image_folder", "your own PNG/JPEG files: class sub-folders (labelled) or one flat folder; split all",
                ImageFolderParams.class, (p, ctx) -> new ImageFolderSource(ctx.dataRoot(), p));
    }
}
