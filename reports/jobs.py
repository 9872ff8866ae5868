"""Background job handlers of the reports app (``clinic.core.jobs``). Imported by
``ReportsConfig.ready`` so that web processes (which submit) and workers (which run) know them."""

from clinic.core.jobs import job_handler
from clinic.core.models import Job


@job_handler("reports.export")
def build_statistics_export(job: Job) -> None:
    """Build one statistics export for the coordinator who asked for it (params: the export's
    id only)."""
    from reports.services import statistics_export_generate_for_job

    statistics_export_generate_for_job(job)
