"""Places, case summaries and short case notes for the synthetic cases.

Notes and summaries are written from the patterns in public reporting (FIA advisories, US TIP
reports, NGO studies); they name no one. ``{placeholders}`` are filled by the generator.
"""

from __future__ import annotations

# Towns in the high-risk origin districts named in FIA advisories (and a few neighbours).
ORIGIN_TOWNS = {
    "MBD": ["Phalia", "Malakwal", "Mandi Bahauddin"],
    "GJT": ["Kharian", "Lalamusa", "Jalalpur Jattan"],
    "SKT": ["Daska", "Sambrial", "Pasrur"],
    "GRW": ["Kamoke", "Nowshera Virkan", "Gujranwala"],
    "JHM": ["Dina", "Pind Dadan Khan", "Jhelum"],
    "HFZ": ["Pindi Bhattian", "Hafizabad"],
    "SKP": ["Muridke", "Ferozewala", "Sheikhupura"],
    "TTS": ["Gojra", "Kamalia", "Toba Tek Singh"],
    "BHM": ["Samahni", "Barnala", "Bhimber"],
    "WZD": ["Alipur Chatha", "Wazirabad"],
    "NRW": ["Shakargarh", "Narowal"],
    "KTL": ["Khuiratta", "Kotli"],
    "MPR": ["Dadyal", "Mirpur"],
    "FSD": ["Jaranwala", "Samundri", "Faisalabad"],
    "LHR": ["Lahore"],
    "RWP": ["Rawalpindi", "Gujar Khan"],
    "SWT": ["Mingora", "Matta"],
    "LDR": ["Timergara"],
    "MDN": ["Takht Bhai", "Mardan"],
    "DIK": ["Dera Ismail Khan"],
    "BNU": ["Bannu"],
    "CKW": ["Chakwal", "Choa Saidan Shah"],
    "SGD": ["Sargodha", "Bhalwal"],
    "MUX": ["Multan", "Shujabad"],
    "DGK": ["Dera Ghazi Khan"],
    "HYD": ["Hyderabad"],
    "LRK": ["Larkana"],
    "KSR": ["Kasur", "Pattoki"],
    "OKR": ["Okara"],
}
# Origin districts weighted towards the FIA advisory list.
SMUGGLING_ORIGINS = ["MBD", "GJT", "SKT", "GRW", "JHM", "HFZ", "SKP", "TTS", "BHM"] * 3 + [
    "WZD",
    "NRW",
    "KTL",
    "MPR",
    "FSD",
    "LHR",
    "RWP",
]
GULF_ORIGINS = [
    "SWT",
    "LDR",
    "MDN",
    "DIK",
    "BNU",
    "RWP",
    "CKW",
    "JHM",
    "SGD",
    "FSD",
    "MUX",
    "DGK",
    "SKT",
    "GJT",
    "HYD",
    "LRK",
]

AIRPORTS = {
    "LHR": "Allama Iqbal International Airport",
    "MLR": "Jinnah International Airport, Karachi",
    "ATK": "Islamabad International Airport",
    "SKT": "Sialkot International Airport",
    "PEW": "Bacha Khan International Airport, Peshawar",
    "MUX": "Multan International Airport",
}

KILN_TOWNS = {
    "KSR": ["Kot Radha Kishan", "Chunian", "Pattoki"],
    "SKP": ["Muridke", "Ferozewala"],
    "LHR": ["Raiwind", "Manga Mandi"],
    "NKS": ["Shahkot", "Sangla Hill"],
    "OKR": ["Renala Khurd"],
    "FSD": ["Jaranwala", "Samundri"],
    "GRW": ["Kamoke", "Nowshera Virkan"],
    "HYD": ["Hatri", "Tando Jam"],
    "SGR": ["Shahdadpur", "Tando Adam"],
    "MPK": ["Digri"],
    "TAY": ["Chamber"],
    "UMK": ["Kunri"],
}
FARM_TOWNS = {
    "SGR": ["Shahdadpur", "Sinjhoro", "Khipro"],
    "UMK": ["Kunri", "Samaro"],
    "MPK": ["Digri", "Jhuddo"],
    "BDN": ["Matli", "Talhar"],
    "TAY": ["Jhando Mari"],
    "MTR": ["Hala"],
    "TPR": ["Mithi"],
}
CITY_AREAS = {
    "LHR": ["Gulberg", "Model Town", "Johar Town", "Shahdara"],
    "ISB": ["F-10", "G-11", "E-11"],
    "RWP": ["Satellite Town", "Bahria Town"],
    "KSO": ["Clifton", "Saddar"],
    "FSD": ["Madina Town", "Peoples Colony"],
    "GRW": ["Satellite Town", "Model Town"],
    "MUX": ["Gulgasht", "Cantt"],
    "PEW": ["Hayatabad", "University Town"],
    "QTA": ["Jinnah Road", "Satellite Town"],
}
SOUTH_PUNJAB = ["MZG", "RYK", "BWP", "DGK", "RJP", "LYH", "VHR", "OKR", "BWN", "LDN"]

GULF = {
    "SA": ["Riyadh", "Jeddah", "Dammam"],
    "AE": ["Dubai", "Sharjah", "Abu Dhabi"],
    "QA": ["Doha"],
    "OM": ["Muscat", "Sohar"],
    "KW": ["Kuwait City"],
    "BH": ["Manama"],
}

TITLES = {
    "brick_kiln": [
        "Brick kiln, {persons}",
        "Held at a brick kiln against peshgi",
        "Kiln workers kept against an advance, {persons}",
    ],
    "agriculture": [
        "Haris held on farmland, {persons}",
        "Bonded farm workers, {persons}",
        "Agricultural bonded labour, {town}",
    ],
    "domestic": [
        "Child domestic worker, {city}",
        "Domestic worker held in {city}",
        "Domestic servitude, {persons}",
    ],
    "begging": ["Children forced to beg, {city}", "Organised begging, {persons}"],
    "sexual": [
        "Commercial sexual exploitation, {city}",
        "Women held in a house in {city}",
        "Sexual exploitation after false job offer",
    ],
    "marriage_cn": ["Forced marriage abroad after broker's offer", "Marriage broker case, China"],
    "land_route": [
        "Land route towards Greece, {persons}",
        "Iran route, {outcome}",
        "Smuggling via Taftan, {persons}",
    ],
    "sea_route": [
        "Libya boat route, {persons}",
        "Libya route to Italy, {outcome}",
        "Visit visas for the Libya route, {persons}",
    ],
    "gulf": [
        "Work visa fraud, {country}",
        "Held in {country}, {persons}",
        "Domestic worker stranded in {country}",
    ],
    "east": [
        "Smuggling via Malaysia and Thailand, {persons}",
        "Route towards Australia, {outcome}",
    ],
}

SUMMARIES = {
    "brick_kiln": "{who} worked at a brick kiln near {town} against an "
    "advance (peshgi) of about Rs {amount}. The debt kept growing with deductions for "
    "food and broken bricks; the family could not leave the kiln.",
    "agriculture": "{who} (haris) worked land near {town}. The landlord claims Rs {amount} "
    "for seed, fertiliser and food advances and kept the family under watch on the farm.",
    "domestic": "{who} from {origin} placed with a household in {city} through a middleman; "
    "the monthly wage went to the middleman. Reports of beatings and no schooling.",
    "begging": "{who} from {origin} made to beg at traffic signals in {city}; earnings taken "
    "by the group's handler each evening.",
    "sexual": "{who} from {origin} recruited with an offer of work in {city} and held in "
    "a house where they were sexually exploited. Phones and identity cards were taken.",
    "marriage_cn": "Young woman from {origin} married to a foreign national through a marriage "
    "broker who paid her family Rs {amount}; she reported abuse and confinement "
    "abroad and contacted the embassy.",
    "land_route": "{who} from {origin} paid an agent about Rs {amount} each for the land "
    "route through Balochistan and Iran towards Europe. {outcome_text}",
    "sea_route": "{who} from {origin} flew out on visit visas arranged by an agent for about "
    "Rs {amount} each, to board a boat from Libya to Europe. {outcome_text}",
    "gulf": "{who} from {origin} went to {country} on work visas bought from a sub-agent "
    "for Rs {amount}. Passports were taken on arrival and wages were not paid.",
    "east": "{who} from {origin} paid about Rs {amount} each for a route through Malaysia and "
    "Thailand towards Australia. {outcome_text}",
}

OUTCOMES = {
    "taftan": ("intercepted at Taftan", "Intercepted by FIA at the Taftan border before crossing."),
    "iran": ("deported from Iran", "Detained in Iran and deported through Taftan."),
    "turkey": (
        "held in Turkey",
        "Held by the agent's contacts in Van for ransom, then detained by the Turkish police.",
    ),
    "greece": ("reached Greece", "Reached Greece; the embassy in Athens was informed."),
    "offloaded": (
        "offloaded at the airport",
        "Offloaded at the airport: visit visas with no return plan and a forged work letter.",
    ),
    "libya": (
        "detained in Libya",
        "Held in a warehouse near the coast, then detained in Libya and returned on an IOM flight.",
    ),
    "italy": ("reached Italy", "Crossed to Italy by boat; the family reported the agent."),
    "boat": (
        "boat intercepted at sea",
        "The boat was intercepted at sea and the passengers were taken ashore.",
    ),
    "thailand": ("detained in Thailand", "Detained in Thailand on expired visas and deported."),
    "malaysia": (
        "stopped in Malaysia",
        "Stopped at Kuala Lumpur airport with forged onward visas.",
    ),
}

CLOSURE_REASONS = {
    "bonded": [
        "services_completed",
        "services_completed",
        "conviction",
        "victim_declined",
        "lost_contact",
        "not_trafficking",
    ],
    "internal": [
        "services_completed",
        "conviction",
        "conviction",
        "victim_declined",
        "lost_contact",
        "duplicate",
    ],
    "transnational": [
        "conviction",
        "services_completed",
        "lost_contact",
        "victim_declined",
        "not_trafficking",
        "other",
    ],
    "shipwreck": ["deceased", "lost_contact", "conviction"],
}

NOTES = {
    "bonded": [
        "Kiln owner says the family still owes Rs {amount}; told him the debt cannot be enforced "
        "under the Bonded Labour System (Abolition) Act.",
        "Labour inspector visited: no written contract, piece rate below the notified minimum.",
        "Release order from the court received; family moved back to their village.",
        "Children enrolled in the nearest government school; follow-up visit next month.",
        "DVC meeting discussed the case; the deputy commissioner asked for a report in 15 days.",
        "Family received CNICs through NADRA's mobile van.",
        "Munshi threatened the family after the raid; patrolling requested near the village.",
    ],
    "internal": [
        "Statement recorded under section 161 CrPC; medical examination arranged.",
        "Child handed to the Child Protection Bureau pending a family assessment.",
        "Middleman's phone records requested from the service provider.",
        "Victim shifted to the shelter; psychosocial counselling started.",
        "Employer arrested and remanded; challan being prepared under PTPA section 3.",
        "Family visited: parents say they did not know where the child was kept.",
        "Follow-up call: victim is back home and attending school.",
    ],
    "transnational": [
        "Agent's bank transfers requested from the bank under section 94 CrPC.",
        "Deportee's statement recorded; agent's number traced to {origin}.",
        "Red notice request for the foreign-based facilitator sent to headquarters.",
        "Family says the agent returned Rs {amount} of the money after the FIR.",
        "Travel history checked with immigration: left on a visit visa.",
        "Victim referred to the Overseas Pakistanis Foundation for reintegration support.",
        "Sub-agent arrested; forged work letters recovered from his shop.",
        "Embassy confirms the migrant is in a reception centre and wants to return.",
    ],
    "partner": [
        "Shelter intake done; medical check-up and counselling arranged.",
        "Legal aid explained; victim wants to pursue compensation under PTPA section 12.",
        "Home visit: family needs help with school fees and ration.",
        "Victim supported at the court hearing; testimony given by video link.",
        "Livelihood training place offered; victim will decide after Eid.",
    ],
    "prosecution": [
        "Challan scrutinised; returned to the investigating officer for the missing medical report.",
        "Charge framed by the trial court; next hearing fixed.",
        "Prosecution evidence closed; arguments due at the next hearing.",
    ],
}

EVENT_DESCRIPTIONS = {
    "bonded": {
        "recruitment": [
            "Advance (peshgi) taken from the employer's middleman.",
            "Family took a loan for a wedding and a medical bill.",
            "Offered work for the whole family with an advance.",
        ],
        "transit": [
            "Brought by tractor-trolley with their belongings.",
            "Travelled by bus with the middleman.",
        ],
        "exploitation": [
            "Whole family working; the debt deducted from their earnings.",
            "Not allowed to leave until the debt is cleared.",
            "Children working alongside the parents.",
        ],
        "interception": [
            "Raid after a complaint to the hotline.",
            "Released on a court order with police present.",
            "Labour inspector and police visited together.",
        ],
        "return": ["Returned to their village.", "Moved to relatives in a nearby town."],
    },
    "internal": {
        "recruitment": [
            "Middleman promised work and a monthly wage.",
            "Contact made through a social media post.",
            "Offered work in the city by an acquaintance.",
        ],
        "transit": [
            "Travelled by bus with the middleman.",
            "Kept overnight at a relative's house.",
        ],
        "exploitation": [
            "Long hours, no pay, not allowed to leave.",
            "Beaten when asking to go home.",
            "Phone taken away.",
        ],
        "interception": [
            "Rescued after a neighbour called the hotline.",
            "Rescued by police with an NGO worker present.",
        ],
        "return": ["Handed over to the family.", "Moved to the shelter, then home."],
    },
    "transnational": {
        "recruitment": [
            "Agent promised a job and a visa.",
            "Agent collected money in instalments.",
            "Recruited through a relative already abroad.",
            "Contact made through a social media post.",
        ],
        "transit": [
            "Crossed on foot at night with a guide.",
            "Flew out on a visit visa.",
            "Kept in a guest house waiting for the next leg.",
        ],
        "exploitation": [
            "Documents taken; work without pay.",
            "Held until the family paid more.",
            "Beaten when asking to go home.",
        ],
        "interception": ["Family reported the case to FIA.", "Statement recorded afterwards."],
        "return": [
            "Deported and handed over to FIA at the airport.",
            "Returned on an IOM-assisted flight.",
            "Returned home with family help.",
        ],
    },
}
