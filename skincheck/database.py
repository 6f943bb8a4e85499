"""Bring a database up to date: the schema to the newest migration, the knowledge-base
copy synced from data/, and the worked example saved (skincheck.worked_example).

A use case, beside skincheck.services: ``skincheck init-db`` and the web app's start
(AUTO_INIT_DB) call it inside an app context. The storage layer does each step's
reading and writing; this module only orders them.
"""

from flask_migrate import upgrade

from skincheck import worked_example
from skincheck.services import get_knowledge
from skincheck.storage import knowledge_copy
from skincheck.storage.knowledge_copy import SyncSummary


def init_database() -> SyncSummary:
    """Upgrade the schema to the newest migration, sync the knowledge base, then save
    the worked example if it is missing or out of date."""
    upgrade()
    summary = knowledge_copy.sync_knowledge(get_knowledge())
    worked_example.save()
    return summary


def init_database_if_empty() -> SyncSummary | None:
    """init_database() when the database has never been set up; None otherwise."""
    if knowledge_copy.is_set_up():
        return None
    return init_database()
