"""The documents shipped with Acompaña, loaded as data (a data migration calls
``load_default_templates``; tests that flush the database call it again).

Codes never change. The loader creates a missing template and, for each language it ships,
version 1 when the template has no version in that language yet: it never touches a template
or a version the clinic already has. Shipped versions have no author and are not approved: an
attorney reads and approves each one (until then the PDF says "pending approval").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import texts_client, texts_clinic, texts_comar, texts_inm

ASYLUM = "asylum"
TVRH = "tvrh"
REGULARISATION = "regularisation"
OTHER = "other"
CRIME_VICTIM = "crime_victim"
SHIPPED_NOTE = "Texto inicial incluido con Acompaña."


@dataclass(frozen=True)
class TemplateSpec:
    code: str
    name: str
    description: str
    audience: str
    authority: str
    case_types: list[str]
    versions: dict[str, tuple[str, str]] = field(default_factory=dict)  # language: (title, body)


def _es(title: str, body: str) -> dict[str, tuple[str, str]]:
    return {"es": (title, body)}


DEFAULT_TEMPLATES: list[TemplateSpec] = [
    TemplateSpec(
        "case_summary",
        "Resumen del caso",
        "Una página con los datos del caso, la etapa, los próximos plazos y las personas "
        "dependientes.",
        "clinic",
        "",
        [],
        _es("Resumen del caso", texts_clinic.CASE_SUMMARY),
    ),
    TemplateSpec(
        "intake_sheet",
        "Hoja de registro",
        "Datos de la usuaria y su familia; violencia y relato solo para quien puede leer datos "
        "restringidos.",
        "clinic",
        "",
        [],
        _es("Hoja de registro", texts_clinic.INTAKE_SHEET),
    ),
    TemplateSpec(
        "comar_carta_poder",
        "Carta poder ante la COMAR",
        "Firmada ante dos testigos; recuerda la ratificación en persona en 3 días hábiles.",
        "authority",
        "comar",
        [ASYLUM],
        _es("Carta poder", texts_comar.CARTA_PODER),
    ),
    TemplateSpec(
        "comar_application",
        "Solicitud de reconocimiento de la condición de refugiada",
        "Escrito inicial ante la COMAR (LRPCAP arts. 11, 13, 18).",
        "authority",
        "comar",
        [ASYLUM],
        _es("Solicitud de reconocimiento de la condición de refugiada", texts_comar.APPLICATION),
    ),
    TemplateSpec(
        "comar_late_filing",
        "Justificación de solicitud extemporánea",
        "Solicitud presentada después de los 30 días hábiles del artículo 18 de la LRPCAP.",
        "authority",
        "comar",
        [ASYLUM],
        _es("Justificación de la presentación extemporánea", texts_comar.LATE_FILING),
    ),
    TemplateSpec(
        "comar_state_transfer",
        "Solicitud para continuar el trámite en otra entidad",
        "Autorización de la COMAR para cambiar de entidad federativa sin abandonar el trámite.",
        "authority",
        "comar",
        [ASYLUM],
        _es("Solicitud de cambio de entidad federativa", texts_comar.STATE_TRANSFER),
    ),
    TemplateSpec(
        "inm_tvrh_request",
        "Solicitud de TVRH al INM",
        "Tarjeta de Visitante por Razones Humanitarias (Ley de Migración art. 52-V).",
        "authority",
        "inm",
        [ASYLUM, TVRH, CRIME_VICTIM],
        _es("Solicitud de Tarjeta de Visitante por Razones Humanitarias", texts_inm.TVRH_REQUEST),
    ),
    TemplateSpec(
        "inm_prevention_reply",
        "Desahogo de prevención del INM",
        "Respuesta a una prevención por documentos faltantes (10 días hábiles, LM art. 130).",
        "authority",
        "inm",
        [TVRH, REGULARISATION],
        _es("Desahogo de prevención", texts_inm.PREVENTION_REPLY),
    ),
    TemplateSpec(
        "inm_tacit_refusal",
        "Solicitud de constancia de negativa ficta",
        "El INM no resolvió en 20 días hábiles: constancia en 2 días hábiles (LM art. 128).",
        "authority",
        "inm",
        [TVRH, REGULARISATION],
        _es("Solicitud de constancia de negativa ficta", texts_inm.TACIT_REFUSAL),
    ),
    TemplateSpec(
        "comar_review_appeal",
        "Recurso de revisión",
        "Contra la negativa de la COMAR (LRPCAP art. 25; LFPA arts. 83, 85, 86).",
        "authority",
        "comar",
        [ASYLUM],
        _es("Recurso de revisión", texts_comar.REVIEW_APPEAL),
    ),
    TemplateSpec(
        "amparo_detention",
        "Amparo indirecto contra detención o deportación",
        "Ante el Juzgado de Distrito en turno; en cualquier tiempo "
        "(Ley de Amparo arts. 15, 17-IV).",
        "authority",
        "federal_court",
        [ASYLUM, TVRH, REGULARISATION, OTHER],
        _es("Demanda de amparo indirecto", texts_inm.AMPARO),
    ),
    TemplateSpec(
        "desistimiento",
        "Desistimiento",
        "La usuaria se desiste del trámite ante la COMAR o el INM (LFPA art. 57-II).",
        "authority",
        "",
        [ASYLUM, TVRH, REGULARISATION],
        _es("Escrito de desistimiento", texts_inm.DESISTIMIENTO),
    ),
    TemplateSpec(
        "info_school",
        "Hoja informativa: inscripción escolar",
        "Para la usuaria: cómo inscribir a sus hijas e hijos en la escuela.",
        "client",
        "",
        [],
        texts_client.SCHOOL,
    ),
    TemplateSpec(
        "info_health",
        "Hoja informativa: acceso a la salud",
        "Para la usuaria: dónde y cómo recibir atención médica gratuita.",
        "client",
        "",
        [],
        texts_client.HEALTH,
    ),
]


def load_default_templates(DocumentTemplate, DocumentTemplateVersion) -> int:
    """Create the shipped templates and their first versions where missing (idempotent).
    Works with the real models and with a migration's historical ones. Returns how many
    versions it created."""
    created = 0
    for order, spec in enumerate(DEFAULT_TEMPLATES, start=1):
        template, _ = DocumentTemplate.objects.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "audience": spec.audience,
                "authority": spec.authority,
                "case_types": spec.case_types,
                "order": order * 10,
            },
        )
        existing = set(
            DocumentTemplateVersion.objects.filter(template=template).values_list(
                "language", flat=True
            )
        )
        for language, (title, body) in spec.versions.items():
            if language in existing:
                continue
            DocumentTemplateVersion.objects.create(
                template=template,
                language=language,
                number=1,
                title=title,
                body=body,
                change_note=SHIPPED_NOTE,
            )
            created += 1
    return created
