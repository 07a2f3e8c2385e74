from django.conf import settings
from django.db import migrations, models
from django.db.models import Count


def keep_one_contract_per_inputs(apps, schema_editor):
    """Rows stored twice for the same buyer and inputs (a race before the constraint) become one: the first
    one asked for is kept, with the earliest request time; the others' files go with them."""
    GeneratedContract = apps.get_model("contracts", "GeneratedContract")
    doubles = (
        GeneratedContract.objects.values("owner_id", "content_hash")
        .annotate(rows=Count("id"))
        .filter(rows__gt=1)
        .values_list("owner_id", "content_hash")
    )
    for owner_id, content_hash in list(doubles):
        rows = list(GeneratedContract.objects.filter(owner_id=owner_id, content_hash=content_hash).order_by("id"))
        requested = sorted((row for row in rows if row.requested_at), key=lambda row: (row.requested_at, row.id))
        kept = requested[0] if requested else rows[0]
        for row in rows:
            if row.pk == kept.pk:
                continue
            if row.file and row.file.name != kept.file.name:
                row.file.delete(save=False)
            row.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0006_admin_labels"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SignupAddress",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("address", models.CharField(max_length=64, unique=True, verbose_name="client address")),
                ("window_started_at", models.DateTimeField(verbose_name="counting since")),
                ("signups", models.PositiveIntegerField(default=0, verbose_name="accounts created")),
            ],
            options={
                "verbose_name": "sign-up address",
                "verbose_name_plural": "sign-up addresses",
            },
        ),
        migrations.RunPython(keep_one_contract_per_inputs, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="generatedcontract",
            constraint=models.UniqueConstraint(fields=("owner", "content_hash"), name="unique_contract_per_inputs"),
        ),
    ]
