"""Sync between a counter's SQLite file and the shared PostgreSQL server (DESIGN.md, "Sync with
the shared server").

- `codec`: one value, three forms — as PostgreSQL gives it, as SQLite stores it, and the JSON
  "wire" form the outbox triggers write (the SQLite form, blobs as hex).
- `local`: the counter's side, on the standard `sqlite3` module: outbox, cursor, applying pulled
  rows without touching pending local edits.
- `protocol`: one push and one pull, each in one server transaction.
- `server`: `server init` and `server add-counter` (run with an administrator's URL).
- `client`: enrolment, `sync_once`, status; `agent`: the background loop (LISTEN/NOTIFY);
  `status`: what the status bar shows, importable without psycopg.
"""
