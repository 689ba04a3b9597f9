# Job documents move from the public storage (served at /media/) to the private one: a
# draft's description and its pay are not public.

from django.core.files.storage import storages
from django.db import migrations, models

import hiring.storage


def move_to_private(apps, schema_editor):
    """Copy each existing document to the private storage under the same name, then remove
    the public copy; a file already gone is left to the document's next build."""
    JobDocument = apps.get_model("jobs", "JobDocument")
    public, private = storages["default"], storages["private"]
    for name in JobDocument.objects.exclude(file="").values_list("file", flat=True).iterator():
        if not public.exists(name):
            continue
        with public.open(name, "rb") as handle:
            stored = private.save(name, handle)
        if stored != name:
            JobDocument.objects.filter(file=name).update(file=stored)
        public.delete(name)


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0002_syndication'),
    ]

    operations = [
        migrations.AlterField(
            model_name='jobdocument',
            name='file',
            field=models.FileField(blank=True, storage=hiring.storage.private_storage, upload_to='documents/%Y/%m/'),
        ),
        migrations.RunPython(move_to_private, migrations.RunPython.noop, elidable=True),
    ]
