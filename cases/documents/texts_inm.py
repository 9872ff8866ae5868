"""Texts of the documents filed with INM, the amparo and the desistimiento (Spanish). Loaded
as version 1 of their templates (``cases.documents.seed``)."""

from .texts_comar import APPLICANT, CLOSING, DOMICILE, PLACE_DATE

INM_ADDRESSEE = (
    '<p class="addressee">INSTITUTO NACIONAL DE MIGRACIÓN<br>'
    "Oficina de Representación en "
    '{{ client.state|default:"[entidad federativa]" }}<br>P r e s e n t e</p>\n'
)

INM_REFERENCE = (
    '<p class="reference">Expediente de la clínica: {{ case.number }}'
    "{% if case.inm_number %}<br>Expediente INM: {{ case.inm_number }}{% endif %}</p>\n"
)

TVRH_REQUEST = (
    INM_ADDRESSEE
    + INM_REFERENCE
    + """<p><strong>Asunto:</strong> solicitud de Tarjeta de Visitante por Razones Humanitarias.</p>
<p>"""
    + APPLICANT
    + ", "
    + DOMICILE
    + """, ante usted respetuosamente comparezco para solicitar la expedición de la <strong>Tarjeta de Visitante por Razones Humanitarias</strong>{% if dependants %} para mí y para mis dependientes{% endif %}, con fundamento en los artículos 52, fracción V, y 126 de la Ley de Migración, por los siguientes motivos:</p>
<ol>
{% if case.type == "asylum" %}<li>Soy solicitante del reconocimiento de la condición de refugiada ante la Comisión Mexicana de Ayuda a Refugiados{% if case.constancia_number %}, según la constancia de trámite número {{ case.constancia_number }}{% endif %}{% if case.comar_office %}, expedida por {{ case.comar_office }}{% endif %}, supuesto previsto en el inciso c) de la fracción V del artículo 52 de la Ley de Migración.</li>
{% else %}<li>[Precisar el supuesto: a) ser ofendida, víctima o testigo de un delito cometido en territorio nacional — carpeta de investigación {{ case.prosecutor_file|default:"[número]" }}{% if case.prosecutor_office %}, {{ case.prosecutor_office }}{% endif %}; b) ser niña, niño o adolescente migrante; c) ser solicitante de asilo político, de reconocimiento de la condición de refugiada o de protección complementaria; o una causa humanitaria o de interés público que haga necesaria su estancia.]</li>
{% endif %}<li>Ingresé a México el {{ client.entry_date|long_date|default:"[fecha de ingreso]" }}{% if client.entry_place %} por {{ client.entry_place }}{% endif %}.</li>
<li>[Exponer brevemente la situación de vulnerabilidad: embarazo, enfermedad, hijas e hijos a su cargo, violencia sufrida, etc.]</li>
</ol>
{% if dependants %}<p>Las personas dependientes para quienes también solicito la tarjeta son: {% for person in dependants %}{{ person.full_name }} ({{ person.relationship|lower }}{% if person.date_of_birth %}, fecha de nacimiento: {{ person.date_of_birth|long_date }}{% endif %}){% if not forloop.last %}; {% endif %}{% endfor %}.</p>{% endif %}
<h2>Documentos que acompaño</h2>
<ol>
<li>{% if case.type == "asylum" %}Constancia de trámite expedida por la COMAR.{% else %}[Documento que acredita el supuesto invocado.]{% endif %}</li>
<li>[Pasaporte o documento de identidad, si lo tiene.]</li>
<li>[Fotografías y formato básico de trámite migratorio.]</li>
</ol>
<p>Por lo expuesto, atentamente pido:</p>
<p><strong>PRIMERO.</strong> Expedirme la Tarjeta de Visitante por Razones Humanitarias{% if dependants %}, así como a mis dependientes,{% endif %} con permiso para trabajar a cambio de una remuneración.</p>
<p><strong>SEGUNDO.</strong> Expedir la Clave Única de Registro de Población temporal correspondiente.</p>
"""
    + CLOSING
)

PREVENTION_REPLY = (
    INM_ADDRESSEE
    + INM_REFERENCE
    + """<p><strong>Asunto:</strong> se desahoga prevención.</p>
<p>"""
    + APPLICANT
    + ", "
    + DOMICILE
    + """, ante usted respetuosamente comparezco para exponer:</p>
<p>Mediante {% if events.prevention.reference %}el oficio {{ events.prevention.reference }}{% else %}el oficio [número]{% endif %}, notificado el {{ events.prevention.notified_on|long_date|default:"[fecha de notificación]" }}, esa autoridad me previno para que [precisar lo requerido]. Dentro del plazo de diez días hábiles previsto en el artículo 130 de la Ley de Migración{% if dates.prevention_fix %}, que vence el {{ dates.prevention_fix|long_date }}{% endif %}, desahogo la prevención en los siguientes términos:</p>
<ol>
<li>[Documento o información requerida 1: se exhibe en original y copia / se explica por qué no es posible obtenerlo.]</li>
<li>[Documento o información requerida 2.]</li>
</ol>
<p>Si algún documento no puede presentarse por causas ajenas a mi voluntad, pido que se valore mi situación de vulnerabilidad y se tenga por satisfecho el requisito con los demás elementos que obran en el expediente (artículos 17-A de la Ley Federal de Procedimiento Administrativo y 22 de la Ley de Migración).</p>
<p>Por lo expuesto, atentamente pido:</p>
<p><strong>PRIMERO.</strong> Tener por desahogada en tiempo y forma la prevención.</p>
<p><strong>SEGUNDO.</strong> Continuar el trámite y resolverlo dentro del plazo de veinte días hábiles que prevé el artículo 128 de la Ley de Migración, contado a partir de que el expediente está completo.</p>
"""
    + CLOSING
)

TACIT_REFUSAL = (
    INM_ADDRESSEE
    + INM_REFERENCE
    + """<p><strong>Asunto:</strong> solicitud de constancia de negativa ficta (artículo 128 de la Ley de Migración).</p>
<p>"""
    + APPLICANT
    + ", "
    + DOMICILE
    + """, ante usted respetuosamente expongo:</p>
<ol>
<li>El {{ events.filing.date|long_date|default:"[fecha de presentación]" }} presenté ante esa oficina {% if case.type == "tvrh" %}solicitud de Tarjeta de Visitante por Razones Humanitarias{% elif case.type == "regularisation" %}solicitud de regularización de mi situación migratoria{% else %}[precisar el trámite]{% endif %}{% if case.inm_number %}, a la que correspondió el expediente {{ case.inm_number }}{% endif %}.</li>
<li>El artículo 128 de la Ley de Migración obliga al Instituto a resolver dentro de los veinte días hábiles siguientes a que el expediente está completo{% if dates.inm_resolution %}, plazo que en mi caso concluyó el {{ dates.inm_resolution|long_date }}{% endif %}. A la fecha no se me ha notificado resolución alguna.</li>
<li>Conforme al mismo artículo, transcurrido ese plazo sin resolución se entiende que la solicitud se resolvió en sentido negativo, y la autoridad debe expedir, a petición de la interesada, la constancia respectiva dentro de los dos días hábiles siguientes.</li>
</ol>
<p>Por lo expuesto, atentamente pido:</p>
<p><strong>ÚNICO.</strong> Expedirme, dentro de los dos días hábiles siguientes a la presentación de este escrito, la constancia de que ha operado la negativa ficta respecto de mi solicitud, para los efectos legales a que haya lugar, sin perjuicio de que el Instituto resuelva expresamente.</p>
"""
    + CLOSING
)

AMPARO = (
    """<p class="addressee">C. JUEZA O JUEZ DE DISTRITO EN MATERIA ADMINISTRATIVA EN TURNO<br>{{ client.state|default:"[entidad federativa]" }}<br>P r e s e n t e</p>
<p class="reference">Expediente de la clínica: {{ case.number }}</p>
<p><strong>Asunto:</strong> demanda de amparo indirecto contra detención migratoria y deportación. Se solicita la suspensión de oficio y de plano.</p>
<p>{{ attorney|default:"[nombre de quien promueve]" }}, en nombre de <strong>{{ client.full_name }}</strong>, con fundamento en el artículo 15 de la Ley de Amparo, pues se trata de actos que importan privación de la libertad fuera de procedimiento judicial y deportación, señalando como domicilio para oír y recibir notificaciones el ubicado en {{ clinic.address|default:"[domicilio]" }}, ante usted respetuosamente comparezco para demandar el amparo y protección de la Justicia Federal. En cumplimiento del artículo 108 de la Ley de Amparo manifiesto:</p>
<h2>I. Quejosa</h2>
<p>{{ client.full_name }}, nacional de {{ client.nationality|default:"[país]" }}{% if client.date_of_birth %}, nacida el {{ client.date_of_birth|long_date }}{% endif %}, actualmente detenida en {{ client.detention_place|default:"[estación migratoria o estancia provisional]" }}{% if dependants %}, junto con {% for person in dependants %}{{ person.full_name }} ({{ person.relationship|lower }}{% if person.age != "" %}, {{ person.age }} años{% endif %}){% if not forloop.last %}, {% endif %}{% endfor %}{% endif %}.</p>
<h2>II. Tercero interesado</h2>
<p>No existe.</p>
<h2>III. Autoridades responsables</h2>
<ol>
<li>Titular del Instituto Nacional de Migración.</li>
<li>Titular de la Oficina de Representación del Instituto Nacional de Migración en {{ client.state|default:"[entidad federativa]" }}.</li>
<li>Responsable de {{ client.detention_place|default:"[estación migratoria o estancia provisional]" }}.</li>
</ol>
<h2>IV. Actos reclamados</h2>
<ol>
<li>La detención (presentación y alojamiento) de la quejosa{% if dependants %} y de sus acompañantes{% endif %}{% if events.detention.date %}, desde el {{ events.detention.date|long_date }}{% if events.detention.time %} a las {{ events.detention.time|time:"H:i" }} horas{% endif %}{% endif %}, y su prolongación por más de treinta y seis horas.</li>
<li>La orden de deportación o devolución a su país de origen y su ejecución.</li>
<li>La incomunicación y la negativa a permitirle solicitar el reconocimiento de la condición de refugiada{% if dependants %}, así como la privación de la libertad de niñas, niños o adolescentes{% endif %}.</li>
</ol>
<h2>V. Antecedentes (bajo protesta de decir verdad)</h2>
<ol>
<li>[Narrar cómo, cuándo y dónde fue detenida; quién la detuvo; si se le informó el motivo; si pidió asilo; si tuvo acceso a asistencia consular, legal o a comunicarse.]</li>
<li>Ha manifestado temor de regresar a su país de origen, por lo que su deportación la expondría a un riesgo para su vida, su libertad y su integridad.</li>
</ol>
<h2>VI. Preceptos constitucionales violados</h2>
<p>Artículos 1, 11, 14, 16, 17 y 21 de la Constitución Política de los Estados Unidos Mexicanos; 7 y 22 de la Convención Americana sobre Derechos Humanos; y 33 de la Convención sobre el Estatuto de los Refugiados.</p>
<h2>VII. Conceptos de violación</h2>
<p><strong>PRIMERO.</strong> La detención administrativa de una persona migrante por más de treinta y seis horas es inconstitucional, pues excede el límite del artículo 21 constitucional para las sanciones administrativas, como resolvió la Primera Sala de la Suprema Corte de Justicia de la Nación en el amparo en revisión 388/2022.</p>
<p><strong>SEGUNDO.</strong> La deportación de una persona que manifestó temor de regresar viola el principio de no devolución (artículos 1 de la Constitución, 22.8 de la Convención Americana y 6 de la Ley sobre Refugiados, Protección Complementaria y Asilo Político), pues la autoridad debía canalizar su solicitud a la Comisión Mexicana de Ayuda a Refugiados.</p>
{% if dependants %}<p><strong>TERCERO.</strong> Las niñas, niños y adolescentes no pueden ser privados de la libertad en estaciones migratorias (artículos 111 de la Ley General de los Derechos de Niñas, Niños y Adolescentes y 11 de la Ley de Migración); deben ser canalizados al Sistema DIF y a la Procuraduría de Protección.</p>{% endif %}
<p>[Agregar los demás conceptos de violación.]</p>
<h2>Suspensión</h2>
<p>Con fundamento en los artículos 15 y 126 de la Ley de Amparo, solicito que se conceda <strong>de oficio y de plano</strong> la suspensión de los actos reclamados, para que no se ejecute la deportación, se ponga a la quejosa a disposición de este juzgado y se le permita comunicarse con sus representantes. La demanda puede presentarse en cualquier tiempo, por tratarse de actos de privación de la libertad fuera de procedimiento y de deportación (artículo 17, fracción IV, de la Ley de Amparo), incluso en días y horas inhábiles (artículo 20).</p>
<p>Por lo expuesto, atentamente pido:</p>
<p><strong>PRIMERO.</strong> Tener por presentada esta demanda y admitirla.</p>
<p><strong>SEGUNDO.</strong> Conceder de plano la suspensión de los actos reclamados y requerir a las autoridades responsables para que la cumplan de inmediato.</p>
<p><strong>TERCERO.</strong> En su oportunidad, conceder el amparo y protección de la Justicia Federal.</p>
"""
    + '<div class="keep">'
    + PLACE_DATE
    + '<p class="center">Protesto lo necesario</p>\n'
    + '<div class="signature-block">{{ attorney|default:"[nombre de quien promueve]" }}</div>\n'
    + "</div>\n"
)

DESISTIMIENTO = (
    """{% if case.type == "asylum" %}<p class="addressee">COMISIÓN MEXICANA DE AYUDA A REFUGIADOS<br>{{ case.comar_office|default:"[Oficina de representación]" }}<br>P r e s e n t e</p>{% else %}<p class="addressee">INSTITUTO NACIONAL DE MIGRACIÓN<br>Oficina de Representación en {{ client.state|default:"[entidad federativa]" }}<br>P r e s e n t e</p>{% endif %}
<p class="reference">Expediente de la clínica: {{ case.number }}{% if case.comar_folio %}<br>Folio COMAR: {{ case.comar_folio }}{% endif %}{% if case.inm_number %}<br>Expediente INM: {{ case.inm_number }}{% endif %}</p>
<p><strong>Asunto:</strong> desistimiento.</p>
<p>"""
    + APPLICANT
    + ", "
    + DOMICILE
    + """, ante usted respetuosamente expongo:</p>
<p>Con fundamento en el artículo 57, fracción II, de la Ley Federal de Procedimiento Administrativo, me desisto de {% if case.type == "asylum" %}mi solicitud de reconocimiento de la condición de refugiada{% if dependants %} y de la de mis dependientes{% endif %}{% else %}el trámite{% if case.inm_number %} con expediente {{ case.inm_number }}{% endif %}{% endif %}, presentada el {{ events.filing.date|long_date|default:"[fecha de presentación]" }}, por así convenir a mis intereses.</p>
<p>Manifiesto que tomo esta decisión de manera libre e informada, sin presión de ninguna persona, y que se me explicaron sus consecuencias: {% if case.type == "asylum" %}el procedimiento concluirá, la constancia de trámite dejará de tener efectos y, en su caso, también los documentos migratorios que dependen de ella{% else %}el procedimiento concluirá sin resolución sobre el fondo{% endif %}.</p>
<p>Solicito la devolución de los documentos originales que obran en el expediente y copia del acuerdo que recaiga a este escrito.</p>
<p>Por lo expuesto, atentamente pido:</p>
<p><strong>ÚNICO.</strong> Tenerme por desistida del procedimiento y, previa ratificación de este escrito si así se requiere, acordar su conclusión.</p>
"""
    + CLOSING
)
