"""Uploaded pictures (idea and premises photos, partner logos): checked, re-encoded as WebP and
resized on the server, metadata stripped."""

import secrets
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs


class PhotoError(ValueError):
    """The upload is not a usable photo; the message is translated."""


@dataclass(frozen=True)
class Kind:
    """Where a kind of picture is kept, how large it may be, and what a refusal says."""

    folder: str
    max_side: int
    quality: int
    too_large: str
    wrong_format: str
    unreadable: str


PHOTO = Kind(
    folder="ideas",
    max_side=1280,
    quality=80,
    too_large=_l("The photo is too large: at most 5 MB."),
    wrong_format=_l("Choose a photo in JPEG, PNG or WebP format."),
    unreadable=_l("That file is not a photo we can read."),
)


def folder(kind: Kind) -> Path:
    path = Path(current_app.config["UPLOAD_FOLDER"]) / kind.folder
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_image(stream, kind: Kind) -> str:
    """Store the upload as a WebP no larger than the kind allows and return its file name."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PhotoError(kind.too_large)
    try:
        with Image.open(BytesIO(data)) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoError(kind.wrong_format)
            image.load()
            image = ImageOps.exif_transpose(image)
            image.thumbnail((kind.max_side, kind.max_side))
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA" if "transparency" in image.info else "RGB")
            name = secrets.token_hex(16) + ".webp"
            # A new image from the pixels only: no EXIF, GPS or other metadata survives.
            clean = Image.new(image.mode, image.size)
            clean.paste(image)
            clean.save(folder(kind) / name, "WEBP", quality=kind.quality, method=4)
            return name
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise PhotoError(kind.unreadable) from error


def image_path(name: str, kind: Kind) -> Path | None:
    """The stored file for a name we generated, or None."""
    if (
        len(name) != 37
        or not name.endswith(".webp")
        or not all(c in "0123456789abcdef" for c in name[:32])
    ):
        return None
    path = folder(kind) / name
    return path if path.exists() else None


def save_upload(field, kind: Kind = PHOTO) -> str | None:
    """The stored name of the picture chosen in a form's file field, or None when none was
    chosen or it was refused; a refusal's message goes on the field."""
    upload = field.data
    if not (upload and getattr(upload, "filename", "")):
        return None
    try:
        return save_image(upload.stream, kind)
    except PhotoError as error:
        field.errors = [str(error)]
        return None


def save_photo(stream) -> str:
    """Store the upload as a WebP of at most 1280 px and return its file name."""
    return save_image(stream, PHOTO)


def photo_path(name: str) -> Path | None:
    return image_path(name, PHOTO)


def delete_photo(name: str | None) -> None:
    """Remove a stored photo for good (moderation took it down)."""
    path = photo_path(name) if name else None
    if path is not None:
        path.unlink(missing_ok=True)
