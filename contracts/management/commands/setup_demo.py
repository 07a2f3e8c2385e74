import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from contracts.models import Vendor

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".dev-credentials"


class Command(BaseCommand):
    help = "Development only: create a demo buyer and an admin account once, and print their credentials."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("setup_demo is for development only (DEBUG=1)")
        User = get_user_model()
        created = []
        for username, staff in (("buyer", False), ("admin", True)):
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            User.objects.create_user(
                username=username,
                password=password,
                is_staff=staff,
                is_superuser=staff,
                email=f"{username}@example.com",
            )
            created.append((username, password))
        Vendor.objects.get_or_create(
            name="示例云科技有限公司",
            defaults={
                "uscc": "91310115MA1K4XXXX0"[:0] or "91110108MA01A0B2X5",
                "name_en": "Example Cloud Technology Co., Ltd.",
                "address": "北京市海淀区中关村大街1号",
                "address_en": "1 Zhongguancun Street, Haidian District, Beijing",
                "representative": "王五",
                "contact_name": "赵六",
                "contact_email": "sales@vendor.example.com",
                "years_in_business": 8,
                "customer_count": 1200,
                "certifications": ["iso27001", "mlps_level3"],
            },
        )
        if created:
            lines = [f"{u} / {p}" for u, p in created]
            CREDENTIALS_FILE.write_text("\n".join(lines) + "\n")
            CREDENTIALS_FILE.chmod(0o600)
            self.stdout.write("Development accounts (shown once; also in .dev-credentials):")
            for line in lines:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write(f"Development accounts exist already (see {CREDENTIALS_FILE.name}).")
