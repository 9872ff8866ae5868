"""Document generation: the template sandbox, the case data a template may use, the PDF
renderer and the documents shipped with Acompaña (docs/documents.md)."""
