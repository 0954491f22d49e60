"""Views of premises."""

from flask import Blueprint

bp = Blueprint("premises", __name__)
