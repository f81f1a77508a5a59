package org.oodrunner.components.datasets.imagefolder;

import org.oodrunner.framework.component.Param;

/** Parameters of {@code image_folder}. */
public record ImageFolderParams(
        @Param(doc = "the folder: class sub-folders of images (label = sub-folder, in sorted order), or images directly "
                + "(no labels); relative paths are relative to the data root") String path,
        @Param(doc = "image height; null: the first image's (every image must then have that size, unless "
                + "data.preprocess resizes)", value = "null", min = 1) Integer height,
        @Param(doc = "image width; null: the first image's", value = "null", min = 1) Integer width,
        @Param(doc = "1 (grayscale) or 3 (RGB): images are converted to this on reading", value = "3", min = 1, max = 3)
        int channels) {}
