"""Texts of the documents filed with COMAR (Spanish). Loaded as version 1 of their templates
(``cases.documents.seed``); an attorney approves them before they are used without the
"pending approval" banner. Square brackets mark what the attorney completes by hand."""

PLACE_DATE = '<p class="right">{{ clinic.city|default:"[lugar]" }}, a {{ today|long_date }}.</p>\n'

COMAR_ADDRESSEE = (
    '<p class="addressee">COMISIÓN MEXICANA DE AYUDA A REFUGIADOS<br>'
    '{{ case.comar_office|default:"[Oficina de representación]" }}'
    "{% if case.comar_state %}, {{ case.comar_state }}{% endif %}<br>P r e s e n t e</p>\n"
)

REFERENCE = (
    '<p class="reference">Expediente de la clínica: {{ case.number }}'
    "{% if case.comar_folio %}<br>Folio COMAR: {{ case.comar_folio }}{% endif %}"
    "</p>\n"
)

APPLICANT = (
    "<strong>{{ client.full_name }}</strong>, nacional de "
    '{{ client.nationality|default:"[país de nacionalidad]" }}'
    "{% if client.date_of_birth %}, nacida el {{ client.date_of_birth|long_date }}{% endif %}"
    ", por mi propio derecho"
    "{% if dependants %} y en representación de "
    "{% for person in dependants %}{{ person.full_name }} ({{ person.relationship|lower }})"
    "{% if not forloop.last %}, {% endif %}{% endfor %}{% endif %}"
)

DOMICILE = (
    "señalando como domicilio para oír y recibir notificaciones el ubicado en "
    '{{ clinic.address|default:"[domicilio]" }} y autorizando para recibirlas, consultar el '
    'expediente y obtener copias a {{ attorney|default:"[nombre de la abogada]" }}'
)

SIGNATURE = '<div class="signature-block">{{ client.full_name }}</div>\n'

#: Place, date, "protesto" and signature stay together on one page.
CLOSING = (
    '<div class="keep">'
    + PLACE_DATE
    + '<p class="center">Protesto lo necesario</p>\n'
    + SIGNATURE
    + "</div>\n"
)

DEPENDANTS_TABLE = """{% if dependants %}<h2>Personas dependientes (artículo 12 de la LRPCAP)</h2>
<table>
<tr><th>Nombre</th><th>Parentesco</th><th>Fecha de nacimiento</th><th>Nacionalidad</th></tr>
{% for person in dependants %}<tr><td>{{ person.full_name }}</td><td>{{ person.relationship }}</td><td>{{ person.date_of_birth|long_date|default:"[fecha]" }}</td><td>{{ person.nationality|default:"[país]" }}</td></tr>
{% endfor %}</table>{% endif %}
"""

CARTA_PODER = (
    COMAR_ADDRESSEE
    + PLACE_DATE
    + """<h1>Carta poder</h1>
<p>Yo, """
    + APPLICANT
    + """, con fundamento en los artículos 11 de la Ley sobre Refugiados, Protección Complementaria y Asilo Político (LRPCAP), 20 de su Reglamento y 19 de la Ley Federal de Procedimiento Administrativo, otorgo poder amplio, cumplido y bastante a <strong>{{ attorney|default:"[nombre de la abogada]" }}</strong>{% if clinic.name %}, abogada de {{ clinic.name }}{% endif %}, para que en mi nombre y representación presente ante la Comisión Mexicana de Ayuda a Refugiados mi solicitud de reconocimiento de la condición de refugiada{% if dependants %} y la de las personas dependientes antes mencionadas{% endif %}; ofrezca y exhiba pruebas; formule alegatos; oiga y reciba notificaciones; consulte el expediente y obtenga copias; interponga los recursos que procedan y, en general, realice todos los actos necesarios para la tramitación del procedimiento, salvo aquellos que la ley exige que realice personalmente.</p>
<p>Señalo como domicilio para oír y recibir notificaciones el ubicado en {{ clinic.address|default:"[domicilio]" }}.</p>
<div class="warning"><strong>Ratificación en persona.</strong> Sé que debo acudir personalmente ante la COMAR a ratificar la solicitud que presente mi representante dentro de los tres días hábiles siguientes a su presentación (artículo 20 del Reglamento de la LRPCAP) y que, si no lo hago, la solicitud se tendrá por no presentada. {% if ratification.filed %}La solicitud se presentó el {{ ratification.from|long_date }}: debo ratificarla a más tardar el <strong>{{ ratification.due_date|long_date }}</strong>.{% else %}Si la solicitud se presenta el {{ ratification.from|long_date }}, debo ratificarla a más tardar el <strong>{{ ratification.due_date|long_date }}</strong>; si se presenta otro día, el plazo corre a partir del día hábil siguiente a esa fecha.{% endif %}</div>
<p>Firmo la presente ante dos testigos que conocen mi identidad, en el lugar y fecha señalados.</p>
<div class="signatures">
<div class="signature"><strong>{{ client.full_name }}</strong><br>Otorgante</div>
<div class="signature"><strong>{{ attorney|default:"[nombre de la abogada]" }}</strong><br>Acepto el poder</div>
</div>
<div class="signatures">
<div class="signature">Testigo<br>Nombre: <span class="blank"></span><br>Domicilio: <span class="blank"></span><br>Identificación: <span class="blank"></span></div>
<div class="signature">Testigo<br>Nombre: <span class="blank"></span><br>Domicilio: <span class="blank"></span><br>Identificación: <span class="blank"></span></div>
</div>
"""
)

APPLICATION = (
    COMAR_ADDRESSEE
    + REFERENCE
    + """<p><strong>Asunto:</strong> solicitud de reconocimiento de la condición de refugiada.</p>
<p>"""
    + APPLICANT
    + ", "
    + DOMICILE
    + """, ante usted respetuosamente comparezco para exponer:</p>
<p>Con fundamento en los artículos 1 y 11 de la Constitución Política de los Estados Unidos Mexicanos; 1 de la Convención sobre el Estatuto de los Refugiados de 1951 y su Protocolo de 1967; y 11, 12, 13 y 18 de la Ley sobre Refugiados, Protección Complementaria y Asilo Político (LRPCAP), solicito el reconocimiento de la condición de refugiada{% if dependants %} para mí y para las personas dependientes que señalo más adelante{% endif %}, con base en los siguientes</p>
<h2>Hechos</h2>
<ol>
<li>Ingresé a territorio mexicano el {{ client.entry_date|long_date|default:"[fecha de ingreso]" }} por {{ client.entry_place|default:"[lugar de ingreso]" }}.</li>
<li>[Relatar en orden cronológico los hechos que la obligaron a salir de su país: quién la amenazó o agredió, cuándo, dónde y por qué; si pidió protección a las autoridades y qué respondieron.]</li>
<li>[Explicar por qué no puede regresar a su país ni obtener protección de sus autoridades, y por qué el riesgo persiste.]</li>
{% if filing_is_late or client.filing_possible_date %}<li>Presento esta solicitud {% if client.filing_possible_date %}dentro de los treinta días hábiles siguientes a la fecha en que me fue materialmente posible hacerlo ({{ client.filing_possible_date|long_date }}){% if client.filing_possible_reason %}, pues {{ client.filing_possible_reason }}{% endif %}{% else %}fuera del plazo del artículo 18 de la LRPCAP por las causas que expongo en escrito por separado{% endif %}, lo que debe valorarse sin formalismos excesivos.</li>{% endif %}
</ol>
"""
    + DEPENDANTS_TABLE
    + """<h2>Derecho</h2>
<p>Los hechos narrados actualizan el supuesto del artículo 13, fracción [I: fundados temores de ser perseguida por motivos de raza, religión, nacionalidad, género, pertenencia a determinado grupo social u opiniones políticas / II: huida porque su vida, seguridad o libertad fueron amenazadas por violencia generalizada, agresión extranjera, conflictos internos, violación masiva de los derechos humanos u otras circunstancias que hayan perturbado gravemente el orden público] de la LRPCAP. Para el caso de que no se reconozca la condición de refugiada, solicito que se analice de oficio la procedencia de la protección complementaria, conforme a los artículos 28 y 29 de la misma ley.</p>
<p>Pido que la información de este procedimiento se mantenga confidencial y que no se comunique a las autoridades de mi país de origen (artículo 21 de la LRPCAP).</p>
{% if client.needs_interpreter %}<p>Solicito que las entrevistas se realicen con intérprete de {{ client.languages|default:"[idioma]" }}{% if client.other_languages %}, {{ client.other_languages }}{% endif %}.</p>{% endif %}
<h2>Pruebas</h2>
<ol>
<li>[Documento de identidad o, si no lo tiene, manifestación bajo protesta de decir verdad sobre su identidad.]</li>
<li>[Documentos que acrediten los hechos: denuncias, constancias médicas, fotografías, notas de prensa, informes sobre el país de origen.]</li>
</ol>
<p>Por lo expuesto, atentamente pido:</p>
<p><strong>PRIMERO.</strong> Tenerme por presentada con esta solicitud{% if dependants %}, junto con mis dependientes,{% endif %} y expedir la constancia de trámite correspondiente.</p>
<p><strong>SEGUNDO.</strong> Reconocerme la condición de refugiada o, en su caso, otorgarme protección complementaria.</p>
<p><strong>TERCERO.</strong> Tener por señalado el domicilio y por autorizada a la persona indicada para oír y recibir notificaciones.</p>
"""
    + CLOSING
)

LATE_FILING = (
    COMAR_ADDRESSEE
    + REFERENCE
    + """<p><strong>Asunto:</strong> justificación de la presentación de la solicitud fuera del plazo del artículo 18 de la LRPCAP.</p>
<p>"""
    + APPLICANT
    + ", "
    + DOMICILE
    + """, ante usted respetuosamente expongo:</p>
<p>Junto con este escrito presento mi solicitud de reconocimiento de la condición de refugiada. Ingresé a México el {{ client.entry_date|long_date|default:"[fecha de ingreso]" }}{% if client.entry_place %} por {{ client.entry_place }}{% endif %}; el plazo de treinta días hábiles que prevé el artículo 18 de la Ley sobre Refugiados, Protección Complementaria y Asilo Político {% if dates.comar_filing %}concluyó el {{ dates.comar_filing|long_date }}{% else %}contado desde el día siguiente a mi ingreso ha transcurrido{% endif %}.</p>
<p>No me fue posible presentarla antes por causas ajenas a mi voluntad:{% if client.filing_possible_reason %} {{ client.filing_possible_reason }}{% if client.filing_possible_date %}, situación que cesó el {{ client.filing_possible_date|long_date }}{% endif %}.{% else %} [describir las causas: privación de la libertad, enfermedad, desconocimiento del procedimiento, miedo, falta de orientación, situación de calle, cuidado de hijas e hijos, etc., y la fecha en que cesaron].{% endif %}</p>
<p>El artículo 18 de la LRPCAP permite admitir la solicitud presentada fuera de plazo cuando se justifica la imposibilidad de hacerlo en tiempo, y esa justificación debe valorarse atendiendo a la situación de vulnerabilidad de la persona solicitante y al principio de no devolución, sin exigencias rígidas ni formalistas [citar el criterio de la Suprema Corte de Justicia de la Nación aplicable]. Negar el acceso al procedimiento por el solo transcurso del plazo me expondría a ser devuelta a un lugar donde mi vida, seguridad o libertad están en riesgo (artículos 1 de la Constitución, 33 de la Convención de 1951 y 6 de la LRPCAP).</p>
<h2>Pruebas</h2>
<ol>
<li>[Documentos que acrediten la causa del retraso: constancia de albergue, constancia médica, constancia de detención, denuncia, etc.]</li>
<li>[Declaración bajo protesta de decir verdad sobre los hechos.]</li>
</ol>
<p>Por lo expuesto, atentamente pido:</p>
<p><strong>PRIMERO.</strong> Tener por justificada la presentación de mi solicitud fuera del plazo del artículo 18 de la LRPCAP y admitirla a trámite.</p>
<p><strong>SEGUNDO.</strong> Expedir la constancia de trámite que corresponda{% if dependants %} para mí y para mis dependientes{% endif %}.</p>
"""
    + CLOSING
)

STATE_TRANSFER = (
    COMAR_ADDRESSEE
    + REFERENCE
    + """<p><strong>Asunto:</strong> solicitud de autorización para continuar el procedimiento en otra entidad federativa.</p>
<p>"""
    + APPLICANT
    + ", "
    + DOMICILE
    + """, ante usted respetuosamente expongo:</p>
<p>Soy solicitante de la condición de refugiada ante esa oficina{% if case.constancia_number %}, con constancia de trámite número {{ case.constancia_number }}{% if case.constancia_valid_until %}, vigente hasta el {{ case.constancia_valid_until|long_date }}{% endif %}{% endif %}{% if signature.weekday %}, y acudo a firmar los días {{ signature.weekday|lower }} ({{ signature.frequency|lower }}){% endif %}.</p>
<p>Sé que debo permanecer en la entidad federativa en la que presenté mi solicitud y cumplir con la firma periódica que se me asignó (artículo 24 del Reglamento de la LRPCAP), y que cambiar de residencia sin autorización puede llevar a que mi solicitud se tenga por abandonada. Por ello solicito autorización para continuar el procedimiento en <strong>{{ transfer.to_state|default:"[entidad federativa de destino]" }}</strong>, por las siguientes razones: [seguridad personal / oferta de empleo / reunificación familiar / atención médica / albergue; explicar y acompañar pruebas].</p>
<p>Mi nuevo domicilio será [domicilio en la entidad de destino].</p>
<h2>Pruebas</h2>
<ol>
<li>[Constancia de trámite vigente.]</li>
<li>[Documentos que acrediten las razones del cambio: carta de empleo, constancia del albergue, comprobante de domicilio, constancia médica.]</li>
</ol>
<p>Por lo expuesto, atentamente pido:</p>
<p><strong>PRIMERO.</strong> Autorizarme a continuar el procedimiento en {{ transfer.to_state|default:"[entidad federativa de destino]" }} y remitir mi expediente a la oficina competente.</p>
<p><strong>SEGUNDO.</strong> Indicarme la oficina y el día en que deberé presentarme a firmar, y expedir la constancia de trámite con la nueva entidad.</p>
<p><strong>TERCERO.</strong> Mientras se resuelve esta solicitud, tenerme por cumpliendo mis firmas en esta oficina.</p>
"""
    + CLOSING
)

REVIEW_APPEAL = (
    """<p class="addressee">COORDINACIÓN GENERAL DE LA COMISIÓN MEXICANA DE AYUDA A REFUGIADOS<br>(por conducto de la {{ case.comar_office|default:"[oficina que emitió la resolución]" }})<br>P r e s e n t e</p>
"""
    + REFERENCE
    + """<p><strong>Asunto:</strong> recurso de revisión.</p>
<p>"""
    + APPLICANT
    + ", "
    + DOMICILE
    + """, ante usted respetuosamente comparezco para interponer <strong>recurso de revisión</strong> con fundamento en los artículos 25 de la Ley sobre Refugiados, Protección Complementaria y Asilo Político (LRPCAP) y 83, 85 y 86 de la Ley Federal de Procedimiento Administrativo (LFPA), en contra de la resolución que a continuación se precisa. En cumplimiento del artículo 86 de la LFPA manifiesto:</p>
<ol>
<li><strong>Resolución que se impugna:</strong> la resolución de fecha {{ events.decision.date|long_date|default:"[fecha]" }}{% if events.decision.reference %}, número {{ events.decision.reference }}{% endif %}, por la que {% if events.decision.result_code == "dismissed" %}se desechó o sobreseyó{% else %}se negó{% endif %} mi solicitud de reconocimiento de la condición de refugiada{% if dependants %} y la de mis dependientes{% endif %}{% if events.decision.result %} ({{ events.decision.result|lower }}){% endif %}.</li>
<li><strong>Autoridad que la emitió:</strong> {{ case.comar_office|default:"[oficina de la COMAR]" }}.</li>
<li><strong>Fecha de notificación:</strong> {{ events.decision.notified_on|long_date|default:"[fecha]" }}{% if events.decision.notification_method %} ({{ events.decision.notification_method|lower }}){% endif %}{% if events.decision.knowledge_on %}; tuve conocimiento de la resolución el {{ events.decision.knowledge_on|long_date }}{% endif %}. El recurso se presenta dentro del plazo de quince días hábiles del artículo 85 de la LFPA{% if dates.review_appeal %}, que vence el {{ dates.review_appeal|long_date }}{% endif %}.</li>
</ol>
<h2>Agravios</h2>
<p><strong>PRIMERO. Falta de fundamentación y motivación.</strong> La resolución viola los artículos 16 de la Constitución y 3, fracción V, de la LFPA, porque [explicar qué hechos o pruebas no se analizaron, o por qué los razonamientos no se sostienen].</p>
<p><strong>SEGUNDO. Indebida valoración de la credibilidad y de la información sobre el país de origen.</strong> La autoridad [restó credibilidad al relato por inconsistencias menores / no consideró los informes sobre la situación en {{ client.nationality|default:"[país]" }} / no aplicó la perspectiva de género], en contravención de los artículos 13 de la LRPCAP y de las directrices del ACNUR [precisar].</p>
<p><strong>TERCERO. Omisión de analizar la protección complementaria.</strong> Al negar la condición de refugiada, la autoridad estaba obligada a analizar si procede la protección complementaria (artículos 28 y 29 de la LRPCAP) y [no lo hizo / lo hizo sin motivación suficiente].</p>
<p>[Agregar los demás agravios.]</p>
<h2>Pruebas</h2>
<ol>
<li>La resolución impugnada y su constancia de notificación.</li>
<li>[Pruebas supervenientes o que no se valoraron.]</li>
</ol>
<h2>Suspensión</h2>
<p>Con fundamento en el artículo 87 de la LFPA, solicito la suspensión de la ejecución de la resolución impugnada, para que mientras se resuelve este recurso no se me expulse ni se me devuelva a mi país, se mantenga vigente mi constancia de trámite{% if dependants %} y la de mis dependientes{% endif %} y pueda permanecer en México, conforme al principio de no devolución (artículo 6 de la LRPCAP).</p>
<p>Por lo expuesto, atentamente pido:</p>
<p><strong>PRIMERO.</strong> Tener por interpuesto en tiempo y forma este recurso de revisión.</p>
<p><strong>SEGUNDO.</strong> Conceder la suspensión solicitada.</p>
<p><strong>TERCERO.</strong> Revocar la resolución impugnada y reconocerme la condición de refugiada o, en su caso, otorgarme protección complementaria.</p>
"""
    + CLOSING
)
