"""The stages each case type starts with, and the deadline rules (DOMAIN.md, "Case types").

They are loaded into ``CaseStage`` / ``DeadlineRule`` rows once; after that the clinic edits
labels, order and (after legal review) rules as data, and the codes never change (reports and
services key on them)."""

DEFAULT_STAGES: dict[str, list[tuple[str, str]]] = {
    "asylum": [
        ("intake", "Primera entrevista"),
        ("filing", "Presentación de la solicitud"),
        ("constancia", "Constancia de trámite"),
        ("tvrh_curp", "TVRH y CURP temporal"),
        ("signatures", "Firmas periódicas"),
        ("interviews", "Entrevistas"),
        ("resolution", "Resolución notificada"),
        ("appeal", "Impugnación"),
    ],
    "tvrh": [
        ("request", "Solicitud"),
        ("prevention", "Prevención"),
        ("decision", "Resolución"),
        ("card_issued", "Tarjeta expedida"),
        ("renewal", "Renovación"),
    ],
    "regularisation": [
        ("request", "Solicitud escrita"),
        ("evidence", "Pruebas"),
        ("decision", "Resolución"),
    ],
    "crime_victim": [
        ("complaint", "Denuncia"),
        ("case_file", "Carpeta de investigación"),
        ("prosecutor_letter", "Oficio de la fiscalía al INM"),
        ("early_evidence", "Pruebas anticipadas"),
        ("process", "Proceso penal"),
    ],
    "family": [
        ("risk_assessment", "Entrevista y valoración de riesgo"),
        ("claim", "Demanda"),
        ("provisional_measures", "Medidas provisionales"),
        ("answer", "Contestación"),
        ("hearings", "Audiencias"),
        ("judgment", "Sentencia"),
        ("appeal", "Apelación"),
    ],
    "identity": [
        ("gather", "Reunir documentos"),
        ("request", "Solicitud"),
        ("issued", "Expedido"),
    ],
    "us_immigration": [
        ("assessment", "Valoración"),
        ("filing", "Presentación"),
        ("hearing", "Audiencia"),
        ("decision", "Resolución"),
        ("appeal", "Apelación (BIA)"),
    ],
    "other": [("open", "En trámite")],
}


def load_default_stages(CaseStage) -> int:
    """Create missing default stages (idempotent; existing labels are the clinic's)."""
    created = 0
    for case_type, stages in DEFAULT_STAGES.items():
        for order, (code, label) in enumerate(stages, start=1):
            _, was_created = CaseStage.objects.get_or_create(
                case_type=case_type, code=code, defaults={"label": label, "order": order * 10}
            )
            created += was_created
    return created


RULE_FIELDS = (
    "name",
    "kind",
    "period",
    "unit",
    "calendar",
    "trigger",
    "start_same_day",
    "roll_forward",
    "month_end_last_day",
    "extension_period",
    "offset_days",
    "source",
    "unverified",
    "late_filing_allowed",
    "authority",
    "note",
)


def load_default_rules(DeadlineRule) -> int:
    """Create the rules of ``cases.deadlines.rules`` that are missing (idempotent). Rows that
    exist are the clinic's: a legal correction is made in the admin, with history."""
    from cases.deadlines.rules import RULES

    created = 0
    for code, spec in RULES.items():
        _, was_created = DeadlineRule.objects.get_or_create(
            code=code, defaults={field: getattr(spec, field) for field in RULE_FIELDS}
        )
        created += was_created
    return created
