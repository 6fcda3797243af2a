"""E-mail intake: polling the configured mailboxes (IMAP or a folder of .eml files)."""
