"""Question analysis: from text to what is asked about, what is asked for, and the words to account for.

The stages, each small: recognise names, years and dates; read Korean words; fold phrases
and synonyms; drop fillers and yes/no tags; correct misspelt words; find the question form
(yes/no, wh-word, the asked attribute and a count's unit); find relations ("before 2020");
and collect the content words that an answer must explain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import OSA

from bot.core.dates import MONTHS, MonthDay
from bot.core.language import Lexicon, lexicon
from bot.core.phrasing import NUMBER_WORDS, ORDINAL_WORDS, TENS
from bot.core.recognition import Mention, Recognized, Recognizer
from bot.core.spelling import Speller
from bot.core.store import FactStore
from bot.core.text import normalize

SLOT_ORDER = ("category", "ceremony", "work", "artist")
_SLOT_TYPES = {"{ceremony}": "ceremony", "{work}": "work", "{category}": "category"}
MONTH_WORDS = frozenset(MONTHS)
WH_WORDS = frozenset("who whom whose what which when where why how".split())
AUXILIARIES = frozenset(
    "did does do is are was were has have had can could will would should didnt doesnt dont isnt arent wasnt werent "
    "hasnt havent".split()
)
NEGATIONS = frozenset("not never didnt doesnt dont isnt arent wasnt werent hasnt havent no".split())
PLURAL_PRONOUNS = frozenset("they their them theirs".split())
_NUMBER_WORDS = {w: i for i, w in enumerate(NUMBER_WORDS)} | TENS
_ORDINALS = {w: i for i, w in enumerate(ORDINAL_WORDS)}
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_DIGITS = re.compile(r"^\d+$")
_YEAR_PREFIX = re.compile(r"^(pre|post)((?:19|20)\d{2})$")
_NUMBER_UNIT = re.compile(r"^(\d{1,3})([a-z]{3,})$")
# Where a message breaks into clauses: sentence ends, colons, dashes, brackets, commas, emoji.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]+")
_LONG_MESSAGE = 18  # words: a message this long is chatter around a question
_DISCOURSE = frozenset("anyway anyways so but and like ok okay well basically honestly lol lmao also".split())
_WHY = re.compile(
    r"\b(?:why|how come)\s+(did|didn't|didnt|was|wasn't|were|is|are|do|does|has|have|had|could|couldn't|couldnt)\b",
    re.IGNORECASE,
)
_ONLY = frozenset({"only", "just", "exactly"})  # "only one award": a number, not "one of"
_POINTERS = frozenset({"it", "that", "this", "they", "them"})
_TIME_OF = frozenset({"while", "time"})  # "while the AMAs were on", "at the time of MAMA 2023"
_SOURCE_BEFORE = frozenset({"according", "mentioned", "per", "reported"})
_SOURCE_AFTER = frozenset({"coverage", "article", "articles", "news", "report", "story"})
_EXCEPT = frozenset({"besides", "except", "excluding", "apart", "aside", "beyond"})
_TIME_UNITS = frozenset({"day", "week", "month", "year", "time"})
_COUNT_NOUNS = frozenset({"count", "tally"})  # "daesang count for bts?"
_SINGULAR_PRONOUNS = frozenset("he him his she her hers".split())
_CLAUSE_BREAK = re.compile(
    r"[!?;\n]+|\.(?=\s+\D)|:\s|\s[-–—]+\s|[()\[\]]|,\s|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200d]+"
)
_WORK_CUES = frozenset({"song", "album", "release", "feature", "stream", "chart", "sing", "perform", "reach", "debut"})
_QUOTES = "\"“”‘’'"


@dataclass(frozen=True)
class Asked:
    """What a question asks for: an answer type (lexicon `answer_types`), a count's unit, the head noun."""

    type: str | None = None
    unit: str | None = None
    head: tuple[str, ...] = ()
    wh: str | None = None


@dataclass(frozen=True)
class Relation:
    """A time relation to a year: before, after or up to it."""

    kind: str  # before | after | until
    year: int


@dataclass
class Question:
    """Everything the engine knows about one question."""

    text: str
    rec: Recognized
    terms: list[str] = field(default_factory=list)  # words and slots, for template matching
    words: list[str] = field(default_factory=list)  # the words that are not names (folded, corrected)
    content: list[str] = field(default_factory=list)  # words an answer must account for
    noise: list[str] = field(default_factory=list)  # everyday words nothing in the facts or the lexicon is about
    artists: list[str] = field(default_factory=list)
    works: list[str] = field(default_factory=list)
    ceremonies: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    other_ceremonies: list[str] = field(default_factory=list)
    misplaced_categories: list[str] = field(default_factory=list)  # named, but not a category of the show named
    years: list[int] = field(default_factory=list)
    dates: list[MonthDay] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    ordinals: list[int] = field(default_factory=list)
    asked: Asked = field(default_factory=Asked)
    yes_no: bool = False
    negated: bool = False
    relation: Relation | None = None
    relative_day: bool = False
    assumed_subject: str | None = None  # "they" read as the main group
    context: str = ""  # the rest of a long message around the question
    months: list[int] = field(default_factory=list)  # months named without a day ("released in August")
    excluded: list[str] = field(default_factory=list)  # categories set aside ("besides Best K-Pop, what ...")
    ranked: list[Any] | None = field(default=None, repr=False)  # the engine's ranking of intents, once made

    def has(self, *concepts: str) -> bool:
        """Say whether any word of the question stands for one of `concepts`."""
        wanted = set(concepts)
        lex = lexicon()
        return any(wanted & lex.concepts(w) for w in self.words)

    @property
    def subjects(self) -> list[str]:
        """Return the artists and works asked about."""
        return [*self.artists, *self.works]

    @property
    def entity_ids(self) -> set[str]:
        """Return every entity, ceremony and category id asked about."""
        return {*self.artists, *self.works, *self.ceremonies, *self.categories}

    @property
    def unknown(self) -> list[str]:
        """Return content words the lexicon does not know (unknown names, nonsense)."""
        lex = lexicon()
        return [w for w in self.content if not lex.known(w) and not lex.is_english(w)]


class Analyzer:
    """Turn question text into a `Question`."""

    def __init__(
        self,
        store: FactStore,
        recognizer: Recognizer,
        template_words: Iterable[str],
        main_group: str | None,
        fact_words: Iterable[str] = (),
    ) -> None:
        self.lexicon: Lexicon = lexicon()
        self.store = store
        self.recognizer = recognizer
        self.template_words = frozenset(template_words)
        self.fact_words = frozenset(w for w in fact_words if w.isalpha())
        known = self.lexicon.vocabulary() | self.template_words | {w for w in self.fact_words if len(w) > 4}
        self.speller = Speller(known - {w for w in known if len(w) < 4}, is_protected=self.lexicon.is_english)
        self._short_words = sorted(
            w
            for w in (WH_WORDS | AUXILIARIES | self.lexicon.function_words | {"win", "won", "wins", "many", "much"})
            if 2 <= len(w) <= 5 and w.isalpha()
        )
        self.main_group = main_group
        self._phrases = _PhraseTable(self.lexicon.phrases)
        lex = self.lexicon
        self._not_content = (
            lex.function_words | lex.fillers | WH_WORDS | set(_RELATIONS) | {"now", "going"} | MONTH_WORDS
        )
        self._reported_phrases = frozenset(self.lexicon.reported)
        self._filler_phrases = _PhraseTable([(p, ()) for p in self.lexicon.filler_phrases])

    def analyse(self, text: str, today: dt.date | None = None, *, carry: tuple[str, ...] = ()) -> Question:
        """Analyse one question (chatter around it, like greetings and thanks, is left out)."""
        focus, context = self.focus(text)
        rec = self.recognizer.recognize(self.core(focus), today)
        rec.mentions = [m for m in rec.mentions if not self._weak_work(m, rec, text) and not _opinion(m, rec)]
        q = Question(text=text, rec=rec, dates=list(rec.dates), relative_day=rec.relative_day is not None)
        self._names(q, rec)
        self._while(q, rec)
        self._set_aside(q, rec)
        q.context = context
        carried = self._carry(q, context, carry) if context else []
        sequence = self._sequence(rec)
        sequence = self._korean(sequence)
        sequence = self._phrases.replace(sequence)
        sequence, q.yes_no = self._yes_no_tags(sequence)
        q.yes_no = q.yes_no or self._reported(sequence)
        sequence = self._filler_phrases.replace(sequence)
        sequence = [self._spell(w) for w in sequence]
        q.terms = sequence + carried
        q.words = [w for w in sequence if not w.startswith("{")]
        self._form(q, sequence)
        self._values(q, sequence)
        q.content, q.noise = self._content(q)
        q.months = [MONTHS[w] for w in q.words if w in MONTHS and len(w) > 3]
        self._assume_subject(q)
        return q

    def claim_of(self, text: str) -> str | None:
        """Return the claim a why-question takes for granted: "why did BTS skip it?" -> "did BTS skip it?"."""
        found = _WHY.search(text)
        if found is None or found.group(1).lower().endswith(("n't", "nt")):
            return None  # "why couldn't Megan make it?": its premise is a negative, which a "no" confirms
        return (text[: found.start()] + found.group(1) + text[found.end() :]).strip()

    # --- clauses and names ----------------------------------------------------------------------
    def focus(self, text: str) -> tuple[str, str]:
        """Pick the question out of a long message; return it and the rest (for names it leaves out).

        "istg i booked a flight in my head lol. was he actually supposed to perform at the 2023 emas?
        i never got the full story": the last sentence that asks something is the question.
        """
        sentences = [s.strip() for s in _SENTENCE_BREAK.split(text) if s and s.strip()]
        if len(sentences) < 2 and len(text.split()) < _LONG_MESSAGE:
            return text, ""
        asking = [s for s in sentences if self._asks(s)]
        named = [s for s in asking if self._carries_names(s)]
        chosen = (named or asking or sentences)[-1]  # "what did JK win? also who made the edits": the first
        chosen = self._last_question(chosen)
        if chosen == text.strip() or self._is_tag(chosen):
            return text, ""  # "... is that true?": the claim before it is the question
        return chosen, text.replace(chosen, " ")

    def _asks(self, sentence: str) -> bool:
        words = [w for w in normalize(sentence).split() if w not in self.lexicon.fillers]
        if not words:
            return False
        return sentence.rstrip().endswith("?") or words[0] in WH_WORDS or words[0] in AUXILIARIES

    def _last_question(self, sentence: str) -> str:
        """Cut a long run-on sentence at its last question: "... neither of us could check anyway how many ..."."""
        words = sentence.split()
        if len(words) < _LONG_MESSAGE:
            return sentence
        for i in range(len(words) - 3, 0, -1):
            word, before = normalize(words[i]), normalize(words[i - 1])
            if word in WH_WORDS and (before in _DISCOURSE or words[i - 1].endswith(",")):
                rest = " ".join(words[i:])
                if self._carries_names(rest) or not self._carries_names(sentence):
                    return rest  # not "... also who made the edits": the named question comes first
        return sentence

    def _carries_names(self, text: str) -> bool:
        rec = self.recognizer.recognize(text)
        return bool(rec.mentions or rec.years or rec.dates)

    def _carry(self, q: Question, context: str, kinds: tuple[str, ...]) -> list[str]:
        """Take what the question leaves out from the rest of the message: who "he" is, and of `kinds`
        ("year", "ceremony") the year and the show the message is about."""
        rec = self.recognizer.recognize(context)
        slots: list[str] = []
        if "ceremony" in kinds and not q.ceremonies and len(set(rec.ids("ceremony"))) == 1:
            q.ceremonies = rec.ids("ceremony")[:1]
            slots.append("{ceremony}")
        if "year" in kinds and not q.years and len(set(rec.years)) == 1:
            q.years = rec.years[:1]
            slots.append("{year}")
        people = [a for a in rec.ids("artist") if self.store.entities[a].kind == "person"]
        if not q.artists and _SINGULAR_PRONOUNS & set(normalize(q.text).split()) and len(set(people)) == 1:
            q.artists = people[:1]
            slots.append("{artist}")
        return slots

    def core(self, text: str) -> str:
        """Keep the clauses that carry the question: names, years, question words; drop greetings and chat."""
        parts = [p.strip() for p in _CLAUSE_BREAK.split(text) if p and p.strip()]
        if len(parts) < 2:
            return text
        kept = [p for i, p in enumerate(parts) if self._carries(p) or self._is_tag(p) or self._referred(parts, i)]
        if not any(self._carries(p) for p in kept):
            return text
        asking = next((i for i, p in enumerate(kept) if self._wh_clause(p) and self._mentions_artist(p)), None)
        if asking:  # "brilliant news about Jungkook, but which gong did BTS collect?": chatter before the question
            kept = [p for i, p in enumerate(kept) if i >= asking or not self._only_artists(p)]
        if text.rstrip().endswith("?") and not kept[-1].endswith("?"):
            kept[-1] += "?"
        return " ".join(kept)

    def _referred(self, parts: list[str], i: int) -> bool:
        """Say whether the next clause points back at this one: "the song with the actress on it, what's it called?"."""
        if i + 1 >= len(parts) or self._carries_names(parts[i]):
            return False
        following = normalize(parts[i + 1]).split()
        asks = self._wh_clause(parts[i + 1]) and not self._carries_names(parts[i + 1])
        return bool(_POINTERS & set(following)) and asks

    def _mentions_artist(self, clause: str) -> bool:
        return bool(self.recognizer.recognize(clause).ids("artist"))

    def _only_artists(self, clause: str) -> bool:
        """Say whether a clause names artists and nothing else asked about (no show, category, year or date)."""
        rec = self.recognizer.recognize(clause)
        kinds = {t.kind for m in rec.mentions for t in m.targets}
        return kinds == {"artist"} and not (rec.years or rec.dates) and not self._wh_clause(clause)

    def _wh_clause(self, clause: str) -> bool:
        words = [self._spell(w) for w in normalize(clause).split() if w not in self.lexicon.fillers]
        return any(w in WH_WORDS for w in words[:4])

    def _is_tag(self, clause: str) -> bool:
        """Say whether a clause is a yes/no tag ("..., right?", "yes?", "is that true")."""
        words = tuple(w for w in normalize(clause).split())
        return bool(words) and words in self.lexicon.yes_no_tags

    def _carries(self, clause: str) -> bool:
        rec = self.recognizer.recognize(clause)
        if rec.mentions or rec.years or rec.dates:
            return True
        words = [self._spell(w) for w in rec.words]
        return any(w in WH_WORDS for w in words) or bool(words and words[0] in AUXILIARIES and len(words) > 2)

    def _weak_work(self, mention: Mention, rec: Recognized, text: str) -> bool:
        """Say whether a title that is an ordinary word ("Seven", "Butter") lacks a cue that it means the work."""
        works = [t.id for t in mention.targets if t.kind == "work"]
        if not works or len(mention.targets) != len(works):
            return False
        words = mention.text.split()
        if len(words) > 2 or not all(self.lexicon.is_english(w) or w.isdigit() for w in words):
            return False
        if _quoted_or_capitalised(mention.text, text):
            return False
        artists = {a for w in works for a in (*self.store.entities[w].artists, *self.store.entities[w].featuring)}
        if artists & set(rec.ids("artist")):
            return False
        others = self._phrases.replace(rec.words[: mention.start] + rec.words[mention.end :])  # "came out"
        after = rec.words[mention.end : mention.end + 1]
        if after and after[0] in self.lexicon.count_units and after[0] not in ("win", "won", "get", "got"):
            return True  # "the seven members": a number
        if any(_WORK_CUES & self.lexicon.concepts(w) for w in others):
            return False
        alone = len(rec.ids("artist")) + len(rec.ids("work")) == 1  # "did seven win anything"
        return not (alone and any({"win", "nominate", "award"} & self.lexicon.concepts(w) for w in others))

    def _set_aside(self, q: Question, rec: Recognized) -> None:
        """Move categories after "besides", "apart from", "except" out of what is asked about."""
        for m in rec.mentions:
            before = rec.words[max(0, m.start - 2) : m.start]
            if _EXCEPT & set(before) or before == ["other", "than"]:
                ids = [t.id for t in m.targets if t.kind == "category"]
                q.excluded += [c for c in ids if c in q.categories]
                q.categories = [c for c in q.categories if c not in ids]

    def _while(self, q: Question, rec: Recognized) -> None:
        """Read "while the 2022 AMAs were happening" as a time and "the 2021 AMA coverage" as a source,
        not as the show asked about."""
        for m in rec.mentions:
            before, after = set(rec.words[max(0, m.start - 3) : m.start]), set(rec.words[m.end : m.end + 2])
            aside = _TIME_OF & before or _SOURCE_BEFORE & before or _SOURCE_AFTER & after
            if any(t.kind == "ceremony" for t in m.targets) and aside:
                q.ceremonies = [c for c in q.ceremonies if c not in {t.id for t in m.targets}]
                rec.mentions = [x for x in rec.mentions if x is not m]
                rec.words = [("" if m.start <= i < m.end else w) for i, w in enumerate(rec.words)]
                return

    def _names(self, q: Question, rec: Recognized) -> None:
        q.artists, q.works, q.ceremonies = rec.ids("artist"), rec.ids("work"), rec.ids("ceremony")
        q.other_ceremonies = rec.ids("other_ceremony")
        q.years = list(dict.fromkeys([*rec.years, *(d.year for d in rec.dates if d.year)]))
        # A member named next to their group is the one asked about ("BTS's Jungkook", "BTS member V").
        starts = {t.id: m.start for m in rec.mentions for t in m.targets}
        members = {
            a
            for a in q.artists
            for m in self.store.entities[a].member_of
            if m.group in q.artists and abs(starts.get(a, 0) - starts.get(m.group, 99)) <= 3
        }
        groups = {m.group for a in members for m in self.store.entities[a].member_of}
        q.artists = [a for a in q.artists if a not in groups]
        self._categories(q, rec)

    def _categories(self, q: Question, rec: Recognized) -> None:
        """Pick each named category at the show asked about; the show follows from the category if unnamed."""
        store = self.store
        named = [[store.categories[t.id] for t in m.targets if t.kind == "category"] for m in rec.mentions]
        named = [cats for cats in named if cats]
        any_fits = any(c.ceremony in q.ceremonies for cats in named for c in cats)
        for cats in named:
            fitting = [c for c in cats if c.ceremony in q.ceremonies] if q.ceremonies else cats
            if q.ceremonies and not fitting:
                if any_fits:
                    continue  # "which K-pop artist won Best K-Pop at the EMAs": the other name is the category
                q.misplaced_categories.extend(c.id for c in cats)
                continue
            q.categories.extend(c.id for c in fitting if c.id not in q.categories)
        if not q.ceremonies and q.categories:
            q.ceremonies = list(dict.fromkeys(store.categories[c].ceremony for c in q.categories))

    @staticmethod
    def _slot(mention: Mention) -> str:
        kinds = {t.kind for t in mention.targets}
        if kinds == {"other_ceremony"}:
            return "{other}"
        return "{" + next(k for k in SLOT_ORDER if k in kinds) + "}"

    def _sequence(self, rec: Recognized) -> list[str]:
        """Return the words with names as slots ({artist}) and years as {year}; dates at the end."""
        starts = {m.start: m for m in rec.mentions}
        covered = {i for m in rec.mentions for i in range(m.start, m.end)}
        year_texts = {str(y) for y in rec.years}
        out: list[str] = []
        for i, word in enumerate(rec.words):
            if not word:
                continue  # a name read as a time ("while the AMAs were on")
            if i in starts:
                out.append(self._slot(starts[i]))
            elif i in covered:
                continue
            elif (m := _YEAR_PREFIX.match(word)) and m.group(2) in year_texts:
                out.extend(("before" if m.group(1) == "pre" else "after", "{year}"))
            elif (m := _NUMBER_UNIT.match(word)) and m.group(2) in self.lexicon.count_units:
                out.extend((m.group(1), m.group(2)))  # "5-year" -> 5 year
            else:
                out.append("{year}" if word in year_texts else word)
        if rec.relative_day:
            out = [w for w in out if w != "today"]
        for i in range(1, len(out) - 1):  # "Coldplay x BTS": a collaboration, not the platform X
            if out[i] == "x" and out[i - 1] == "{artist}" and out[i + 1] == "{artist}":
                out[i] = "and"
        out = [w for i, w in enumerate(out) if not (i and self._names_slot(out[i - 1], w))]
        return out + ["{date}"] * len(rec.dates)

    def _names_slot(self, slot: str, word: str) -> bool:
        """Say whether a word only says what the name before it is: "the AMA show", "the song Seven"."""
        kind = _SLOT_TYPES.get(slot)
        return kind is not None and any(spec.name == kind and word in spec.heads for spec in self.lexicon.answer_types)

    def _korean(self, sequence: list[str]) -> list[str]:
        out: list[str] = []
        for word in sequence:
            english = self.lexicon.korean_english(word) if self.lexicon.is_hangul(word) else ()
            out.extend(english or (word,))
        return out

    # --- words -----------------------------------------------------------------------------------
    def _reported(self, sequence: list[str]) -> bool:
        """Say whether the question reports a claim to check: "my friend says JK won Best Song"."""
        for at in range(3):
            for n in range(2, 6):
                if tuple(sequence[at : at + n]) in self._reported_phrases:
                    return not _has_wh(sequence[at + n : at + n + 2])
        return False

    def _yes_no_tags(self, sequence: list[str]) -> tuple[list[str], bool]:
        """Drop a trailing tag ("..., right?", "or nah") and say whether there was one."""
        dates = 0
        while dates < len(sequence) and sequence[len(sequence) - 1 - dates] == "{date}":
            dates += 1  # dates stand at the end of the sequence, after any tag
        body, tail = sequence[: len(sequence) - dates], sequence[len(sequence) - dates :]
        for tag in self.lexicon.yes_no_tags:
            n = len(tag)
            if len(body) > n and tuple(body[-n:]) == tag:
                return body[:-n] + tail, True
        lead = ("is", "it", "true", "that")
        if tuple(sequence[:4]) == lead:
            return sequence[4:], True
        return sequence, False

    def _spell(self, word: str) -> str:
        if word.startswith("{") or self.lexicon.known(word) or word in self.template_words:
            return word
        if len(word) > 3 and word.endswith("z") and self.lexicon.is_english(word[:-1] + "s"):
            return word[:-1] + "s"  # "dayz", "winz"
        squeezed = _squeeze(word)  # "hiii", "pleaseee", "sooo"
        for form in squeezed:
            if self.lexicon.known(form) or form in self.template_words:
                return form
        return self.speller.correct(word) or self._short_typo(word) or word

    def _short_typo(self, word: str) -> str | None:
        """Fix a short misspelt common word ("waht", "teh", "mnay", "wn"): one edit, most frequent English word."""
        if len(word) > 5 or not word.isalpha() or self.lexicon.is_english(word) or word in self.fact_words:
            return None  # "la" in "kicking off in LA" is no typo of "ll"
        found = [w for w in self._short_words if OSA.distance(word, w) == 1]
        return min(found, key=lambda w: self.lexicon.english.get(w, 10**6)) if found else None

    # --- form -------------------------------------------------------------------------------------
    def _form(self, q: Question, sequence: list[str]) -> None:
        fillers = self.lexicon.fillers
        words = [  # "how big": the filler after "how" is the question
            w for i, w in enumerate(sequence) if w not in fillers or w in WH_WORDS or sequence[i - 1 : i] == ["how"]
        ]
        first = next((w for w in words if not w.startswith("{")), "")
        predicate = [w for w in words if not w.startswith("{") and w not in self.lexicon.fillers]
        statement = (
            q.text.rstrip().endswith("?")
            and not _has_wh(words)
            and not _asks_count(words)
            and bool(predicate)
            and predicate[0] not in ("anything", "something")
        )
        if q.yes_no and (_has_wh(words) or _asks_count(words)):
            q.yes_no = False  # "how many were serving (jin hobi suga right)": the tag is an aside
        q.yes_no = q.yes_no or (first in AUXILIARIES and not _has_wh(words[:4])) or statement or _cleft(words)
        if "or" in words and set(words) & set(self.lexicon.comparatives):
            q.yes_no = False  # "did they win more at the AMAs or the EMAs?" asks which, not whether
        q.negated = any(w in NEGATIONS for w in words)
        q.asked = self._asked(words, q)
        if q.asked.type == "reason" and "historic" in q.words:
            q.asked = Asked(type="significance", wh=q.asked.wh)  # "why was it such a big deal?"

    def _asked(self, words: list[str], q: Question) -> Asked:
        if q.yes_no:
            return Asked(type="yes_no")
        present = set(words)
        for spec in self.lexicon.answer_types:
            for phrase in spec.words:
                at = _find(words, phrase) if phrase[0] in present else None
                if at is None:
                    continue
                if spec.name == "method" and not _asks_method(words[at + 1 : at + 8], self.lexicon):
                    continue
                if spec.name == "place":
                    return Asked(type=self._where(words), wh=phrase[0])
                unit = self._count_unit(words, phrase, at) if spec.name == "count" else None
                return Asked(type=spec.name, unit=unit, wh=phrase[0])
        for at in range(len(words) - 1):  # "how long", "how old"
            if words[at] == "how" and words[at + 1] in ("long", "old"):
                unit = "age" if words[at + 1] == "old" else self._unit(words[at + 2 :])
                return Asked(type="count", unit=unit, wh="how")
        return self._which(words)

    def _count_unit(self, words: list[str], phrase: tuple[str, ...], at: int) -> str | None:
        """Return what a count asks for: "how many weeks" -> week, "daesang count" -> daesang."""
        unit = self._unit(words[at + len(phrase) :])
        if phrase in (("count",), ("tally",)) and at:
            unit = self._unit(words[at - 1 : at]) or unit
        if phrase == ("how", "long") and unit not in _TIME_UNITS:
            unit = None  # "how long did music industry members pick": a time, not members
        return unit

    def _where(self, words: list[str]) -> str:
        """Return what "where" asks for: a place, or a platform when something was posted or released."""
        concepts = {c for w in words for c in self.lexicon.concepts(w)}
        return next((spec.name for spec in self.lexicon.answer_types if spec.where & concepts), "place")

    def _which(self, words: list[str]) -> Asked:
        if {"called", "named"} & set(words) and ({"what", "who"} & set(words)):
            return Asked(type="name", head=("called", "named"), wh="what")  # "what are the fans called?"
        for i, word in enumerate(words):
            if word not in ("which", "what"):
                continue
            skip = ("kind", "sort", "type", "of", "the", "a", "an", "was", "is", "were", "are", "s")
            after = [w for w in words[i + 1 : i + 7] if w not in skip]  # "what was the attendance"
            if after[:1] in (["name"], ["title"]) and len(after) > 1:
                after = after[1:]  # "what's the name of the daesang": the daesang is what is asked
                self._named = True
            typed = self._typed_head(after, word)
            if typed is not None:
                return typed
            if word == "which" and after and self._is_noun(after[0]):
                return Asked(head=(after[0],), wh=word)  # "which branch": the answer must name one
            return Asked(wh=word)
        return Asked()

    def _typed_head(self, after: list[str], wh: str) -> Asked | None:
        """Find the noun that names the answer type after which/what: "which american rapper" -> person."""
        for at in range(min(3, len(after))):  # the head after its adjectives
            for size in (2, 1):
                head = tuple(after[at : at + size])
                spec = next((s for s in self.lexicon.answer_types if " ".join(head) in s.heads), None)
                if spec is not None:
                    unit = self._unit(list(head)) if spec.name == "count" else None
                    return Asked(type=spec.name, unit=unit, head=head, wh=wh)
            if after[at] == "{artist}":
                continue  # "what Jungkook song": the head after the name
            if not self._is_noun(after[at]):
                break
        return None

    def _is_noun(self, word: str) -> bool:
        """Say whether a word after "which" can be the thing asked for (not "which is", "which of", a name)."""
        lex = self.lexicon
        return not (
            word.startswith("{") or word in lex.function_words or word in AUXILIARIES or word in lex.fillers
        ) and lex.is_english(word)

    def _unit(self, after: Sequence[str]) -> str | None:
        for word in after[:4]:
            if word in ("{ceremony}", "{category}"):
                return "award"
            if word in self.lexicon.count_units:
                return self.lexicon.count_units[word]
        return None

    # --- values -----------------------------------------------------------------------------------
    def _values(self, q: Question, sequence: list[str]) -> None:
        """Numbers, ordinals and time relations ("before 2020", "the year after")."""
        for i, word in enumerate(q.words):
            if _DIGITS.match(word) and len(word) < 7:
                q.numbers.append(int(word))
            elif word in _NUMBER_WORDS and (word != "one" or _ONLY & set(q.words[max(0, i - 2) : i])):
                q.numbers.append(_NUMBER_WORDS[word])
            elif (m := _ORDINAL_DIGITS.match(word)) or (word in _ORDINALS and word != "first"):
                q.ordinals.append(int(m.group(1)) if m else _ORDINALS[word])  # "first" is a claim word, not a count
        q.relation = _relation(sequence, q.years)
        if q.relation and q.relation.kind in ("next", "previous"):
            q.years = [q.relation.year]
            q.relation = None
        elif (
            q.relation
            and q.relation.kind == "after"
            and q.asked.type == "count"
            and {"have", "has", "now"} & set(q.words)
        ):
            q.relation = Relation("until", q.relation.year)  # "after the 2022 AMAs, how many does BTS have"
        self._year_of_other(q, sequence)

    def _content(self, q: Question) -> tuple[list[str], list[str]]:
        """Split the question's content words into those an answer must account for and everyday noise.

        A word must be accounted for when the lexicon or the facts know it, or when it is no common
        English word (an unknown name, a rare word); a common word neither knows ("dinner") is noise.
        """
        words = self._content_words(q)
        binding = [w for w in words if self._binding(w) or w in q.asked.head]
        return binding, [w for w in words if w not in binding]

    def _binding(self, word: str) -> bool:
        lex = self.lexicon
        return (
            lex.known(word)
            or word in self.template_words
            or word in self.fact_words
            or not lex.is_english(word)
            or lex.is_hangul(word)
            or any(word in spec.heads for spec in lex.answer_types)
        )

    def _content_words(self, q: Question) -> list[str]:
        words = self._content_words_all(q)
        if getattr(self, "_named", False):
            self._named = False
            words = [w for w in words if w != "name"]
        return words

    def _content_words_all(self, q: Question) -> list[str]:
        skip = self._not_content
        how = {"long", "often", "old"} if q.asked.wh == "how" else set()  # "how long": the question word
        out = []
        for word in q.words:
            if word in skip or word in how or _DIGITS.match(word) or word in _NUMBER_WORDS:
                continue
            if word in _ORDINALS and word != "first":
                continue
            if _ORDINAL_DIGITS.match(word):
                continue
            out.append(word)
        return out

    def _year_of_other(self, q: Question, sequence: list[str]) -> None:
        """Resolve "the year before Jungkook won it" to a year, from that artist's wins at the show asked about."""
        for i, word in enumerate(sequence[:-2]):
            if word != "year" or sequence[i + 1] not in ("before", "after") or sequence[i + 2] != "{artist}":
                continue
            slot = sum(1 for w in sequence[: i + 2] if w == "{artist}")
            if slot >= len(q.artists):
                return
            other = q.artists[slot]
            wins = [
                r
                for r in self.store.wins(other)
                if (not q.ceremonies or self.store.editions[r.edition].ceremony in q.ceremonies)
                and (not q.categories or r.category in q.categories)
            ]
            found = sorted({self.store.editions[r.edition].year for r in wins})
            if len(found) == 1:
                q.years = [found[0] + (-1 if sequence[i + 1] == "before" else 1)]
                q.artists = [a for a in q.artists if a != other]
                q.terms = _drop_nth(q.terms, "{artist}", slot)
            return

    def _assume_subject(self, q: Question) -> None:
        """Read "they"/"their" (or "the members") as the main group when no artist is named."""
        about_members = bool(
            {"member", "leader", "youngest", "oldest"} & {c for w in q.words for c in self.lexicon.concepts(w)}
        )
        if q.artists or q.works or not self.main_group:
            return
        if q.ceremonies and q.has("choose", "vote", "found", "network", "held"):
            return  # "how do they pick the AMA winners?": they are the show's people, not the group
        if not PLURAL_PRONOUNS & set(q.words) and not (about_members and not q.ceremonies):
            return
        q.artists = [self.main_group]
        q.assumed_subject = self.main_group
        if PLURAL_PRONOUNS & set(q.terms):
            q.terms = ["{artist}" if w in PLURAL_PRONOUNS else w for w in q.terms]
        else:
            q.terms = [*q.terms, "{artist}"]


def _drop_nth(terms: list[str], slot: str, n: int) -> list[str]:
    out, seen = [], 0
    for t in terms:
        if t == slot:
            seen += 1
            if seen - 1 == n:
                continue
        out.append(t)
    return out


def _squeeze(word: str) -> list[str]:
    """Return a word with runs of three or more letters cut to two, then to one."""
    if not re.search(r"(\w)\1\1", word):
        return []
    return [re.sub(r"(\w)\1+", r"\1\1", word), re.sub(r"(\w)\1+", r"\1", word)]


def _quoted_or_capitalised(name: str, text: str) -> bool:
    """Say whether a name is written in quotes, or capitalised inside a sentence, in the original text."""
    pattern = re.compile(r"\b" + r"\W+".join(re.escape(w) for w in name.split()) + r"\b", re.IGNORECASE)
    for m in pattern.finditer(text):
        before, after = text[: m.start()].rstrip(), text[m.end() :]
        if before[-1:] in _QUOTES and after[:1] in _QUOTES:
            return True
        sentence_start = not before or before[-1] in ".!?:"
        if m.group(0)[:1].isupper() and not sentence_start and not text.isupper():
            return True
    return False


def _opinion(mention: Mention, rec: Recognized) -> bool:
    """Say whether "best song" is an opinion, not the category: "BTS's best song ever", "best song of all time"."""
    if not any(t.kind == "category" for t in mention.targets) or not mention.text.startswith(("best", "favorite")):
        return False
    after = rec.words[mention.end : mention.end + 3]
    return after[:1] == ["ever"] or after == ["of", "all", "time"]


def _cleft(words: Sequence[str]) -> bool:
    """Say whether a question is "was it X who ...?": a yes/no claim about who."""
    return (
        len(words) > 3
        and words[0] in ("was", "is", "wasnt", "isnt")
        and words[1] == "it"
        and ("who" in words[2:6] or "that" in words[2:6])
    )


def _asks_count(words: Sequence[str]) -> bool:
    pairs = (("how", "many"), ("how", "much"), ("number", "of"), ("how", "long"), ("how", "big"), ("how", "old"))
    return any(tuple(words[i : i + 2]) in pairs for i in range(len(words))) or bool(_COUNT_NOUNS & set(words))


def _asks_method(after: Sequence[str], lex: Lexicon) -> bool:
    """Say whether "how ..." asks for a method ("how are winners chosen") rather than a description."""
    return any({"choose", "vote", "found", "work"} & lex.concepts(w) for w in after)


def _has_wh(words: Sequence[str]) -> bool:
    return any(w in WH_WORDS for w in words)


def _find(words: Sequence[str], phrase: tuple[str, ...]) -> int | None:
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if tuple(words[i : i + n]) == phrase:
            return i
    return None


class _PhraseTable:
    """Replace multi-word phrases in a word sequence, longest first, looked up by their first word."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], tuple[str, ...]]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for source, target in sorted(phrases, key=lambda p: -len(p[0])):
            self._by_first.setdefault(source[0], []).append((source, target))

    def replace(self, sequence: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(sequence):
            for source, target in self._by_first.get(sequence[i], ()):
                n = len(source)
                if tuple(sequence[i : i + n]) == source:
                    out.extend(target)
                    i += n
                    break
            else:
                out.append(sequence[i])
                i += 1
        return out


_RELATIONS = {
    "before": "before",
    "prior": "before",
    "after": "after",
    "since": "after",
    "until": "until",
    "by": "until",
    "counting": "until",
    "including": "until",
    "through": "until",
}


def _relation(sequence: list[str], years: list[int]) -> Relation | None:
    """Find "before 2020", "until 2021", "the year after 2021" in the words around {year} slots."""
    if not years:
        return None
    year_positions = [i for i, w in enumerate(sequence) if w == "{year}"]
    for i, word in enumerate(sequence):
        if word == "year" and i + 1 < len(sequence) and sequence[i + 1] in ("before", "after"):
            step = -1 if sequence[i + 1] == "before" else 1
            return Relation("previous" if step < 0 else "next", years[-1] + step)
        kind = _RELATIONS.get(word)
        if kind and any(p in (i + 1, i + 2) for p in year_positions):
            index = next(n for n, p in enumerate(year_positions) if p in (i + 1, i + 2))
            return Relation(kind, years[min(index, len(years) - 1)])
    return None
