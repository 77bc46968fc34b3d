"""The plan versions the corpus in plans/ holds: stated once, for every test that expects them."""

VERSION_IDS = (
    "us-28-point",
    "e3-counterproposal",
    "eu-24-point",
    "geneva-revised",
    "ua-20-point",
    "jeddah-truce",
    "us-framework-apr2025",
    "ua-eu-london-apr2025",
    "ru-istanbul-memorandum",
    "ua-istanbul-memorandum",
    "eu-ua-12-point",
    "eu-berlin-statement",
    "us-ua-bilateral-guarantee",
    "multilateral-guarantee-framework",
    "paris-declaration",
    "prosperity-plan",
    "us-guarantee-draft-nov2025",
    "ua-revised-20pt-dec2025",
)

# the six versions of the first corpus, and the ten documents issue 9 added by name (the rest: two more)
FIRST_VERSIONS = frozenset(VERSION_IDS[:6])
LATER_DOCUMENTS = frozenset(VERSION_IDS[6:16])
