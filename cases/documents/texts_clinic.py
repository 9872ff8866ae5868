"""Texts of the clinic's internal documents: the one-page case summary and the intake sheet
(Spanish). Loaded as version 1 of their templates (``cases.documents.seed``)."""

CASE_SUMMARY = """<h1>Resumen del caso</h1>
<table class="data">
<tr><th>Expediente</th><td>{{ case.number }}{% if case.is_confidential %} · CONFIDENCIAL{% endif %}</td></tr>
<tr><th>Tipo de caso</th><td>{{ case.type_label }}</td></tr>
<tr><th>Etapa y estado</th><td>{{ case.stage }} · {{ case.status }}</td></tr>
<tr><th>Abierto el</th><td>{{ case.opened_on|long_date }}</td></tr>
<tr><th>Usuaria</th><td>{{ client.full_name }} ({{ client.code }})</td></tr>
<tr><th>Nacionalidad</th><td>{{ client.nationality|default:"—" }}</td></tr>
<tr><th>Fecha de nacimiento</th><td>{{ client.date_of_birth|long_date|default:"—" }}{% if client.age != "" %} ({{ client.age }} años){% endif %}</td></tr>
<tr><th>Ingreso a México</th><td>{{ client.entry_date|long_date|default:"—" }}{% if client.entry_place %}, {{ client.entry_place }}{% endif %}</td></tr>
<tr><th>Situación migratoria</th><td>{{ client.migration_status|default:"—" }}</td></tr>
<tr><th>Abogada responsable</th><td>{{ attorney|default:"—" }}</td></tr>
{% if case.comar_office or case.comar_state %}<tr><th>COMAR</th><td>{{ case.comar_office }}{% if case.comar_office and case.comar_state %} · {% endif %}{{ case.comar_state }}</td></tr>{% endif %}
{% if case.comar_folio %}<tr><th>Folio COMAR</th><td>{{ case.comar_folio }}</td></tr>{% endif %}
{% if case.constancia_number %}<tr><th>Constancia de trámite</th><td>{{ case.constancia_number }}{% if case.constancia_valid_until %}, vigente hasta el {{ case.constancia_valid_until|long_date }}{% endif %}</td></tr>{% endif %}
{% if case.inm_number %}<tr><th>Expediente INM</th><td>{{ case.inm_number }}</td></tr>{% endif %}
{% if case.prosecutor_file %}<tr><th>Carpeta de investigación</th><td>{{ case.prosecutor_file }}{% if case.prosecutor_office %} · {{ case.prosecutor_office }}{% endif %}</td></tr>{% endif %}
{% if case.court_file %}<tr><th>Expediente judicial</th><td>{{ case.court_file }}</td></tr>{% endif %}
{% if signature.weekday %}<tr><th>Firma periódica</th><td>{{ signature.weekday }} · {{ signature.frequency }}{% if signature.office %} · {{ signature.office }}{% endif %}</td></tr>{% endif %}
</table>
<h2>Próximos plazos</h2>
{% if deadlines %}<table>
<tr><th>Fecha</th><th>Plazo</th><th>Tipo</th><th>Fundamento</th></tr>
{% for row in deadlines %}<tr><td>{{ row.due_date|date:"d/m/Y" }}</td><td>{{ row.title }}</td><td>{{ row.kind }}</td><td>{{ row.source }}</td></tr>
{% endfor %}</table>
{% else %}<p>No hay plazos pendientes.</p>{% endif %}
<h2>Personas dependientes</h2>
{% if dependants %}<table>
<tr><th>Nombre</th><th>Parentesco</th><th>Nacimiento</th><th>Nacionalidad</th></tr>
{% for person in dependants %}<tr><td>{{ person.full_name }}</td><td>{{ person.relationship }}</td><td>{{ person.date_of_birth|date:"d/m/Y"|default:"—" }}</td><td>{{ person.nationality|default:"—" }}</td></tr>
{% endfor %}</table>
{% else %}<p>Ninguna persona dependiente vinculada a este caso.</p>{% endif %}
{% if case.summary %}<h2>Resumen</h2>
<p>{{ case.summary|truncatewords:120|linebreaksbr }}</p>{% endif %}
<p class="small">Documento interno de la clínica con datos personales sensibles (LFPDPPP): no lo compartas fuera del equipo del caso. Generado el {{ today|long_date }}{% if author %} por {{ author }}{% endif %}.</p>
"""

INTAKE_SHEET = """<h1>Hoja de registro</h1>
<p class="reference">Expediente {{ case.number }} · Usuaria {{ client.code }}</p>
<h2>Datos personales</h2>
<table class="data">
<tr><th>Nombre completo</th><td>{{ client.full_name }}</td></tr>
{% if client.preferred_name %}<tr><th>Nombre con el que prefiere que la llamen</th><td>{{ client.preferred_name }}</td></tr>{% endif %}
<tr><th>Identidad de género</th><td>{{ client.gender|default:"—" }}</td></tr>
<tr><th>Fecha de nacimiento</th><td>{{ client.date_of_birth|long_date|default:"—" }}{% if client.age != "" %} ({{ client.age }} años){% endif %}</td></tr>
<tr><th>Nacionalidad</th><td>{{ client.nationality|default:"—" }}</td></tr>
<tr><th>País de nacimiento</th><td>{{ client.country_of_birth|default:"—" }}</td></tr>
<tr><th>CURP</th><td>{{ client.curp|default:"—" }}</td></tr>
<tr><th>Idiomas</th><td>{{ client.languages|default:"—" }}{% if client.other_languages %}, {{ client.other_languages }}{% endif %}{% if client.needs_interpreter %} · necesita intérprete{% endif %}</td></tr>
<tr><th>Embarazo</th><td>{{ client.is_pregnant|yesno:"Sí,No" }}</td></tr>
</table>
<h2>Contacto y domicilio</h2>
<table class="data">
<tr><th>Teléfono</th><td>{{ client.phone|default:"—" }}</td></tr>
<tr><th>Correo electrónico</th><td>{{ client.email|default:"—" }}</td></tr>
<tr><th>Domicilio para notificaciones</th><td>{{ client.address|default:"—" }}</td></tr>
<tr><th>Ciudad y estado</th><td>{{ client.city|default:"—" }}{% if client.state %}, {{ client.state }}{% endif %}</td></tr>
<tr><th>Dónde duerme hoy</th><td>{{ client.sleeping_place|default:"—" }}</td></tr>
</table>
<h2>Situación migratoria y viaje</h2>
<table class="data">
<tr><th>Situación migratoria</th><td>{{ client.migration_status|default:"—" }}</td></tr>
<tr><th>Ingreso a México</th><td>{{ client.entry_date|long_date|default:"—" }}{% if client.entry_place %}, {{ client.entry_place }}{% endif %}</td></tr>
{% if client.filing_possible_date %}<tr><th>Pudo solicitar desde</th><td>{{ client.filing_possible_date|long_date }}{% if client.filing_possible_reason %}: {{ client.filing_possible_reason }}{% endif %}</td></tr>{% endif %}
{% if client.detention_place %}<tr><th>Lugar de detención</th><td>{{ client.detention_place }}{% if client.detained_at %}, desde el {{ client.detained_at|long_date }}{% endif %}</td></tr>{% endif %}
</table>
{% if client.urgent_flags %}<h2>Alertas urgentes</h2>
<ul>{% for flag in client.urgent_flags %}<li>{{ flag }}</li>{% endfor %}</ul>{% endif %}
<h2>Familia</h2>
{% if family %}<table>
<tr><th>Nombre</th><th>Parentesco</th><th>Nacimiento</th><th>Nacionalidad</th><th>Dónde vive</th></tr>
{% for person in family %}<tr><td>{{ person.full_name }}</td><td>{{ person.relationship }}</td><td>{{ person.date_of_birth|long_date|default:"—" }}{% if person.born_in_mexico %} (nació en México){% endif %}</td><td>{{ person.nationality|default:"—" }}</td><td>{{ person.residence|default:"—" }}</td></tr>
{% endfor %}</table>
{% else %}<p>Sin familiares registrados.</p>{% endif %}
{% if client.needs_note %}<h2>Necesidades</h2>
<p>{{ client.needs_note|linebreaksbr }}</p>{% endif %}
{% if restricted.included %}
<h2>Violencia sufrida (dato restringido)</h2>
{% if restricted.incidents %}<table>
<tr><th>Tipos</th><th>Modalidad</th><th>Persona agresora</th><th>Dónde</th><th>Fecha aproximada</th></tr>
{% for row in restricted.incidents %}<tr><td>{{ row.types }}</td><td>{{ row.modality }}</td><td>{{ row.perpetrator }}</td><td>{{ row.place }}</td><td>{{ row.date|long_date|default:"—" }}</td></tr>
{% endfor %}</table>
{% else %}<p>Sin registros.</p>{% endif %}
{% if restricted.crimes %}<h3>Delitos sufridos</h3>
<table><tr><th>Delito</th><th>Dónde</th><th>Fecha aproximada</th><th>Denunciado</th></tr>
{% for row in restricted.crimes %}<tr><td>{{ row.crime }}</td><td>{{ row.place }}</td><td>{{ row.date|long_date|default:"—" }}</td><td>{{ row.reported|yesno:"Sí,No" }}</td></tr>
{% endfor %}</table>{% endif %}
{% if restricted.do_not_disclose %}<h3>No revelar información a</h3>
<ul>{% for row in restricted.do_not_disclose %}<li>{{ row }}</li>{% endfor %}</ul>{% endif %}
{% if restricted.narrative %}<h3>Relato</h3>
<p>{{ restricted.narrative|linebreaksbr }}</p>{% endif %}
{% else %}
<p class="note">Las secciones de violencia, delitos y relato se omitieron: la persona que generó este documento no tiene acceso a los datos restringidos de la usuaria.</p>
{% endif %}
<p class="small">Documento interno con datos personales sensibles (LFPDPPP). Generado el {{ today|long_date }}{% if author %} por {{ author }}{% endif %}.</p>
"""
