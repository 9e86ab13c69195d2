// Makes testdata/bench/frame-640x480.jpg, the kiosk frame of ./visage bench case (e), once:
//   java visage-bench/throughput/bench-frame.java
// img2.jpg (1536x1152, 4:3, one face) scaled to 640x480 by area averaging, baseline JPEG quality 0.90.
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

public class BenchFrame {
    public static void main(String[] args) throws Exception {
        BufferedImage src = ImageIO.read(new File("testdata/deepface-pairs/images/img2.jpg"));
        BufferedImage out = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(src.getScaledInstance(640, 480, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.90f);
        File f = new File("testdata/bench/frame-640x480.jpg");
        try (ImageOutputStream os = ImageIO.createImageOutputStream(f)) {
            w.setOutput(os);
            w.write(null, new IIOImage(out, null, null), p);
        }
        System.out.println("wrote " + f + " (" + f.length() + " bytes)");
    }
}
