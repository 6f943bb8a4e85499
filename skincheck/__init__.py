"""skincheck: reads a skin-care ingredient list and explains its extracellular-vesicle ingredients.

This package file holds only the version. It imports nothing, so that importing
``skincheck.core`` never loads Flask or SQLAlchemy (see tests/test_boundaries.py).
"""

__version__ = "0.1.0"
