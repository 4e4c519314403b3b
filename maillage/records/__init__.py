"""What Maillage holds about a person: the export (JSON and PDF), the history of
identity corrections (rectification), and the erasure of closed cases after the
retention period. See docs/export-format.md and docs/erasure.md."""
