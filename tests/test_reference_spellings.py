"""Spellings of armed groups and places resolve to their reference entity through the real mention finder.

The sentences are written for this test. Each names one entity the way reporting spells it; the
second list holds ordinary English that must not turn into a place or a group.
"""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.lexicon import make_doc
from kg.extract.mentions import Mention, find_mentions
from kg.extract.patterns import entity_patterns

KGR = "https://w3id.org/conflict-kg/id/"


def _mentions(extractor: Extractor, text: str) -> list[Mention]:
    return find_mentions(extractor.nlp(make_doc(extractor.nlp, text)))


SPELLINGS = [
    # armed groups
    ("A statement from Kataib Hizbullah denied any role.", "Kataib Hizbullah", "kataib-hezbollah"),
    ("Fighters of Iraqi Hezbollah were seen near the border.", "Iraqi Hezbollah", "kataib-hezbollah"),
    (
        "The Harakat Hezbollah al-Nujaba leader spoke on Friday.",
        "Harakat Hezbollah al-Nujaba",
        "harakat-al-nujaba",
    ),
    ("Asaib Ahl al-Haqq won seats in the vote.", "Asaib Ahl al-Haqq", "asaib-ahl-al-haq"),
    (
        "Kataib Sayyed al-Shuhada buried four of its men.",
        "Kataib Sayyed al-Shuhada",
        "kataib-sayyid-al-shuhada",
    ),
    ("Officials met Kata'ib Jund al-Imam commanders.", "Kata'ib Jund al-Imam", "kataib-jund-al-imam"),
    ("Saraya al-Khorasani posted a video.", "Saraya al-Khorasani", "saraya-al-khorasani"),
    ("A convoy of Saraya Ashura moved north.", "Saraya Ashura", "saraya-ashura"),
    ("The Sadrist Saraya al-Salam deployed in Samarra.", "Saraya al-Salam", "saraya-al-salam"),
    ("The Ashab al-Kahf channel posted a claim.", "Ashab al-Kahf", "ashab-al-kahf"),
    ("A group named Usbat al-Thaireen released footage.", "Usbat al-Thaireen", "usbat-al-thaireen"),
    ("Qassim al-Jabbarin said it planted the bomb.", "Qassim al-Jabbarin", "qasim-al-jabbarin"),
    ("Rabaallah fighters paraded through the capital.", "Rabaallah", "rabaallah"),
    ("Fighters of the Fatemiyoun Division were killed.", "Fatemiyoun Division", "liwa-fatemiyoun"),
    ("Zeinabiyoun recruits trained near Damascus.", "Zeinabiyoun", "liwa-zainabiyoun"),
    (
        "The National Defense Forces manned the checkpoint.",
        "National Defense Forces",
        "national-defence-forces",
    ),
    ("Syrian Hezbollah units were moved east.", "Syrian Hezbollah", "syrian-hezbollah"),
    ("YPG fighters guarded the prison.", "YPG", "ypg"),
    ("The strike was blamed on Ansarallah.", "Ansarallah", "houthis"),
    ("Daish cells ambushed a patrol.", "Daish", "islamic-state"),
    ("The IRGC Aerospace Force fired the missiles.", "IRGC Aerospace Force", "irgc-aerospace-force"),
    ("Maghawir al-Thawra fighters patrol the zone.", "Maghawir al-Thawra", "maghawir-al-thawra"),
    # Kurdish parties and forces
    ("The KDP and the PUK formed a joint list.", "KDP", "kdp"),
    ("The Patriotic Union of Kurdistan won in Sulaymaniyah.", "Patriotic Union of Kurdistan", "puk"),
    ("Shells fell near a camp of the KDPI in Koya.", "KDPI", "pdki"),
    (
        "The Kurdistan Democratic Party of Iran said two members died.",
        "Kurdistan Democratic Party of Iran",
        "pdki",
    ),
    ("Komala fighters left the valley.", "Komala", "komala"),
    ("Drones struck a PJAK position.", "PJAK", "pjak"),
    ("The peshmerga took over the checkpoint.", "peshmerga", "peshmerga"),
    (
        "The Ministry of Peshmerga Affairs issued a statement.",
        "Ministry of Peshmerga Affairs",
        "ministry-of-peshmerga-affairs",
    ),
    (
        "The Kurdistan Region Security Council named the suspects.",
        "Kurdistan Region Security Council",
        "kurdistan-region-security-council",
    ),
    ("Asayish officers arrested two men.", "Asayish", "asayish"),
    (
        "The Kurdistan Region Counter-Terrorism Department said a drone fell.",
        "Kurdistan Region Counter-Terrorism Department",
        "krg-counter-terrorism",
    ),
    ("Zeravani units guarded the road.", "Zeravani", "zeravani"),
    # Iraqi state bodies
    ("An Iraqi Army patrol found the launcher.", "Iraqi Army", "iraqi-army"),
    ("The Federal Police sealed the area.", "Federal Police", "iraqi-federal-police"),
    (
        "The Joint Operations Command said three rockets fell.",
        "Joint Operations Command",
        "iraqi-joint-operations-command",
    ),
    ("The Security Media Cell reported no casualties.", "Security Media Cell", "security-media-cell"),
    (
        "Officers of the Iraqi National Intelligence Service met the envoy.",
        "Iraqi National Intelligence Service",
        "iraqi-national-intelligence-service",
    ),
    ("Iraqi Border Guards closed the crossing.", "Iraqi Border Guards", "iraqi-border-guards"),
    # Syrian state and allied forces, the opposition
    ("Syrian government forces shelled the village.", "Syrian government forces", "syrian-arab-army"),
    ("The SAA moved armour to the river.", "SAA", "syrian-arab-army"),
    ("The Fourth Division controls the crossing.", "Fourth Division", "syrian-fourth-division"),
    (
        "Air Force Intelligence officers detained him.",
        "Air Force Intelligence",
        "syrian-air-force-intelligence",
    ),
    ("Russian forces patrolled near Qamishli.", "Russian forces", "russian-armed-forces"),
    ("Turkish forces shelled a village near the border.", "Turkish forces", "turkish-armed-forces"),
    ("A Free Syrian Army unit joined the offensive.", "Free Syrian Army", "free-syrian-army"),
    (
        "The Revolutionary Commando Army patrols the zone.",
        "Revolutionary Commando Army",
        "maghawir-al-thawra",
    ),
    # allied forces, alliances and other groups
    ("Troops of NATO Mission Iraq advise the ministry.", "NATO Mission Iraq", "nato-mission-iraq"),
    ("The Global Coalition to Defeat ISIS met in Rome.", "Global Coalition to Defeat ISIS", "coalition"),
    ("US Marines guarded the compound.", "US Marines", "us-military"),
    ("British forces left the base last year.", "British forces", "uk-armed-forces"),
    ("French troops trained the unit.", "French troops", "french-armed-forces"),
    ("Palestinian Islamic Jihad fired rockets.", "Palestinian Islamic Jihad", "palestinian-islamic-jihad"),
    ("The Qassam Brigades released a video.", "Qassam Brigades", "qassam-brigades"),
    ("A Mossad team was blamed for the killing.", "Mossad", "mossad"),
    ("The cell was linked to al-Qaida.", "al-Qaida", "al-qaeda"),
    ("Hurras al-Din commanders were targeted near Idlib.", "Hurras al-Din", "hurras-al-din"),
    ("Golden Division troops cleared the village.", "Golden Division", "iraqi-counter-terrorism-service"),
    ("The Iranian Revolutionary Guards fired missiles.", "Iranian Revolutionary Guards", "irgc"),
    # people
    ("Abu Ali al-Askari posted a threat on Sunday.", "Abu Ali al-Askari", "abu-ali-al-askari"),
    ("Hashim Finyan Rahim al-Saraji was sanctioned.", "Hashim Finyan Rahim al-Saraji", "abu-alaa-al-walai"),
    (
        "Wissam Mohammed Saber al-Saadi was killed in the strike.",
        "Wissam Mohammed Saber al-Saadi",
        "abu-baqir-al-saadi",
    ),
    ("Seyed Razi Mousavi was buried in Tehran.", "Seyed Razi Mousavi", "razi-mousavi"),
    ("Mohammad Reza Zahedi died in the strike.", "Mohammad Reza Zahedi", "mohammad-reza-zahedi"),
    ("Sadegh Omidzadeh was among the dead.", "Sadegh Omidzadeh", "sadegh-omidzadeh"),
    ("Matthew Miller spoke to reporters.", "Matthew Miller", "matthew-miller"),
    ("Lloyd J. Austin III spoke in Brussels.", "Lloyd J. Austin III", "lloyd-austin"),
    ("Yahya Rasool said the attack failed.", "Yahya Rasool", "yehia-rasool"),
    ("Hassan Nasrallah gave a speech.", "Hassan Nasrallah", "hassan-nasrallah"),
    # sites
    ("Rockets landed near Q-West on Tuesday.", "Q-West", "qayyarah-airfield-west"),
    ("Drones approached Ayn al-Asad Air Base at dawn.", "Ayn al-Asad Air Base", "ain-al-asad-air-base"),
    ("A drone was downed near Al-Taqaddum Air Base.", "Al-Taqaddum Air Base", "al-taqaddum"),
    ("Two rockets struck Camp Taji late on Friday.", "Camp Taji", "taji"),
    ("The convoy left Joint Base Balad at noon.", "Joint Base Balad", "balad-air-base"),
    ("Troops trained Iraqi soldiers at Camp Besmaya.", "Camp Besmaya", "camp-besmaya"),
    ("Katyusha rockets fell near BIAP overnight.", "BIAP", "baghdad-international-airport"),
    ("The attack on Victory Base Complex caused no injuries.", "Victory Base Complex", "victory-base"),
    ("Sirens sounded at the US Embassy in Baghdad.", "US Embassy in Baghdad", "us-embassy-baghdad"),
    ("A drone hit the Conoco gas plant on Sunday.", "Conoco gas plant", "conoco"),
    ("Rockets targeted the al-Omar oilfield base.", "al-Omar oilfield", "al-omar"),
    ("Drones attacked the Rmeilan airfield.", "Rmeilan airfield", "rumeilan"),
    ("A helicopter landed at Kharab al-Jeer.", "Kharab al-Jeer", "kharab-al-jir"),
    ("Shells fell near the Lafarge cement plant.", "Lafarge cement plant", "lafarge-cement-plant"),
    ("A drone struck Tower 22 in Jordan.", "Tower 22", "tower-22"),
    ("The group said it hit the Rukban base.", "Rukban base", "tower-22"),
    ("Jets flew from Muwaffaq al-Salti Air Base.", "Muwaffaq al-Salti Air Base", "muwaffaq-salti"),
    ("Missiles were fired at the T-4 airbase.", "T-4 airbase", "t4-airbase"),
    # towns, districts and provinces
    ("Strikes hit positions near Boukamal.", "Boukamal", "albu-kamal"),
    ("Explosions were heard in Al-Mayadeen.", "Al-Mayadeen", "mayadin"),
    ("The strike hit a farm in Jurf al-Naser.", "Jurf al-Naser", "jurf-al-sakhar"),
    ("Police found the launcher in Tuz Khurmatu.", "Tuz Khurmatu", "tuz-khurmatu"),
    ("A patrol was ambushed near Baiji.", "Baiji", "baiji"),
    ("Shelling was reported around Tal Tamr.", "Tal Tamr", "tal-tamr"),
    ("Pilgrims visited Sayyida Zaynab on Friday.", "Sayyida Zaynab", "sayyida-zeinab"),
    ("The attack happened in Salah ad-Din.", "Salah ad-Din", "salahuddin"),
    ("Militants crossed the Syrian Badia at night.", "Syrian Badia", "syrian-desert"),
    ("Cells are active in Deir al-Zour province.", "Deir al-Zour province", "deir-ez-zor-governorate"),
    ("Two mortar rounds fell in Hit, a town in Anbar.", "Hit", "hit"),
    ("Strikes were reported east of the river in Al-Busayra.", "Al-Busayra", "busayrah"),
    ("Residents of Baghouz fled the shelling.", "Baghouz", "baghuz"),
    # factions named by their PMF brigade number, and newer factions
    ("Fighters of PMF Brigade 46 were killed in the strike.", "PMF Brigade 46", "kataib-hezbollah"),
    ("A checkpoint of Brigade 12 of the PMF was hit.", "Brigade 12 of the PMF", "harakat-al-nujaba"),
    ("Kataib Babiliyoun denied the report.", "Kataib Babiliyoun", "babylon-brigades"),
    # militia leaders, ministers, commanders and spokesmen
    ("Rayan al-Kildani met the governor on Monday.", "Rayan al-Kildani", "rayan-al-kildani"),
    ("Moqtada al-Sadr called for calm.", "Moqtada al-Sadr", "muqtada-al-sadr"),
    ("Defence Minister Thabet al-Abbasi visited the base.", "Thabet al-Abbasi", "thabet-al-abbasi"),
    ("Interior Minister Othman al-Ghanmi gave the figure.", "Othman al-Ghanmi", "othman-al-ghanmi"),
    ("Coalition spokesman Col. Myles B. Caggins III confirmed it.", "Myles B. Caggins III", "myles-caggins"),
    ("Col. Wayne Marotto said no troops were hurt.", "Wayne Marotto", "wayne-marotto"),
    ("Lt. Gen. Paul Calvert took command in September.", "Paul Calvert", "paul-calvert"),
    ("Capt. Bill Urban, a CENTCOM spokesman, declined to comment.", "Bill Urban", "bill-urban"),
    ("SDF commander Mazloum Abdi spoke to reporters.", "Mazloum Abdi", "mazloum-abdi"),
    ("KRG spokesman Jotiar Adil condemned the attack.", "Jotiar Adil", "jotiar-adil"),
    ("Massoud Barzani received the envoy.", "Massoud Barzani", "masoud-barzani"),
    ("Envoy Brett McGurk arrived in Baghdad.", "Brett McGurk", "brett-mcgurk"),
    ("Iraj Masjedi, Iran's ambassador, attended.", "Iraj Masjedi", "iraj-masjedi"),
]


@pytest.mark.parametrize(
    ("sentence", "surface", "slug"), SPELLINGS, ids=[s[2] + ":" + s[1] for s in SPELLINGS]
)
def test_a_spelling_resolves_to_its_entity(
    extractor: Extractor, sentence: str, surface: str, slug: str
) -> None:
    found = [(m.text, m.ref.iri) for m in _mentions(extractor, sentence)]
    assert (surface, KGR + slug) in found


FALSE_FRIENDS = [
    "The drone hit the runway and failed to explode.",
    "He called it a victory for the union and the tower crews.",
    "Officials spoke of peace and the badia grazing land.",
    "The urban funk of the city and its white walls drew visitors.",
    "The 45th brigade of the army and a second brigade moved north.",
]


@pytest.mark.parametrize("sentence", FALSE_FRIENDS)
def test_common_words_are_not_places_or_groups(extractor: Extractor, sentence: str) -> None:
    assert [m.text for m in _mentions(extractor, sentence) if m.label != "WEAPON"] == []


def test_no_spelling_names_two_entities(extractor: Extractor) -> None:
    """Two entities matching the same words would be a coin toss in the gazetteer's longest-match pass."""
    owners: dict[tuple[str, str], set[str]] = {}
    for pattern in entity_patterns(lambda text: [t.text for t in extractor.nlp.make_doc(text)]):
        owners.setdefault((pattern["match"], pattern["pattern"]), set()).add(pattern["id"])
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_a_backed_cue_is_not_swallowed_into_a_name(extractor: Extractor) -> None:
    """ "US-backed SDF" names the SDF: the words before it are read as who backs it, not as its name."""
    found = [
        (m.text, m.ref.iri)
        for m in _mentions(extractor, "The US-backed Syrian Democratic Forces held the town.")
    ]
    assert ("Syrian Democratic Forces", KGR + "sdf") in found
