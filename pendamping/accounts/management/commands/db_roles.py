"""python manage.py db_roles APP_ROLE [--apply]: the SQL that gives the application's
PostgreSQL role its rights (pendamping/roles.py). Run as the owner (the role that
runs `migrate`), after every `migrate`."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from pendamping.roles import app_role_sql


class Command(BaseCommand):
    help = "Print (or --apply) the grants of the application's PostgreSQL role."

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role the application connects as")
        parser.add_argument("--apply", action="store_true", help="run the statements")

    def handle(self, *args, role: str, apply: bool, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are a PostgreSQL set-up.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_database(), current_user")
            database, owner = cursor.fetchone()
        statements = app_role_sql(role, database, owner)
        if not apply:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"{len(statements)} statements applied for {role} on {database}.")
