"""What DfE publishes: the data set's identity, its columns, labels and symbols.

This module is the one owner of these facts; cleaning, the synthetic generator and the tests
read them from here and never restate them.
"""

from __future__ import annotations

DATA_SET_TITLE = "Special educational needs coordinator (SENCO) qualification by local authority"
PUBLICATION = "Early years education recovery"
RELEASE = "July 2025"
PRODUCER = "Department for Education"
DATA_SET_PAGE_URL = (
    "https://explore-education-statistics.service.gov.uk/data-catalogue/data-set/"
    "71ae867e-2832-4448-9994-2d3657b6fd12"
)

# Columns of the published CSV, in the published order.
PUBLISHED_COLUMNS: tuple[str, ...] = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "old_la_code",
    "new_la_code",
    "la_name",
    "status",
    "no_of_settings",
    "no_of_practitioners",
)
COUNT_COLUMNS: tuple[str, ...] = ("no_of_settings", "no_of_practitioners")

GEOGRAPHIC_LEVEL = "Local authority"
COUNTRY_CODE = "E92000001"
COUNTRY_NAME = "England"

STATUS_REGISTERED = "Registered"
STATUS_COMPLETED = "Completed"
STATUS_TOTAL = "Total local authority settings"
STATUSES: tuple[str, ...] = (STATUS_REGISTERED, STATUS_COMPLETED, STATUS_TOTAL)

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Symbols EES data files may hold instead of a number (GSS shorthand as used by DfE).
# Each becomes a null count with this reason, never a zero.
# Appended to the name of an LA whose base is small, so its rates are of low reliability.
LOW_RELIABILITY = "[u]"
# A figure changed since the previous release (GSS guidance on symbols: [r] revised).
REVISED = "[r]"

SYMBOLS: dict[str, str] = {
    "x": "not available",
    "z": "not applicable",
    "c": "confidential",
    "low": "rounds to zero but is not zero",
    "u": "low reliability",
    "k": "value withheld (symbol k)",
}

# On "Total local authority settings" rows DfE publishes no practitioner count.
SYMBOL_NOT_AVAILABLE = "x"
# The derived data files use these two for a value that is missing or cannot apply.
SYMBOL_NOT_APPLICABLE = "z"

# The sha256 of the bundled synthetic snapshot (what `python -m senco.tools.synthetic` writes from
# its seed; tests/test_synthetic.py checks it). Any copy of that file is synthetic however it
# arrives: as the snapshot, as a local path, or from a server.
SYNTHETIC_SNAPSHOT_SHA256 = "1407e305e9e370cedd7b2b295e784a37c9ce7b9211a860c12cc81cb140fdef2e"

# How outputs label where their numbers come from (see `data_status` in the clean table).
DATA_STATUS_SYNTHETIC = "SYNTHETIC SAMPLE DATA - not official statistics"
DATA_STATUS_PUBLISHED = "as published by DfE"


# What a download built from synthetic data says of itself.
SYNTHETIC_NOTE = (
    f"{DATA_STATUS_SYNTHETIC}: invented counts with the published schema. Do not use or quote."
)


def data_status(synthetic: bool) -> str:
    return DATA_STATUS_SYNTHETIC if synthetic else DATA_STATUS_PUBLISHED


# The data set page's footnotes, as facts the bulletin states.
REGISTRATION_CLOSED = "March 2024"
FIRST_COMPLETIONS = "February 2023"
TRAINING_CLOSED = "November 2024"
# Background on the SENCO role, stated in the bulletin. DfE's guidance "Mandatory qualification
# for SENCOs" (updated 2 February 2024): "Teaching of the NPQ will begin in autumn 2024". DfE's
# research on early years SENCOs: practitioners are more likely to come to a qualification
# pathway from Level 3.
NPQ_FIRST_TAUGHT_YEAR = "2024"
SENCO_QUALIFICATION_GUIDANCE = (
    'Department for Education, "Mandatory qualification for SENCOs", guidance updated 2 February '
    "2024"
)
SEND_CODE = (
    'Department for Education and Department of Health, "SEND Code of Practice: 0 to 25 years", '
    "2015"
)
TYPICAL_EARLY_YEARS_LEVEL = "3"
DENOMINATOR_NOTE = (
    "Total number of settings in each LA is the number of all childminders and group based "
    "settings (schools are not eligible for this strand)."
)
STATUS = "Management information"
# Who answers questions about the source data (the data set page's "Contact us").
SOURCE_CONTACT_TEAM = "Early Years Outcomes and Interventions Research"
SOURCE_CONTACT_EMAIL = "EYERProject.MAILBOX@education.gov.uk"
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

# Completions are counted from October 2022, when the programme began: no period is earlier. The
# upper bound only catches corrupt years; it is not a guess at when the series ends.
PROGRAMME_START_YEAR, LATEST_PLAUSIBLE_YEAR = 2022, 2099

# How the programme chose the LAs it targeted (written answer 137391, March 2022).
TARGETED_SOURCE = "parliamentary written answer 137391, March 2022"
TARGETED_SELECTION = (
    "measures of disadvantage: free school meals, early years foundation stage outcomes, the "
    "early years pupil premium and education, health and care plans"
)

# The date of Ofsted's count of childminders and group-based providers behind the denominator
# (DfE's methodology page): the same in both periods.
DENOMINATOR_DATE = "31 March 2024"
# Funded training places: up to 5,000 (written answer HL7189, April 2023), and 2,000 more
# announced in August 2023.
PROGRAMME_PLACES = 7000
PROGRAMME_PLACES_SOURCE = (
    "5,000 in parliamentary written answer HL7189, April 2023, and 2,000 more announced by the "
    "Department for Education in August 2023"
)

# The source line under every chart and on every factsheet.
SOURCE = (
    f"Source: {PRODUCER}, {PUBLICATION} ({RELEASE} release), {DATA_SET_TITLE}. Rates derived by "
    "senco-bulletin from the published counts."
)
SYNTHETIC_SOURCE = (
    f"Source: synthetic sample data with the schema of DfE's {DATA_SET_TITLE} data set. Not "
    "official statistics."
)
