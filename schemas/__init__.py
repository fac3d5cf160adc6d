"""Pandera models, one per warehouse table (see ../shared/CONTRACT.md)."""

from schemas._dask_types import skip_dask_annotations
from schemas.articles import Articles
from schemas.boilerplate import Boilerplate
from schemas.documents import Documents
from schemas.dq_results import DqResults
from schemas.entities import Entities
from schemas.mentions import Mentions
from schemas.paragraphs import Paragraphs
from schemas.quotes import Quotes
from schemas.rejects import Rejects
from schemas.runs import Runs
from schemas.sources import Sources
from schemas.stories import Stories

skip_dask_annotations()  # before pandera first reads a model: see schemas/_dask_types.py

MODELS = {
    "documents": Documents,
    "sources": Sources,
    "articles": Articles,
    "paragraphs": Paragraphs,
    "boilerplate": Boilerplate,
    "rejects": Rejects,
    "runs": Runs,
    "dq_results": DqResults,
    "quotes": Quotes,
    "entities": Entities,
    "mentions": Mentions,
    "stories": Stories,
}
