"""Images for photo tests, made with Pillow: a JPEG carrying GPS EXIF, and other files."""
import io

from PIL import Image

# EXIF tags: 0x8825 is the GPS IFD; inside it 1/2 latitude, 3/4 longitude.
GPS_IFD = 0x8825
MAKE = 0x010F


def jpeg_with_gps(size=(2400, 1200), color=(40, 120, 200)) -> bytes:
    """A camera-like JPEG with the phone's make and a position in Hà Giang in its EXIF."""
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[MAKE] = "DienThoaiRe"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (22.0, 49.0, 30.0), 3: "E", 4: (104.0, 58.0, 50.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def tiny_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 40)).save(out, "JPEG")
    return out.getvalue()


def png_bytes(size=(300, 200), mode="RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (0, 128, 0, 128) if mode == "RGBA" else 0).save(out, "PNG")
    return out.getvalue()
