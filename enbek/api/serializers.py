from rest_framework import serializers

from ..models import Region, Sphere


class RegionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")

    class Meta:
        model = Region
        fields = [
            "code",
            "kato",
            "iso",
            "kind",
            "name",
            "name_kk",
            "name_ru",
            "center",
            "center_kk",
            "center_ru",
        ]


class SphereSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Sphere
        fields = ["slug", "name", "name_kk", "name_ru"]
