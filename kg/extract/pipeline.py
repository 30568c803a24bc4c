"""The spaCy pipeline: tokenizer, folded norms, sentences, and an entity ruler from the reference data.

Rule-based by default (``spacy.blank("en")``): no pretrained model is needed. ``model`` names an
installed pipeline to start from instead; the reference entities then overwrite its own.
"""

from __future__ import annotations

import tomllib
from bisect import bisect_right
from typing import cast

import numpy
import spacy
from spacy.attrs import NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab
from thinc.types import Ints2d

from kg import resources
from kg.errors import KgError
from kg.extract.lexicon import doc_offsets, doc_text, fold
from kg.extract.patterns import Pattern, entity_patterns


class FoldNorm:
    """Sets each token's NORM to its folded form, which the gazetteer and the readers match on.

    Whole-document arrays and a cache per word: setting ``token.norm_`` word by word builds a
    Token object per word, which cost as much as the rest of the pipeline. The folded forms are also
    left in ``doc.user_data`` for :func:`kg.extract.lexicon.doc_norms`.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.strings = vocab.strings
        self.folded: dict[int, tuple[int, str]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        pairs = [self.folded.get(orth) or self._fold(orth) for orth in doc.to_array(ORTH).tolist()]
        doc.from_array([NORM], _column([key for key, _ in pairs]))
        doc.user_data["kg_norms"] = [norm for _, norm in pairs]
        return doc

    def _fold(self, orth: int) -> tuple[int, str]:
        norm = fold(self.strings[orth])
        pair = self.folded[orth] = (self.strings.add(norm), norm)
        return pair


def _column(values: list[int]) -> Ints2d:
    """VALUES as the one-column array Doc.from_array takes (thinc's Ints2d is a numpy array)."""
    return cast(Ints2d, numpy.array(values, dtype=numpy.uint64).reshape(-1, 1))


@Language.factory("kg_fold_norm")
def make_fold_norm(nlp: Language, name: str) -> FoldNorm:
    return FoldNorm(nlp.vocab)


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and list items have no final stop."""
    text, offsets = doc_text(doc), doc_offsets(doc)
    starts = set()
    at = text.find("\n")
    while at != -1:
        after = bisect_right(offsets, at)  # the token after the one whose text or space has the break
        if 0 < after < len(doc):
            starts.add(after)
        at = text.find("\n", at + 1)
    if starts:
        # One array write: each token.is_sent_start assignment rescans the whole document.
        flags = doc.to_array(SENT_START).tolist()
        for i in starts:
            flags[i] = 1
        doc.from_array([SENT_START], _column(flags))
    return doc


def _folded_doc(nlp: Language, text: str) -> Doc:
    """TEXT tokenized, with each token's NORM folded as kg_fold_norm folds an article's."""
    doc = nlp.make_doc(text)
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


class Gazetteer:
    """Marks mentions of the reference entities as doc.ents, the longest match winning.

    Two phrase matchers, no token patterns: the folded one over NORM for multi-word names, the
    exact one over ORTH for one-word names and acronyms. (spaCy's entity ruler would run the one-word
    names as token patterns, which cost half the extraction time.)
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.folded = PhraseMatcher(nlp.vocab, attr="NORM")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str]] = {}

    def add_patterns(self, patterns: list[Pattern]) -> None:
        """Add entity patterns, as spaCy's EntityRuler takes them.

        Not through the component's config, which spaCy would validate and keep in the pipeline's
        config: a thousand patterns cost a tenth of a second there, at every start.
        """
        nlp = self.nlp
        grouped: dict[tuple[str, str, str], list[str]] = {}
        for p in patterns:
            grouped.setdefault((p["match"], p["label"], p["id"]), []).append(p["pattern"])
        for (match, label, iri), texts in grouped.items():
            key = f"{label}|{iri}"
            self.keys[nlp.vocab.strings.add(key)] = (label, iri)
            if match == "exact":
                self.exact.add(key, [nlp.make_doc(text) for text in texts])
            else:
                self.folded.add(key, [_folded_doc(nlp, text) for text in texts])

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            Span(doc, start, end, label=self.keys[key][0], span_id=self.keys[key][1])
            for matcher in (self.folded, self.exact)
            for key, start, end in matcher(doc)
        ]
        doc.ents = filter_spans(spans)
        return doc


def build_nlp(model: str | None = None) -> Language:
    """The extraction pipeline, with entity patterns generated from the reference data."""
    if model:
        try:
            nlp = spacy.load(model)
        except OSError as err:
            raise KgError(
                f"spaCy pipeline {model!r} is not installed; leave out --model to use the rule-based one"
            ) from err
    else:
        nlp = spacy.blank("en")
    _keep_abbreviations(nlp)
    nlp.add_pipe("kg_fold_norm", first=True)
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_line_breaks")
    gazetteer = nlp.add_pipe("kg_gazetteer")
    assert isinstance(gazetteer, Gazetteer)
    gazetteer.add_patterns(list(entity_patterns(lambda text: [t.text for t in nlp.make_doc(text)])))
    return nlp


def _keep_abbreviations(nlp: Language) -> None:
    """Ranks written short stay one token, so that no sentence ends inside "Maj. Gen. Pat Ryder"."""
    path = resources.lexicon_file("extraction.toml")
    words = tomllib.loads(path.read_text(encoding="utf-8")).get("tokenizer", {}).get("abbreviations", [])
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    for word in words:
        for form in {word, word.upper(), word.capitalize()}:
            tokenizer.add_special_case(form, [{ORTH: form}])


@Language.factory("kg_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(nlp)
