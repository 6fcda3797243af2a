"""The IMAP server the e-mail intake tests deliver to."""

from tests.support.imap import imap_server  # noqa: F401  (a session fixture)
