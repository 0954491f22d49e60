"""Partner logos: checked, re-encoded as a small WebP on the server, metadata stripped.

The same pipeline as idea photos (app/ideas/photos.py), with a smaller size.
"""

from pathlib import Path

from flask_babel import lazy_gettext as _l

from app.ideas.photos import Kind, PhotoError, image_path, save_image

LOGO = Kind(
    folder="partners",
    max_side=256,
    quality=85,
    too_large=_l("The picture is too large: at most 5 MB."),
    wrong_format=_l("Choose a picture in JPEG, PNG or WebP format."),
    unreadable=_l("That file is not a picture we can read."),
)

__all__ = ["LOGO", "PhotoError", "logo_path", "remove_logo", "save_logo"]


def save_logo(stream) -> str:
    """Store the upload as a WebP of at most 256 px and return its file name."""
    return save_image(stream, LOGO)


def logo_path(name: str) -> Path | None:
    return image_path(name, LOGO)


def remove_logo(name: str | None) -> None:
    if name and (path := logo_path(name)) is not None:
        path.unlink(missing_ok=True)
