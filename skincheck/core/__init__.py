"""The domain core: reading lists, the knowledge base, matching, rating and rendering.

Plain Python. Nothing here imports Flask, SQLAlchemy, an HTML parser or a network
library; tests/test_boundaries.py fails if it ever does. Everything the core needs
(the knowledge base, the CosIng inventory) is passed in as an argument.
"""
