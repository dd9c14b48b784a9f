import pytest
from django import forms
from django.test.html import parse_html

from enbek.widgets import FastSelect

CHOICES = [
    ("", "All"),
    ("75", "Алматы <қаласы>"),
    ("71", 'Астана "қаласы"'),
    ("Group", [("a", "A"), ("b", "B & C")]),
]


@pytest.mark.parametrize("value", [None, "", "75", "b"])
def test_fast_select_renders_the_markup_of_djangos_select(value):
    attrs = {"id": "id_region", "aria-describedby": "id_region_helptext", "required": True, "disabled": False}
    expected = forms.Select(choices=CHOICES).render("region", value, attrs=attrs)
    rendered = FastSelect(choices=CHOICES).render("region", value, attrs=attrs)
    assert parse_html(rendered) == parse_html(expected)
    assert "&lt;қаласы&gt;" in rendered


def test_fast_select_in_a_bound_field_keeps_selected_value():
    class RegionForm(forms.Form):
        region = forms.ChoiceField(choices=CHOICES, required=False, widget=FastSelect)

    html = str(RegionForm({"region": "71"})["region"])
    assert parse_html(html) == parse_html(
        '<select name="region" id="id_region"><option value="">All</option>'
        '<option value="75">Алматы &lt;қаласы&gt;</option>'
        '<option value="71" selected>Астана "қаласы"</option>'
        '<optgroup label="Group"><option value="a">A</option><option value="b">B &amp; C</option></optgroup>'
        "</select>"
    )
