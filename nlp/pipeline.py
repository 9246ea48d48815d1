"""The spaCy pipeline: ``spacy.blank("zh")`` with normscope's components registered as factories.

Components read the normalised copy (``doc._.norm``) and put spans over the original text,
so highlighting in the UI always shows the user's own characters.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.extracted import Extracted
from nlp.citations import extract_citations
from nlp.document import Metadata, ParsedDocument, Structure
from nlp.metadata import extract_metadata
from nlp.normalize import normalize, to_simplified
from nlp.provision_model import classify_types_many
from nlp.provisions import TYPES, classify
from nlp.registry import Registry
from nlp.structure import parse_structure
from nlp.tokenizer import create_tokenizer  # noqa: F401 - registers normscope.CharTokenizer.v1

#: Component order, kept declarative: later issues append citations and provisions here.
PIPELINE = ("normscope_normalizer", "normscope_structure", "normscope_metadata", "normscope_citations",
            "normscope_provisions")
CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "normscope.CharTokenizer.v1"}}}

for _attr in ("norm", "structure", "metadata", "citations"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)


@Language.component("normscope_normalizer")
def normalizer(doc: Doc) -> Doc:
    """Build the simplified, width-folded, noise-free copy that every matcher runs on."""
    doc._.norm = normalize(doc.user_data.get("text") or doc.text)
    return doc


@Language.component("normscope_structure")
def structure(doc: Doc) -> Doc:
    """Articles and headings as spans, with the full tree in ``doc._.structure``."""
    result = parse_structure(doc._.norm)
    doc._.structure = result
    doc.spans["articles"] = [
        s for a in result.articles
        if (s := doc.char_span(a.start, a.end, label="ARTICLE", alignment_mode="expand")) is not None
    ]
    doc.spans["headings"] = [
        s for h in result.headings
        if (s := doc.char_span(h.start, h.end, label=h.level, alignment_mode="expand")) is not None
    ]
    return doc


@Language.component("normscope_metadata")
def metadata(doc: Doc) -> Doc:
    """Title, 文号, issuers, level and dates; the reader's title hint is passed in user_data."""
    doc._.metadata = extract_metadata(doc._.norm, doc._.structure, doc.user_data.get("title_hint"))
    return doc


class CitationFinder:
    """Citations as spans; ``registry`` (bundled facts by default, the store's when set) delimits
    titles written without 《》 and resolves what is cited."""

    def __init__(self, registry: Registry | None = None):
        self.registry = registry

    def __call__(self, doc: Doc) -> Doc:
        reg = self.registry or bundled_registry()
        found = extract_citations(doc._.norm, doc._.structure, reg.known)
        for c in found:
            if c.title and not c.form:
                res = reg.resolve(c.means or c.title)
                c.resolved = res.entry.title if res.entry else None
                c.candidates = res.candidates if res.method == "ambiguous" else []
        doc._.citations = found
        doc.spans["citations"] = [
            s for c in found
            if (s := doc.char_span(c.start, c.end, label="BASIS" if c.is_basis else "CITATION",
                                   alignment_mode="expand")) is not None
        ]
        return doc


@Language.factory("normscope_citations")
def make_citation_finder(nlp: Language, name: str) -> CitationFinder:
    return CitationFinder()


@Language.component("normscope_provisions")
def provisions(doc: Doc) -> Doc:
    """Type every paragraph (许可/处罚/强制/收费 …) and list the penalty kinds and fines it sets.

    Types come from the rules, except for labels where the trained model beat them on held-out
    data (models/provisions/choice.json; none at present, so the model is not even loaded)."""
    paragraphs = [p for article in doc._.structure.articles for p in article.paragraphs]
    simplified = [to_simplified(p.text) for p in paragraphs]  # same length: offsets survive
    found = [classify(t) for t in simplified]
    types = classify_types_many(simplified, [f.types for f in found])
    spans = []
    for p, f, t in zip(paragraphs, found, types):
        p.types, p.penalty_kinds, p.fines = list(t), f.penalty_kinds, f.fines
        span = doc.char_span(p.start, p.end, label=next((x for x in TYPES if x in t), "其他"),
                             alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["provisions"] = spans
    return doc


@lru_cache(maxsize=1)
def bundled_registry() -> Registry:
    """The facts and aliases shipped in corpus/, for parsing without a database."""
    return Registry.from_facts()


def use_registry(registry: Registry | None) -> None:
    """Resolve citations against ``registry`` (the store's, say) from now on; None means the bundled facts."""
    load().get_pipe("normscope_citations").registry = registry


@lru_cache(maxsize=1)
def load() -> Language:
    """The pipeline, built once per process (worker processes build their own)."""
    nlp = spacy.blank("zh", config=CONFIG)
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp


def parse_extracted(ex: Extracted) -> ParsedDocument:
    """Run the pipeline over one extracted text."""
    nlp = load()
    doc = nlp.make_doc(ex.text)
    doc.user_data["title_hint"] = ex.title_hint
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    meta: Metadata = doc._.metadata
    struct: Structure = doc._.structure
    return ParsedDocument(source=ex.source, format=ex.format, text=ex.text, metadata=meta,
                          structure=struct, encoding=ex.encoding,
                          warnings=list(ex.warnings) + list(struct.warnings), citations=doc._.citations)
