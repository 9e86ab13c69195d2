package dev.visage.inference.domain;

/**
 * One detected face in source-image pixels: box (x, y = top-left), detector score and the six
 * BlazeFace keypoints as {@code [x0, y0, x1, y1, …]} in the order of {@link Keypoints}.
 */
public record Detection(double x, double y, double width, double height, double score, double[] keypoints) {

    public double area() {
        return Math.max(0, width) * Math.max(0, height);
    }

    public double iou(Detection o) {
        double ix = Math.min(x + width, o.x + o.width) - Math.max(x, o.x);
        double iy = Math.min(y + height, o.y + o.height) - Math.max(y, o.y);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        return inter / (area() + o.area() - inter);
    }

    public double kx(int k) {
        return keypoints[2 * k];
    }

    public double ky(int k) {
        return keypoints[2 * k + 1];
    }
}
