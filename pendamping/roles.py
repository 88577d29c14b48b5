"""The two PostgreSQL roles: the owner runs migrations; the application connects as
a role with only the rights it needs (`manage.py db_roles`; README "Running in
production").

The application role is not a superuser and owns nothing, so it can neither lift the
append-only triggers (`ALTER TABLE … DISABLE TRIGGER` needs the owner,
`session_replication_role` a superuser) nor change the schema. It may read and write
the ordinary tables, only read, add to and (for the trigger to judge: redaction only) update the history tables (no DELETE or
TRUNCATE), and TRUNCATE nothing.
"""

from pendamping.backup import quote, tables


def app_role_sql(role: str, database: str, owner: str) -> list[str]:
    """The statements (run by the owner or a superuser) that give `role` its rights
    on `database`; run again after every `migrate` (new tables)."""
    r = quote(role)
    statements = [
        f"GRANT CONNECT ON DATABASE {quote(database)} TO {r}",
        f"GRANT USAGE ON SCHEMA public TO {r}",
        f"REVOKE CREATE ON SCHEMA public FROM {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {r}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {quote(owner)} IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {r}",
    ]
    for table, history in tables():
        t = quote(table)
        statements.append(f"REVOKE ALL ON {t} FROM {r}")
        # history: UPDATE only for the trigger to judge (it lets a declared redaction through)
        rights = "SELECT, INSERT, UPDATE" if history else "SELECT, INSERT, UPDATE, DELETE"
        statements.append(f"GRANT {rights} ON {t} TO {r}")
    return statements
