"""Views of agreements."""

from flask import Blueprint

bp = Blueprint("agreements", __name__)
