"""Background jobs that are not indexing: petition deadlines, deadline reminders and
notification mail, records retention (disposal), and e-mail intake.

They run in the Celery worker and beat of :mod:`indexer.celery_app`, which includes these
modules by name. Their task names keep the ``indexer.`` prefix they were first registered
under, so the beat schedule, routes and messages already queued keep working.
"""
