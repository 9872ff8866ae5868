"""The papers each case type usually needs, for the client and for each dependant: the
defaults of the per-case checklist ("Crear lista por omisión"). A clinic changes the list by
adding, archiving or un-ticking "required" on the case itself."""

# case type: {"client": [(kind, required)], "dependant": [(kind, required)]}
CHECKLIST_DEFAULTS: dict[str, dict[str, list[tuple[str, bool]]]] = {
    "asylum": {
        "client": [
            ("passport", False),
            ("national_id", False),
            ("birth_certificate", False),
            ("persecution_evidence", True),
            ("photos", True),
            ("proof_of_address", False),
            ("medical_records", False),
        ],
        "dependant": [("birth_certificate", True), ("photos", True), ("school_records", False)],
    },
    "tvrh": {
        "client": [
            ("passport", False),
            ("national_id", False),
            ("comar_constancia", False),
            ("curp", False),
            ("photos", True),
            ("proof_of_address", False),
        ],
        "dependant": [("birth_certificate", True), ("photos", True)],
    },
    "regularisation": {
        "client": [
            ("passport", True),
            ("birth_certificate", False),
            ("police_report", False),
            ("prosecutor_letter", False),
            ("proof_of_address", True),
            ("photos", True),
        ],
        "dependant": [("birth_certificate", True)],
    },
    "crime_victim": {
        "client": [
            ("national_id", False),
            ("police_report", True),
            ("prosecutor_letter", False),
            ("medical_records", False),
            ("photos", False),
        ],
        "dependant": [],
    },
    "family": {
        "client": [
            ("national_id", True),
            ("marriage_certificate", False),
            ("custody_documents", False),
            ("proof_of_address", True),
        ],
        "dependant": [
            ("birth_certificate", True),
            ("school_records", False),
            ("medical_records", False),
        ],
    },
    "identity": {
        "client": [
            ("birth_certificate", True),
            ("national_id", False),
            ("passport", False),
            ("curp", False),
            ("proof_of_address", False),
        ],
        "dependant": [("birth_certificate", True), ("curp", False)],
    },
    "us_immigration": {
        "client": [
            ("passport", True),
            ("birth_certificate", True),
            ("persecution_evidence", True),
            ("medical_records", False),
        ],
        "dependant": [("birth_certificate", True), ("passport", False)],
    },
    "other": {"client": [], "dependant": []},
}
