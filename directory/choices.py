"""Vocabularies of the partner directory (stable lists, kept as code)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    LEGAL_AID = "legal_aid", _("Legal aid")
    SHELTER = "shelter", _("Shelter")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    HEALTH = "health", _("Health")
    HUMAN_RIGHTS = "human_rights", _("Human rights centre")
    UN_AGENCY = "un_agency", _("UN agency")
    GOVERNMENT = "government", _("Government authority")
    LGBTQI = "lgbtqi", _("LGBTQI+ organisation")
    CHILDREN = "children", _("Children's organisation")
    COI = "coi", _("Country-of-origin information provider")
    MIGRANT_SUPPORT = "migrant_support", _("Migrant support organisation")
    CONSULATE = "consulate", _("Consulate")
    OTHER = "other", _("Other")


class Service(models.TextChoices):
    LEGAL_ADVICE = "legal_advice", _("Legal advice")
    LEGAL_REPRESENTATION = "legal_representation", _("Legal representation")
    ASYLUM = "asylum", _("Access to asylum")
    PRO_BONO = "pro_bono", _("Pro bono lawyers")
    STRATEGIC_LITIGATION = "strategic_litigation", _("Strategic litigation")
    HUMAN_RIGHTS_COMPLAINTS = "human_rights_complaints", _("Human rights complaints")
    SHELTER = "shelter", _("Shelter")
    HUMANITARIAN_AID = "humanitarian_aid", _("Humanitarian assistance")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    HEALTH = "health", _("Health care")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    IDENTITY_DOCUMENTS = "identity_documents", _("Identity documents")
    VICTIM_SUPPORT = "victim_support", _("Support for crime victims")
    TRAFFICKING = "trafficking", _("Trafficking and smuggling")
    INTEGRATION = "integration", _("Local integration")
    FAMILY_REUNIFICATION = "family_reunification", _("Family reunification")
    SEARCH = "search", _("Search for missing migrants")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment")
    ORIENTATION = "orientation", _("Information and orientation")
    COUNTRY_INFORMATION = "country_information", _("Country-of-origin information")
    EXPERT_DECLARATIONS = "expert_declarations", _("Expert declarations")
    ADVOCACY = "advocacy", _("Policy advocacy")
    TRAINING = "training", _("Training")
    RESEARCH = "research", _("Research")
    COMMUNITY_DEVELOPMENT = "community_development", _("Community development")


class Population(models.TextChoices):
    WOMEN = "women", _("Women")
    CHILDREN = "children", _("Children and adolescents")
    LGBTQI = "lgbtqi", _("LGBTQI+ people")
    REFUGEES = "refugees", _("Refugees and asylum seekers")
    MIGRANTS = "migrants", _("Migrants")
    IN_TRANSIT = "in_transit", _("Migrants in transit")
    DEPORTEES = "deportees", _("Deportees and returnees")
    INDIGENOUS = "indigenous", _("Indigenous communities")
    VICTIMS = "victims", _("Victims of human rights violations")
    VULNERABLE_GROUPS = "vulnerable_groups", _("Vulnerable groups")
    CIVIL_SOCIETY = "civil_society", _("Civil society organisations")


class PhoneKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    MOBILE = "mobile", _("Mobile")
    WHATSAPP = "whatsapp", _("WhatsApp only")
    FAX = "fax", _("Fax")
    TOLL_FREE = "toll_free", _("Toll-free")


class DirectoryStatus(models.TextChoices):
    """The list filter on the active flag."""

    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")
    ALL = "all", _("All")
