"""Generate a synthetic corpus of news articles for benchmarks: deterministic by seed, N up to 100k+.

The articles read like the real ones kg is built for: outlets with their own datelines, date
formats and page furniture (menus, share buttons, "Read more" links, comment boxes); attacks on
bases and facilities named as in ``ontology/reference/*.ttl`` (every spelling, including the
alternative labels), claims, attributions, interceptions, casualty figures, background paragraphs;
and about one article in ten off topic (oil, football, weather, elections). Several outlets report
each synthetic incident, in different words, so incident linking has something to link.

Article ``i`` depends only on (seed, i): ``--count 10000`` is the first 10,000 articles of
``--count 100000``, and ``--start 10000 --count 100`` adds the next 1% to a 10k corpus.

Examples:
  python bench/generate_corpus.py --count 1000 --out /tmp/corpus-1k
  python bench/generate_corpus.py --count 100 --start 1000 --out /tmp/corpus-1k   # +10%
  python bench/generate_corpus.py --count 1000 --jsonl /tmp/corpus-1k.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pyoxigraph import parse

ROOT = Path(__file__).resolve().parent.parent
KGO = "https://w3id.org/conflict-kg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FIRST_DAY = date(2019, 12, 1)
SPAN_DAYS = 5 * 365


@dataclass(frozen=True)
class Entity:
    iri: str
    kind: str
    label: str
    alt: tuple[str, ...]
    within: str | None  # the label of the place it is located in, if any


def load_reference() -> dict[str, list[Entity]]:
    """Reference actors and places by class local name, sorted by IRI so choices are stable."""
    types: dict[str, set[str]] = defaultdict(set)
    pref: dict[str, str] = {}
    alt: dict[str, list[str]] = defaultdict(list)
    located: dict[str, str] = {}
    for path in sorted((ROOT / "ontology" / "reference").glob("*.ttl")):
        for q in parse(path=str(path)):
            s, p, o = q.subject.value, q.predicate.value, q.object.value
            if p == RDF_TYPE and o.startswith(KGO):
                types[s].add(o[len(KGO) :])
            elif p == SKOS + "prefLabel":
                pref[s] = o
            elif p == SKOS + "altLabel":
                alt[s].append(o)
            elif p == KGO + "locatedIn":
                located[s] = o
    by_kind: dict[str, list[Entity]] = defaultdict(list)
    for iri in sorted(types):
        if iri not in pref:
            continue
        within = pref.get(located.get(iri, ""))
        for kind in sorted(types[iri]):
            by_kind[kind].append(Entity(iri, kind, pref[iri], tuple(sorted(alt[iri])), within))
    return by_kind


@dataclass(frozen=True)
class Outlet:
    name: str
    dateline: str  # "{CITY}" is replaced by the upper-case city, "{city}" as written
    date_style: str
    header: tuple[str, ...]
    footer: tuple[str, ...]


OUTLETS = (
    Outlet(
        "Rudaw",
        "{CITY}, Kurdistan Region -",
        "%d-%m-%Y",
        ("A+ A-", "Rudaw English"),
        ("Comments", "Be the first to comment"),
    ),
    Outlet(
        "Reuters",
        "{CITY}, (Reuters) -",
        "%B %d, %Y",
        ("Skip to main content", "World"),
        ("Our Standards: The Thomson Reuters Trust Principles.",),
    ),
    Outlet(
        "Associated Press",
        "{CITY} (AP) —",
        "%B %d, %Y",
        ("Share", "Copy Link copied"),
        ("The Latest", "More from AP"),
    ),
    Outlet(
        "Al-Monitor",
        "{city} —",
        "%b %d, %Y",
        ("Subscribe", "Newsletters"),
        ("Related Topics", "Sign up for our newsletter"),
    ),
    Outlet(
        "Kurdistan24",
        "{CITY} (Kurdistan24) \u2013",
        "%d/%m/%Y",
        ("Home", "Kurdistan", "Iraq", "World"),
        ("Comments", "Most Read"),
    ),
    Outlet(
        "Shafaq News",
        "Shafaq News/",
        "%Y-%m-%d",
        ("Shafaq News", "Politics"),
        ("Related news", "Follow us on Telegram"),
    ),
    Outlet("The National", "{city}:", "%B %d, %Y", ("The National", "MENA"), ("Updated:", "Most popular")),
    Outlet(
        "Stars and Stripes",
        "{CITY} —",
        "%B %d, %Y",
        ("Stars and Stripes", "Middle East"),
        ("Comments", "Related"),
    ),
    Outlet("Gulan Media", "", "%B %d, %Y", ("logo",), ("Top",)),
    Outlet("Al Jazeera", "", "%d %b %Y", ("Skip links", "Live"), ("Keep reading", "Most Popular")),
    Outlet(
        "Military Times",
        "{CITY} —",
        "%b. %d, %Y",
        ("Military Times", "Your Military"),
        ("Read next:", "About"),
    ),
    Outlet(
        "Asharq Al-Awsat", "{city} -", "%A, %d %B, %Y", ("Asharq Al-Awsat English",), ("Share", "Most Viewed")
    ),
)

MENU = (
    "Home",
    "News",
    "Politics",
    "Business",
    "Opinion",
    "Video",
    "Podcasts",
    "Sports",
    "Culture",
    "Subscribe",
)
SHARE = ("Share on Facebook", "Share on Twitter", "Share via WhatsApp", "Share via Email", "Print")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

WEAPONS = {
    "drone": (
        "a drone",
        "an explosive-laden drone",
        "two drones",
        "three one-way attack drones",
        "a kamikaze drone",
        "drones",
    ),
    "rocket": ("rockets", "a barrage of rockets", "three Katyusha rockets", "several rockets", "two rockets"),
    "mortar": ("mortar rounds", "a mortar shell", "several mortar bombs"),
    "ballisticMissile": ("ballistic missiles", "a ballistic missile", "short-range ballistic missiles"),
    "ied": ("a roadside bomb", "an improvised explosive device"),
}
ATTACK_VERBS = ("targeted", "struck", "hit", "attacked", "slammed into", "was fired at")
NOUN_FORMS = {
    "drone": ("drone attack", "drone strike", "one-way drone attack"),
    "rocket": ("rocket attack", "rocket strike", "rocket barrage"),
    "mortar": ("mortar attack", "mortar strike"),
    "ballisticMissile": ("missile attack", "ballistic missile strike"),
    "ied": ("roadside bomb attack", "IED attack"),
}
SOURCES = (
    "a security source told {outlet}",
    "a US defense official said",
    "the Pentagon said in a statement",
    "US Central Command (CENTCOM) said",
    "a spokesperson for the US-led coalition said",
    "Iraqi security officials said",
    "two officials who spoke on condition of anonymity said",
    "the Syrian Observatory for Human Rights reported",
)
OUTCOMES = (
    "There were no injuries and no damage, officials said.",
    "No casualties were reported.",
    "{n} US service members suffered minor injuries and have since returned to duty.",
    "{n} US personnel were treated for traumatic brain injuries.",
    "The attack caused minor damage to infrastructure, according to the statement.",
    "One of the drones was intercepted by the base's air defenses; the other hit an empty hangar.",
    "All the projectiles were shot down by air defense systems before reaching the base.",
    "{n} soldiers were killed and dozens wounded, the Pentagon said.",
)
BACKGROUND = (
    "Iran-backed groups have launched more than {n} attacks on US forces in Iraq and Syria since "
    "mid-October, "
    "according to the Pentagon, in what they describe as retaliation for Washington's support for Israel in "
    "the "
    "war in Gaza.",
    "The United States has about 2,500 troops in Iraq and 900 in Syria as part of the international "
    "coalition "
    "fighting the remnants of the Islamic State group.",
    "Tensions have been high since the January 2020 killing of Qasem Soleimani, the commander of Iran's Quds "
    "Force, and Abu Mahdi al-Muhandis, deputy head of the Popular Mobilization Forces, in a US drone strike "
    "near "
    "Baghdad International Airport.",
    "Iraqi Prime Minister Mohammed Shia al-Sudani has condemned attacks on diplomatic missions and said his "
    "government would pursue those responsible.",
    "The Islamic Resistance in Iraq is an umbrella of Iran-aligned armed factions that emerged after "
    "October 7 "
    "and has regularly claimed attacks on bases hosting US troops.",
    "Washington has repeatedly warned that it would respond at a time and place of its choosing to attacks "
    "on "
    "its personnel.",
    "Iraqi lawmakers allied with the armed factions have called for the withdrawal of foreign forces from "
    "the "
    "country, a demand the government says it is negotiating with the coalition.",
    "The coalition said the base hosts Iraqi and Kurdish forces as well as advisers from several countries, "
    "who "
    "train and support local partners in operations against Islamic State cells in the desert.",
    "Analysts say the armed factions use attacks on US positions to press for a withdrawal while avoiding an "
    "escalation that would draw a large-scale response, and that most of the drones used are assembled from "
    "Iranian-designed kits.",
    "The Kurdistan Regional Government condemned the attack, calling it a threat to the stability of the "
    "region "
    "and to the safety of civilians living near the airport.",
    "Officials in Baghdad have struggled to rein in the factions, many of which are part of the "
    "state-sanctioned "
    "Popular Mobilization Forces and hold seats in parliament.",
    "Air defence systems at the base include counter-rocket, artillery and mortar (C-RAM) batteries, which "
    "officials say have intercepted most of the projectiles fired in recent months.",
    "Residents near the base said they heard several loud explosions followed by the sound of sirens, and "
    "that smoke could be seen rising from inside the compound for about an hour.",
)
RESPONSES = (
    "Hours later, US aircraft struck facilities used by {group} in {city}, the Pentagon said, adding that "
    "the "
    'strikes were "necessary and proportionate".',
    "In response, the United States carried out airstrikes on two sites in {city} linked to {group}, "
    "according to "
    "a statement from US Central Command.",
    "A US defense official said Washington was weighing its options and would hold the groups responsible.",
    "Iraqi security forces said they had found the launch site near {city}, along with an unused rocket "
    "launcher.",
)
QUOTES = (
    '"We will not hesitate to take necessary action to defend our forces," {speaker} said.',
    '"These attacks must stop," {speaker} told reporters at a briefing.',
    '"Our operations will continue as long as the occupation remains," the group said in a statement on '
    "Telegram.",
    '"The attacks are unacceptable and endanger the lives of Iraqis," {speaker} said in a statement.',
)
OFF_TOPIC = (
    (
        "Oil exports from Kurdistan Region remain halted as talks continue",
        "Talks between Baghdad and Erbil over the resumption of oil exports through the Iraq-Turkey "
        "pipeline made "
        "little progress on {weekday}, officials said. The pipeline has been shut since March, costing the "
        "region "
        "an estimated {n} million dollars a month.",
        "Oil ministry spokesman said technical teams would meet again next week. Traders said Brent crude "
        "rose "
        "slightly on the news.",
    ),
    (
        "Iraq beat Jordan in Asian Cup qualifier",
        "Iraq's national football team beat Jordan {n}-1 in a World Cup and Asian Cup qualifier in Basra on "
        "{weekday}, sending thousands of fans into the streets of Baghdad to celebrate.",
        "The coach praised the defence and said the team would travel to Erbil for a training camp.",
    ),
    (
        "Heatwave pushes temperatures above 50C in southern Iraq",
        "Temperatures in Basra and Baghdad climbed above 50 degrees Celsius on {weekday}, prompting "
        "authorities to "
        "declare a public holiday, the meteorological office said.",
        "Power cuts of up to {n} hours a day have fuelled protests in several provinces.",
    ),
    (
        "Provincial elections: turnout and results",
        "Iraq's electoral commission announced the results of provincial council elections on {weekday}, "
        "with "
        "turnout reported at {n} percent.",
        "Coalitions close to Prime Minister Mohammed Shia al-Sudani made gains in Baghdad and Basra, while "
        "Kurdish "
        "parties held their seats in Kirkuk.",
    ),
    (
        "Central bank moves to curb dollar shortage",
        "The Central Bank of Iraq on {weekday} announced new measures to stabilise the dinar, which has lost "
        "about {n} percent against the dollar on the parallel market.",
        "Economists in Erbil said the measures would take months to show effect.",
    ),
)


@dataclass(frozen=True)
class Incident:
    day: date
    target: Entity
    weapon: str
    group: Entity
    claimed: bool
    outcome: str
    casualties: int


class Generator:
    """Articles from a seed; article ``i`` and incident ``k`` depend only on the seed and the index."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        ref = load_reference()
        self.targets = ref["MilitaryBase"] + ref["Facility"]
        self.groups = [
            g
            for g in ref["ArmedGroup"]
            if g.label not in {"Hamas", "Islamic State", "Syrian Democratic Forces"}
        ]
        spokespeople = {"Lloyd Austin", "Joe Biden", "Mohammed Shia al-Sudani", "Sabrina Singh"}
        self.speakers = [p for p in ref["Person"] if p.label in spokespeople]
        self.cities = ref["City"]

    def _rng(self, *parts: object) -> random.Random:
        key = "|".join(str(p) for p in (self.seed, *parts))
        return random.Random(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big"))

    def incident(self, k: int) -> Incident:
        r = self._rng("incident", k)
        return Incident(
            day=FIRST_DAY + timedelta(days=(k * 7 + r.randrange(7)) // 5 % SPAN_DAYS),
            target=r.choice(self.targets),
            weapon=r.choice(list(WEAPONS)),
            group=r.choice(self.groups),
            claimed=r.random() < 0.6,
            outcome=r.choice(OUTCOMES),
            casualties=r.randrange(1, 40),
        )

    def article(self, i: int) -> dict[str, str]:
        """One article: ``id``, ``outlet``, ``title``, ``published`` (ISO), ``text`` (page), ``body``."""
        r = self._rng("article", i)
        outlet = r.choice(OUTLETS)
        if r.random() < 0.1:
            title, body, published = self._off_topic(r)
        else:
            title, body, published = self._report(r, i, outlet)
        text = self._page(r, outlet, title, body, published)
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        return {
            "id": f"{i:06d}_{digest}",
            "outlet": outlet.name,
            "title": title,
            "published": published.isoformat(),
            "text": text,
            "body": body,
        }

    def _name(self, r: random.Random, entity: Entity) -> str:
        names = [entity.label, *entity.alt]
        return names[0] if r.random() < 0.5 else r.choice(names)

    def _report(self, r: random.Random, i: int, outlet: Outlet) -> tuple[str, str, date]:
        incidents = [self.incident(max(0, i // 3 + r.randrange(-4, 5)))]
        if r.random() < 0.3:
            incidents.append(self.incident(max(0, i // 3 - r.randrange(5, 40))))
        main = incidents[0]
        published = main.day + timedelta(days=r.choice((0, 1, 1, 1, 2, 3)))
        cities = {c.label for c in self.cities}
        city = (
            main.target.within
            if main.target.within in cities
            else r.choice(("Baghdad", "Erbil", "Washington"))
        )
        city = city.split(" ")[0]
        noun = r.choice(NOUN_FORMS[main.weapon])
        target = self._name(r, main.target)
        title = r.choice(
            (
                f"{noun.capitalize()} targets {target}",
                f"US forces attacked at {target}",
                f"{main.group.label} claims {noun} on US base",
                f"Base housing US troops hit in {noun}",
                f"{r.choice(WEAPONS[main.weapon]).capitalize()} launched at {target}",
            )
        )
        dateline = outlet.dateline.replace("{CITY}", city.upper()).replace("{city}", city)
        paragraphs = [f"{dateline} {self._event_sentence(r, outlet, main, published)}".strip()]
        paragraphs.append(self._claim(r, main))
        paragraphs.append(r.choice(OUTCOMES).format(n=main.casualties % 9 + 1))
        if r.random() < 0.4:
            city = r.choice(self.cities).label
            paragraphs.append(r.choice(RESPONSES).format(group=self._name(r, main.group), city=city))
        if r.random() < 0.5:
            speaker = r.choice(self.speakers)
            paragraphs.append(r.choice(QUOTES).format(speaker=self._name(r, speaker)))
        for other in incidents[1:]:
            paragraphs.append("Earlier, " + self._event_sentence(r, outlet, other, published))
        for line in r.sample(BACKGROUND, r.randrange(3, 9)):
            paragraphs.append(line.format(n=r.randrange(60, 180)))
        if r.random() < 0.3:
            paragraphs.insert(r.randrange(1, len(paragraphs)), f"Read more: {r.choice(BACKGROUND)[:70]}...")
        return title, "\n\n".join(paragraphs), published

    def _event_sentence(self, r: random.Random, outlet: Outlet, incident: Incident, published: date) -> str:
        delta = (published - incident.day).days
        if 0 < delta < 7:
            when = r.choice(("on ", "late on ", "early on ")) + WEEKDAYS[incident.day.weekday()]
        elif delta:
            when = f"on {incident.day.strftime('%B')} {incident.day.day}"
        else:
            when = r.choice(
                ("overnight", "earlier today", "this morning", "on " + WEEKDAYS[incident.day.weekday()])
            )
        weapon = r.choice(WEAPONS[incident.weapon])
        target = self._name(r, incident.target)
        where = f" in {incident.target.within}" if incident.target.within and r.random() < 0.6 else ""
        source = r.choice(SOURCES).format(outlet=outlet.name)
        noun = r.choice(NOUN_FORMS[incident.weapon])
        return r.choice(
            (
                f"{weapon.capitalize()} {r.choice(ATTACK_VERBS)} {target}{where} {when}, {source}.",
                f"{_a(noun).capitalize()} {r.choice(ATTACK_VERBS)} {target}{where} {when}, {source}.",
                f"US forces at {target}{where} came under attack by {weapon} {when}, {source}.",
                f"{source.capitalize()} that {weapon} {r.choice(ATTACK_VERBS)} {target}{where} {when}.",
            )
        )

    def _claim(self, r: random.Random, incident: Incident) -> str:
        group = self._name(r, incident.group)
        weapon = r.choice(WEAPONS[incident.weapon])
        if incident.claimed:
            return r.choice(
                (
                    f"{group} claimed responsibility for the attack in a statement on Telegram.",
                    f"The attack was claimed by {group}, an Iran-backed militia.",
                    f"In a statement, {group} said it had targeted the base with {weapon}.",
                )
            )
        return r.choice(
            (
                f"No group immediately claimed responsibility, but US officials blamed {group}.",
                f"Officials attributed the attack to Iran-backed militias, including {group}.",
                "No group has claimed responsibility for the attack.",
            )
        )

    def _off_topic(self, r: random.Random) -> tuple[str, str, date]:
        title, first, second = r.choice(OFF_TOPIC)
        published = FIRST_DAY + timedelta(days=r.randrange(SPAN_DAYS))
        fill = {"weekday": r.choice(WEEKDAYS), "n": r.randrange(2, 90)}
        extra = [r.choice(BACKGROUND[1:4]).format(n=0)] if r.random() < 0.3 else []
        return title, "\n\n".join([first.format(**fill), second.format(**fill), *extra]), published

    def _page(self, r: random.Random, outlet: Outlet, title: str, body: str, published: date) -> str:
        lines: list[str] = []
        if r.random() < 0.5:
            lines.append(" | ".join(r.sample(MENU, r.randrange(3, 7))))
        lines.extend(outlet.header[: r.randrange(1, len(outlet.header) + 1)])
        lines += ["", title, ""]
        stamp = published.strftime(outlet.date_style)
        lines.append(
            r.choice((stamp, f"{outlet.name} {stamp}", f"Published {stamp}", f"{stamp}\n{outlet.name}"))
        )
        lines.append("")
        if r.random() < 0.3:
            lines += [r.choice(SHARE), ""]
        lines.append(body)
        lines.append("")
        lines.extend(outlet.footer)
        if r.random() < 0.4:
            lines += ["", f"© {published.year} {outlet.name}. All rights reserved."]
        return "\n".join(lines) + "\n"


def _a(noun: str) -> str:
    """NOUN with its indefinite article.

    >>> _a("IED attack"), _a("drone strike")
    ('an IED attack', 'a drone strike')
    """
    return f"an {noun}" if noun[0] in "AEIOUaeiou" else f"a {noun}"


def to_html(article: dict[str, str]) -> str:
    """The article as a small web page: title, meta date, nav and footer around the body."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in article["body"].split("\n\n") if p.strip())
    return (
        f"<!DOCTYPE html>\n<html><head><title>{article['title']} | {article['outlet']}</title>\n"
        f'<meta property="article:published_time" content="{article["published"]}">\n'
        f'<meta property="og:site_name" content="{article["outlet"]}"></head>\n'
        "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\n"
        f"<article><h1>{article['title']}</h1>\n"
        f"{paragraphs}</article>\n<footer>Copyright {article['outlet']}</footer></body></html>\n"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, required=True, help="how many articles")
    parser.add_argument(
        "--start", type=int, default=0, help="index of the first article (to add to a corpus)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="folder for one .txt (or .html) file per article")
    parser.add_argument("--jsonl", type=Path, help="one JSON Lines file (id, outlet, title, published, text)")
    parser.add_argument(
        "--html-share", type=float, default=0.0, help="share of --out articles written as HTML"
    )
    args = parser.parse_args(argv)
    if not args.out and not args.jsonl:
        parser.error("give --out FOLDER and/or --jsonl FILE")
    gen = Generator(args.seed)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    jsonl = args.jsonl.open("a", encoding="utf-8") if args.jsonl else None
    for i in range(args.start, args.start + args.count):
        article = gen.article(i)
        if args.out:
            if gen._rng("html", i).random() < args.html_share:
                (args.out / f"{article['id']}.html").write_text(to_html(article), encoding="utf-8")
            else:
                (args.out / f"{article['id']}.txt").write_text(article["text"], encoding="utf-8")
        if jsonl:
            record = {k: v for k, v in article.items() if k != "body"}
            jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
    if jsonl:
        jsonl.close()
    print(f"wrote {args.count} article(s) from index {args.start} (seed {args.seed})", file=sys.stderr)


if __name__ == "__main__":
    main()
