"""Partner logos: checked, re-encoded as a small WebP on the server, metadata stripped.

The same pipeline as idea photos (app/ideas/photos.py), with a smaller size.
"""

import secrets
from io import BytesIO
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from app.ideas.photos import ACCEPTED_FORMATS, MAX_BYTES, PhotoError

MAX_SIDE = 256

__all__ = ["PhotoError", "logo_path", "remove_logo", "save_logo"]


def logo_dir() -> Path:
    path = Path(current_app.config["UPLOAD_FOLDER"]) / "partners"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_logo(stream) -> str:
    """Store the upload as a WebP of at most 256 px and return its file name."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PhotoError(_l("The picture is too large: at most 5 MB."))
    try:
        with Image.open(BytesIO(data)) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoError(_l("Choose a picture in JPEG, PNG or WebP format."))
            image.load()
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA" if "transparency" in image.info else "RGB")
            # A new image from the pixels only: no EXIF, GPS or other metadata survives.
            clean = Image.new(image.mode, image.size)
            clean.paste(image)
            name = secrets.token_hex(16) + ".webp"
            clean.save(logo_dir() / name, "WEBP", quality=85, method=4)
            return name
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise PhotoError(_l("That file is not a picture we can read.")) from error


def logo_path(name: str) -> Path | None:
    """The stored file for a name we generated, or None."""
    if (
        len(name) != 37
        or not name.endswith(".webp")
        or not all(c in "0123456789abcdef" for c in name[:32])
    ):
        return None
    path = logo_dir() / name
    return path if path.exists() else None


def remove_logo(name: str | None) -> None:
    if name and (path := logo_path(name)) is not None:
        path.unlink(missing_ok=True)
