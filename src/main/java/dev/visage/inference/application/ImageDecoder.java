package dev.visage.inference.application;

/** Turns encoded bytes into pixels, refusing oversize images before decoding them. */
public interface ImageDecoder {

    DecodedImage decode(byte[] encoded) throws UndecodableImageException;
}
