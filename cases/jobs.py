"""Background job handlers of the cases app (``clinic.core.jobs``). Imported by
``CasesConfig.ready`` so that web processes (which submit) and workers (which run) know them."""

from clinic.core.jobs import job_handler
from clinic.core.models import Job


@job_handler("documents.render")
def render_case_document(job: Job) -> None:
    """Generate one case document as the person who asked for it (params: case, template and
    language — ids and a code only)."""
    from cases.services.documents import document_generate_for_job

    document_generate_for_job(job)
