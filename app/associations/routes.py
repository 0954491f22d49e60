"""Views of associations."""

from flask import Blueprint

bp = Blueprint("associations", __name__)
