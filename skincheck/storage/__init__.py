"""The storage layer: the database handle, its tables, and the reads and writes the
use cases need (reports, fetched pages, the knowledge-base copy). It never imports the
web layer or the page fetcher, and analyses nothing."""
