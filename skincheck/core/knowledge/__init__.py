"""The EV knowledge base in data/kb/, read and validated into typed values.

Its modules, each imported from where it lives (this package re-exports nothing):
``load`` (load_knowledge(): read data/kb/ and return a KnowledgeBase), ``types`` (the
frozen dataclasses and the fixed vocabularies: source classes, materials, kinds),
``names`` (listing_key(): how listed names are compared), and the readers ``load``
calls: ``sources`` (references, grades, source classes, materials, human evidence),
``listings`` (listed ingredients, look-alikes, false friends, nuances, 1% markers,
claim terms), ``rules`` (classification rules, regulatory facts, wording) and
``fields`` (reading one CSV row or TOML value and refusing a bad one).
The package does not classify names (match), rate them (rate) or decide anything:
every judgement lives in the data files.
"""
