# Candidate search (candidates/search.py): pg_trgm, the columns search reads, their GIN
# indexes, and the columns filled for candidates that exist already.
#
# PostgreSQL only: the extension and the GIN indexes. The embedded default (SQLite) gets the
# columns and searches with plain LIKE, so every operation here still runs there. The
# indexes are SQL rather than Meta.indexes on purpose: SQLite rebuilds a table from its
# Meta.indexes whenever a later migration alters it, and "USING gin" would fail there.

import re
import unicodedata

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

INDEXES = {
    "candidate_search_document": "USING gin (search_document)",
    "candidate_search_name_trgm": "USING gin (search_name gin_trgm_ops)",
    "candidate_search_contact_trgm": "USING gin (search_contact gin_trgm_ops)",
}

# Frozen copies of candidates.search as of this migration (a migration must not follow later
# changes of the app's code); `manage.py candidate_search_reindex` applies the current rules.
FILL_DOCUMENTS = """
UPDATE candidates_candidate c SET search_document =
    setweight(to_tsvector('simple', c.search_name), 'A')
    || setweight(to_tsvector('english', c.first_name || ' ' || c.last_name), 'A')
    || setweight(to_tsvector('simple', c.search_contact), 'B')
    || setweight(to_tsvector('english', COALESCE(LEFT((
        SELECT string_agg(r.text, ' ' ORDER BY r.version DESC) FROM candidates_resume r
        WHERE r.candidate_id = c.id), 100000), '')), 'C')
    || setweight(to_tsvector('english', COALESCE(LEFT((
        SELECT string_agg(n.body, ' ' ORDER BY n.created_at DESC) FROM candidates_note n
        WHERE n.candidate_id = c.id), 100000), '')), 'D')
"""


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c))
                    .casefold().split())


def _phone_digits(text):
    digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", text))
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def fill(apps, schema_editor):
    Candidate = apps.get_model("candidates", "Candidate")
    batch = []
    for candidate in Candidate.objects.only("first_name", "last_name", "email",
                                            "phone").iterator(chunk_size=500):
        candidate.search_name = _fold(
            f"{candidate.first_name} {candidate.last_name}".replace("-", " "))
        candidate.search_contact = _fold(
            f"{candidate.email} {_phone_digits(candidate.phone)}")
        batch.append(candidate)
        if len(batch) == 500:
            Candidate.objects.bulk_update(batch, ["search_name", "search_contact"])
            batch = []
    Candidate.objects.bulk_update(batch, ["search_name", "search_contact"])
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL_DOCUMENTS)


class RunSQLOnPostgres(migrations.RunSQL):
    """RunSQL that does nothing on other databases (the embedded SQLite default)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0004_notes_and_tags'),
    ]

    operations = [
        TrigramExtension(),  # Django's CreateExtension is already a no-op off PostgreSQL
        migrations.AddField(
            model_name='candidate',
            name='search_contact',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='candidate',
            name='search_document',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='candidate',
            name='search_name',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        RunSQLOnPostgres(
            sql=[f"CREATE INDEX {name} ON candidates_candidate {using}"
                 for name, using in INDEXES.items()],
            reverse_sql=[f"DROP INDEX IF EXISTS {name}" for name in INDEXES],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
