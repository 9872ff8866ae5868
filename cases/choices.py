"""Choice lists for clients, families and intake (kept as code: they are stable vocabularies;
editable lists live in tables)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MexicanState(models.TextChoices):
    """The 32 federal entities (ISO 3166-2:MX)."""

    AGU = "MX-AGU", "Aguascalientes"
    BCN = "MX-BCN", "Baja California"
    BCS = "MX-BCS", "Baja California Sur"
    CAM = "MX-CAM", "Campeche"
    CHP = "MX-CHP", "Chiapas"
    CHH = "MX-CHH", "Chihuahua"
    CMX = "MX-CMX", "Ciudad de México"
    COA = "MX-COA", "Coahuila"
    COL = "MX-COL", "Colima"
    DUR = "MX-DUR", "Durango"
    GUA = "MX-GUA", "Guanajuato"
    GRO = "MX-GRO", "Guerrero"
    HID = "MX-HID", "Hidalgo"
    JAL = "MX-JAL", "Jalisco"
    MEX = "MX-MEX", "Estado de México"
    MIC = "MX-MIC", "Michoacán"
    MOR = "MX-MOR", "Morelos"
    NAY = "MX-NAY", "Nayarit"
    NLE = "MX-NLE", "Nuevo León"
    OAX = "MX-OAX", "Oaxaca"
    PUE = "MX-PUE", "Puebla"
    QUE = "MX-QUE", "Querétaro"
    ROO = "MX-ROO", "Quintana Roo"
    SLP = "MX-SLP", "San Luis Potosí"
    SIN = "MX-SIN", "Sinaloa"
    SON = "MX-SON", "Sonora"
    TAB = "MX-TAB", "Tabasco"
    TAM = "MX-TAM", "Tamaulipas"
    TLA = "MX-TLA", "Tlaxcala"
    VER = "MX-VER", "Veracruz"
    YUC = "MX-YUC", "Yucatán"
    ZAC = "MX-ZAC", "Zacatecas"


class CaseType(models.TextChoices):
    ASYLUM = "asylum", _("Asylum before COMAR")
    TVRH = "tvrh", _("Humanitarian visa (TVRH)")
    REGULARISATION = "regularisation", _("Regularisation")
    CRIME_VICTIM = "crime_victim", _("Crime victim / criminal complaint")
    FAMILY = "family", _("Custody and family law")
    IDENTITY = "identity", _("Identity documents")
    US_IMMIGRATION = "us_immigration", _("US immigration")
    OTHER = "other", _("Other")


class ClientStatus(models.TextChoices):
    DRAFT = "draft", _("Intake in progress")
    SUBMITTED = "submitted", _("Waiting for assignment")
    ASSIGNED = "assigned", _("Assigned")


class GenderIdentity(models.TextChoices):
    WOMAN = "woman", _("Woman")
    TRANS_WOMAN = "trans_woman", _("Trans woman")
    NON_BINARY = "non_binary", _("Non-binary")
    MAN = "man", _("Man")
    OTHER = "other", _("Other")
    NOT_SAID = "not_said", _("Prefers not to say")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not asked / prefers not to say")


class WashingtonGroupAnswer(models.IntegerChoices):
    """Washington Group short set: a domain counts as disability at 3 or 4."""

    NO_DIFFICULTY = 1, _("No difficulty")
    SOME = 2, _("Some difficulty")
    A_LOT = 3, _("A lot of difficulty")
    CANNOT = 4, _("Cannot do at all")


WASHINGTON_GROUP_DOMAINS = {
    "wg_seeing": _("Seeing, even if wearing glasses"),
    "wg_hearing": _("Hearing, even if using a hearing aid"),
    "wg_walking": _("Walking or climbing steps"),
    "wg_cognition": _("Remembering or concentrating"),
    "wg_self_care": _("Self-care, such as washing all over or dressing"),
    "wg_communication": _("Communicating, for example understanding or being understood"),
}


class MigrationStatus(models.TextChoices):
    IRREGULAR = "irregular", _("Irregular")
    DETAINED = "detained", _("Detained")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
    TVRH = "tvrh", _("Humanitarian visa (TVRH) holder")
    REFUGEE = "refugee", _("Recognised refugee")
    COMPLEMENTARY = "complementary", _("Complementary protection")
    TEMPORARY_RESIDENT = "temporary_resident", _("Temporary resident")
    PERMANENT_RESIDENT = "permanent_resident", _("Permanent resident")
    MEXICAN = "mexican", _("Mexican national")
    OTHER = "other", _("Other")


class SleepingPlace(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    RENTED = "rented", _("Rented room or home")
    FAMILY_FRIENDS = "family_friends", _("With family or friends")
    STREET = "street", _("On the street")
    DETENTION = "detention", _("Detention (estación migratoria)")
    HOTEL = "hotel", _("Hotel or guest house")
    OTHER = "other", _("Other")
    NOWHERE = "nowhere", _("Nowhere to sleep tonight")


class ReferralSource(models.TextChoices):
    SELF = "self", _("Came by herself")
    PARTNER = "partner", _("Partner organisation")
    HOTLINE = "hotline", _("Hotline")
    OTHER = "other", _("Other")


class UrgentFlag(models.TextChoices):
    """Urgent intake flags (DOMAIN.md): each sets priority and routing."""

    SEXUAL_VIOLENCE_72H = (
        "sexual_violence_72h",
        _("Sexual violence within 72 hours (HIV prophylaxis)"),
    )
    SEXUAL_VIOLENCE_120H = (
        "sexual_violence_120h",
        _("Sexual violence within 120 hours (emergency contraception)"),
    )
    PREGNANCY_FROM_RAPE = "pregnancy_from_rape", _("Pregnancy from rape (NOM-046 health care)")
    DETAINED = "detained", _("Detained or deportation imminent")
    AGGRESSOR_NEARBY = "aggressor_nearby", _("Aggressor nearby or femicide risk")
    NO_SHELTER = "no_shelter", _("No shelter tonight")
    UNACCOMPANIED_CHILD = "unaccompanied_child", _("Unaccompanied or separated child")
    TRAFFICKING = "trafficking", _("Trafficking indicators")
    SUICIDAL_IDEATION = "suicidal_ideation", _("Suicidal ideation")


class ConsentPurpose(models.TextChoices):
    LEGAL_SERVICES = "legal_services", _("Legal services")
    SHARING = "sharing", _("Sharing with partner organisations")
    STATISTICS = "statistics", _("Statistical use")
    TESTIMONY = "testimony", _("Anonymised testimony")
    CONTACT = "contact", _("Contact by phone or WhatsApp")


class ConsentDecision(models.TextChoices):
    GIVEN = "given", _("Given")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConsentMethod(models.TextChoices):
    SIGNATURE = "signature", _("Signature")
    FINGERPRINT = "fingerprint", _("Fingerprint with a witness")
    VERBAL = "verbal", _("Verbal with a witness (pending signature)")


class ConsentState(models.TextChoices):
    """Derived from the latest consent record for a purpose."""

    NOT_RECORDED = "not_recorded", _("Not recorded")
    GIVEN = "given", _("Given (signed)")
    PENDING_SIGNATURE = "pending_signature", _("Pending signature")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Relationship(models.TextChoices):
    CHILD = "child", _("Daughter or son")
    PARTNER = "partner", _("Partner or spouse")
    FORMER_PARTNER = "former_partner", _("Former partner")
    PARENT = "parent", _("Mother or father")
    SIBLING = "sibling", _("Sister or brother")
    GRANDCHILD = "grandchild", _("Granddaughter or grandson")
    OTHER = "other", _("Other relative")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Residence(models.TextChoices):
    WITH_HER = "with_her", _("With her in Mexico")
    MEXICO_ELSEWHERE = "mexico_elsewhere", _("Elsewhere in Mexico")
    ORIGIN = "origin", _("Country of origin")
    US = "us", _("United States")
    OTHER = "other", _("Other country")


class LifeStatus(models.TextChoices):
    ALIVE = "alive", _("Alive")
    DECEASED = "deceased", _("Deceased")
    DISAPPEARED = "disappeared", _("Disappeared")


class DocumentType(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National ID card")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    CURP = "curp", _("CURP")
    TEMPORARY_CURP = "temporary_curp", _("Temporary CURP")
    TVRH_CARD = "tvrh_card", _("TVRH card")
    COMAR_CONSTANCIA = "comar_constancia", _("COMAR constancia")
    RESIDENT_CARD = "resident_card", _("Resident card")
    SRE_TRAVEL_DOCUMENT = "sre_travel_document", _("SRE identity and travel document")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    ORIGINAL = "original", _("Original")
    CERTIFIED_COPY = "certified_copy", _("Certified copy")
    APOSTILLED = "apostilled", _("Apostilled or legalised")
    TRANSLATED = "translated", _("Certified translation")
    DELIVERED = "delivered", _("Delivered")
    MISSING = "missing", _("Missing")


class DisclosureKind(models.TextChoices):
    PERSON = "person", _("A person")
    GANG = "gang", _("A gang or organised crime group")
    SMUGGLING_NETWORK = "smuggling_network", _("A smuggling network")
    HOME_AUTHORITIES = "home_authorities", _("Home-country authorities")
    PARTNER_FAMILY = "partner_family", _("The (ex-)partner's family")
    OTHER_GROUP = "other_group", _("Another group")


class ViolenceType(models.TextChoices):
    """LGAMVLV art. 6."""

    PSYCHOLOGICAL = "psychological", _("Psychological")
    PHYSICAL = "physical", _("Physical")
    PATRIMONIAL = "patrimonial", _("Patrimonial (incl. withholding identity documents)")
    ECONOMIC = "economic", _("Economic")
    SEXUAL = "sexual", _("Sexual")
    VICARIOUS = "vicarious", _("Vicarious (harm through her children)")
    OTHER = "other", _("Other")


class ViolenceModality(models.TextChoices):
    FAMILY = "family", _("Family (incl. current or former partner)")
    WORK_SCHOOL = "work_school", _("Work or school")
    COMMUNITY = "community", _("Community")
    INSTITUTIONAL = "institutional", _("Institutional (public servants)")
    POLITICAL = "political", _("Political")
    DIGITAL = "digital", _("Digital or media")
    FEMICIDE_ATTEMPT = "femicide_attempt", _("Femicide attempt")


class Perpetrator(models.TextChoices):
    CURRENT_PARTNER = "current_partner", _("Current partner")
    FORMER_PARTNER = "former_partner", _("Former partner")
    OTHER_FAMILY = "other_family", _("Other family member")
    EMPLOYER = "employer", _("Employer")
    ACQUAINTANCE = "acquaintance", _("Acquaintance")
    STRANGER = "stranger", _("Stranger")
    GANG = "gang", _("Gang or organised crime")
    SMUGGLER = "smuggler", _("Smuggler or trafficker")
    POLICE = "police", _("Police")
    INM_AGENT = "inm_agent", _("INM agent")
    MILITARY = "military", _("Military or National Guard")
    OTHER_OFFICIAL = "other_official", _("Other official")
    UNKNOWN = "unknown", _("Unknown")


class IncidentPlace(models.TextChoices):
    ORIGIN = "origin", _("Country of origin")
    TRANSIT = "transit", _("In transit")
    MEXICO = "mexico", _("In Mexico")
    US = "us", _("In the United States")


class CrimeType(models.TextChoices):
    KIDNAPPING = "kidnapping", _("Kidnapping")
    EXTORTION = "extortion", _("Extortion")
    ROBBERY = "robbery", _("Robbery")
    TRAFFICKING = "trafficking", _("Trafficking")
    DISAPPEARANCE = "disappearance", _("Disappearance of a relative")
    SEXUAL_ASSAULT = "sexual_assault", _("Sexual assault")
    OTHER = "other", _("Other")


# --- Cases -------------------------------------------------------------------------------------


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ON_HOLD = "on_hold", _("On hold")
    CLOSED = "closed", _("Closed")


class CaseOutcome(models.TextChoices):
    """Outcomes; ``OUTCOMES_BY_TYPE`` says which apply to which case type."""

    REFUGEE_STATUS = "refugee_status", _("Refugee status recognised")
    COMPLEMENTARY_PROTECTION = "complementary_protection", _("Complementary protection")
    REFUSED = "refused", _("Refused")
    NOT_FILED = "not_filed", _("Not filed (no ratification)")
    ABANDONED = "abandoned", _("Abandoned")
    GRANTED = "granted", _("Granted")
    DISMISSED = "dismissed", _("Dismissed")
    REGULARISED = "regularised", _("Regularised")
    COMPLAINT_FILED = "complaint_filed", _("Complaint filed")
    PROCESS_CONCLUDED = "process_concluded", _("Criminal process concluded")
    CUSTODY_GRANTED = "custody_granted", _("Custody granted")
    CUSTODY_DENIED = "custody_denied", _("Custody denied")
    SUPPORT_ORDERED = "support_ordered", _("Child support ordered")
    PROTECTION_ORDER = "protection_order", _("Protection order")
    ISSUED = "issued", _("Issued")
    RELEASED = "released", _("Released")
    DEPORTED = "deported", _("Deported")
    WITHDRAWN = "withdrawn", _("Withdrawn by the client")
    OTHER = "other", _("Other")


_O = CaseOutcome
OUTCOMES_BY_TYPE: dict[str, tuple[str, ...]] = {
    CaseType.ASYLUM: (
        _O.REFUGEE_STATUS,
        _O.COMPLEMENTARY_PROTECTION,
        _O.REFUSED,
        _O.NOT_FILED,
        _O.ABANDONED,
        _O.WITHDRAWN,
    ),
    CaseType.TVRH: (_O.GRANTED, _O.REFUSED, _O.DISMISSED, _O.WITHDRAWN),
    CaseType.REGULARISATION: (_O.REGULARISED, _O.REFUSED, _O.WITHDRAWN),
    CaseType.CRIME_VICTIM: (_O.COMPLAINT_FILED, _O.PROCESS_CONCLUDED, _O.WITHDRAWN, _O.OTHER),
    CaseType.FAMILY: (
        _O.CUSTODY_GRANTED,
        _O.CUSTODY_DENIED,
        _O.SUPPORT_ORDERED,
        _O.PROTECTION_ORDER,
        _O.WITHDRAWN,
        _O.OTHER,
    ),
    CaseType.IDENTITY: (_O.ISSUED, _O.REFUSED, _O.WITHDRAWN),
    CaseType.US_IMMIGRATION: (_O.GRANTED, _O.REFUSED, _O.WITHDRAWN, _O.OTHER),
    CaseType.OTHER: (_O.GRANTED, _O.REFUSED, _O.RELEASED, _O.DEPORTED, _O.WITHDRAWN, _O.OTHER),
}


class Authority(models.TextChoices):
    COMAR = "comar", _("COMAR")
    INM = "inm", _("INM")
    FEDERAL_COURT = "federal_court", _("Federal court (amparo)")
    TFJA = "tfja", _("TFJA (nullity suit)")
    FAMILY_COURT = "family_court", _("Family court")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")
    REGISTRO_CIVIL = "registro_civil", _("Registro Civil")
    CONSULATE = "consulate", _("Consulate")
    US = "us", _("US authorities")
    CLINIC = "clinic", _("The clinic")
    OTHER = "other", _("Other")


class EventKind(models.TextChoices):
    """Typed events recorded on a case; services turn them into deadlines."""

    FILING = "filing", _("Filing")
    REPRESENTATION_FILED = "representation_filed", _("Representation filed (carta poder)")
    DECISION = "decision", _("Decision")
    NOTIFICATION = "notification", _("Notification")
    PREVENTION = "prevention", _("Prevention notice (missing documents)")
    APPEAL_FILED = "appeal_filed", _("Appeal filed")
    STRATEGY = "strategy", _("Strategy chosen")
    DETENTION = "detention", _("Detention")
    RELEASE = "release", _("Release")
    CESSATION = "cessation", _("Cessation or revocation of the principal's status")
    CARD_ISSUED = "card_issued", _("TVRH card issued")
    CURP_ISSUED = "curp_issued", _("Temporary CURP issued")
    EXTENSION = "extension", _("Authority extended its time to decide")


class DecisionResult(models.TextChoices):
    GRANTED = "granted", _("Granted")
    COMPLEMENTARY = "complementary", _("Complementary protection")
    REFUSED = "refused", _("Refused")
    DISMISSED = "dismissed", _("Dismissed")
    OTHER = "other", _("Other")


class NotificationMethod(models.TextChoices):
    PERSONAL = "personal", _("Personal")
    LIST = "list", _("By list (estrados)")
    ELECTRONIC = "electronic", _("Electronic")
    POST = "post", _("By post")


class Strategy(models.TextChoices):
    """The alternative routes after a COMAR refusal (LRPCAP 25, LFPA 83)."""

    REVIEW = "review", _("Recurso de revisión")
    AMPARO = "amparo", _("Amparo")
    NULLITY = "nullity", _("Nullity suit (TFJA)")


class NoteKind(models.TextChoices):
    NOTE = "note", _("Note")
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    DOCUMENT_SENT = "document_sent", _("Document sent")


class DeadlineStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


class AppointmentKind(models.TextChoices):
    INTERVIEW = "interview", _("COMAR interview")
    HEARING = "hearing", _("Hearing")
    INM = "inm", _("INM appointment")
    REGISTRO_CIVIL = "registro_civil", _("Registro Civil appointment")
    CONSULATE = "consulate", _("Consulate appointment")
    MEETING = "meeting", _("Meeting with the client")
    OTHER = "other", _("Other")


class ClosureStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class SignatureStatus(models.TextChoices):
    PENDING = "pending", _("Due")
    ATTENDED = "attended", _("Attended")
    MISSED = "missed", _("Missed")
    SUSPENDED = "suspended", _("Suspended by COMAR")


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    AUTHORISED = "authorised", _("Authorised")
    REFUSED = "refused", _("Refused")


class Weekday(models.IntegerChoices):
    """COMAR signature days. A context keeps these labels from replacing Django's own day
    names, which date formats use."""

    MONDAY = 0, pgettext_lazy("signature day", "Monday")
    TUESDAY = 1, pgettext_lazy("signature day", "Tuesday")
    WEDNESDAY = 2, pgettext_lazy("signature day", "Wednesday")
    THURSDAY = 3, pgettext_lazy("signature day", "Thursday")
    FRIDAY = 4, pgettext_lazy("signature day", "Friday")


class SignatureFrequency(models.IntegerChoices):
    WEEKLY = 1, _("Every week")
    FORTNIGHTLY = 2, _("Every two weeks")
    FOUR_WEEKLY = 4, _("Every four weeks")


class FileCategory(models.TextChoices):
    """What a client file is. Evidence may describe violence: only readers of her restricted
    data see it (docs/files.md)."""

    IDENTITY_SCAN = "identity_scan", _("Identity document scan")
    EVIDENCE = "evidence", _("Evidence")
    CONSENT_FORM = "consent_form", _("Signed consent form")
    OTHER = "other", _("Other file")


class FileType(models.TextChoices):
    """The only kinds of file the clinic stores (the value is the MIME type)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"
