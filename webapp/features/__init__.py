"""What a feature's pages (``webapp.blueprints``), its API (``webapp.api``) and the CLI
share: loading objects through the access policy, reading input, receiving files and
presenting records. The pages and the API depend on this package, never on each other."""
