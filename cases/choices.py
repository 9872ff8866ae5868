"""Choice lists for clients, families and intake (kept as code: they are stable vocabularies;
editable lists live in tables)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
