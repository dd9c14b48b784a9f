"""The outlet of a media episode is translated (outlet_kk, outlet_ru); existing names are kept.

Outlets were typed in one language, mostly Kazakh (the default): each goes to outlet_kk, and
/ru/ shows it through the fallback until an editor gives the Russian name.
"""

from django.db import migrations, models
from django.db.models import F, Q


def keep_outlets(apps, schema_editor):
    MediaEpisode = apps.get_model("dynasties", "MediaEpisode")
    MediaEpisode.objects.filter(Q(outlet_kk__isnull=True) | Q(outlet_kk="")).exclude(outlet="").update(
        outlet_kk=F("outlet")
    )


def restore_outlets(apps, schema_editor):
    MediaEpisode = apps.get_model("dynasties", "MediaEpisode")
    MediaEpisode.objects.exclude(Q(outlet_kk__isnull=True) | Q(outlet_kk="")).update(outlet=F("outlet_kk"))


class Migration(migrations.Migration):
    dependencies = [("dynasties", "0005_member_profession_ref")]

    operations = [
        migrations.AddField(
            model_name="mediaepisode",
            name="outlet_kk",
            field=models.CharField(
                blank=True,
                help_text="Channel, station or publication.",
                max_length=200,
                null=True,
                verbose_name="outlet",
            ),
        ),
        migrations.AddField(
            model_name="mediaepisode",
            name="outlet_ru",
            field=models.CharField(
                blank=True,
                help_text="Channel, station or publication.",
                max_length=200,
                null=True,
                verbose_name="outlet",
            ),
        ),
        migrations.RunPython(keep_outlets, restore_outlets),
    ]
