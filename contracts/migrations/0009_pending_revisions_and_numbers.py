import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import contracts.models


def number_existing_drafts(apps, schema_editor):
    """Drafts made before random numbers keep the number their contracts already print."""
    Draft = apps.get_model("contracts", "Draft")
    for draft in Draft.objects.filter(contract_number=None).only("pk", "created_at").iterator():
        Draft.objects.filter(pk=draft.pk).update(contract_number=f"CRM-{draft.created_at:%Y}-{draft.pk:05d}")


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0008_accounts_password_reset_count"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="draft",
            name="contract_number",
            field=models.CharField(max_length=40, null=True, verbose_name="contract number"),
        ),
        migrations.RunPython(number_existing_drafts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="draft",
            name="contract_number",
            field=models.CharField(
                default=contracts.models.new_contract_number,
                max_length=40,
                unique=True,
                verbose_name="contract number",
            ),
        ),
        migrations.CreateModel(
            name="DraftRevision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField(verbose_name="revision")),
                ("answers", models.JSONField(verbose_name="answers")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("earlier", "Answers before the history began"),
                            ("step", "Step saved"),
                            ("positions", "Negotiation positions saved"),
                            ("offer", "Offer taken in"),
                            ("restore", "Earlier answers restored"),
                            ("import", "Imported"),
                            ("copy", "Copied from another draft"),
                        ],
                        max_length=20,
                        verbose_name="change",
                    ),
                ),
                ("detail", models.CharField(blank=True, max_length=300, verbose_name="detail")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="saved at")),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="changed by",
                    ),
                ),
                (
                    "draft",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revisions",
                        to="contracts.draft",
                        verbose_name="draft",
                    ),
                ),
            ],
            options={
                "verbose_name": "draft revision",
                "verbose_name_plural": "draft revisions",
                "ordering": ["draft", "-number"],
                "constraints": [
                    models.UniqueConstraint(fields=("draft", "number"), name="unique_draft_revision_number")
                ],
            },
        ),
    ]
