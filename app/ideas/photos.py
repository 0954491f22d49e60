"""Idea photos: checked, re-encoded and resized on the server, metadata stripped."""

import secrets
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 1280
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs


class PhotoError(ValueError):
    """The upload is not a usable photo; the message is translated."""


def photo_dir() -> Path:
    path = Path(current_app.config["UPLOAD_FOLDER"]) / "ideas"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_photo(stream) -> str:
    """Store the upload as a WebP of at most 1280 px and return its file name."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PhotoError(_l("The photo is too large: at most 5 MB."))
    try:
        from io import BytesIO

        with Image.open(BytesIO(data)) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoError(_l("Choose a photo in JPEG, PNG or WebP format."))
            image.load()
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA" if "transparency" in image.info else "RGB")
            name = secrets.token_hex(16) + ".webp"
            # A new image from the pixels only: no EXIF, GPS or other metadata survives.
            clean = Image.new(image.mode, image.size)
            clean.paste(image)
            clean.save(photo_dir() / name, "WEBP", quality=80, method=4)
            return name
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise PhotoError(_l("That file is not a photo we can read.")) from error


def photo_path(name: str) -> Path | None:
    """The stored file for a name we generated, or None."""
    if (
        len(name) != 37
        or not name.endswith(".webp")
        or not all(c in "0123456789abcdef" for c in name[:32])
    ):
        return None
    path = photo_dir() / name
    return path if path.exists() else None
