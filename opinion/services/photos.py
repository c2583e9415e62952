"""Evidence photos: check that an upload is a real image, strip its metadata, keep it small.

The phone already resizes (static/js/outbox.js); the server trusts nothing of it. Every photo
is decoded and re-encoded as a fresh JPEG, which drops EXIF (GPS position, phone model, time),
XMP, ICC and comments: only pixels survive. The camera's orientation is applied first, so the
picture still stands the right way up without its metadata.
"""
import io
import warnings

from flask import current_app
from PIL import Image, ImageOps, UnidentifiedImageError

from opinion.errors import ValidationFailed
from opinion.models import Report, ReportPhoto

# The long side kept on the server (the phone sends at most this already).
MAX_SIDE = 1600
JPEG_QUALITY = 82
# Decompression bombs: a small file that unpacks into billions of pixels is refused.
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP"}

NOT_AN_IMAGE = "Tệp đính kèm không phải là ảnh (chỉ nhận ảnh JPEG, PNG, WebP). Nội dung báo cáo vẫn còn."


def too_large_message() -> str:
    limit_mb = current_app.config["PHOTO_MAX_BYTES"] / (1024 * 1024)
    return (f"Ảnh quá lớn: tối đa {limit_mb:g} MB. Hãy chụp lại hoặc gửi ảnh nhỏ hơn. "
            "Nội dung báo cáo vẫn còn.")


def clean_photo(data: bytes) -> tuple[bytes, int, int]:
    """(jpeg bytes without metadata, width, height), or ValidationFailed({'photo': ...})."""
    if len(data) > current_app.config["PHOTO_MAX_BYTES"]:
        raise ValidationFailed({"photo": too_large_message()})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise ValidationFailed({"photo": NOT_AN_IMAGE})
                if probe.width * probe.height > MAX_PIXELS:
                    raise ValidationFailed({"photo": "Ảnh có quá nhiều điểm ảnh. Hãy gửi ảnh nhỏ hơn."})
                probe.verify()  # a truncated or forged file fails here
            # verify() leaves the image unusable: open it again to decode the pixels.
            with Image.open(io.BytesIO(data)) as image:
                image.seek(0)
                image = ImageOps.exif_transpose(image)
                image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
                if image.mode not in ("RGB", "L"):
                    image = _flatten(image)
                out = io.BytesIO()
                # No exif=, icc_profile= or comment=: the new file carries pixels only.
                image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
                return out.getvalue(), image.width, image.height
    except ValidationFailed:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            OSError, SyntaxError, ValueError, EOFError):
        raise ValidationFailed({"photo": NOT_AN_IMAGE}) from None


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent or palette images on white, as RGB (JPEG has no transparency)."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def attach_photo(report: Report, data: bytes, width: int, height: int) -> ReportPhoto:
    """Link a cleaned photo to its report (flush is the caller's)."""
    photo = ReportPhoto(content_type="image/jpeg", width=width, height=height,
                        byte_size=len(data), data=data)
    report.photo = photo
    return photo
