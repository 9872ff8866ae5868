"""Information sheets for the client in Spanish, English and French: enrolling children in
school and getting health care. Loaded as version 1 of their templates
(``cases.documents.seed``)."""

CONTACT = {
    "es": "Si tienes dudas o te niegan el servicio, llámanos o escríbenos",
    "en": "If you have questions or are turned away, call or write to us",
    "fr": "Si vous avez des questions ou si l’on vous refuse le service, appelez-nous ou écrivez-nous",
}


def _contact(language: str) -> str:
    return (
        f'<div class="note"><strong>{CONTACT[language]}:</strong> {{{{ clinic.name }}}}'
        "{% if clinic.phone %} · {{ clinic.phone }}{% endif %}"
        "{% if clinic.email %} · {{ clinic.email }}{% endif %}"
        "{% if clinic.address %}<br>{{ clinic.address }}{% endif %}</div>\n"
    )


CHILDREN = {
    "es": "Niñas y niños de tu familia en edad escolar",
    "en": "Children in your family of school age",
    "fr": "Enfants de votre famille en âge d’aller à l’école",
}
YEARS = {"es": "años", "en": "years old", "fr": "ans"}


def _children(language: str) -> str:
    return (
        "{% if family %}<h2>" + CHILDREN[language] + "</h2>\n<ul>"
        '{% for person in family %}{% if person.age != "" %}'
        "{% if person.age >= 3 and person.age <= 17 %}"
        "<li>{{ person.given_names }}, {{ person.age }} " + YEARS[language] + "</li>"
        "{% endif %}{% endif %}{% endfor %}</ul>{% endif %}\n"
    )


SCHOOL = {
    "es": (
        "Tus hijas e hijos tienen derecho a ir a la escuela en México",
        """<h1>Tus hijas e hijos tienen derecho a ir a la escuela en México</h1>
<p>Hola, {{ client.given_names }}. Esta hoja explica cómo inscribir a tus hijas e hijos en una escuela pública. En México la educación básica (preescolar, primaria y secundaria) y la media superior son gratuitas, y ninguna escuela puede negar la inscripción por la situación migratoria de la niña, del niño o de su familia (artículo 3 de la Constitución y artículo 8 de la Ley de Migración).</p>
"""
        + _children("es")
        + """<h2>Qué llevar</h2>
<ul>
<li>Acta de nacimiento o cualquier documento de identidad de la niña o del niño, aunque sea de otro país. <strong>No necesita apostilla ni traducción.</strong></li>
<li>CURP, si la tiene (también la CURP temporal). Si no tiene CURP, la escuela debe inscribirle de todos modos.</li>
<li>Boletas o constancias de estudios anteriores, si las tienes. Si no las tienes, la escuela hará una evaluación para ubicarle en el grado que corresponde.</li>
<li>Tu constancia de la COMAR o tu tarjeta de visitante por razones humanitarias, si las tienes.</li>
</ul>
<h2>Qué saber</h2>
<ul>
<li>Puedes inscribir a tus hijas e hijos en cualquier momento del año, no solo al inicio del ciclo escolar.</li>
<li>Las cuotas escolares son voluntarias: no pueden condicionar la inscripción ni las calificaciones a un pago. Tampoco pueden exigir uniforme.</li>
<li>Si te niegan la inscripción, pide que te lo digan por escrito, anota el nombre de la persona y el día, y búscanos.</li>
<li>Si una niña o un niño nació en México, es mexicana o mexicano: registra su nacimiento en el Registro Civil, que no puede negarse por tu situación migratoria (artículo 9 de la Ley de Migración).</li>
</ul>
"""
        + _contact("es"),
    ),
    "en": (
        "Your children have the right to go to school in Mexico",
        """<h1>Your children have the right to go to school in Mexico</h1>
<p>Hello, {{ client.given_names }}. This sheet explains how to enrol your children in a public school. In Mexico, basic education (preschool, primary and secondary school) and upper secondary school are free, and no school may refuse a child because of the migration status of the child or the family (article 3 of the Constitution and article 8 of the Migration Law).</p>
"""
        + _children("en")
        + """<h2>What to bring</h2>
<ul>
<li>The child’s birth certificate or any identity document, even from another country. <strong>No apostille or translation is needed.</strong></li>
<li>The child’s CURP if they have one (a temporary CURP is fine). Without a CURP, the school must still enrol the child.</li>
<li>Report cards or certificates from earlier schooling, if you have them. If not, the school will assess the child to place them in the right grade.</li>
<li>Your COMAR certificate (constancia) or humanitarian visitor card, if you have them.</li>
</ul>
<h2>Good to know</h2>
<ul>
<li>You can enrol your children at any time of the year, not only when the school year starts.</li>
<li>School fees are voluntary: enrolment and grades cannot depend on paying them. A uniform cannot be required either.</li>
<li>If the school refuses, ask for the refusal in writing, write down the name of the person and the date, and contact us.</li>
<li>A child born in Mexico is Mexican: register the birth at the Civil Registry, which cannot refuse because of your migration status (article 9 of the Migration Law).</li>
</ul>
"""
        + _contact("en"),
    ),
    "fr": (
        "Vos enfants ont le droit d’aller à l’école au Mexique",
        """<h1>Vos enfants ont le droit d’aller à l’école au Mexique</h1>
<p>Bonjour {{ client.given_names }}. Cette fiche explique comment inscrire vos enfants dans une école publique. Au Mexique, l’éducation de base (maternelle, primaire et secondaire) et le lycée sont gratuits, et aucune école ne peut refuser un enfant à cause de sa situation migratoire ou de celle de sa famille (article 3 de la Constitution et article 8 de la Loi sur les migrations).</p>
"""
        + _children("fr")
        + """<h2>Ce qu’il faut apporter</h2>
<ul>
<li>L’acte de naissance de l’enfant ou toute pièce d’identité, même d’un autre pays. <strong>Ni apostille ni traduction ne sont nécessaires.</strong></li>
<li>La CURP de l’enfant s’il en a une (la CURP temporaire suffit). Sans CURP, l’école doit quand même inscrire l’enfant.</li>
<li>Les bulletins ou certificats de scolarité antérieurs, si vous les avez. Sinon, l’école évaluera l’enfant pour le placer dans la bonne classe.</li>
<li>Votre attestation de la COMAR (constancia) ou votre carte de visiteur pour raisons humanitaires, si vous les avez.</li>
</ul>
<h2>À savoir</h2>
<ul>
<li>Vous pouvez inscrire vos enfants à tout moment de l’année, pas seulement à la rentrée.</li>
<li>Les frais de scolarité sont volontaires : l’inscription et les notes ne peuvent pas dépendre de leur paiement. L’uniforme ne peut pas non plus être exigé.</li>
<li>Si l’école refuse, demandez le refus par écrit, notez le nom de la personne et la date, et contactez-nous.</li>
<li>Un enfant né au Mexique est mexicain : déclarez sa naissance à l’état civil (Registro Civil), qui ne peut pas refuser à cause de votre situation migratoire (article 9 de la Loi sur les migrations).</li>
</ul>
"""
        + _contact("fr"),
    ),
}

HEALTH = {
    "es": (
        "Tu derecho a la atención médica en México",
        """<h1>Tu derecho a la atención médica en México</h1>
<p>Hola, {{ client.given_names }}. En México toda persona migrante tiene derecho a recibir atención médica, sin importar su situación migratoria, y la atención de urgencia no se le puede negar a nadie (artículo 8 de la Ley de Migración). Los servicios públicos de salud para personas sin seguridad social (centros de salud y hospitales públicos, IMSS-Bienestar) son gratuitos.</p>
<h2>Dónde acudir</h2>
<ul>
<li><strong>Centro de salud</strong> más cercano: consultas, vacunas, control del embarazo, planificación familiar, detección de VIH y otras infecciones.</li>
<li><strong>Hospital público</strong>: urgencias, partos y cirugías. En una urgencia ve directamente; no pueden pedirte documentos antes de atenderte.</li>
</ul>
<h2>Qué llevar, si lo tienes</h2>
<ul>
<li>Cualquier documento de identidad, tu constancia de la COMAR o tu tarjeta de visitante por razones humanitarias.</li>
<li>Tu CURP (también la temporal). Si no la tienes, igual deben atenderte.</li>
<li>Recetas, estudios o la cartilla de vacunación de tus hijas e hijos.</li>
</ul>
<h2>Si sufriste violencia sexual</h2>
<p>Acude cuanto antes a un hospital o centro de salud. Tienes derecho a atención inmediata y gratuita sin necesidad de denunciar (Norma Oficial Mexicana NOM-046): medicamentos para prevenir el VIH (dentro de las primeras 72 horas), anticoncepción de emergencia (dentro de las primeras 120 horas), atención de lesiones y apoyo psicológico, y a la interrupción del embarazo si este fue resultado de una violación.</p>
<h2>Si estás embarazada</h2>
<p>El control prenatal y la atención del parto en los servicios públicos son gratuitos. Si tu hija o hijo nace en México, es mexicana o mexicano: registra su nacimiento en el Registro Civil y tramita su CURP.</p>
"""
        + _contact("es"),
    ),
    "en": (
        "Your right to health care in Mexico",
        """<h1>Your right to health care in Mexico</h1>
<p>Hello, {{ client.given_names }}. In Mexico every migrant has the right to medical care whatever their migration status, and emergency care cannot be refused to anyone (article 8 of the Migration Law). Public health services for people without social security (health centres and public hospitals, IMSS-Bienestar) are free of charge.</p>
<h2>Where to go</h2>
<ul>
<li>The nearest <strong>health centre</strong> (centro de salud): consultations, vaccines, pregnancy check-ups, family planning, HIV and other tests.</li>
<li>A <strong>public hospital</strong>: emergencies, childbirth and surgery. In an emergency go straight there; they cannot ask for documents before treating you.</li>
</ul>
<h2>What to bring, if you have it</h2>
<ul>
<li>Any identity document, your COMAR certificate (constancia) or your humanitarian visitor card.</li>
<li>Your CURP (a temporary one is fine). If you do not have one, they must still treat you.</li>
<li>Prescriptions, test results or your children’s vaccination cards.</li>
</ul>
<h2>If you suffered sexual violence</h2>
<p>Go to a hospital or health centre as soon as possible. You have the right to immediate, free care without reporting to the police (Mexican Official Standard NOM-046): medicine to prevent HIV (within the first 72 hours), emergency contraception (within the first 120 hours), care for injuries and psychological support, and to end a pregnancy that resulted from rape.</p>
<h2>If you are pregnant</h2>
<p>Pregnancy check-ups and childbirth in public services are free. A child born in Mexico is Mexican: register the birth at the Civil Registry and get the child’s CURP.</p>
"""
        + _contact("en"),
    ),
    "fr": (
        "Votre droit aux soins de santé au Mexique",
        """<h1>Votre droit aux soins de santé au Mexique</h1>
<p>Bonjour {{ client.given_names }}. Au Mexique, toute personne migrante a droit aux soins médicaux, quelle que soit sa situation migratoire, et les soins d’urgence ne peuvent être refusés à personne (article 8 de la Loi sur les migrations). Les services publics de santé pour les personnes sans sécurité sociale (centres de santé et hôpitaux publics, IMSS-Bienestar) sont gratuits.</p>
<h2>Où aller</h2>
<ul>
<li>Le <strong>centre de santé</strong> (centro de salud) le plus proche : consultations, vaccins, suivi de grossesse, planification familiale, dépistage du VIH et d’autres infections.</li>
<li>Un <strong>hôpital public</strong> : urgences, accouchements et chirurgie. En cas d’urgence, allez-y directement ; on ne peut pas vous demander de documents avant de vous soigner.</li>
</ul>
<h2>Ce qu’il faut apporter, si vous l’avez</h2>
<ul>
<li>Toute pièce d’identité, votre attestation de la COMAR (constancia) ou votre carte de visiteur pour raisons humanitaires.</li>
<li>Votre CURP (la CURP temporaire suffit). Si vous n’en avez pas, on doit quand même vous soigner.</li>
<li>Les ordonnances, les résultats d’examens ou les carnets de vaccination de vos enfants.</li>
</ul>
<h2>Si vous avez subi des violences sexuelles</h2>
<p>Allez dès que possible dans un hôpital ou un centre de santé. Vous avez droit à des soins immédiats et gratuits sans porter plainte (norme officielle mexicaine NOM-046) : des médicaments pour prévenir le VIH (dans les 72 premières heures), une contraception d’urgence (dans les 120 premières heures), le soin des blessures, un soutien psychologique, et l’interruption d’une grossesse résultant d’un viol.</p>
<h2>Si vous êtes enceinte</h2>
<p>Le suivi de grossesse et l’accouchement dans les services publics sont gratuits. Un enfant né au Mexique est mexicain : déclarez sa naissance à l’état civil (Registro Civil) et demandez sa CURP.</p>
"""
        + _contact("fr"),
    ),
}
