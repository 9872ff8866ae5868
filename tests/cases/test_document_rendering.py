"""Every shipped template renders, in each of its languages, with accents and ñ intact in the
text extracted from the PDF; user text is escaped; the URL fetcher reads nothing from the
network or the disk; the sandbox refuses what an administrator must not do.

Set ``ACOMPANA_PDF_DIR=/some/folder`` to keep every rendered PDF (then look at each page with
``pdftoppm -r 60 -png``)."""

import os
from pathlib import Path

import pytest
from django.template import TemplateSyntaxError

from cases.documents import sandbox
from cases.documents.pdf import LocalOnlyFetcher, RefusedURL
from cases.documents.seed import DEFAULT_TEMPLATES
from cases.models import DocumentTemplate
from cases.services import documents as document_services
from tests.cases.document_support import pdf_pages, pdf_text, rich_case

pytestmark = pytest.mark.django_db

VERSIONS = [(spec.code, language) for spec in DEFAULT_TEMPLATES for language in spec.versions]
# Client information sheets greet her by her given name; the others print her full name.
ACCENTED = {"es": ["María", "ó", "í"], "en": ["María"], "fr": ["María", "à", "é"]}


@pytest.fixture
def people(make_user):
    return {"coordinator": make_user("coordinator"), "attorney": make_user("attorney")}


@pytest.fixture
def case(people, clock):
    return rich_case(coordinator=people["coordinator"], attorney=people["attorney"])


def _keep(name: str, data: bytes) -> None:
    folder = os.environ.get("ACOMPANA_PDF_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(data)


@pytest.mark.parametrize(
    ("code", "language"), VERSIONS, ids=[f"{c}-{lang}" for c, lang in VERSIONS]
)
def test_every_template_renders_with_accents_intact(case, people, code, language):
    # given the shipped template (not approved yet)
    template = DocumentTemplate.objects.get(code=code)
    # when
    data, version, _restricted = document_services.document_render_bytes(
        case=case, template=template, language=language, user=people["attorney"]
    )
    _keep(f"{code}-{language}.pdf", data)
    # then
    text = pdf_text(data)
    assert data.startswith(b"%PDF-")
    assert version.language == language
    for phrase in ACCENTED[language]:
        assert phrase in text, (code, language, phrase)
    if template.audience != "client":
        assert "María Peña Núñez" in text
    assert "PENDIENTE DE APROBACIÓN DE UNA ABOGADA" in text
    assert case.case_number in text  # the footer, on every page
    assert "{{" not in text and "{%" not in text


def test_spanish_documents_keep_every_spanish_letter(case, people):
    text = ""
    for code in ("comar_carta_poder", "intake_sheet", "case_summary"):
        data, _version, _restricted = document_services.document_render_bytes(
            case=case,
            template=DocumentTemplate.objects.get(code=code),
            language="es",
            user=people["attorney"],
        )
        text += pdf_text(data)
    for word in ("Comisión", "Señora", "niña", "año", "María Peña Núñez", "Ratificación"):
        assert word in text, word


def test_the_case_summary_fits_on_one_page(case, people):
    data, _version, _restricted = document_services.document_render_bytes(
        case=case,
        template=DocumentTemplate.objects.get(code="case_summary"),
        language="es",
        user=people["attorney"],
    )
    assert pdf_pages(data) == 1
    text = pdf_text(data)
    assert "Sofía Peña Núñez" in text  # the dependant
    assert "Recurso de revisión" in text or "recurso de revisión" in text.lower()


def test_the_carta_poder_prints_the_ratification_deadline_and_two_witnesses(case, people):
    data, _version, _restricted = document_services.document_render_bytes(
        case=case,
        template=DocumentTemplate.objects.get(code="comar_carta_poder"),
        language="es",
        user=people["attorney"],
    )
    text = " ".join(pdf_text(data).split())
    # Filed by representative on Wed 18 Nov 2026: 3 LFPA business days are Thu 19, Fri 20
    # (20 Nov is an LFPA holiday: skipped) → Thu 19, Mon 23, Tue 24.
    assert "18 de noviembre de 2026" in text
    assert "24 de noviembre de 2026" in text
    assert text.count("Testigo") == 2
    assert "artículo 20 del Reglamento" in text


def test_an_approved_version_prints_no_pending_banner(case, people, make_user):
    # given the shipped summary, approved by an attorney
    template = DocumentTemplate.objects.get(code="case_summary")
    version = template.versions.get(language="es")
    document_services.template_version_approve(version=version, by=make_user("attorney"))
    # when
    data, used, _restricted = document_services.document_render_bytes(
        case=case, template=template, language="es", user=people["attorney"]
    )
    # then
    assert used == version
    assert "PENDIENTE DE APROBACIÓN" not in pdf_text(data)


def test_user_text_is_printed_literally_never_as_html(people, clock):
    # given a client whose name looks like HTML
    case = rich_case(
        coordinator=people["coordinator"],
        attorney=people["attorney"],
        given_names="<b>x</b>",
        surnames=('<img src="file:///etc/passwd">', "Núñez"),
    )
    # when
    data, _version, _restricted = document_services.document_render_bytes(
        case=case,
        template=DocumentTemplate.objects.get(code="comar_carta_poder"),
        language="es",
        user=people["attorney"],
    )
    # then the markup is text on the page
    text = " ".join(pdf_text(data).split())
    assert '<b>x</b> <img src="file:///etc/passwd"> Núñez' in text


class RecordingFetcher(LocalOnlyFetcher):
    instances: list["RecordingFetcher"] = []

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        RecordingFetcher.instances.append(self)


def test_a_template_cannot_fetch_from_the_network_or_the_disk(case, people, make_user, monkeypatch):
    # given a new version whose body points at the network, a local file and a data: URL
    admin = make_user("admin")
    template = DocumentTemplate.objects.get(code="case_summary")
    body = (
        '<p>Antes</p><img src="http://127.0.0.1:9/tracker.png">'
        '<img src="https://example.org/logo.png"><img src="file:///etc/passwd">'
        '<link rel="stylesheet" href="file:///etc/hostname">'
        '<img src="data:image/png;base64,iVBORw0KGgo="><img src="/static/img/logo.svg">'
        "<p>Después {{ client.full_name }}</p>"
    )
    version = document_services.template_version_create(
        template=template, by=admin, language="es", title="T", body=body, change_note="prueba"
    )
    document_services.template_version_approve(version=version, by=people["attorney"])
    connections = []
    monkeypatch.setattr("socket.socket.connect", lambda *args: connections.append(args) or 1 / 0)
    monkeypatch.setattr("cases.documents.pdf.LocalOnlyFetcher", RecordingFetcher)
    RecordingFetcher.instances.clear()
    # when
    data, _used, _restricted = document_services.document_render_bytes(
        case=case, template=template, language="es", user=people["attorney"]
    )
    # then the document renders, without any of them
    text = pdf_text(data)
    assert "Antes" in text and "Después María Peña Núñez" in text
    assert connections == []
    (fetcher,) = RecordingFetcher.instances
    assert sorted(fetcher.refused) == ["data", "file", "file", "http", "https"]
    assert b"root:" not in data


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x.png",
        "https://example.org/x.png",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "data:text/plain,hola",
        "acompana:static/../../clinic/settings/base.py",
        "acompana:static//etc/passwd",
        "acompana:logo",  # no logo configured
    ],
)
def test_the_fetcher_refuses_anything_but_static_files_and_the_logo(url):
    with pytest.raises(RefusedURL):
        LocalOnlyFetcher().fetch(url)


def test_the_fetcher_serves_static_files_and_the_logo():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    assert LocalOnlyFetcher().fetch("acompana:static/css/pdf.css").read().startswith(b"/*")
    assert LocalOnlyFetcher(logo=png).fetch("acompana:logo").read() == png


@pytest.mark.parametrize(
    "body",
    [
        "{% include 'base.html' %}",
        "{% extends 'base.html' %}",
        "{% load static %}",
        "{{ client.full_name|safe }}",
        "{% autoescape off %}{{ client.full_name }}{% endautoescape %}",
        "{% debug %}",
        "{% url 'core:home' %}",
        "{% csrf_token %}",
        "{{ client|pprint }}",
    ],
)
def test_the_sandbox_refuses_tags_and_filters_outside_its_list(body):
    with pytest.raises(TemplateSyntaxError):
        sandbox.compile_body(body)


def test_the_sandbox_context_is_frozen_plain_data(case):
    # given a mutable context holding a model instance
    context = {"client": {"name": "Ana"}, "items": ["a", "b"], "case": case}
    # when a body tries to call mutating methods and reach the model
    out = sandbox.render_body(
        "{{ client.clear }}{{ items.pop }}{{ items.clear }}|{{ client.name }}|{{ items|length }}"
        "|{{ case.delete }}|{{ case.client }}",
        context,
        language="es",
    )
    # then nothing changed and the model is only its text
    assert out == "|Ana|2||"
    assert context == {"client": {"name": "Ana"}, "items": ["a", "b"], "case": case}
    assert type(case).objects.filter(pk=case.pk).exists()


def test_a_body_that_does_not_compile_is_refused_with_a_clear_message(make_user):
    from django.core.exceptions import ValidationError

    template = DocumentTemplate.objects.get(code="case_summary")
    with pytest.raises(ValidationError) as error:
        document_services.template_version_create(
            template=template,
            by=make_user("admin"),
            language="es",
            title="T",
            body="{% include 'x' %}",
            change_note="n",
        )
    assert "body" in error.value.message_dict
