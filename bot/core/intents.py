"""Intent templates with slots, and the fuzzy matcher that picks an intent.

Recognised names are replaced by slot tokens ({artist}, {work}, {ceremony},
{category}, {year}, {date}); the remaining words are compared with each
template word by word (typos tolerated), and the best-covered template wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

SLOTS = ("{artist}", "{work}", "{ceremony}", "{category}", "{year}", "{date}")

# Words with little weight when matching (they rarely decide an intent).
LIGHT = frozenset(
    "the a an at in of on for to is was were did does do has have had their his her its by with and or be been "
    "are this that my your me please pls tell you know can could i any ever".split()
)

# Word variants folded to one concept before matching.
CONCEPTS = {
    "won": "win",
    "wins": "win",
    "winning": "win",
    "winner": "win",
    "winners": "win",
    "bagged": "win",
    "snagged": "win",
    "snag": "win",
    "bag": "win",
    "grabbed": "win",
    "earned": "win",
    "scored": "win",
    "nominees": "nominated",
    "nominee": "nominated",
    "nomination": "nominated",
    "nominations": "nominated",
    "nominate": "nominated",
    "canceled": "cancelled",
    "cancel": "cancelled",
    "cancelation": "cancelled",
    "cancellation": "cancelled",
    "called": "call",
    "performed": "perform",
    "performing": "perform",
    "performance": "perform",
    "performances": "perform",
    "sang": "perform",
    "sing": "sings",
    "released": "release",
    "releases": "release",
    "drop": "release",
    "dropped": "release",
    "come": "came",
    "founded": "found",
    "founder": "found",
    "created": "found",
    "creator": "found",
    "create": "found",
    "established": "found",
    "establish": "found",
    "started": "found",
    "start": "found",
    "begin": "found",
    "chosen": "choose",
    "decided": "choose",
    "decide": "choose",
    "selected": "choose",
    "select": "choose",
    "picked": "choose",
    "determined": "choose",
    "voted": "vote",
    "votes": "vote",
    "voting": "vote",
    "attended": "attend",
    "attending": "attend",
    "awards": "award",
    "prizes": "award",
    "prize": "award",
    "trophies": "award",
    "trophy": "award",
    "times": "time",
    "songs": "song",
    "tracks": "song",
    "track": "song",
    "single": "song",
    "members": "member",
    "records": "record",
    "firsts": "first",
    "artists": "artist",
    "categories": "category",
    "enlisted": "enlist",
    "enlistment": "enlist",
    "military": "enlist",
    "beat": "beat",
    "defeated": "beat",
    "against": "against",
    "competed": "compete",
    "competing": "compete",
    "streaks": "streak",
    "straight": "row",
    "consecutive": "row",
    "consecutively": "row",
    "place": "where",
    "location": "where",
    "city": "where",
    "venue": "where",
    "held": "held",
    "featuring": "featured",
    "feat": "featured",
    "ft": "featured",
    "features": "featured",
    "feature": "featured",
    "happen": "happened",
    "happens": "happened",
    "occurred": "happened",
    "events": "happened",
    "accept": "accepted",
    "accepting": "accepted",
    "collected": "accepted",
    "received": "win",
    "receive": "win",
    "got": "win",
    "get": "win",
    "take": "win",
    "took": "win",
    "achieved": "win",
}


@dataclass(frozen=True)
class Template:
    """One phrasing of an intent."""

    intent: str
    words: tuple[str, ...]
    weights: tuple[float, ...]
    weight: float
    slots: frozenset[str]


def concept(word: str) -> str:
    """Fold a word to the concept it stands for."""
    return CONCEPTS.get(word, word)


def _weight(word: str) -> float:
    if word in SLOTS:
        return 1.5
    return 0.2 if word in LIGHT else 1.0


TEMPLATES: dict[str, tuple[str, ...]] = {
    "count_wins": (
        "how many {ceremony} did {artist} win",
        "how many {ceremony} did {artist} win in {year}",
        "how many award did {artist} win at the {year} {ceremony}",
        "how many award did {artist} win at the {ceremony}",
        "how many {ceremony} has {artist} won",
        "how many {ceremony} award has {artist} won in total",
        "how many award has {artist} won",
        "how many time has {artist} won {category}",
        "how many time did {artist} win {category}",
        "number of {ceremony} win for {artist}",
        "{artist} {ceremony} win count",
        "how many {ceremony} award does {artist} have",
        "how many award does {artist} have",
        "total {ceremony} win {artist}",
        "how many {category} did {artist} win",
        "how many award did {artist} win in {year}",
    ),
    "list_wins": (
        "what did {artist} win at the {year} {ceremony}",
        "what did {artist} win at the {ceremony}",
        "which award did {artist} win at the {year} {ceremony}",
        "what award has {artist} won",
        "list {artist} win at the {ceremony}",
        "{artist} {ceremony} {year}",
        "{artist} {ceremony}",
        "{artist} {year} {ceremony} award",
        "what category did {artist} win in {year}",
        "what did {artist} win in {year}",
        "{artist} award",
        "{artist} {year} award",
        "what award did {artist} take home at the {year} {ceremony}",
    ),
    "who_won": (
        "who won {category} at the {year} {ceremony}",
        "who won {category} at the {ceremony} {year}",
        "who won {category} in {year}",
        "who won {category}",
        "who won the {year} {ceremony} {category}",
        "which song won {category} at the {year} {ceremony}",
        "which artist won {category} at the {year} {ceremony}",
        "{category} win {year} {ceremony}",
        "{category} {year} {ceremony}",
        "{category} {ceremony} {year}",
        "{category} {ceremony}",
        "{category}",
        "{category} {year}",
        "who won at the {year} {ceremony}",
        "win of the {year} {ceremony}",
        "who won {category} at the {ceremony}",
        "who has won {category}",
        "who was the {category} at the {year} {ceremony}",
        "what song won {category}",
    ),
    "nominees": (
        "who was nominated for {category} at the {year} {ceremony}",
        "who were the nominated for {category} at the {year} {ceremony}",
        "nominated for {category} {year} {ceremony}",
        "who was up for {category} at the {year} {ceremony}",
        "who did {artist} beat for {category} at the {year} {ceremony}",
        "who did {artist} beat at the {year} {ceremony}",
        "who did {artist} beat for {category}",
        "who was {artist} up against for {category}",
        "who did {artist} compete against for {category}",
        "who else was nominated for {category}",
        "which song were nominated for {category} at the {year} {ceremony}",
        "{category} nominated {year} {ceremony}",
        "who was nominated for {category}",
        "who was in the running for {category}",
        "who did {work} beat",
        "who lost to {artist} for {category}",
        "who were the {category} nominated in {year}",
        "{category} nominated {year}",
        "who was nominated for {category} in {year}",
        "who were the nominated for {category}",
        "who was nominated alongside {artist} for {category}",
    ),
    "did_win": (
        "did {artist} win {category} at the {year} {ceremony}",
        "did {artist} win {category}",
        "did {artist} win at the {year} {ceremony}",
        "did {artist} win a {ceremony} in {year}",
        "has {artist} ever won {category}",
        "has {artist} won a {ceremony}",
        "did {artist} win {category} in {year}",
        "was {artist} nominated for {category} at the {year} {ceremony}",
        "was {artist} nominated for {category}",
        "did {artist} get nominated for {category}",
        "is {artist} a {ceremony} win",
        "did {work} win {category}",
        "did {artist} win {category} at the {ceremony}",
        "did {work} win {category} at the {year} {ceremony}",
        "did {artist} win the {category} award",
    ),
    "when_won": (
        "when did {artist} win {category}",
        "when did {artist} win {category} at the {ceremony}",
        "what year did {artist} win {category}",
        "when did {artist} win their first {ceremony}",
        "what was {artist} first {ceremony} award",
        "when did {artist} first win at the {ceremony}",
        "when did {artist} win a {ceremony}",
        "{artist} first {ceremony} win",
        "{artist} {category} {ceremony}",
        "{artist} {category}",
        "what year did {artist} win their first {ceremony}",
        "when did {work} win {category}",
        "in which year did {artist} win {category}",
        "what was the first {ceremony} {artist} won",
        "when was {artist} first {ceremony} win",
    ),
    "record": (
        "how many row time has {artist} won {category}",
        "how many time in a row has {artist} won {category}",
        "what record does {artist} hold",
        "what record does {artist} hold at the {ceremony}",
        "who was the first kpop soloist to win {category} at the {ceremony}",
        "which was the first kpop group to perform at the {ceremony}",
        "who was the first asian act to win {category}",
        "what first does {artist} have at the {ceremony}",
        "what streak does {artist} have at the {ceremony}",
        "who has the most {ceremony} award",
        "who holds the record for the most {ceremony} award",
        "who is the most awarded kpop soloist at the {ceremony}",
        "how many day did {work} spend at number one on spotify",
        "how many stream does {work} have",
        "what chart record does {work} hold",
        "{artist} record",
        "how many year in a row has {artist} won at the {ceremony}",
        "what milestone did {work} reach",
        "is {artist} the first kpop act to win {category}",
        "who was the first to win {category}",
        "how many daesang does {artist} have",
        "what record did {artist} break",
        "was {artist} the first asian artist to win {category} at the {ceremony}",
    ),
    "song_fact": (
        "when was {work} released",
        "when did {artist} release {work}",
        "who is featured on {work}",
        "who is featured on {artist} {work}",
        "who sings {work}",
        "who is {work} by",
        "release date of {work}",
        "tell me about {work}",
        "{work}",
        "what is {work}",
        "{artist} {work}",
        "who was on {work} with {artist}",
        "when did {work} come out",
        "who featured on {work}",
        "what song did {artist} debut with",
    ),
    "edition_fact": (
        "where was the {year} {ceremony} held",
        "when was the {year} {ceremony}",
        "when were the {year} {ceremony} held",
        "why was the {year} {ceremony} cancelled",
        "why was the {year} {ceremony} ceremony cancelled",
        "was the {year} {ceremony} cancelled",
        "who perform at the {year} {ceremony}",
        "what song did {artist} perform at the {year} {ceremony}",
        "what did {artist} perform at the {year} {ceremony}",
        "who did {artist} perform with at the {year} {ceremony}",
        "did {artist} attend the {year} {ceremony}",
        "who attend the {year} {ceremony}",
        "who accepted the {category} award at the {year} {ceremony}",
        "who accepted the award at the {year} {ceremony}",
        "what happened at the {year} {ceremony}",
        "tell me about the {year} {ceremony}",
        "{year} {ceremony}",
        "where was the {ceremony} supposed to be held in {year}",
        "why was the {ceremony} cancelled",
        "did {artist} perform at the {year} {ceremony}",
        "who was supposed to perform at the {year} {ceremony}",
        "who did not attend the {year} {ceremony}",
        "who accepted {category} for {artist}",
        "where were the {year} {ceremony}",
        "who walked the red carpet at the {year} {ceremony}",
        "who was on the red carpet at the {year} {ceremony}",
    ),
    "ceremony_fact": (
        "who found the {ceremony}",
        "when was the {ceremony} found",
        "when was the first {ceremony}",
        "which network airs the {ceremony}",
        "what channel is the {ceremony} on",
        "how are {ceremony} win choose",
        "how have {ceremony} win been choose since {year}",
        "who vote for the {ceremony}",
        "how were {ceremony} win choose before {year}",
        "what are the {ceremony}",
        "tell me about the {ceremony}",
        "{ceremony}",
        "who choose the {ceremony} win",
        "what network was the {ceremony} found for",
        "how does {ceremony} voting work",
        "when did the {ceremony} found",
        "what year was the {ceremony} found",
    ),
    "on_date": (
        "what happened on {date}",
        "what happened on this day",
        "{date}",
        "on this day {date}",
        "what happened in award history on {date}",
        "anything on {date}",
        "what happened on {date} {year}",
        "what happened today",
        "on this day",
        "{date} {year}",
    ),
    "members": (
        "who are the member of {artist}",
        "who is the leader of {artist}",
        "who is the youngest member of {artist}",
        "who is the maknae of {artist}",
        "how many member does {artist} have",
        "which group is {artist} in",
        "what group is {artist} a member of",
        "{artist} member",
        "who leads {artist}",
    ),
    "about_entity": ("who is {artist}", "tell me about {artist}", "what is {artist}", "{artist}"),
    "event": (
        "what is the latest news about {artist}",
        "what is new with {artist}",
        "when did {artist} enlist",
        "when did {artist} found enlist",
        "is {artist} in the enlist",
        "what did {artist} say on weverse",
        "what did {artist} do in {year}",
        "where did {artist} perform in {year}",
        "did {artist} perform at the world cup",
        "what did {artist} say to {artist}",
        "what concert did {artist} have",
        "which member are serving in the enlist",
        "who congratulated {artist}",
        "what did {artist} say",
        "{artist} enlist",
        "{artist} news",
        "who is serving in the enlist",
        "when did {artist} perform at jingle ball",
        "what message did {artist} send",
        "how did {artist} reply to {artist}",
        "what happened in {year}",
        "what did {artist} do at the world cup",
        "who congratulated {artist} on their {ceremony} win",
        "where did {artist} perform on {date}",
        "which member of {artist} are in the enlist",
        "what did {artist} do on {date}",
    ),
}


def _compile() -> list[Template]:
    out = []
    for intent, phrasings in TEMPLATES.items():
        for text in phrasings:
            words = tuple(concept(w) for w in text.split())
            weights = tuple(_weight(w) for w in words)
            out.append(Template(intent, words, weights, sum(weights), frozenset(w for w in words if w in SLOTS)))
    return out


COMPILED = _compile()
TEMPLATE_WORDS = sorted({w for t in COMPILED for w in t.words if w not in SLOTS})
_TEMPLATE_WORD_SET = frozenset(TEMPLATE_WORDS)
# What a question word is compared with: the template words and the variants folded into them.
_MATCHABLE = sorted(_TEMPLATE_WORD_SET | {variant for variant, c in CONCEPTS.items() if c in _TEMPLATE_WORD_SET})


@lru_cache(maxsize=16384)
def word_matches(word: str) -> dict[str, float]:
    """Return the template words a question word may stand for, with similarity 0-1 (shared: do not modify)."""
    word = concept(word)
    if word in SLOTS:
        return {word: 1.0}
    if word in _TEMPLATE_WORD_SET:
        return {word: 1.0}
    if len(word) < 2 or word.isdigit():
        return {}
    cutoff = 80 if len(word) < 5 else 75
    found = process.extract(word, _MATCHABLE, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
    out: dict[str, float] = {}
    for cand, score, _ in found:
        if abs(len(cand) - len(word)) <= 2:  # a misspelt variant ("fonded") stands for its concept ("found")
            target = concept(cand)
            out[target] = max(out.get(target, 0.0), score / 100)
    return out


@dataclass(frozen=True)
class IntentScore:
    """How well the best phrasing of an intent covers the question."""

    intent: str
    score: float
    template: Template


def rank_intents(words: list[str], allowed: set[str] | None = None) -> list[IntentScore]:
    """Score every intent against slotted question words, best first.

    Each template word is matched to its most similar question word (computed once per
    question); a template's score is the F-measure of how much of the template the
    question covers (recall) and how much of the question the template explains (precision).
    """
    concepts = [concept(w) for w in words]
    weights = [_weight(c) for c in concepts]
    q_weight = sum(weights) or 1.0
    best_for: dict[str, tuple[float, int]] = {}  # template word -> (similarity, question word index)
    for i, w in enumerate(words):
        for tw, sim in word_matches(w).items():
            if sim > best_for.get(tw, (0.0, -1))[0]:
                best_for[tw] = (sim, i)
    q_slots = {c for c in concepts if c in SLOTS}
    light_total = sum(0.2 for c in concepts if c in LIGHT)
    best: dict[str, IntentScore] = {}
    for tpl in COMPILED:
        if (allowed is not None and tpl.intent not in allowed) or not tpl.slots <= q_slots:
            continue
        covered = 0.0
        explained: dict[int, float] = {}
        for tw, weight in zip(tpl.words, tpl.weights, strict=True):
            hit = best_for.get(tw)
            if hit is not None:
                covered += weight * hit[0]
                if hit[0] > explained.get(hit[1], 0.0):
                    explained[hit[1]] = hit[0]
        recall = covered / tpl.weight
        precision = sum(weights[i] * e for i, e in explained.items())
        # Light words the template lacks barely matter; unexplained content words do.
        precision += light_total - sum(0.2 for i in explained if concepts[i] in LIGHT)
        precision /= q_weight
        f = 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)
        current = best.get(tpl.intent)
        if current is None or f > current.score:
            best[tpl.intent] = IntentScore(tpl.intent, f, tpl)
    return sorted(best.values(), key=lambda s: -s.score)
