"""HTTP security headers on every page."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_login_page_sends_a_strict_content_security_policy(client):
    response = client.get(reverse("accounts:login"))

    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_for_a_logged_in_user_are_never_cached(verified_client, make_user):
    client = verified_client(make_user("attorney"))

    response = client.get(reverse("core:home"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_templates_carry_no_inline_script_or_style(client):
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        if (
            "<style" in text
            or " style=" in text
            or "<script>" in text
            or (
                " on" in text and ("onclick=" in text or "onchange=" in text or "onsubmit=" in text)
            )
        ):
            offenders.append(template.name)
    assert offenders == []


def test_fast_select_matches_djangos_escaping_and_handles_lazy_choices():
    from django import forms
    from django_countries.fields import CountryField

    from clinic.core.widgets import FastSelect, speed_up_selects

    class Form(forms.Form):
        plain = forms.ChoiceField(
            choices=[("", "Any"), ("x<\"'", "X & <b>"), ("y", "Y")], widget=FastSelect
        )
        country = CountryField(blank=True).formfield()

    form = Form(initial={"plain": "x<\"'", "country": "HN"})
    speed_up_selects(form)

    assert str(form["plain"]) == (
        '<select id="id_plain" name="plain" required><option value="">Any</option>'
        '<option value="x&lt;&quot;&#x27;" selected>X &amp; &lt;b&gt;</option>'
        '<option value="y">Y</option></select>'
    )
    assert type(form.fields["country"].widget) is FastSelect
    assert '<option value="HN" selected>' in str(form["country"])


@pytest.mark.django_db
def test_a_failed_csrf_check_shows_our_page_without_inline_style():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})

    assert response.status_code == 403
    body = response.content.decode()
    assert "<style" not in body and " style=" not in body
    assert 'href="/static/css/app.css"' in body
    assert "unsafe-inline" not in response["Content-Security-Policy"]
