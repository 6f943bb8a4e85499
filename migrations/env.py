"""Alembic's environment for skincheck: runs migrations on the app's own engine.

Flask-Migrate calls it inside an app context. Unlike the stock template it does not
configure logging (the app owns that), and it has no offline mode (SQL scripts are
not part of how skincheck is deployed).
"""

import logging

from alembic import context
from flask import current_app

logger = logging.getLogger("alembic.env")
config = context.config
_migrate = current_app.extensions["migrate"]


def _skip_empty(ctx, revision, directives):
    # `flask db migrate` with no model change would otherwise write an empty revision.
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_online() -> None:
    args = dict(_migrate.configure_args)
    args.setdefault("process_revision_directives", _skip_empty)
    with _migrate.db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=_migrate.db.metadata, **args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("skincheck migrations run online only: use `skincheck init-db`.")
run_migrations_online()
