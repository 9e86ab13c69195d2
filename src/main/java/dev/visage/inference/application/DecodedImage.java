package dev.visage.inference.application;

import java.awt.image.BufferedImage;

/** A decoded raster with its original format name (jpeg, png, ...). */
public record DecodedImage(BufferedImage image, String format) {

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
