"""Extraction warnings (e.g. an undecidable day/month order) are counted in dq_results."""


from flows import quality
from flows.batch import build_rows

RUN = "run-warn"

from tests.conftest import raw_input


def test_ambiguous_date_is_loaded_and_counted_as_a_warning():
    ambiguous = raw_input("Airline adds flights to Aktobe\n\n03.04.2024 | 14:20\n\nThe airline adds three weekly flights.\n\n"
                    "Tickets are on sale at the airport desks and online from Monday.\n", "a.txt")
    clear = raw_input("Airline adds flights to Atyrau\n\n13.04.2024 | 14:20\n\nThe airline adds two weekly flights.\n\n"
                "Tickets are on sale at the airport desks and online from Monday.\n", "b.txt")
    frames, tallies = quality.validate_batch(build_rows([ambiguous, clear], set(), RUN), RUN)
    assert len(frames["articles"]) == 2  # a warning never holds a document back
    tally = tallies[("articles", "warning:ambiguous_day_month")]
    assert tally.failures == 1 and tally.sample == [ambiguous.doc_id]
    (row,) = [r for r in quality.dq_rows(RUN, tallies) if r["check"] == "warning:ambiguous_day_month"]
    assert row["failures"] == 1 and row["passed"] is False
